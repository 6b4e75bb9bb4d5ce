package flint.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code chart.svg}: execution time relative to Flint, one group of horizontal bars per program
 * (and the geometric mean), one bar per other engine, on a logarithmic axis because the
 * interpreter is two orders of magnitude away from the compilers. The line at 1× is Flint.
 */
final class SvgChart {
    private SvgChart() {}

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2"};
    private static final int LABEL_WIDTH = 110, PLOT_WIDTH = 560, BAR = 9, GROUP_GAP = 10, TOP = 40;

    static String write(BenchResults r) {
        var others = r.engines().stream().filter(e -> !e.equals(BenchEngines.FLINT)).toList();
        var groups = new ArrayList<String>(r.programs());
        groups.add("geomean");
        double lo = 0.1, hi = 10;
        for (var g : groups) {
            for (var e : others) {
                double v = ratio(r, g, e);
                if (!Double.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            }
        }
        double logLo = Math.floor(Math.log10(lo)), logHi = Math.ceil(Math.log10(hi));
        int groupHeight = Math.max(1, others.size()) * BAR + GROUP_GAP;
        int height = TOP + groups.size() * groupHeight + 40 + others.size() * 16;
        int width = LABEL_WIDTH + PLOT_WIDTH + 30;
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"18\" font-size=\"13\">Execution time relative to Flint, %s (log scale; right of 1×: Flint is faster)</text>%n",
                escape(r.date())));
        // decades
        for (double d = logLo; d <= logHi; d++) {
            double x = x(Math.pow(10, d), logLo, logHi);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                    x, TOP - 6, x, TOP + groups.size() * groupHeight, d == 0 ? "black" : "#ddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s×</text>%n",
                    x, TOP - 9, decade((int) d)));
        }
        double x1 = x(1, logLo, logHi);
        for (int g = 0; g < groups.size(); g++) {
            int y = TOP + g * groupHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 6, y + others.size() * BAR / 2 + 4, escape(groups.get(g))));
            var group = groups.get(g);
            if (others.stream().allMatch(e -> Double.isNaN(ratio(r, group, e)))) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#999\">n/a (no Flint figure)</text>%n",
                        x1 + 4, y + others.size() * BAR / 2 + 4));
                continue;
            }
            for (int e = 0; e < others.size(); e++) {
                double v = ratio(r, groups.get(g), others.get(e));
                int by = y + e * BAR;
                if (Double.isNaN(v)) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"8\" fill=\"#999\">n/a</text>%n", x1 + 3, by + BAR - 1));
                    continue;
                }
                double xv = x(v, logLo, logHi);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: %s×</title></rect>%n",
                        Math.min(x1, xv), by, Math.max(0.5, Math.abs(xv - x1)), BAR - 1, COLOURS[e % COLOURS.length],
                        escape(groups.get(g)), escape(others.get(e)), MarkdownSummary.fmt(v)));
            }
        }
        int ly = TOP + groups.size() * groupHeight + 20;
        for (int e = 0; e < others.size(); e++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n", LABEL_WIDTH, ly + e * 16, COLOURS[e % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s%s</text>%n", LABEL_WIDTH + 16, ly + e * 16 + 9, escape(others.get(e)),
                    others.get(e).equals(Targets.INTERPRETER) ? " (small workload)" : ""));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double ratio(BenchResults r, String group, String engine) {
        if (group.equals("geomean")) {
            var g = r.execGeomean(engine);
            return g.programs() == 0 ? Double.NaN : g.value();
        }
        var ratio = r.execRatio(group, engine);
        return ratio.isPresent() ? ratio.getAsDouble() : Double.NaN;
    }

    /** 10^d as a tick label (the × follows): 0.01, 0.1, 1, 10, 100. */
    private static String decade(int d) {
        return d >= 0 ? "1" + "0".repeat(d) : "0." + "0".repeat(-d - 1) + "1";
    }

    private static double x(double v, double logLo, double logHi) {
        return LABEL_WIDTH + (Math.log10(v) - logLo) / (logHi - logLo) * PLOT_WIDTH;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static List<String> colours() {
        return List.of(COLOURS);
    }
}
