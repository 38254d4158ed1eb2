package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.observability.CurrentContext;
import dev.lightdevops.common.operation.Command;
import dev.lightdevops.worker.execution.StatusPublisher.StatusNotPublishedException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Consumes {@code ops.commands} as a member of the workers' group without ever running an operation on the consumer's
 * thread: each command goes to a {@link KeyedSerialExecutor} (one target at a time, targets in parallel on a bounded
 * pool), so the poll loop keeps polling however long an operation runs and the group never rebalances because of it.
 * When too many commands are held, consumption pauses (the consumer keeps polling, receiving nothing) until they
 * drain. Offsets are committed by the {@link CommitTracker}, only up to the oldest unfinished command.
 */
@Component
class CommandListener {

    static final String ID = "command-listener";
    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final CommitTracker commits;
    private final KeyedSerialExecutor executor;
    private final OperationRunner runner;
    private final DeadLetters deadLetters;
    private final KafkaListenerEndpointRegistry registry;
    private final EngineProperties settings;
    private final GracefulDrain drain;
    private final AtomicBoolean paused = new AtomicBoolean();

    CommandListener(CommitTracker commits, KeyedSerialExecutor operationExecutor, OperationRunner runner,
            DeadLetters deadLetters, KafkaListenerEndpointRegistry registry, EngineProperties settings,
            GracefulDrain drain) {
        this.drain = drain;
        this.commits = commits;
        this.executor = operationExecutor;
        this.runner = runner;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.settings = settings;
    }

    @KafkaListener(id = ID, topics = Topics.COMMANDS, containerFactory = "commandListenerFactory",
            groupId = "${devops.worker.group-id:devops-workers}")
    void onCommand(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long generation = commits.received(partition, record.offset(), ack);
        // CurrentContext: the command's trace and log context (operation id, principal) follow it to the executor.
        executor.submit(record.key() == null ? "" : record.key(),
                CurrentContext.wrap(() -> process(record, partition, generation)));
        if (commits.inFlight() >= settings.maxInFlight() && paused.compareAndSet(false, true)) {
            log.info("{} commands in flight: pausing consumption until they drain", commits.inFlight());
            container().pause();
        }
    }

    private void process(ConsumerRecord<String, byte[]> record, TopicPartition partition, long generation) {
        if (drain.draining()) {
            return;
        }
        try {
            Command command = readable(record);
            while (command != null && commits.owns(partition, generation)) {
                try {
                    runner.run(command, partition);
                    return;
                } catch (StatusNotPublishedException kafkaUnreachable) {
                    log.warn("{}; trying again", kafkaUnreachable.getMessage());
                    Thread.sleep(settings.retry().initialInterval().toMillis());
                }
            }
        } catch (InterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
        } finally {
            commits.finished(partition, record.offset(), generation);
            resumeWhenDrained();
        }
    }

    private Command readable(ConsumerRecord<String, byte[]> record) {
        try {
            Command command = record.value() == null ? null : ContractJson.read(record.value(), Command.class);
            if (command != null && command.operation() != null) {
                return command;
            }
        } catch (JacksonException | IllegalArgumentException | NullPointerException unreadable) {
            log.warn("unreadable command at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    unreadable.getMessage());
        }
        deadLetters.publish(record.key(), record.value(), null, 0, "unreadable",
                "the record is not a command this worker can read");
        return null;
    }

    private void resumeWhenDrained() {
        if (paused.get() && !drain.draining() && commits.inFlight() <= settings.maxInFlight() / 2 && paused.compareAndSet(true, false)) {
            log.info("commands drained: resuming consumption");
            container().resume();
        }
    }

    private MessageListenerContainer container() {
        return registry.getListenerContainer(ID);
    }
}
