package dev.lightdevops.worker.execution;

import static dev.lightdevops.worker.execution.EngineTestSupport.accept;
import static dev.lightdevops.worker.execution.EngineTestSupport.queued;
import static dev.lightdevops.worker.execution.EngineTestSupport.terminalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.worker.WorkerApplication;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A graceful stop lets a running operation finish on this worker instead of handing it over mid-run. */
class GracefulStopTest {

    @Test
    void aRunningOperationFinishesBeforeTheWorkerStops() {
        ConfigurableApplicationContext worker = WorkerApplication.builder().sources(ScriptedDeployTarget.Wiring.class)
                .run("--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                        "--devops.worker.group-id=graceful-" + UUID.randomUUID(),
                        "--devops.worker.engine.shutdown-grace=60s");
        ScriptedDeployTarget target = worker.getBean(ScriptedDeployTarget.class);
        Operation deploy = accept(queued("graceful", Map.of("version", "1", "hold_ms", 1500)));
        await().atMost(Duration.ofSeconds(60)).until(() -> target.starts.contains(deploy.id()));

        worker.close();

        Operation ended = terminalOf(deploy.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(ended.attempt()).isEqualTo(1);
        assertThat(target.interrupted).doesNotContain(deploy.id());
    }
}
