package dev.lightdevops.api.operations;

import java.time.Duration;

/**
 * What is left of a call's {@code devops.api.answer-timeout}. Each wait of an acceptance (the view's catch-up, the
 * two sends, a settlement's withdrawal and its read-back) takes the shorter of its own bound and what is left, so the
 * caller is answered in time however the waits add up: on a loaded cluster they did not (drill-partition, calls
 * answered after 41 s). Elapsed time ({@link System#nanoTime}), not the wall clock.
 */
record AnswerBudget(long deadlineNanos) {

    static AnswerBudget of(Duration timeout) {
        return new AnswerBudget(System.nanoTime() + timeout.toNanos());
    }

    /** The background settlement's: nobody waits for its answer, so only each wait's own bound counts. */
    static AnswerBudget unbounded() {
        return of(Duration.ofDays(1));
    }

    /** {@code wait}, or what is left of the budget when that is shorter (zero once it is spent). */
    Duration bound(Duration wait) {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : wait.toNanos() < left ? wait : Duration.ofNanos(left);
    }

    boolean spent() {
        return deadlineNanos - System.nanoTime() <= 0;
    }
}
