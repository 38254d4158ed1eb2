package dev.lightdevops.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationIds;
import dev.lightdevops.common.operation.OperationType;
import dev.lightdevops.common.operation.Target;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/** A command's log context follows its work to another thread when the task is wrapped. */
class CurrentContextTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void operationIdAndPrincipalAreInTheMdcOfAWrappedTaskOnAnotherThread() throws Exception {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new CommandLogContextHandler());
        ObservationThreadLocalAccessor.getInstance().setObservationRegistry(registry);
        Operation operation = Operation.queued(OperationIds.next(), OperationType.DEPLOY, new Target("cart", "staging"),
                Map.of(), Map.of("placeholder", true), "alice", "acme", null, Instant.now(), Instant.now(), null);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.COMMANDS, 0, 0, "cart@staging",
                ContractJson.write(new Command("cart@staging", operation)));
        Observation received = Observation.start("command", () -> new KafkaRecordReceiverContext(record, "l", () -> "test-cluster"),
                registry);
        AtomicReference<String> seenId = new AtomicReference<>();
        AtomicReference<String> seenPrincipal = new AtomicReference<>();
        AtomicReference<String> unwrapped = new AtomicReference<>("unset");

        Runnable task;
        try (Observation.Scope scope = received.openScope()) {
            assertThat(MDC.get(OperationLogContext.OPERATION_ID)).isEqualTo(operation.id());
            task = CurrentContext.wrap(() -> {
                seenId.set(MDC.get(OperationLogContext.OPERATION_ID));
                seenPrincipal.set(MDC.get(OperationLogContext.PRINCIPAL));
            });
        }
        pool.submit(task).get();
        pool.submit(() -> unwrapped.set(MDC.get(OperationLogContext.OPERATION_ID))).get();
        received.stop();

        assertThat(seenId.get()).isEqualTo(operation.id());
        assertThat(seenPrincipal.get()).isEqualTo("alice");
        assertThat(unwrapped.get()).as("the context is restored after the task").isNull();
        assertThat(MDC.get(OperationLogContext.OPERATION_ID)).isNull();
    }
}
