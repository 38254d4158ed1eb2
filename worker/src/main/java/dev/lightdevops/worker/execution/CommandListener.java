package dev.lightdevops.worker.execution;

import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import dev.lightdevops.common.operation.Command;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes {@code ops.commands} as a member of the workers' consumer group and runs each command. */
@Component
class CommandListener {

    private final OperationRunner runner;

    CommandListener(OperationRunner runner) {
        this.runner = runner;
    }

    @KafkaListener(id = "command-listener", topics = Topics.COMMANDS, groupId = "${devops.worker.group-id:devops-workers}")
    void onCommand(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        runner.run(ContractJson.read(record.value(), Command.class));
    }
}
