package dev.lightdevops.worker.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightdevops.common.deployment.ObservedDeployment;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.common.operation.Target;
import dev.lightdevops.common.testing.RealKafka;
import dev.lightdevops.common.testing.TopicProbe;
import dev.lightdevops.worker.deploy.DeployFailedException;
import dev.lightdevops.worker.deploy.DeploySpec;
import dev.lightdevops.worker.execution.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Runs a target's deploy or rollback on a thread of its own, as the engine does, while the test plays the cluster;
 * records the progress it reports; reads back what it published.
 */
final class TargetRuns {

    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private TargetRuns() {
    }

    static <T> Future<T> run(Callable<T> call) {
        return THREADS.submit(call);
    }

    static DeploySpec spec(String service, String environment, String version) {
        Instant now = Instant.now();
        Operation operation = Operation.queued(OperationIds.next(), OperationType.DEPLOY,
                new Target(service, environment), Map.of("version", version), Map.of("placeholder", true), "alice",
                "acme", null, now, now.plusSeconds(300), null);
        return new DeploySpec(service, environment, version, null, operation.id(), "test of the Kubernetes target",
                operation.deadline(), operation);
    }

    static DeployFailedException failureOf(Future<?> running) {
        try {
            running.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            assertThat(failed.getCause()).isInstanceOf(DeployFailedException.class);
            return (DeployFailedException) failed.getCause();
        } catch (Exception notFailed) {
            throw new AssertionError("the operation did not fail in time", notFailed);
        }
        throw new AssertionError("the operation succeeded");
    }

    static ObservedDeployment latestObservation(String key) {
        return TopicProbe.readAll(Topics.OBSERVED_DEPLOYMENTS).stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> ContractJson.read(record.value(), ObservedDeployment.class))
                .reduce((first, second) -> second).orElseThrow();
    }

    /** The observations topic, which the apps provision at start; a test without an app makes it itself. */
    static void createObservedTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.OBSERVED_DEPLOYMENTS, 1, (short) 1))).all().get();
        } catch (ExecutionException exists) {
            if (!(exists.getCause() instanceof TopicExistsException)) {
                throw exists;
            }
        }
    }

    /** The progress reported, in order. */
    static final class Recorded implements ProgressListener {
        private final ConcurrentLinkedQueue<Progress> reports = new ConcurrentLinkedQueue<>();

        @Override
        public void report(Progress progress) {
            reports.add(progress);
        }

        void awaitMessage(String part) {
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.stream()
                    .anyMatch(report -> report.message().contains(part)));
        }

        List<Integer> percents() {
            return reports.stream().map(Progress::percent).toList();
        }
    }
}
