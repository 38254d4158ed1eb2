package dev.lightdevops.common.observability;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Puts the operation id and principal of a command in the MDC for as long as the listener observation of that
 * command is in scope, next to the trace id the tracer puts there. Tied to the observation scope rather than to a
 * thread, it follows the work wherever the observation is restored.
 */
public class CommandLogContextHandler implements ObservationHandler<KafkaRecordReceiverContext> {

    private static final String CONTEXT_KEY = CommandLogContextHandler.class.getName();

    @Override
    public void onScopeOpened(KafkaRecordReceiverContext context) {
        ConsumerRecord<?, ?> record = context.getRecord();
        if (!Topics.COMMANDS.equals(record.topic()) || !(record.value() instanceof byte[] value)) {
            return;
        }
        try {
            Command command = ContractJson.read(value, Command.class);
            context.put(CONTEXT_KEY, OperationLogContext.open(command.operation()));
        } catch (RuntimeException unreadable) {
            // the listener reports unreadable commands itself; the log context is only a convenience
        }
    }

    @Override
    public void onScopeClosed(KafkaRecordReceiverContext context) {
        if (context.remove(CONTEXT_KEY) instanceof OperationLogContext open) {
            open.close();
        }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof KafkaRecordReceiverContext;
    }
}
