package org.hessrank.exact;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Rank mod p of a {@link BlackBox} A (n × n) with Toeplitz preconditioners on both sides and no
 * elimination over rows of length n: about r products with A, O(r·n·log n) for the left
 * projection and r³/3 word operations of elimination, where {@link CompressedRank} spends r²·n.
 *
 * <p><b>Algorithm.</b> Draw unit upper triangular Toeplitz T1 (first row 1, t_1, …, t_{n−1}) and
 * unit lower triangular Toeplitz T2 (first column 1, s_1, …, s_{n−1}), entries uniform mod p, and
 * let Z = T1·A·T2. Column j of T2 is the sequence s shifted down by j, so block k of Z's columns is
 * A applied to {@code block} shifted copies of s, projected onto the first rows of T1 by
 * {@link ToeplitzProjection}. The leading principal blocks Z_k of growing size k are factored by
 * bordered LU <i>without pivoting</i>; the run stops at the first zero pivot, at position j + 1,
 * and returns j. (It checks that the rest of the current Schur block is zero too, which it must
 * be when the rank profile is generic; otherwise it throws, see below.)
 *
 * <p><b>Grade.</b> The returned j is a <b>certified lower bound</b> on rank_p(A): the leading j × j
 * minor of Z = (T1)_{[0,j)}·A·(T2)_{[0,j)} is nonzero (its LU pivots are), so rank_p(A) ≥ j, and
 * rank over ℚ ≥ j when A is the reduction of an integer matrix.
 *
 * <p><b>Span check.</b> When a map stops at j &lt; n, {@value #CHECKS} fresh uniform vectors v are
 * mapped and projected, and each P·A·v (P = the first m rows of T1) must lie in the span of the
 * first j projected columns P·A·T2[·, 0:j) (solved with the LU of Z_j, residual on rows j..m).
 * One outside proves the rank exceeds j: the run throws {@link NonGenericProfileException}.
 *
 * <p><b>Monte Carlo bound (derived here).</b> Let C = col_p(A), r = dim C, W = span of the first
 * j columns of A·T2 (dim j, as Z_j is nonsingular) and G the event that P restricted to C has
 * rank d = min(m, r). By Kaltofen and Saunders ("On Wiedemann's method of solving sparse linear
 * systems", AAECC-9, LNCS 539, 1991, Theorem 2) the leading d × d minor of T1·[C̃ 0]·T2 (C̃ a
 * basis of C) is a nonzero polynomial, so some d × d minor of the first d rows of T1·C̃ is a
 * nonzero polynomial of degree ≤ d in the t's: P(not G) ≤ d/p (Schwartz–Zippel). On G with
 * j &lt; r, P(W) has dimension ≤ j &lt; d (j &lt; m as the run stopped inside the projected rows), and
 * P·A·v is uniform on P(C) (a linear image of a uniform vector), so each check passes with
 * probability ≤ p^{j−d} ≤ 1/p, independently. Hence
 * <pre>   P(j &lt; rank_p(A) and no exception) ≤ min(m, r)/p + p^{−{@value #CHECKS}} ≤ (m + 1)/p,</pre>
 * which {@link #failureBound} reports: 3·10^−11 for m = 4,745 and 3·10^−10 for m = 37,873 with a
 * 48-bit prime. (Without the check the bound would have to sum the leading minors' degrees over
 * the block ends, about n²/(block·p).)
 *
 * <p><b>Symmetric maps</b> ({@link BlackBox#symmetric()}, as Hessians are): T2 = T1ᵀ (s = t), so
 * Z = T1·A·T1ᵀ is symmetric, Z = L·D·Lᵀ, and each bordered step needs one triangular solve
 * (L21 = U12ᵀ·D⁻¹), split over the cores, instead of two. The grade and the bound below do not
 * depend on T2: the bound uses only the left projection P and the span check. A non-generic
 * profile (a leading minor vanishing below the rank) is still detected.
 *
 * <p><b>Cost</b> for rank r: ⌈(r+1)/block⌉·block + {@value #CHECKS} products with A; as many projections,
 * each O(L·log L) with L the power of two ≥ n + m − 1 (m the projected rows, at least
 * min(n, max(2·block, {@value #MIN_ROWS})), usually the room left up to the next power of two); r³/3 multiply-adds mod p
 * for the bordered LU (two triangular solves per block in parallel; one, split over the cores, and
 * about half the work for a symmetric box). Memory: about
 * (r + block)·m doubles for the projected columns plus r² for L and U. If the rank outgrows m,
 * the run restarts with L doubled (the work so far is lost).
 */
public final class ToeplitzRank {
    /** Default number of columns per block. */
    public static final int DEFAULT_BLOCK = 64;
    /** Rows of a triangular solve handled together (their working set stays in L1). */
    private static final int TILE = 32;

    private ToeplitzRank() {
    }

    /**
     * Receives progress after each block: the rank so far, the products used, the elapsed seconds
     * and whether this map's rank is now final.
     */
    @FunctionalInterface
    public interface Listener {
        void update(int rank, int products, double seconds, boolean finished);
    }

    /**
     * The outcome.
     *
     * @param rank j: the leading j × j minor of T1·A·T2 is nonzero; a certified lower bound on rank_p(A)
     * @param products black-box products used
     * @param failureProbability bound on P(rank &lt; rank_p(A)) over the Toeplitz entries (0 if rank = n)
     * @param projectedRows m, the rows of T1 kept in the final run
     * @param restarts runs restarted because the rank outgrew m
     * @param prime p
     * @param seed seeds the sequences (s first, then t, each n − 1 draws of {@code nextLong(p)})
     */
    public record Result(int rank, int products, double failureProbability, int projectedRows, int restarts,
            long prime, long seed) {
    }

    /** Thrown when the leading minors stop being nonzero before the rank is reached (see {@link #failureBound}). */
    public static final class NonGenericProfileException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NonGenericProfileException(String message) {
            super(message);
        }
    }

    /** As {@link #rank(BlackBox, long, int, long, Listener)} with the default block and no memory limit. */
    public static Result rank(BlackBox box, long seed) {
        return rank(box, seed, DEFAULT_BLOCK, Long.MAX_VALUE, null);
    }

    /**
     * The rank of {@code box} mod its prime.
     *
     * @param block columns per block (≥ 1)
     * @param maxDoubles the most doubles the run may hold (projected columns and LU factors)
     * @param listener progress receiver, or null
     * @throws IllegalArgumentException if p ≥ 2^49, block &lt; 1, or 2n − 1 &gt; 2^22
     * @throws IllegalStateException if the memory would exceed {@code maxDoubles} (the message gives
     *     the estimate)
     * @throws NonGenericProfileException if a zero pivot is followed by a nonzero Schur entry
     */
    public static Result rank(BlackBox box, long seed, int block, long maxDoubles, Listener listener) {
        return ranks(BlackBoxFamily.of(box), seed, block, maxDoubles, new Listener[] {listener})[0];
    }

    /**
     * The ranks of every map of {@code boxes}, with the same T1 and T2 for all, applying the maps
     * together while more than one is still growing. Each result is as for a single box (its
     * products are the columns it used); the failure bounds hold for each map separately.
     *
     * @param listeners one progress receiver per map (elements may be null), or null
     * @throws NonGenericProfileException if any map's run meets a non-generic rank profile
     * @see #rank(BlackBox, long, int, long, Listener)
     */
    public static Result[] ranks(BlackBoxFamily boxes, long seed, int block, long maxDoubles, Listener[] listeners) {
        return ranks(boxes, seed, block, maxDoubles, listeners, GramUse.AUTO);
    }

    /** Whether a {@link GramFamily}'s second map is projected through its factor (see {@link GramFamily}). */
    public enum GramUse {
        /** When k·m is below the cost of a projection and fits the memory allowed. */
        AUTO,
        /** Whenever the family is a {@link GramFamily} (for tests and benchmarks). */
        ALWAYS,
        /** Never: both maps applied and projected directly. */
        NEVER
    }

    /**
     * As {@link #ranks(BlackBoxFamily, long, int, long, Listener[])}, choosing how a {@link GramFamily}
     * is used. The ranks and bounds do not depend on the choice, only the cost.
     */
    public static Result[] ranks(BlackBoxFamily boxes, long seed, int block, long maxDoubles, Listener[] listeners,
            GramUse gramUse) {
        return ranks(boxes, seed, block, maxDoubles, listeners, gramUse, MIN_ROWS);
    }

    /**
     * Projected rows the first run gets at least (or n): a restart costs every product so far,
     * and below this many rows the longer transform costs little next to the products.
     */
    static final int MIN_ROWS = 2048;

    /** As {@link #ranks(BlackBoxFamily, long, int, long, Listener[], GramUse)} with the first run's row floor (tests). */
    static Result[] ranks(BlackBoxFamily boxes, long seed, int block, long maxDoubles, Listener[] listeners,
            GramUse gramUse, int minRows) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(gramUse, "gramUse");
        long p = boxes.prime();
        if (p >= (1L << ModularElimination.FAST_PRIME_BITS)) {
            throw new IllegalArgumentException("prime (" + p + ") must be < 2^" + ModularElimination.FAST_PRIME_BITS);
        }
        if (block < 1) {
            throw new IllegalArgumentException("block (" + block + ") must be >= 1");
        }
        int n = boxes.dimension();
        if (2L * n - 1 > (1L << NumberTheoreticTransform.MAX_LOG)) {
            throw new IllegalArgumentException("dimension (" + n + ") must be <= 2^" + (NumberTheoreticTransform.MAX_LOG - 1));
        }
        int count = boxes.count();
        if (n == 0) {
            Result[] empty = new Result[count];
            Arrays.fill(empty, new Result(0, 0, 0, 0, 0, p, seed));
            return empty;
        }
        Modulus modulus = Modulus.of(p);
        SplittableRandom random = new SplittableRandom(seed);
        double[] s = sequence(random, n, p);
        double[] t = boxes.symmetric() ? s : sequence(random, n, p); // T2 = T1ᵀ: Z symmetric
        SplittableRandom checks = random.split();
        int length = 1;
        while (length < n + 1) {
            length *= 2;
        }
        int rows = Math.min(n, length - n + 1);
        while (rows < Math.min(n, Math.max(2 * block, minRows))) {
            length *= 2;
            rows = Math.min(n, length - n + 1);
        }
        long t0 = System.nanoTime();
        Result[] results = new Result[count];
        int[] products = new int[count];
        int restarts = 0;
        while (true) {
            ToeplitzProjection projection = ToeplitzProjection.of(modulus, t, rows);
            ProjectedGram gram = ProjectedGram.of(boxes, projection, length, modulus, maxDoubles, gramUse);
            Run[] runs = new Run[count];
            for (int m = 0; m < count; m++) {
                if (results[m] == null) {
                    runs[m] = new Run(modulus, rows, boxes.symmetric());
                }
            }
            boolean overflow = false;
            int k = 0;
            while (!overflow && active(runs) > 0) {
                int b = Math.min(block, n - k);
                if (k + b > rows) {
                    overflow = true;
                    break;
                }
                int live = active(runs);
                double need = live * ((double) (k + b) * rows + (double) (k + b) * (k + b) + (double) b * (n + rows))
                        + (double) b * n + (gram == null ? 0 : gram.doubles());
                if (need > maxDoubles) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "matrix-free rank: the rank reached %d of n = %d and the next block needs about %.1f GiB,"
                                    + " more than allowed (%.1f GiB); raise -Xmx",
                            k, n, need * 8 / (1L << 30), maxDoubles * 8.0 / (1L << 30)));
                }
                double[][] in = new double[b][n];
                for (int c = 0; c < b; c++) {
                    System.arraycopy(s, 0, in[c], k + c, n - k - c);
                }
                double[][][] projected = new double[count][][];
                if (gram != null && live == 2) {
                    projected = gram.columns(in, projection);
                } else {
                    boolean[] wanted = new boolean[count];
                    double[][][] out = new double[count][][];
                    for (int m = 0; m < count; m++) {
                        if (runs[m] != null) {
                            wanted[m] = true;
                            out[m] = new double[b][n];
                        }
                    }
                    boxes.apply(in, wanted, out);
                    for (int m = 0; m < count; m++) {
                        if (runs[m] != null) {
                            projected[m] = new double[b][rows];
                            projection.apply(out[m], projected[m]);
                            out[m] = null;
                        }
                    }
                }
                in = null;
                for (int m = 0; m < count; m++) {
                    if (runs[m] == null) {
                        continue;
                    }
                    products[m] += b;
                    double[][] cols = projected[m];
                    projected[m] = null;
                    int stop = runs[m].add(k, cols);
                    if (stop < 0 && k + b == n) {
                        stop = n;
                    }
                    if (stop >= 0 && stop < n) {
                        products[m] += spanCheck(boxes, m, runs[m], stop, projection, checks);
                    }
                    if (listeners != null && listeners[m] != null) {
                        listeners[m].update(stop >= 0 ? stop : k + b, products[m], (System.nanoTime() - t0) / 1e9,
                                stop >= 0);
                    }
                    if (stop >= 0) {
                        double failure = stop == n ? 0 : failureBound(rows, p);
                        results[m] = new Result(stop, products[m], failure, rows, restarts, p, seed);
                        runs[m] = null;
                    }
                }
                k += b;
            }
            if (!overflow) {
                return results;
            }
            restarts++;
            length *= 2;
            rows = Math.min(n, length - n + 1);
        }
    }

    /** Check vectors per finished map (see the class comment). */
    static final int CHECKS = 2;

    /** (m + 1)/p, capped at 1: the bound of the class comment for m projected rows (it covers m/p + p^−2). */
    public static double failureBound(int rows, long p) {
        return Math.min(1, (rows + 1.0) / p);
    }

    /**
     * Applies map m to {@value #CHECKS} fresh uniform vectors and requires each projected image
     * to lie in the span of the first j projected columns. Returns the products used.
     *
     * @throws NonGenericProfileException if one does not (the rank exceeds j)
     */
    private static int spanCheck(BlackBoxFamily boxes, int m, Run run, int j, ToeplitzProjection projection,
            SplittableRandom checks) {
        int n = boxes.dimension();
        long p = boxes.prime();
        double[][] in = new double[CHECKS][n];
        for (double[] v : in) {
            for (int i = 0; i < n; i++) {
                v[i] = checks.nextLong(p);
            }
        }
        boolean[] wanted = new boolean[boxes.count()];
        wanted[m] = true;
        double[][][] out = new double[boxes.count()][][];
        out[m] = new double[CHECKS][n];
        boxes.apply(in, wanted, out);
        double[][] cols = new double[CHECKS][projection.rows()];
        projection.apply(out[m], cols);
        for (double[] w : cols) {
            if (!run.inSpan(w, j)) {
                throw new NonGenericProfileException(String.format(Locale.ROOT,
                        "matrix-free rank: a random image lies outside the span of the first %d columns, so the rank"
                                + " exceeds %d (an unlucky Toeplitz draw); rerun with another seed or the echelon"
                                + " compression", j, j));
            }
        }
        return CHECKS;
    }

    private static int active(Run[] runs) {
        int a = 0;
        for (Run r : runs) {
            if (r != null) {
                a++;
            }
        }
        return a;
    }

    private static double[] sequence(SplittableRandom random, int n, long p) {
        double[] x = new double[n];
        x[0] = 1;
        for (int i = 1; i < n; i++) {
            x[i] = random.nextLong(p);
        }
        return x;
    }

    /**
     * P·Aᵀ of a {@link GramFamily} (kept as the k projected rows of A, m entries each), for
     * forming map 1's projected columns as P·B·v + (P·Aᵀ)·(A·v): k·m multiply-adds per column
     * instead of a second projection (about 3·L·log₂L butterflies) and the work of AᵀA·v
     * ({@link GramFamily#directExtraCost}). Used only when k·m is below their sum and its k·m
     * doubles are affordable.
     */
    private static final class ProjectedGram {
        private final GramFamily family;
        private final double[][] projectedRows;
        private final ModularElimination.DoubleKernel kernel;
        private final long prime;

        private ProjectedGram(GramFamily family, double[][] projectedRows, Modulus modulus) {
            this.family = family;
            this.projectedRows = projectedRows;
            this.kernel = new ModularElimination.DoubleKernel(modulus);
            this.prime = modulus.value();
        }

        /** The projected factor for {@code boxes}, or null when it is not a Gram family or would not pay. */
        static ProjectedGram of(BlackBoxFamily boxes, ToeplitzProjection projection, int length, Modulus modulus,
                long maxDoubles, GramUse use) {
            if (use == GramUse.NEVER || !(boxes instanceof GramFamily family) || family.count() != 2) {
                return null;
            }
            int k = family.factorRows();
            int m = projection.rows();
            double direct = 3.0 * length * (31 - Integer.numberOfLeadingZeros(length)) + family.directExtraCost();
            if (use == GramUse.AUTO && ((double) k * m >= direct || (double) k * m > maxDoubles / 8.0)) {
                return null;
            }
            int n = family.dimension();
            double[][] projected = new double[k][];
            for (int i0 = 0; i0 < k; i0 += DEFAULT_BLOCK) {
                int b = Math.min(DEFAULT_BLOCK, k - i0);
                double[][] rowsOfA = new double[b][n];
                for (int i = 0; i < b; i++) {
                    family.factorRow(i0 + i, rowsOfA[i]);
                }
                double[][] cols = new double[b][m];
                projection.apply(rowsOfA, cols);
                System.arraycopy(cols, 0, projected, i0, b);
            }
            return new ProjectedGram(family, projected, modulus);
        }

        /** The doubles held: k·m. */
        double doubles() {
            return projectedRows.length == 0 ? 0 : (double) projectedRows.length * projectedRows[0].length;
        }

        /** The projected columns of map 0 (P·B·v) and map 1 (P·B·v + P·Aᵀ·A·v) for the block {@code in}. */
        double[][][] columns(double[][] in, ToeplitzProjection projection) {
            int b = in.length;
            int m = projection.rows();
            int k = projectedRows.length;
            double[][] out = new double[b][family.dimension()];
            double[][] av = new double[b][k];
            family.applyWithFactor(in, out, av);
            double[][] first = new double[b][m];
            projection.apply(out, first);
            out = null;
            double[][] second = new double[b][];
            IntStream.range(0, b).parallel().forEach(j -> {
                double[] col = first[j].clone();
                for (int i = 0; i < k; i++) {
                    double a = av[j][i];
                    if (a != 0) {
                        kernel.axpy(col, prime - a, projectedRows[i], 0, m); // col += a·(P·row i)
                    }
                }
                for (int t = 0; t < m; t++) {
                    if (col[t] == prime) {
                        col[t] = 0;
                    }
                }
                second[j] = col;
            });
            return new double[][][] {first, second};
        }
    }

    /** The LU factors of the leading blocks of one map's Z (a fixed number of projected rows). */
    private static final class Run {
        private final Modulus modulus;
        private final ModularElimination.DoubleKernel kernel;
        private final long prime;
        private final int rows;
        /** Z is symmetric (T2 = T1ᵀ, A symmetric): L21 = U12ᵀ·D⁻¹ needs no second triangular solve. */
        private final boolean symmetric;
        /** Projected columns of Z (first {@code rows} entries each). */
        private double[][] z = new double[0][];
        /** lRows[i] = L[i][0..i) (unit diagonal implied); uCols[j] = U[0..j][j]; uInv[j] = 1/U[j][j]. */
        private double[][] lRows = new double[0][];
        private double[][] uCols = new double[0][];
        private double[] uInv = new double[0];

        Run(Modulus modulus, int rows, boolean symmetric) {
            this.modulus = modulus;
            this.symmetric = symmetric;
            this.kernel = new ModularElimination.DoubleKernel(modulus);
            this.prime = modulus.value();
            this.rows = rows;
        }

        private double canonical(double v) {
            return v == prime ? 0 : v;
        }

        /** Adds columns [k, k + b) of Z; returns the first zero pivot's position, or −1. */
        int add(int k, double[][] cols) {
            grow(k + cols.length);
            System.arraycopy(cols, 0, z, k, cols.length);
            return border(k, cols.length);
        }

        private void grow(int size) {
            if (z.length < size) {
                int cap = Math.max(size, z.length * 2);
                z = Arrays.copyOf(z, cap);
                lRows = Arrays.copyOf(lRows, cap);
                uCols = Arrays.copyOf(uCols, cap);
                uInv = Arrays.copyOf(uInv, cap);
            }
        }

        /**
         * Extends the LU factors of Z_k by the block [k, k+b). Returns the position of the first
         * zero pivot (the rank), or −1 when every pivot is nonzero.
         */
        private int border(int k, int b) {
            // ct[i·b + c] = Z[i][k+c] (i < k) → U12 = L⁻¹·Z[0:k, k:k+b]
            // rt[j·b + r] = Z[k+r][j] (j < k) → L21 = Z[k:k+b, 0:k]·U⁻¹
            double[][] ct = new double[k][b];
            double[][] rt = new double[k][b];
            for (int c = 0; c < b; c++) {
                double[] col = z[k + c];
                for (int i = 0; i < k; i++) {
                    ct[i][c] = col[i];
                }
            }
            for (int j = 0; j < k && !symmetric; j++) {
                System.arraycopy(z[j], k, rt[j], 0, b);
            }
            if (symmetric) {
                // Z = L·D·Lᵀ: L21 = Z21·U11⁻¹ = (L11⁻¹·Z12)ᵀ·D⁻¹ = U12ᵀ·D⁻¹ (D = diag U); one solve, split over the cores
                int half = b / 2;
                IntStream.range(0, 2).parallel().forEach(task -> solve(ct, k, task == 0 ? 0 : half,
                        task == 0 ? half : b, lRows, null));
                for (int j = 0; j < k; j++) {
                    long d = (long) uInv[j];
                    for (int c = 0; c < b; c++) {
                        rt[j][c] = modulus.multiply((long) canonical(ct[j][c]), d);
                    }
                }
            } else {
                IntStream.range(0, 2).parallel().forEach(task -> {
                    if (task == 0) {
                        solve(ct, k, 0, b, lRows, null);
                    } else {
                        solve(rt, k, 0, b, uCols, uInv);
                    }
                });
            }
            // Schur block S = Z22 − L21·U12, rows split over the cores
            double[][] sb = new double[b][b];
            for (int r = 0; r < b; r++) {
                for (int c = 0; c < b; c++) {
                    sb[r][c] = z[k + c][k + r];
                }
            }
            int halves = k > 0 && b > 1 ? 2 : 1;
            IntStream.range(0, halves).parallel().forEach(h -> {
                int r0 = b * h / halves;
                int r1 = b * (h + 1) / halves;
                for (int l = 0; l < k; l++) {
                    for (int r = r0; r < r1; r++) {
                        double c = canonical(rt[l][r]);
                        if (c != 0) {
                            kernel.axpy(sb[r], c, ct[l], 0, b);
                        }
                    }
                }
            });
            // unpivoted LU of S in place (L below the diagonal, U on and above)
            for (int i = 0; i < b; i++) {
                double piv = canonical(sb[i][i]);
                if (piv == 0) {
                    for (int r = i; r < b; r++) {
                        for (int c = i; c < b; c++) {
                            if (canonical(sb[r][c]) != 0) {
                                throw new NonGenericProfileException(String.format(Locale.ROOT,
                                        "matrix-free rank: leading minor %d of T1*A*T2 is zero but the rank is larger"
                                                + " (an unlucky Toeplitz draw); rerun with another seed"
                                                + " or the echelon compression", k + i + 1));
                            }
                        }
                    }
                    append(k, i, ct, rt, sb); // the factors of Z_{k+i}, for the span check
                    return k + i;
                }
                long inv = modulus.inverse((long) piv);
                for (int r = i + 1; r < b; r++) {
                    double f = canonical(sb[r][i]);
                    if (f == 0) {
                        continue;
                    }
                    f = modulus.multiply((long) f, inv);
                    sb[r][i] = f;
                    kernel.axpy(sb[r], f, sb[i], i + 1, b);
                }
            }
            append(k, b, ct, rt, sb);
            return -1;
        }

        /** Appends the first {@code count} rows of L and columns of U of the block at k. */
        private void append(int k, int count, double[][] ct, double[][] rt, double[][] sb) {
            for (int r = 0; r < count; r++) {
                double[] li = new double[k + r];
                for (int j = 0; j < k; j++) {
                    li[j] = canonical(rt[j][r]);
                }
                for (int c = 0; c < r; c++) {
                    li[k + c] = canonical(sb[r][c]);
                }
                lRows[k + r] = li;
            }
            for (int c = 0; c < count; c++) {
                double[] uc = new double[k + c + 1];
                for (int i = 0; i < k; i++) {
                    uc[i] = canonical(ct[i][c]);
                }
                for (int i = 0; i <= c; i++) {
                    uc[k + i] = canonical(sb[i][c]);
                }
                uCols[k + c] = uc;
                uInv[k + c] = modulus.inverse((long) uc[k + c]);
            }
        }

        /**
         * Whether the projected vector w (length {@code rows}) lies in the span of the first j
         * projected columns, Z_j's LU being complete: c = Z_j⁻¹·w[0, j), then the residual
         * w − Z[·, 0:j)·c on rows [j, rows) must vanish. Cost j² + j·rows.
         */
        boolean inSpan(double[] w, int j) {
            double[] x = Arrays.copyOf(w, j);
            for (int i = 0; i < j; i++) {
                double[] li = lRows[i];
                long acc = (long) canonical(x[i]);
                for (int l = 0; l < i; l++) {
                    acc = modulus.subtract(acc, modulus.multiply((long) li[l], (long) x[l]));
                }
                x[i] = acc;
            }
            for (int i = j - 1; i >= 0; i--) {
                double ci = modulus.multiply((long) canonical(x[i]), (long) uInv[i]);
                x[i] = ci;
                if (ci != 0) {
                    kernel.axpy(x, ci, uCols[i], 0, i);
                }
            }
            double[] residual = Arrays.copyOfRange(w, 0, rows);
            for (int l = 0; l < j; l++) {
                double c = canonical(x[l]);
                if (c != 0) {
                    kernel.axpy(residual, c, z[l], j, rows);
                }
            }
            for (int t = j; t < rows; t++) {
                if (canonical(residual[t]) != 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * x[i] ← (x[i] − Σ_{l<i} coef[i][l]·x[l])·diagInv[i] for i &lt; k, on columns [from, to) of
         * the rows (no scaling when diagInv is null): with coef = L it solves L·Y = X (U12 = L⁻¹·Z12), with
         * coef = Uᵀ stored by columns and diagInv = 1/diag(U) it solves Y·U = X for X stored by
         * columns (L21 = Z21·U⁻¹). Rows go in tiles, so each solved row is reused from cache by
         * the whole tile.
         */
        private void solve(double[][] x, int k, int from, int to, double[][] coef, double[] diagInv) {
            for (int i0 = 0; i0 < k; i0 += TILE) {
                int i1 = Math.min(k, i0 + TILE);
                for (int l = 0; l < i0; l++) {
                    for (int i = i0; i < i1; i++) {
                        double c = canonical(coef[i][l]);
                        if (c != 0) {
                            kernel.axpy(x[i], c, x[l], from, to);
                        }
                    }
                }
                for (int i = i0; i < i1; i++) {
                    double[] ci = coef[i];
                    for (int m = i0; m < i; m++) {
                        double c = canonical(ci[m]);
                        if (c != 0) {
                            kernel.axpy(x[i], c, x[m], from, to);
                        }
                    }
                    if (diagInv != null) {
                        scale(x[i], diagInv[i], from, to);
                    }
                }
            }
        }

        /** x[from..to) ← x·f mod p (f canonical). */
        private void scale(double[] x, double f, int from, int to) {
            for (int j = from; j < to; j++) {
                x[j] = (double) modulus.multiply((long) canonical(x[j]), (long) f);
            }
        }
    }
}
