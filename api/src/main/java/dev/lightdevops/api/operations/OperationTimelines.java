package dev.lightdevops.api.operations;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Each operation's timeline as this api saw it: one step per status, attempt and stage, with the time it began (a
 * snapshot is the whole truth of one moment, so the path through the moments is kept here). Fed by every change of
 * the operation view, which replays {@code ops.status} at start, so a restarted api rebuilds the timelines the topic
 * still holds; a compacted-away past shows as a timeline that does not begin at acceptance ({@link #complete}).
 * Bounded twice: {@code timelines-kept} operations, {@link #MAX_STEPS} steps each.
 */
@Component
public class OperationTimelines {

    static final int MAX_STEPS = 64;

    /** One step: from {@code at} the operation was in this status, attempt and stage (percent and message as last seen). */
    public record Step(OperationStatus status, int attempt, String stage, String message, Integer percent,
            Instant at) {

        boolean sameStepAs(Operation snapshot) {
            return status == snapshot.status() && attempt == snapshot.attempt()
                    && Objects.equals(stage, stageOf(snapshot));
        }
    }

    private final Cache<String, List<Step>> timelines;
    private final Clock clock;

    OperationTimelines(OperationView view, OperationsProperties settings, Clock clock) {
        this.clock = clock;
        this.timelines = Caffeine.newBuilder().maximumSize(settings.timelinesKept()).build();
        view.subscribe(this::record);
    }

    /** The steps seen for operation {@code id}, oldest first (empty when none were kept). */
    public List<Step> of(String id) {
        List<Step> steps = timelines.getIfPresent(id);
        return steps == null ? List.of() : steps;
    }

    /** Whether {@code steps} begin at the operation's acceptance (nothing before them is missing). */
    public static boolean complete(List<Step> steps) {
        return !steps.isEmpty() && (steps.getFirst().status() == OperationStatus.QUEUED
                || steps.getFirst().status() == OperationStatus.AWAITING_APPROVAL);
    }

    /** How long each step lasted (to the next one's start); the last lasts until now unless it is terminal. */
    public static Duration duration(List<Step> steps, int index, Instant now) {
        Step step = steps.get(index);
        if (index + 1 < steps.size()) {
            return Duration.between(step.at(), steps.get(index + 1).at());
        }
        return step.status().isTerminal() ? Duration.ZERO : Duration.between(step.at(), now);
    }

    /**
     * The timeline of {@code operation} as an answer: its steps with their durations, or, when none were kept, the
     * steps its own timestamps tell (accepted, started, finished), marked {@code complete: false}.
     */
    public Map<String, Object> describe(Operation operation) {
        Instant now = clock.instant();
        List<Step> steps = of(operation.id());
        boolean kept = !steps.isEmpty();
        if (!kept) {
            steps = fromTimestamps(operation);
        }
        List<Map<String, Object>> described = new ArrayList<>();
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", step.status().wireName());
            entry.put("attempt", step.attempt());
            entry.put("stage", step.stage());
            entry.put("message", step.message());
            entry.put("percent", step.percent());
            entry.put("at", step.at());
            entry.put("duration_ms", duration(steps, index, now).toMillis());
            described.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("operation_id", operation.id());
        answer.put("status", operation.status().wireName());
        answer.put("complete", kept && complete(steps));
        answer.put("steps", described);
        return answer;
    }

    private static List<Step> fromTimestamps(Operation operation) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(OperationStatus.QUEUED, 0, null, null, null, operation.createdAt()));
        if (operation.startedAt() != null) {
            steps.add(new Step(OperationStatus.RUNNING, operation.attempt(), null, null, null, operation.startedAt()));
        }
        if (operation.isTerminal()) {
            steps.add(new Step(operation.status(), operation.attempt(), null, null, null,
                    operation.finishedAt() != null ? operation.finishedAt() : operation.updatedAt()));
        }
        return steps;
    }

    void record(Operation snapshot) {
        timelines.asMap().compute(snapshot.id(), (id, steps) -> {
            List<Step> next = steps == null ? new ArrayList<>() : new ArrayList<>(steps);
            Step step = new Step(snapshot.status(), snapshot.attempt(), stageOf(snapshot),
                    snapshot.progress() == null ? null : snapshot.progress().message(),
                    snapshot.progress() == null ? null : snapshot.progress().percent(), at(snapshot));
            if (!next.isEmpty() && next.getLast().sameStepAs(snapshot)) {
                next.set(next.size() - 1, new Step(step.status(), step.attempt(), step.stage(), step.message(),
                        step.percent(), next.getLast().at()));
            } else {
                next.add(step);
                if (next.size() > MAX_STEPS) {
                    next.remove(1);
                }
            }
            return List.copyOf(next);
        });
    }

    private static String stageOf(Operation snapshot) {
        return snapshot.isTerminal() || snapshot.progress() == null ? null : snapshot.progress().stage();
    }

    private static Instant at(Operation snapshot) {
        if (snapshot.status() == OperationStatus.QUEUED || snapshot.status() == OperationStatus.AWAITING_APPROVAL) {
            return snapshot.updatedAt() != null ? snapshot.updatedAt() : snapshot.createdAt();
        }
        return snapshot.isTerminal() && snapshot.finishedAt() != null ? snapshot.finishedAt() : snapshot.updatedAt();
    }
}
