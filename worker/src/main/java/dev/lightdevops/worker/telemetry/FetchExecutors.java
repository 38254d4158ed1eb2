package dev.lightdevops.worker.telemetry;

import dev.lightdevops.worker.execution.OperationExecutor;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The executors of {@code fetch_logs} and {@code fetch_metrics}, both through the one telemetry source. */
@Configuration(proxyBeanMethods = false)
class FetchExecutors {

    @Bean
    OperationExecutor fetchLogsExecutor(TelemetrySource source, Clock clock) {
        return FetchExecutor.logs(source, clock);
    }

    @Bean
    OperationExecutor fetchMetricsExecutor(TelemetrySource source, Clock clock) {
        return FetchExecutor.metrics(source, clock);
    }
}
