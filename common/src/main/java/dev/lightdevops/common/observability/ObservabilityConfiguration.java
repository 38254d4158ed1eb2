package dev.lightdevops.common.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What both apps add to Spring Boot's actuator, Micrometer, tracing and logging auto-configuration: Kafka in
 * readiness, operation metrics, the operation's ids in the log context of a consumed command, and secrets redacted
 * from every log line.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityConfiguration {

    /** One long-lived admin client for health checks, with timeouts as short as the probes'. */
    @Bean(destroyMethod = "close")
    Admin observabilityAdmin(KafkaAdmin kafkaAdmin, ObservabilityProperties settings) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        int timeout = (int) settings.kafkaHealthTimeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "observability-admin-" + System.identityHashCode(config));
        return Admin.create(config);
    }

    @Bean(destroyMethod = "close")
    KafkaHealthIndicator kafkaHealthIndicator(Admin observabilityAdmin, ObservabilityProperties settings) {
        return new KafkaHealthIndicator(observabilityAdmin, settings);
    }

    @Bean
    OperationSnapshotMetrics operationSnapshotMetrics(MeterRegistry registry) {
        return new OperationSnapshotMetrics(registry);
    }

    @Bean
    CommandLogContextHandler commandLogContextHandler() {
        return new CommandLogContextHandler();
    }

    /** Every log line of the app passes {@link Redaction} (tokens, keys, cookies masked). */
    @Bean
    LogRedaction logRedaction() {
        return new LogRedaction();
    }
}
