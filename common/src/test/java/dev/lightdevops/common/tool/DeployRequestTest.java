package dev.lightdevops.common.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployRequestTest {

    @Test
    void validArgumentsBecomeARequest() {
        DeployRequest request = DeployRequest.from(Map.of("service", "checkout", "version", "1.4.2",
                "environment", "staging", "idempotency_key", "k-1"));
        assertThat(request.target().key()).isEqualTo("checkout@staging");
        assertThat(request.idempotencyKey()).isEqualTo("k-1");
        assertThat(request.dryRun()).isFalse();
    }

    @Test
    void unknownEnvironmentIsRejectedByName() {
        assertThatThrownBy(() -> DeployRequest.from(Map.of("service", "checkout", "version", "1",
                "environment", "prod")))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("environment").hasMessageContaining("unknown environment 'prod'");
    }

    @Test
    void missingVersionIsRejectedByName() {
        assertThatThrownBy(() -> DeployRequest.from(Map.of("service", "checkout", "environment", "staging")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("'version': is required");
    }

    @Test
    void shellMetacharactersInAServiceNameAreRejected() {
        assertThatThrownBy(() -> DeployRequest.from(Map.of("service", "a;rm -rf /", "version", "1",
                "environment", "staging")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("'service'");
    }

    @Test
    void wrongTypesAndUnknownArgumentsAreRejected() {
        assertThatThrownBy(() -> DeployRequest.from(Map.of("service", 42, "version", "1", "environment", "staging")))
                .hasMessageContaining("must be a string");
        assertThatThrownBy(() -> DeployRequest.from(Map.of("service", "a", "version", "1", "environment",
                "staging", "force", true)))
                .hasMessageContaining("unknown argument");
    }
}
