package dev.lightdevops.worker.execution;

import dev.lightdevops.common.operation.Operation;
import dev.lightdevops.common.operation.Progress;
import dev.lightdevops.worker.deploy.DeploySpec;
import dev.lightdevops.worker.deploy.DeployTarget;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A deploy target for engine tests, driven by the operation's request: {@code hold_ms} (run that long),
 * {@code hold: "until_released"} (run until the test releases it), {@code fail_times} (fail retryably on the first N
 * attempts), {@code fail: "permanent"}. It records what the engine made it do: every start, the highest number of
 * concurrent runs per target, and interruptions.
 */
class ScriptedDeployTarget implements DeployTarget {

    final List<String> starts = new CopyOnWriteArrayList<>();
    final List<String> interrupted = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> runningPerTarget = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> maxPerTarget = new ConcurrentHashMap<>();
    final Map<String, Integer> attemptsSeen = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Map<String, Object> rollback(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        return deploy(spec, progress);
    }


    @Override
    public Map<String, Object> deploy(DeploySpec spec, ProgressListener progress) throws InterruptedException {
        Operation operation = spec.operation();
        String target = operation.target().key();
        starts.add(operation.id());
        attemptsSeen.put(operation.id(), operation.attempt());
        int now = runningPerTarget.computeIfAbsent(target, key -> new AtomicInteger()).incrementAndGet();
        maxPerTarget.computeIfAbsent(target, key -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            Map<String, Object> request = operation.request();
            progress.report(new Progress(10, "scripted", "attempt " + operation.attempt()));
            Object failTimes = request.get("fail_times");
            if (failTimes instanceof Number times && operation.attempt() <= times.intValue()) {
                throw new OperationFailedException("flaky", "scripted failure at attempt " + operation.attempt(),
                        true);
            }
            if ("permanent".equals(request.get("fail"))) {
                throw new OperationFailedException("rejected", "scripted permanent failure", false);
            }
            if ("until_released".equals(request.get("hold"))) {
                releaseOf(operation.id()).await();
            } else if (request.get("hold_ms") instanceof Number millis) {
                Thread.sleep(millis.longValue());
            }
            return Map.of("version", String.valueOf(request.get("version")), "attempt", operation.attempt());
        } catch (InterruptedException stop) {
            interrupted.add(operation.id());
            throw stop;
        } finally {
            runningPerTarget.get(target).decrementAndGet();
        }
    }

    void release(String operationId) {
        releaseOf(operationId).countDown();
    }

    int maxConcurrent(String target) {
        AtomicInteger max = maxPerTarget.get(target);
        return max == null ? 0 : max.get();
    }

    private CountDownLatch releaseOf(String operationId) {
        return releases.computeIfAbsent(operationId, id -> new CountDownLatch(1));
    }

    /**
     * Replaces the simulated target in a worker context started with this class as an extra source. Deliberately not
     * a {@code @Configuration}: component scanning must not put it into every worker context of the test classpath.
     */
    static class Wiring {

        @Bean
        @Primary
        ScriptedDeployTarget scriptedDeployTarget() {
            return new ScriptedDeployTarget();
        }
    }
}
