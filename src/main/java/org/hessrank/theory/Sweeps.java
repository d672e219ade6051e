package org.hessrank.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.hessrank.theory.SweepStatement.Outcome;
import org.hessrank.theory.SweepStatement.Sample;
import org.hessrank.theory.SweepStatement.GrowthCheck;

/** The line test shared by FC-SQRT and CNN-SQRT. */
final class Sweeps {
    private Sweeps() {
    }

    /**
     * Whether the samples at widths {@code >= threshold} lie on one line in (width, rank), with the
     * given slope if {@code slope >= 0} (any slope otherwise), and, if {@code quadraticP}, whether p
     * is not affine in the width over them. Duplicate widths keep their largest rank (the generic
     * rank is the maximum over points). Exact integer arithmetic; O(n log n).
     */
    static GrowthCheck checkLine(List<Sample> samples, int threshold, long slope, boolean quadraticP, String what) {
        Objects.requireNonNull(samples, "samples");
        TreeMap<Integer, Sample> byWidth = new TreeMap<>();
        for (Sample s : samples) {
            if (s.width() >= threshold) {
                byWidth.merge(s.width(), s, (a, b) -> a.rank() >= b.rank() ? a : b);
            }
        }
        List<Sample> pts = new ArrayList<>(byWidth.values());
        if (pts.size() < 3) {
            return new GrowthCheck(Outcome.INCONCLUSIVE, pts.size() + " distinct widths >= threshold " + threshold
                    + " (need 3)");
        }
        Sample a = pts.get(0);
        Sample b = pts.get(1);
        long dw0 = b.width() - a.width();
        long dr0 = b.rank() - a.rank();
        for (int i = 1; i < pts.size(); i++) {
            Sample u = pts.get(i - 1);
            Sample v = pts.get(i);
            long dw = v.width() - u.width();
            long dr = v.rank() - u.rank();
            boolean ok = slope >= 0 ? dr == slope * dw : dr * dw0 == dr0 * dw;
            if (!ok) {
                return new GrowthCheck(Outcome.VIOLATED, "rank not on the line (" + what + "): widths " + u.width() + " → "
                        + v.width() + " change the rank by " + dr + ", expected "
                        + (slope >= 0 ? slope * dw : "the slope " + dr0 + "/" + dw0 + " of widths " + a.width() + ", "
                                + b.width()));
            }
        }
        Sample c = pts.get(2);
        boolean pAffine = (b.parameterCount() - a.parameterCount()) * (c.width() - a.width())
                == (c.parameterCount() - a.parameterCount()) * (b.width() - a.width());
        String line = String.format(java.util.Locale.ROOT, "rank = %s·w %s over widths %d..%d (%s); p %s",
                slope >= 0 ? Long.toString(slope) : dr0 + "/" + dw0,
                interceptText(a, slope >= 0 ? slope : -1, dr0, dw0), a.width(), pts.get(pts.size() - 1).width(), what,
                pAffine ? "affine in w" : "quadratic in w, so rank = Θ(√p)");
        if (quadraticP && pAffine) {
            return new GrowthCheck(Outcome.VIOLATED, line + "; p was expected to grow quadratically");
        }
        return new GrowthCheck(Outcome.HOLDS, line);
    }

    private static String interceptText(Sample a, long slope, long dr0, long dw0) {
        if (slope >= 0) {
            long c = a.rank() - slope * a.width();
            return (c >= 0 ? "+ " : "− ") + Math.abs(c);
        }
        // rank = a.rank + (dr0/dw0)(w − a.width): intercept a.rank − dr0·a.width/dw0
        long num = a.rank() * dw0 - dr0 * a.width();
        return (num >= 0 ? "+ " : "− ") + Math.abs(num) + (dw0 == 1 ? "" : "/" + dw0);
    }
}
