package dev.lightdevops.worker.execution;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Runs tasks on a bounded pool, one key at a time: tasks with the same key run one after the other in submission
 * order; tasks with different keys run concurrently. This is what keeps one target's operations serial (in
 * acceptance order, since one key's commands arrive in offset order) while other targets proceed.
 */
final class KeyedSerialExecutor {

    private final ExecutorService pool;
    private final Map<String, Deque<Runnable>> waiting = new HashMap<>();

    KeyedSerialExecutor(ExecutorService pool) {
        this.pool = pool;
    }

    void submit(String key, Runnable task) {
        synchronized (waiting) {
            Deque<Runnable> queue = waiting.get(key);
            if (queue != null) {
                queue.add(task);
                return;
            }
            waiting.put(key, new ArrayDeque<>());
        }
        pool.execute(() -> runThenNext(key, task));
    }

    private void runThenNext(String key, Runnable task) {
        try {
            task.run();
        } finally {
            Runnable next;
            synchronized (waiting) {
                Deque<Runnable> queue = waiting.get(key);
                next = queue == null ? null : queue.poll();
                if (next == null) {
                    waiting.remove(key);
                }
            }
            if (next != null && !pool.isShutdown()) {
                pool.execute(() -> runThenNext(key, next));
            }
        }
    }

    void shutdownNow() {
        pool.shutdownNow();
    }
}
