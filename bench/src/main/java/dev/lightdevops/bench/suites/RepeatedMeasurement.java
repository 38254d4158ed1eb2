package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.load.LoadResult;
import dev.lightdevops.bench.report.Goal;
import dev.lightdevops.bench.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Repeats a measurement and reports the medians of its throughput and latency percentiles. */
final class RepeatedMeasurement {

    @FunctionalInterface
    interface Run<T> {
        T run() throws Exception;
    }

    private RepeatedMeasurement() {
    }

    static <T> List<T> repeat(String label, int runs, Run<T> run) throws Exception {
        List<T> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            T result = run.run();
            System.out.println("  " + label + " run " + i + "/" + runs + ": " + result);
            results.add(result);
        }
        return results;
    }

    static List<Double> each(List<LoadResult> results, ToDoubleFunction<LoadResult> figure) {
        return results.stream().map(figure::applyAsDouble).toList();
    }

    /** Two rows: throughput against its goal, p99 against its goal (p50 and p99.9 medians in the note). */
    static double throughputAndLatency(Report report, String figure, List<LoadResult> results, Goal throughput,
            Goal p99, String note) {
        long errors = results.stream().mapToLong(LoadResult::errors).sum();
        String detail = String.format(Locale.ROOT, "p50 %s ms, p99.9 %s ms; %d errors%s",
                Report.format(Report.median(each(results, LoadResult::p50))),
                Report.format(Report.median(each(results, LoadResult::p999))), errors,
                note == null || note.isBlank() ? "" : "; " + note);
        double median = report.figure(figure + ": throughput", throughput, each(results, LoadResult::throughput),
                "/s", errors > 0 ? "first error: " + results.stream().map(LoadResult::firstError)
                        .filter(e -> e != null).findFirst().orElse("") : null);
        report.figure(figure + ": p99", p99, each(results, LoadResult::p99), "ms", detail);
        return median;
    }
}
