package flint.harness.bench;

import java.util.Arrays;

/** Medians and geometric means: the statistics the reports use. */
public final class Stats {
    private Stats() {}

    /** The median (the mean of the two middle values for an even count); NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        var sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The geometric mean of positive values; NaN for none. */
    public static double geomean(double[] values) {
        if (values.length == 0) return Double.NaN;
        double logs = 0;
        for (double v : values) logs += Math.log(v);
        return Math.exp(logs / values.length);
    }
}
