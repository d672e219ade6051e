package org.hessrank.numeric;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.hessrank.exact.Grade;
import org.hessrank.exact.RankResult;

/**
 * A numerical rank and the evidence for it: the magnitudes it was cut from (singular values for
 * the float64 SVD, pivot magnitudes for high-precision complete-pivoting elimination), in
 * descending order, the threshold, and the gap at the cut. Magnitudes are stored as log10 so that
 * values far below the double range (e.g. 1e-400 at 500 digits) survive. Always graded
 * {@link Grade#NUMERICAL_ESTIMATE}. Immutable.
 *
 * <p><b>Clear gap.</b> The cut is <em>clear</em> when the last value counted is at least
 * 10^{@value #CLEAR_GAP_DECADES} times the first value not counted ({@link #gapDecades()}). numpy's
 * default threshold deliberately sits just above the rounding-noise floor (σ_max·ε times a
 * modest factor), so the distance from the threshold to the first uncounted value is small by
 * design; what separates a trustworthy cut from a doubtful one is the size of the jump across
 * it. Where the gap is clear, a numeric rank is expected to agree with the exact rank; elsewhere
 * it is reported as ambiguous. {@link #marginDecades()} gives the distances to the threshold.
 */
public final class NumericRank {
    /** Decades between the two values on either side of the cut for a clear gap. */
    public static final double CLEAR_GAP_DECADES = 3;

    /** What the magnitudes are. */
    public enum Values { SINGULAR_VALUES, PIVOTS }

    private final int rank;
    private final double[] log10Values;
    private final int fullLength;
    private final double log10Threshold;
    private final Values values;
    private final Precision precision;
    private final Tolerance tolerance;
    private final int rows;
    private final int cols;

    private NumericRank(int rank, double[] log10Values, int fullLength, double log10Threshold, Values values,
            Precision precision, Tolerance tolerance, int rows, int cols) {
        this.rank = rank;
        this.log10Values = log10Values;
        this.fullLength = fullLength;
        this.log10Threshold = log10Threshold;
        this.values = values;
        this.precision = precision;
        this.tolerance = tolerance;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Cuts descending magnitudes at a tolerance.
     *
     * @param log10Values log10 of the magnitudes, descending (−∞ for exact zeros); copied. May be
     *     shorter than min(rows, cols) when elimination stopped early: the missing values are
     *     known to be at most the last one given
     * @param precision the arithmetic (fixes ε for the numpy default)
     * @throws IllegalArgumentException if the values are not descending or too many
     */
    public static NumericRank of(double[] log10Values, int rows, int cols, Values values, Precision precision,
            Tolerance tolerance) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(tolerance, "tolerance");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("shape (" + rows + " x " + cols + ") must be non-negative");
        }
        double[] v = log10Values.clone();
        if (v.length > Math.min(rows, cols)) {
            throw new IllegalArgumentException("value count (" + v.length + ") must be <= min(rows, cols) ("
                    + Math.min(rows, cols) + ")");
        }
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || (i > 0 && v[i] > v[i - 1] + 1e-12 * Math.abs(v[i - 1]) + 1e-12
                    && values == Values.SINGULAR_VALUES)) {
                throw new IllegalArgumentException("singular values must be descending (value " + i + ")");
            }
        }
        double max = v.length == 0 ? Double.NEGATIVE_INFINITY : v[0];
        double thr = tolerance.log10Threshold(max, rows, cols, precision.log10Epsilon());
        int rank = 0;
        while (rank < v.length && v[rank] > thr) {
            rank++;
        }
        return new NumericRank(rank, v, Math.min(rows, cols), thr, values, precision, tolerance, rows, cols);
    }

    public int rank() {
        return rank;
    }

    /** log10 of the magnitudes, descending (a copy). */
    public double[] log10Values() {
        return log10Values.clone();
    }

    /** Number of magnitudes computed (min(rows, cols) unless elimination stopped early). */
    public int valueCount() {
        return log10Values.length;
    }

    /** log10 of value i (0-based), −∞ for an exact zero or a value beyond those computed after a zero. */
    public double log10Value(int i) {
        return i < log10Values.length ? log10Values[i] : Double.NEGATIVE_INFINITY;
    }

    /** log10 of the threshold. */
    public double log10Threshold() {
        return log10Threshold;
    }

    public Values values() {
        return values;
    }

    public Precision precision() {
        return precision;
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    /**
     * log10(v_r / v_{r+1}) at the cut r = {@link #rank()} (1-based values): +∞ when v_{r+1} is an
     * exact zero or r is full; NaN for rank 0 (no value above the cut) or when elimination
     * stopped before computing v_{r+1}.
     */
    public double gapDecades() {
        if (rank == 0) {
            return Double.NaN;
        }
        if (rank >= fullLength) {
            return Double.POSITIVE_INFINITY;
        }
        if (rank >= log10Values.length) {
            return Double.NaN; // stopped early without a value below the cut: unknown
        }
        return log10Values[rank - 1] - log10Values[rank];
    }

    /**
     * The smaller distance, in decades, from the threshold to the last counted value and to the
     * first uncounted one (+∞ for a side that does not exist or is an exact zero).
     */
    public double marginDecades() {
        double above = rank == 0 ? Double.POSITIVE_INFINITY : log10Values[rank - 1] - log10Threshold;
        double below = rank >= fullLength ? Double.POSITIVE_INFINITY
                : rank >= log10Values.length ? Double.NaN : log10Threshold - log10Values[rank];
        if (Double.isNaN(below)) {
            return Double.NaN;
        }
        return Math.min(above, below);
    }

    /**
     * True when {@link #gapDecades()} is at least {@value #CLEAR_GAP_DECADES} (a full rank or an
     * exact zero below the cut counts as clear; rank 0 of a nonzero matrix does not).
     */
    public boolean clearGap() {
        if (rank == 0) {
            return log10Values.length == 0 || log10Values[0] == Double.NEGATIVE_INFINITY;
        }
        return gapDecades() >= CLEAR_GAP_DECADES;
    }

    /**
     * The cut k with the largest ratio v_k / v_{k+1} between consecutive computed values (an
     * exact zero after v_k counts as an infinite ratio), or the value count when there is no
     * consecutive pair. A second opinion on the rank that needs no tolerance; it never suggests
     * the full rank unless the spectrum has a single value.
     */
    public int largestGapRank() {
        if (log10Values.length == 0 || log10Values[0] == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        int best = 1;
        double bestGap = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < log10Values.length; k++) {
            if (log10Values[k - 1] == Double.NEGATIVE_INFINITY) {
                break;
            }
            double gap = log10Values[k - 1] - log10Values[k];
            if (gap > bestGap) {
                bestGap = gap;
                best = k;
            }
        }
        return best;
    }

    /** The values r−w+1 .. r+w (1-based) around the cut, formatted like {@code 3.1e-05 | 2.2e-17}. */
    public String aroundCut(int w) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int lo = Math.max(0, rank - w);
        int hi = Math.min(log10Values.length, rank + w);
        for (int i = lo; i < hi; i++) {
            if (i == rank) {
                parts.add("|");
            }
            parts.add(format(log10Values[i]));
        }
        if (rank >= hi) {
            parts.add(rank >= fullLength ? "|" : "| (not computed)");
        }
        return String.join(" ", parts);
    }

    /** Formats 10^x as {@code 1.23e-45} (or {@code 0}). */
    public static String format(double log10) {
        if (log10 == Double.NEGATIVE_INFINITY) {
            return "0";
        }
        double e = Math.floor(log10);
        double m = Math.pow(10, log10 - e);
        if (m >= 9.995) {
            m /= 10;
            e += 1;
        }
        return String.format(Locale.ROOT, "%.2fe%s%02d", m, e < 0 ? "-" : "+", (long) Math.abs(e));
    }

    /** The method name: {@code float64-svd} or {@code apfloat60-lu}. */
    public String method() {
        return precision.isFloat64() ? "float64-svd" : "apfloat" + precision + "-lu";
    }

    /** As a {@link RankResult} (grade numerical estimate, no witness). */
    public RankResult toRankResult() {
        return RankResult.of(rank, Grade.NUMERICAL_ESTIMATE, Double.NaN, null, null, method());
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    @Override
    public String toString() {
        return "NumericRank[rank=" + rank + ", method=" + method() + ", tol=" + tolerance + " (" + format(log10Threshold)
                + "), gap=" + String.format(Locale.ROOT, "%.2f", gapDecades()) + " decades, around cut: "
                + aroundCut(2) + ", values=" + Arrays.toString(Arrays.copyOf(log10Values, Math.min(3,
                        log10Values.length))) + "...]";
    }
}
