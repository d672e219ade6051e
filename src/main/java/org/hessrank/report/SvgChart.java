package org.hessrank.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small line chart written as standalone SVG text: axes with "nice" ticks (or decades on log
 * axes), one polyline with markers per series, optional dashed series (formula curves), a
 * legend and a title. Pure formatting: the data are drawn as given. Immutable once built.
 */
public final class SvgChart {
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};
    private static final int WIDTH = 720;
    private static final int PLOT_HEIGHT = 450;
    private static final int LEGEND_ROW = 18;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series;

    /** One line: its name, points, whether dashed (e.g. a formula), and its colour index. */
    public record Series(String name, double[] x, double[] y, boolean dashed, int colour) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": x length (" + x.length
                        + ") must equal y length (" + y.length + ")");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    private SvgChart(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.logX = b.logX;
        this.logY = b.logY;
        this.series = List.copyOf(b.series);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Builder for a chart. */
    public static final class Builder {
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private boolean logX;
        private boolean logY;
        private final List<Series> series = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder axes(String x, String y) {
            this.xLabel = x;
            this.yLabel = y;
            return this;
        }

        public Builder logLog() {
            this.logX = true;
            this.logY = true;
            return this;
        }

        /** A solid line with markers; colour chosen by position. */
        public Builder line(String name, double[] x, double[] y) {
            series.add(new Series(name, x, y, false, series.size()));
            return this;
        }

        /** A dashed line without markers in the colour of series {@code colourOf} (e.g. its formula). */
        public Builder dashed(String name, double[] x, double[] y, int colourOf) {
            series.add(new Series(name, x, y, true, colourOf));
            return this;
        }

        /** A line in the next colour, solid with markers or dashed without. */
        public Builder add(String name, double[] x, double[] y, boolean dashed) {
            series.add(new Series(name, x, y, dashed, series.size()));
            return this;
        }

        public SvgChart build() {
            return new SvgChart(this);
        }
    }

    /** The SVG document: the plot, then the legend below it (two columns when the names are short). */
    public String render() {
        int longest = series.stream().mapToInt(x -> x.name().length()).max().orElse(0);
        // two legend columns when the names fit in half the width, else one
        int columns = 30 + 7 * longest < (WIDTH - LEFT - RIGHT) / 2 ? 2 : 1;
        int height = PLOT_HEIGHT + LEGEND_ROW * ((series.size() + columns - 1) / columns) + 8;
        double[] xr = range(true);
        double[] yr = range(false);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" text-anchor=\"middle\">%s</text>%n",
                WIDTH / 2, escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PLOT_HEIGHT - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", LEFT, TOP, plotW, plotH));
        for (double t : ticks(xr, logX)) {
            double px = px(t, xr, logX);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP, px, TOP + plotH, px,
                    TOP + plotH + 16, label(t)));
        }
        for (double t : ticks(yr, logY)) {
            double py = py(t, yr, logY);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, py, LEFT + plotW, py,
                    LEFT - 6, py + 4, label(t)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, PLOT_HEIGHT - 12, escape(xLabel + (logX ? " (log)" : ""))));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", TOP + plotH / 2, escape(yLabel + (logY ? " (log)" : ""))));
        int entry = 0;
        for (Series s : series) {
            int legendX = LEFT + (entry % columns) * (plotW / 2);
            int legendY = PLOT_HEIGHT + 12 + LEGEND_ROW * (entry / columns);
            entry++;
            String colour = PALETTE[s.colour() % PALETTE.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (!drawable(s.x()[i], logX) || !drawable(s.y()[i], logY)) {
                    continue;
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(s.x()[i], xr, logX), py(s.y()[i], yr, logY)));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s "
                    + "points=\"%s\"/>%n", colour, s.dashed() ? "1.5" : "2", s.dashed() ? " stroke-dasharray=\"6,4\""
                            : "", points.toString().trim()));
            if (!s.dashed()) {
                for (int i = 0; i < s.x().length; i++) {
                    if (drawable(s.x()[i], logX) && drawable(s.y()[i], logY)) {
                        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                                px(s.x()[i], xr, logX), py(s.y()[i], yr, logY), colour));
                    }
                }
            }
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">%s</text>%n", legendX, legendY - 4, legendX + 24,
                    legendY - 4, colour, s.dashed() ? " stroke-dasharray=\"6,4\"" : "", legendX + 30, legendY,
                    escape(s.name())));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private double[] range(boolean xAxis) {
        boolean log = xAxis ? logX : logY;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : xAxis ? s.x() : s.y()) {
                if (drawable(v, log)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return log ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (log) {
            return new double[] {Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))};
        }
        if (!xAxis) {
            lo = Math.min(lo, 0);
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        double step = niceStep((hi - lo) / 6);
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static List<Double> ticks(double[] r, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (double v = r[0]; v <= r[1] * 1.0001; v *= 10) {
                out.add(v);
            }
            return out;
        }
        double step = niceStep((r[1] - r[0]) / 6);
        for (double v = r[0]; v <= r[1] + step / 1000; v += step) {
            out.add(Math.abs(v) < step / 1e6 ? 0 : v);
        }
        return out;
    }

    private static double px(double v, double[] r, boolean log) {
        double f = log ? (Math.log10(v) - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0]))
                : (v - r[0]) / (r[1] - r[0]);
        return LEFT + f * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double v, double[] r, boolean log) {
        double f = log ? (Math.log10(v) - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0]))
                : (v - r[0]) / (r[1] - r[0]);
        return TOP + (1 - f) * (PLOT_HEIGHT - TOP - BOTTOM);
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        String t = String.format(Locale.ROOT, "%.3g", v);
        return t.contains("e") || !t.contains(".") ? t : t.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Least-squares slope and intercept of log10(y) against log10(x) over the positive pairs:
     * the exponent of a power law y ≈ a·x^slope. Returns {slope, intercept}.
     *
     * @throws IllegalArgumentException if fewer than two positive pairs exist
     */
    public static double[] logLogFit(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0) {
                double lx = Math.log10(x[i]);
                double ly = Math.log10(y[i]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                n++;
            }
        }
        if (n < 2 || n * sxx - sx * sx == 0) {
            throw new IllegalArgumentException("log-log fit needs at least two distinct positive points, got " + n);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {slope, (sy - slope * sx) / n};
    }
}
