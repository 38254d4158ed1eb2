package dev.lightdevops.bench.report;

/** A figure's target from the issue: at least, at most, or none (reported for information). */
public record Goal(String text, double bound, int direction) {

    public static Goal atLeast(double bound, String unit) {
        return new Goal("≥ " + Report.format(bound) + " " + unit, bound, 1);
    }

    public static Goal atMost(double bound, String unit) {
        return new Goal("≤ " + Report.format(bound) + " " + unit, bound, -1);
    }

    public static Goal none() {
        return new Goal("—", Double.NaN, 0);
    }

    /** "yes", "NO", or "" when there is no target or no value. */
    public String verdict(double value) {
        if (direction == 0 || Double.isNaN(value)) {
            return "";
        }
        boolean met = direction > 0 ? value >= bound : value <= bound;
        return met ? "yes" : "NO";
    }
}
