package dev.lightdevops.worker.execution;

import static dev.lightdevops.worker.execution.EngineTestSupport.accept;
import static dev.lightdevops.worker.execution.EngineTestSupport.queued;
import static dev.lightdevops.worker.execution.EngineTestSupport.snapshotsOf;
import static dev.lightdevops.worker.execution.EngineTestSupport.terminalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.worker.WorkerApplication;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Invariant 1 with a real {@code kill -9}: worker A runs in its own JVM (the test's classpath, the real
 * {@link WorkerApplication}), starts a deploy, and is killed with SIGKILL mid-run: no shutdown hook, no commit, no last
 * snapshot. Worker B, in the same consumer group, takes A's partitions once A's session expires, finds the operation
 * running at attempt 1, and runs it as attempt 2 to the end. A separate process is used rather than a second context
 * in this JVM because only a process kill shows what a crash leaves behind (an open consumer-group member that must
 * time out, a command never committed), with nothing of ours running on the way out.
 */
class WorkerCrashRecoveryTest {

    @Test
    void anOperationOfAWorkerKilledMidRunIsFinishedByAnotherWorkerAsTheNextAttempt() throws Exception {
        String group = "crash-" + UUID.randomUUID();
        List<String> groupSettings = List.of(
                "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--devops.worker.group-id=" + group,
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");
        Process workerA = startWorkerProcess(groupSettings, "--devops.worker.simulated-stage-duration=120s");
        ConfigurableApplicationContext workerB = null;
        try {
            Operation deploy = accept(queued("crash-" + UUID.randomUUID().toString().substring(0, 8),
                    Map.of("service", "crash", "version", "7.0.0", "environment", "staging")));
            await().atMost(Duration.ofSeconds(120)).until(() -> snapshotsOf(deploy.id()).stream()
                    .anyMatch(snapshot -> snapshot.progress() != null
                            && "validate".equals(snapshot.progress().stage())));

            workerA.destroyForcibly();
            workerA.waitFor();
            workerB = WorkerApplication.builder().run(concat(groupSettings,
                    "--devops.worker.simulated-stage-duration=50ms"));

            await().atMost(Duration.ofSeconds(90)).until(() -> terminalOf(deploy.id()).isPresent());
            Operation finished = terminalOf(deploy.id()).orElseThrow();
            assertThat(finished.status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(finished.attempt()).isEqualTo(2);
            assertThat(snapshotsOf(deploy.id())).anySatisfy(snapshot -> {
                assertThat(snapshot.attempt()).isEqualTo(2);
                assertThat(snapshot.progress().message()).contains("previous worker was lost");
            });
        } finally {
            workerA.destroyForcibly();
            if (workerB != null) {
                workerB.close();
            }
        }
    }

    private static Process startWorkerProcess(List<String> settings, String... more) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, WorkerApplication.class.getName()));
        command.addAll(List.of(concat(settings, more)));
        File log = new File("target/crashed-worker.log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static String[] concat(List<String> settings, String... more) {
        List<String> all = new java.util.ArrayList<>(settings);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
