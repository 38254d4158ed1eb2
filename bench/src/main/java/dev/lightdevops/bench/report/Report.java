package dev.lightdevops.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The results of a harness run as markdown rows (figure, target, median of the runs, every run, met?), printed as
 * they come and appended to a file, so docs/benchmarks.md can be updated by pasting the table.
 */
public final class Report {

    private final Path file;
    private final List<String> rows = new ArrayList<>();

    public Report(Path file) {
        this.file = file;
    }

    public static double median(List<Double> values) {
        double[] sorted = values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    /** Adds one figure; returns its median. */
    public double figure(String figure, Goal goal, List<Double> runs, String unit, String note) {
        double median = median(runs);
        String row = "| " + figure + " | " + goal.text() + " | **" + format(median) + "** " + unit + " | "
                + runs.stream().map(Report::format).collect(Collectors.joining(", ")) + " | " + goal.verdict(median)
                + " | " + (note == null ? "" : note) + " |";
        add(row);
        return median;
    }

    /** A line of text (a heading, a verdict, a note) in the same output. */
    public void line(String text) {
        add(text);
    }

    public void tableHeader(String title) {
        add("");
        add("#### " + title);
        add("");
        add("| figure | target | median | runs | met | note |");
        add("|---|---|---|---|---|---|");
    }

    private synchronized void add(String row) {
        rows.add(row);
        System.out.println(row);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, row + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> rows() {
        return List.copyOf(rows);
    }

    public Path file() {
        return file;
    }
}
