package dev.lightdevops.api.approvals;

import dev.lightdevops.api.ApiProperties;
import dev.lightdevops.api.approvals.ApprovalLog.Verdict;
import dev.lightdevops.api.operations.CommandNotDurableException;
import dev.lightdevops.api.operations.OperationsProperties;
import dev.lightdevops.common.json.ContractJson;
import dev.lightdevops.common.kafka.Topics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Submits an approval step: writes its claim to {@code ops.approvals} and waits until this instance read it back and
 * {@link ApprovalLog} ruled it, which also means this instance read every claim written before it. A claim Kafka did
 * not acknowledge within {@code devops.api.publish-timeout}, or whose ruling this instance did not hear within
 * {@code devops.api.operations.catch-up-timeout}, is a {@link CommandNotDurableException}: the caller cannot know it
 * took effect. Plain blocking code, on the caller's (virtual) thread.
 */
@Component
class ApprovalClaims {

    private final ApprovalLog log;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ApiProperties api;
    private final OperationsProperties operations;

    ApprovalClaims(ApprovalLog log, KafkaTemplate<String, byte[]> kafka, ApiProperties api,
            OperationsProperties operations) {
        this.log = log;
        this.kafka = kafka;
        this.api = api;
        this.operations = operations;
    }

    /** How the claim was ruled, once this instance read it back. */
    Verdict submit(ApprovalClaim claim) {
        CompletableFuture<Verdict> heard = log.expect(claim.claimId());
        try {
            kafka.send(Topics.APPROVALS, claim.operationId(), ContractJson.write(claim))
                    .get(api.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            log.forget(claim.claimId());
            throw new CommandNotDurableException("Kafka did not acknowledge the approval step in time; nothing "
                    + "changed, try again", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            log.forget(claim.claimId());
            throw new CommandNotDurableException("interrupted before the approval step was written", interrupted);
        }
        return awaitVerdict(heard, claim);
    }

    private Verdict awaitVerdict(CompletableFuture<Verdict> heard, ApprovalClaim claim) {
        try {
            return heard.get(operations.catchUpTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException notHeard) {
            log.forget(claim.claimId());
            throw new CommandNotDurableException("the approval step was written but this server did not read it "
                    + "back in time; call get_operation to see whether it took effect, then try again", notHeard);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CommandNotDurableException("interrupted while the approval step was decided", interrupted);
        }
    }
}
