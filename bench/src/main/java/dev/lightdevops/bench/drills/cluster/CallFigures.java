package dev.lightdevops.bench.drills.cluster;

import dev.lightdevops.bench.report.Report;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of a drill's calls: what the clients were answered (all calls, and those sent while a fault was in
 * effect: from the moment it struck until every replica was in sync again), how long answers took, how many tries.
 */
final class CallFigures {

    private CallFigures() {
    }

    static void report(Report report, List<DeployLoad.Call> calls, List<FaultInjector.Event> events) {
        report.line("- calls: " + calls.size() + " (" + outcomes(calls) + "); " + latencies(calls));
        List<DeployLoad.Call> during = calls.stream().filter(call -> duringAFault(call, events)).toList();
        report.line("- calls sent while a fault was in effect: " + during.size()
                + (during.isEmpty() ? "" : " (" + outcomes(during) + "); " + latencies(during)));
        Map<Integer, Integer> attempts = new TreeMap<>();
        calls.stream().collect(Collectors.groupingBy(DeployLoad.Call::deploy, Collectors.counting()))
                .values().forEach(count -> attempts.merge(count.intValue(), 1, Integer::sum));
        report.line("- deploys by the number of calls they took: " + attempts.entrySet().stream()
                .map(e -> e.getKey() + " call" + (e.getKey() == 1 ? "" : "s") + ": " + e.getValue())
                .collect(Collectors.joining(", ")));
    }

    /** What the calls were answered and how long the answers took, in one phrase. */
    static String summary(List<DeployLoad.Call> calls) {
        return calls.size() + " calls (" + outcomes(calls) + "); " + latencies(calls);
    }

    private static boolean duringAFault(DeployLoad.Call call, List<FaultInjector.Event> events) {
        for (FaultInjector.Event event : events) {
            long end = event.healedNanos() > 0 ? event.healedNanos() : Long.MAX_VALUE;
            if (call.answeredNanos() >= event.atNanos() && call.sentNanos() <= end) {
                return true;
            }
        }
        return false;
    }

    private static String outcomes(List<DeployLoad.Call> calls) {
        Map<String, Long> counts = new TreeMap<>(calls.stream()
                .collect(Collectors.groupingBy(call -> call.outcome().label(), Collectors.counting())));
        return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String latencies(List<DeployLoad.Call> calls) {
        long[] millis = calls.stream().mapToLong(call -> call.took().toMillis()).sorted().toArray();
        if (millis.length == 0) {
            return "no calls";
        }
        return "answered in p50 " + millis[millis.length / 2] + " ms, p99 "
                + millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.99) - 1)] + " ms, max "
                + millis[millis.length - 1] + " ms";
    }
}
