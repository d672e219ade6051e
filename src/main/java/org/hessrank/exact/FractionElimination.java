package org.hessrank.exact;

import org.hipparchus.fraction.BigFraction;

/**
 * Rank by textbook Gaussian elimination over ℚ with Hipparchus {@link BigFraction}: what a user
 * would write without hessrank. Exact and deterministic but slow (every operation reduces a
 * fraction by a gcd); kept as an independent reference and as the benchmark's baseline.
 *
 * <p>Cost: O(m·n·r) fraction operations on numbers that grow with the step.
 */
public final class FractionElimination {
    private FractionElimination() {
    }

    /** The rank of {@code m} over ℚ. The input is not modified. */
    public static int rank(IntegerMatrix m) {
        int rows = m.rows();
        int cols = m.cols();
        BigFraction[][] a = new BigFraction[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = new BigFraction(m.get(i, j));
            }
        }
        int rank = 0;
        for (int c = 0; c < cols && rank < rows; c++) {
            int found = -1;
            for (int i = rank; i < rows; i++) {
                if (a[i][c].signum() != 0) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                continue;
            }
            BigFraction[] t = a[found];
            a[found] = a[rank];
            a[rank] = t;
            BigFraction[] pivot = a[rank];
            for (int i = rank + 1; i < rows; i++) {
                BigFraction[] row = a[i];
                if (row[c].signum() == 0) {
                    continue;
                }
                BigFraction f = row[c].divide(pivot[c]);
                for (int j = c; j < cols; j++) {
                    if (pivot[j].signum() != 0) {
                        row[j] = row[j].subtract(f.multiply(pivot[j]));
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
