package flint.harness.diff;

import java.util.List;
import java.util.Map;

/** Small self-contained SVG charts for the campaign summary: no library, no script. */
final class Plots {
    private Plots() {}

    private static final int W = 640, H = 240, PAD = 40;

    /** A line chart of {@code ys} over {@code xs} (both non-negative). */
    static String line(String title, String xLabel, List<Double> xs, List<Double> ys) {
        double maxX = Math.max(1e-9, xs.stream().mapToDouble(d -> d).max().orElse(1));
        double maxY = Math.max(1, ys.stream().mapToDouble(d -> d).max().orElse(1));
        var points = new StringBuilder();
        for (int i = 0; i < xs.size(); i++) {
            points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", PAD + xs.get(i) / maxX * (W - 2 * PAD),
                    H - PAD - ys.get(i) / maxY * (H - 2 * PAD)));
        }
        return header(title) + axes(xLabel, fmt(maxX), fmt(maxY))
                + "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"" + points.toString().trim() + "\"/>\n</svg>\n";
    }

    /** A bar chart of the {@code limit} largest counts. */
    static String bars(String title, Map<String, Long> counts, int limit) {
        var top = counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit).toList();
        long max = Math.max(1, top.stream().mapToLong(Map.Entry::getValue).max().orElse(1));
        var svg = new StringBuilder(header(title + " (" + counts.size() + " opcodes seen)"));
        double bw = (W - 2.0 * PAD) / Math.max(1, top.size());
        for (int i = 0; i < top.size(); i++) {
            double h = (double) top.get(i).getValue() / max * (H - 2 * PAD);
            double x = PAD + i * bw;
            svg.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2ca02c\"><title>%s: %d</title></rect>\n",
                    x, H - PAD - h, bw * 0.8, h, HtmlPages.escape(top.get(i).getKey()), top.get(i).getValue()));
            svg.append(String.format(java.util.Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"8\" transform=\"rotate(60 %.1f %d)\">%s</text>\n",
                    x, H - PAD + 10, x, H - PAD + 10, HtmlPages.escape(top.get(i).getKey())));
        }
        return svg + "</svg>\n";
    }

    private static String header(String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + (H + 40) + "\" font-family=\"sans-serif\">\n"
                + "<text x=\"" + PAD + "\" y=\"20\" font-size=\"14\">" + HtmlPages.escape(title) + "</text>\n";
    }

    private static String axes(String xLabel, String maxX, String maxY) {
        return "<line x1=\"" + PAD + "\" y1=\"" + (H - PAD) + "\" x2=\"" + (W - PAD) + "\" y2=\"" + (H - PAD) + "\" stroke=\"black\"/>\n"
                + "<line x1=\"" + PAD + "\" y1=\"" + PAD + "\" x2=\"" + PAD + "\" y2=\"" + (H - PAD) + "\" stroke=\"black\"/>\n"
                + "<text x=\"" + (W - PAD) + "\" y=\"" + (H - PAD + 15) + "\" font-size=\"10\" text-anchor=\"end\">" + maxX + " " + xLabel + "</text>\n"
                + "<text x=\"2\" y=\"" + (PAD + 4) + "\" font-size=\"10\">" + maxY + "</text>\n";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
