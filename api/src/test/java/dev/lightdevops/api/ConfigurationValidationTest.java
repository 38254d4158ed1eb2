package dev.lightdevops.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A bad configuration value stops the api at start, with a message that names the property. */
class ConfigurationValidationTest {

    @Test
    void outOfRangeValueStopsTheAppNamingTheProperty() {
        assertThatThrownBy(() -> ApiTestContexts.start("--devops.kafka.partitions=0").close())
                .hasStackTraceContaining("devops.kafka.partitions");
    }

    @Test
    void negativeDurationStopsTheAppNamingTheProperty() {
        assertThatThrownBy(() -> ApiTestContexts.start("--devops.compat.result-wait=-5s").close())
                .hasStackTraceContaining("devops.compat.result-wait");
    }

    @Test
    void unreadableValueStopsTheAppNamingTheProperty() {
        assertThatThrownBy(() -> ApiTestContexts.start("--devops.observability.kafka-health-timeout=soon").close())
                .hasStackTraceContaining("devops.observability.kafka-health-timeout");
    }
}
