package org.hessrank.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal line chart written as SVG text (no chart library): series of (x, y) points joined by
 * lines with markers, dashed series for formulas, a legend, and "nice" axis ticks. NaN points
 * are skipped. Deterministic output (same data, same bytes).
 */
final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};
    private static final int W = 640;
    private static final int H = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

    record Series(String name, double[] x, double[] y, boolean dashed) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart add(String name, double[] x, double[] y, boolean dashed) {
        series.add(new Series(name, x.clone(), y.clone(), dashed));
        return this;
    }

    String render() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    x0 = Math.min(x0, s.x[i]);
                    x1 = Math.max(x1, s.x[i]);
                    y0 = Math.min(y0, s.y[i]);
                    y1 = Math.max(y1, s.y[i]);
                }
            }
        }
        if (!(x0 <= x1)) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        double[] xt = ticks(x0, x1);
        double[] yt = ticks(y0, y1);
        x0 = xt[0];
        x1 = xt[xt.length - 1];
        y0 = yt[0];
        y1 = yt[yt.length - 1];
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, esc(title)));
        for (double t : xt) {
            double px = LEFT + (t - x0) / (x1 - x0) * pw;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    px, TOP, px, TOP + ph));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
                    TOP + ph + 16, num(t)));
        }
        for (double t : yt) {
            double py = TOP + ph - (t - y0) / (y1 - y0) * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, py, LEFT + pw, py));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
                    py + 4, num(t)));
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"black\"/>%n", LEFT, TOP, pw, ph));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + pw / 2, H - 15, esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">"
                + "%s</text>%n", TOP + ph / 2, TOP + ph / 2, esc(yLabel)));
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            String color = COLORS[si % COLORS.length];
            StringBuilder path = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) {
                    pen = false;
                    continue;
                }
                double px = LEFT + (s.x[i] - x0) / (x1 - x0) * pw;
                double py = TOP + ph - (s.y[i] - y0) / (y1 - y0) * ph;
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                pen = true;
                marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py,
                        color));
            }
            sb.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    path.toString().trim(), color, s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
            if (!s.dashed) {
                sb.append(marks);
            }
            int ly = TOP + 10 + si * 18;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"2\"%s/>%n", W - RIGHT + 10, ly, W - RIGHT + 30, ly, color,
                    s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", W - RIGHT + 35, ly + 4,
                    esc(s.name)));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** About 5–8 round tick values covering [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        if (hi - lo < 1e-12) {
            lo -= 1;
            hi += 1;
        }
        double raw = (hi - lo) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3 ? 2 * mag : raw / mag < 7 ? 5 * mag : 10 * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    private static String num(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
