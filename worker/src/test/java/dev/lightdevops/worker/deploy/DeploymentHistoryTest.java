package dev.lightdevops.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.deployment.DeploymentLedger;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.worker.WorkerCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What is live lives in {@code ops.deployments} on the real broker: it survives a worker restart, a rollback on one
 * worker finds the versions another worker deployed, and rollbacks refuse what they cannot do.
 */
class DeploymentHistoryTest {

    @Test
    void historySurvivesARestartAndRollbackOnAnotherWorkerRestoresThePreviousVersion() throws Exception {
        Target target = new Target(uniqueService(), "staging");
        Operation first;
        Operation second;
        try (ConfigurableApplicationContext workerA = WorkerCommands.startWorker()) {
            first = WorkerCommands.run(OperationType.DEPLOY, target, deploy(target, "1.0.0", null));
            second = WorkerCommands.run(OperationType.DEPLOY, target, deploy(target, "2.0.0", null));
        }
        assertThat(first.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(second.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(second.result()).containsEntry("previous_version", "1.0.0");

        try (ConfigurableApplicationContext workerB = WorkerCommands.startWorker()) {
            DeploymentLedger ledger = workerB.getBean(DeploymentLedger.class);
            ledger.awaitCaughtUp(Duration.ofSeconds(30));
            Deployment restored = ledger.find(target.key()).orElseThrow();
            assertThat(restored.liveVersion()).isEqualTo("2.0.0");
            assertThat(restored.history()).extracting(DeploymentEvent::version).containsExactly("2.0.0", "1.0.0");

            Operation rollback = WorkerCommands.run(OperationType.ROLLBACK, target,
                    rollback(target, "error rate doubled after 2.0.0", null));

            assertThat(rollback.status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(rollback.result()).containsEntry("version", "1.0.0")
                    .containsEntry("rolled_back_from", "2.0.0");
            assertThat(rollback.result().get("worker")).isNotEqualTo(second.result().get("worker"));
            ledger.awaitCaughtUp(Duration.ofSeconds(30));
            Deployment after = ledger.find(target.key()).orElseThrow();
            assertThat(after.liveVersion()).isEqualTo("1.0.0");
            assertThat(after.history().get(0).kind()).isEqualTo("rollback");
            assertThat(after.history().get(0).reason()).isEqualTo("error rate doubled after 2.0.0");
        }
    }

    @Test
    void rollbacksRefuseWhatWasNeverLiveAndUnhealthyDeploysRollBackByThemselves() throws Exception {
        Target target = new Target(uniqueService(), "production");
        try (ConfigurableApplicationContext worker = WorkerCommands.startWorker(
                "--devops.deploy.simulated.failing-versions=.*-broken")) {
            Operation neverDeployed = WorkerCommands.run(OperationType.ROLLBACK, target,
                    rollback(target, "nothing here yet, still try", null));
            assertFailed(neverDeployed, "never_deployed");

            WorkerCommands.run(OperationType.DEPLOY, target, deploy(target, "1.0.0", null));
            Operation onlyOne = WorkerCommands.run(OperationType.ROLLBACK, target,
                    rollback(target, "only one version was ever live", null));
            assertFailed(onlyOne, "no_previous_version");

            WorkerCommands.run(OperationType.DEPLOY, target, deploy(target, "2.0.0", null));
            Operation neverLive = WorkerCommands.run(OperationType.ROLLBACK, target,
                    rollback(target, "go to a version never deployed", "0.9.0"));
            assertFailed(neverLive, "version_never_live");

            Operation broken = WorkerCommands.run(OperationType.DEPLOY, target, deploy(target, "3.0.0-broken", true));
            assertFailed(broken, "health_check_failed");
            assertThat(broken.error().message()).contains("rolled back automatically to 2.0.0");
            DeploymentLedger ledger = worker.getBean(DeploymentLedger.class);
            ledger.awaitCaughtUp(target.key(), Duration.ofSeconds(30));
            Deployment afterBroken = ledger.find(target.key()).orElseThrow();
            assertThat(afterBroken.liveVersion()).isEqualTo("2.0.0");
            assertThat(afterBroken.history()).extracting(DeploymentEvent::kind).startsWith("auto_rollback", "deploy");
            assertThat(afterBroken.history().get(1).outcome()).isEqualTo(DeploymentEvent.FAILED);

            Operation named = WorkerCommands.run(OperationType.ROLLBACK, target,
                    rollback(target, "back to the first release", "1.0.0"));
            assertThat(named.status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(named.result()).containsEntry("version", "1.0.0").containsEntry("rolled_back_from", "2.0.0");
        }
    }

    private static void assertFailed(Operation operation, String code) {
        assertThat(operation.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(operation.error().code()).isEqualTo(code);
        assertThat(operation.error().retryable()).isFalse();
    }

    private static Map<String, Object> deploy(Target target, String version, Boolean autoRollback) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service", target.service());
        request.put("version", version);
        request.put("environment", target.environment());
        request.put("dry_run", false);
        request.put("auto_rollback", autoRollback != null && autoRollback);
        return request;
    }

    private static Map<String, Object> rollback(Target target, String reason, String version) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service", target.service());
        request.put("environment", target.environment());
        request.put("reason", reason);
        if (version != null) {
            request.put("target_version", version);
        }
        return request;
    }

    private static String uniqueService() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
