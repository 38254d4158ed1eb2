package dev.lightdevops.worker.deploy;

import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.deployment.DeploymentLedger;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.worker.WorkerProperties;
import dev.lightdevops.worker.execution.OperationFailedException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and writes what is live per target through {@code ops.deployments}: reads come from this worker's
 * {@link DeploymentLedger} after it caught up (so a deploy run on another worker is seen), writes are full
 * snapshots acknowledged by Kafka before the operation moves on. Commands of one target run one at a time
 * (one key, one partition of {@code ops.commands}), so read-then-write here does not race.
 */
@Component
class DeploymentRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeploymentRecorder.class);

    private final DeploymentLedger ledger;
    private final KafkaTemplate<String, byte[]> kafka;
    private final DeployProperties deploy;
    private final WorkerProperties worker;
    private final Clock clock;
    private final String workerName = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    DeploymentRecorder(DeploymentLedger ledger, KafkaTemplate<String, byte[]> kafka, DeployProperties deploy,
            WorkerProperties worker, Clock clock) {
        this.ledger = ledger;
        this.kafka = kafka;
        this.deploy = deploy;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * What is live on the operation's target now, including every record written anywhere before this call. A view
     * that does not catch up in time (its partition's leader is moving, drill-leader's cause 6) is waited for again
     * instead of failing the attempt: nothing has been done to the target yet, and each failure would spend one of
     * the operation's attempts, all of them within one leader restart. The wait is bounded by the operation's
     * deadline (the runner stops the run then, {@code timed_out}); a cancel or a hand-over interrupts it.
     */
    Deployment current(Operation operation) throws InterruptedException {
        String service = operation.target().service();
        String environment = operation.target().environment();
        // Every record of a target is keyed by it: its partition of ops.deployments is all this read needs.
        String key = service + "@" + environment;
        for (int waits = 1; ; waits++) {
            try {
                ledger.awaitCaughtUp(key, deploy.viewCatchUpTimeout());
                return ledger.find(key).orElse(Deployment.none(service, environment));
            } catch (TimeoutException slow) {
                if (operation.deadline() == null || !clock.instant().isBefore(operation.deadline())) {
                    throw new OperationFailedException("deployments_view_unavailable", "could not read what is "
                            + "live on " + key + " from Kafka in time", true);
                }
                log.warn("operation {}: the deployments view of {} did not catch up within {} ({} times); waiting "
                        + "again, until its deadline {}", operation.id(), key, deploy.viewCatchUpTimeout(), waits,
                        operation.deadline());
            }
        }
    }

    /** Records that {@code kind} of {@code version} ended with {@code outcome}; answers the new snapshot. */
    Deployment record(Deployment current, String kind, String version, String outcome, String operationId,
            String reason, String via, String requestedBy) throws InterruptedException {
        Deployment next = current.after(new DeploymentEvent(kind, version, outcome, operationId, reason, via,
                requestedBy, workerName, clock.instant()));
        try {
            kafka.send(Topics.DEPLOYMENTS, next.key(), ContractJson.write(next))
                    .get(worker.statusPublishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new OperationFailedException("deployment_not_recorded", "the " + kind + " of " + next.key() + " "
                    + version + " ended " + outcome + " but could not be recorded in Kafka", true, failed);
        }
        return next;
    }

    String workerName() {
        return workerName;
    }

    /** The ledger bean: this worker's view of {@code ops.deployments}. */
    @Configuration(proxyBeanMethods = false)
    static class LedgerConfiguration {

        @Bean
        DeploymentLedger deploymentLedger(KafkaProperties kafka) {
            Map<String, Object> consumer = kafka.buildConsumerProperties();
            return new DeploymentLedger(consumer);
        }
    }
}
