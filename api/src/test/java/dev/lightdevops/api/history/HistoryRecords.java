package dev.lightdevops.api.history;

import dev.lightdevops.common.audit.AuditEvent;
import dev.lightdevops.common.deployment.Deployment;
import dev.lightdevops.common.deployment.DeploymentEvent;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Approval;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationError;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationStatus;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Outcome;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what api and workers write, straight to the shared broker's topics: operation snapshots through their
 * lifecycle, deployment records and audit events, so that a test controls times, versions and outcomes.
 */
public final class HistoryRecords implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());

    /** A deploy's snapshots, queued to its end, as api and worker would write them. */
    public Operation deploy(String tenant, String principal, String service, String environment, String version,
            String previous, String reason, OperationStatus end, Instant created) {
        return deploy(tenant, principal, service, environment, version, previous, reason, end, created, null);
    }

    /** The same, for a deploy that carried {@code approval} (as an approved one does from its queued snapshot on). */
    public Operation deploy(String tenant, String principal, String service, String environment, String version,
            String previous, String reason, OperationStatus end, Instant created, Approval approval) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service", service);
        request.put("version", version);
        request.put("environment", environment);
        if (reason != null) {
            request.put("reason", reason);
        }
        Operation fresh = Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target(service,
                environment), request, Map.of("placeholder", true), principal, tenant, null, created,
                created.plusSeconds(1800), null);
        Operation queued = approval == null ? fresh : new Operation(fresh.id(), fresh.type(), fresh.target(),
                fresh.status(), fresh.request(), null, null, null, fresh.placeholder(), principal, tenant, null, 1,
                created, null, created, null, fresh.deadline(), null, approval);
        Operation running = queued.running(1, new Progress(40, "rollout", "rolling out"), created.plusSeconds(1));
        Operation ended = end == OperationStatus.SUCCEEDED
                ? running.succeeded(previous == null ? Map.of("version", version)
                        : Map.of("version", version, "previous_version", previous), created.plusSeconds(5))
                : running.ended(Outcome.unsuccessful(end,
                        new OperationError("health_check_failed", "error rate 12%", false)),
                        created.plusSeconds(5));
        send(queued);
        send(running);
        send(ended);
        return ended;
    }

    /** A terminal fetch of logs: an operation, not a change. */
    public Operation fetch(String tenant, String principal, String service, Instant created) {
        Operation queued = Operation.queued(OperationIds.next(), OperationType.FETCH_LOGS, new Target(service, null),
                Map.of("service", service), Map.of("placeholder", true), principal, tenant, null, created,
                created.plusSeconds(120), null);
        Operation done = queued.running(1, null, created).succeeded(Map.of("lines", 3), created.plusSeconds(1));
        send(queued);
        send(done);
        return done;
    }

    public void send(Operation snapshot) {
        send(new ProducerRecord<>(Topics.STATUS, snapshot.id(), ContractJson.write(snapshot)));
    }

    /** What retention writes when a terminal operation's time is up. */
    public void tombstone(String id) {
        send(new ProducerRecord<>(Topics.STATUS, id, null));
    }

    public void send(Deployment deployment) {
        send(new ProducerRecord<>(Topics.DEPLOYMENTS, deployment.key(), ContractJson.write(deployment)));
    }

    public void send(AuditEvent event) {
        send(new ProducerRecord<>(Topics.AUDIT, event.principal(), ContractJson.write(event)));
    }

    /** A deployment record whose history is {@code events}, newest first. */
    public static Deployment deployment(String service, String environment, DeploymentEvent... events) {
        Deployment record = Deployment.none(service, environment);
        for (int i = events.length - 1; i >= 0; i--) {
            record = record.after(events[i]);
        }
        return record;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException(failed.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
