package dev.lightdevops.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the api.
 *
 * @param publishTimeout a safety net above the producer's own timeouts (which give every send a verdict within
 *     {@code max.block.ms + delivery.timeout.ms}) on a call's wait for Kafka: an acceptance not confirmed by then is
 *     settled through the operation's partition (withdrawn unless a worker started it first; see
 *     {@code AcceptanceSettlement})
 * @param answerTimeout how long a call that accepts an operation may keep its caller waiting: the view's catch-up,
 *     the two sends and a settlement's withdrawal and read-back share it, and what is still undecided when it runs
 *     out is answered {@code outcome_unknown} with the operation id while the settlement goes on in the background.
 *     At most {@code publishTimeout}, and best below it, so that the answer reaches a client within that even when
 *     the request first waited for a thread on a loaded machine. A send's own {@code max.block.ms} (5 s, while the
 *     producer has no metadata for the partition) is spent before the budget can bound it
 * @param deployDeadline default deadline of a deploy or rollback, from acceptance
 * @param pollInterval the interval the api suggests to clients polling an operation
 */
@Validated
@ConfigurationProperties("devops.api")
public record ApiProperties(
        @DefaultValue("30s") @NotNull Duration publishTimeout,
        @DefaultValue("20s") @NotNull Duration answerTimeout,
        @DefaultValue("30m") @NotNull Duration deployDeadline,
        @DefaultValue("1s") @NotNull Duration pollInterval) {

    @AssertTrue(message = "devops.api.answer-timeout must be positive and no longer than devops.api.publish-timeout")
    boolean isAnswerTimeoutWithinPublishTimeout() {
        return answerTimeout.isPositive() && answerTimeout.compareTo(publishTimeout) <= 0;
    }
}
