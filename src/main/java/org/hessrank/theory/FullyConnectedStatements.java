package org.hessrank.theory;

import static org.hessrank.theory.Statement.Kind.BOUND;
import static org.hessrank.theory.Statement.Kind.EXACT;
import static org.hessrank.theory.Statement.Provenance.CONJECTURE;
import static org.hessrank.theory.Statement.Provenance.DERIVED;
import static org.hessrank.theory.Statement.Provenance.PAPER;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hessrank.exact.ModularProducts;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Primes;
import org.hessrank.exact.Modulus;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;

/**
 * The fully connected statements of docs/theorems.md: deep linear networks [NBH21] (FC-*), with a
 * bias in every layer (FCB-*), and one hidden ReLU layer (RELU-1H-F).
 *
 * <p>Notation (docs/theorems.md "Quantities"): {@code F(x) = W_L ⋯ W_1 x}, {@code W_l} of size
 * {@code M_l × M_{l−1}}, {@code M_0 = d}, {@code M_L = K}; {@code r = rank X};
 * {@code q = min(r, K, M_1, …, M_{L−1})}; {@code s = min(r, K)}; {@code ΣM} the sum of the hidden
 * widths. With biases {@code r̃ = rank [X; 1ᵀ]}, {@code q̃ = min(r̃, K, M_i)}, {@code s̃ = min(r̃, K)}.
 * The FC families need {@code L >= 2} (see {@link Families}). All formulas are evaluated in
 * {@code long} in O(L).
 *
 * <p><b>Cross-entropy</b> ([NBH21], paper): with a softmax cross-entropy loss the same formulas
 * hold with {@code K} replaced by {@code K − 1} in {@code q}, {@code s} and the formulas (not in
 * {@code p}). Softmax is transcendental, so hessrank's exact engines cannot check it; it is
 * documentation only and has no catalogue object.
 */
public final class FullyConnectedStatements {
    private FullyConnectedStatements() {
    }

    private static final String NBH21 = "[NBH21]";
    private static final String LINEAR = "deep linear fully connected net without biases, L >= 2 weight matrices";
    private static final String GENERIC_RES = "; residual of generic rank (min(N, K), rank Ω = min(r, K))";
    private static final String BIASED = "deep linear fully connected net with a bias in every layer, L >= 2";

    // ------------------------------------------------------------------ quantities

    static Optional<Families.Fc> fc(Instance i, boolean bias) {
        return Families.fullyConnected(i.architecture()).filter(f -> f.bias() == bias);
    }

    static Families.Fc fcOf(Instance i) {
        return Families.fullyConnected(i.architecture()).orElseThrow();
    }

    /** q = min(r, K, M_1..M_{L−1}) for the rank {@code rank} (r, or r̃ with biases). */
    static long q(Families.Fc f, int rank) {
        return Math.min(Math.min(rank, f.outputSize()), f.minHidden());
    }

    static long s(Families.Fc f, int rank) {
        return Math.min(rank, f.outputSize());
    }

    // ------------------------------------------------------------------ no bias

    /**
     * FC-O ([NBH21], paper, exact): {@code rank H_O = q(r + K − q)}. Hypothesis: deep linear FC
     * net without biases, {@code L >= 2}; equality at generic weights, any data X (r = rank X).
     */
    public static final Statement FC_O = FormulaStatement.builder("FC-O").source(NBH21).provenance(PAPER)
            .kind(EXACT).target(Part.O).hypothesis(LINEAR + "; generic weights")
            .formula("rank H_O = q(r + K − q)")
            .appliesWhen(i -> fc(i, false).isPresent())
            .predicts(i -> {
                Families.Fc f = fcOf(i);
                long q = q(f, i.dataRank());
                return q * (i.dataRank() + f.outputSize() - q);
            }).build();

    /**
     * FC-F ([NBH21], paper, bound attained at generic points):
     * {@code rank H_F <= 2qΣM + 2qs − Lq²}. Hypothesis: deep linear FC net without biases,
     * {@code L >= 2} (for L = 1 H_F = 0 and the formula would give q²).
     */
    public static final Statement FC_F = FormulaStatement.builder("FC-F").source(NBH21).provenance(PAPER)
            .kind(BOUND).target(Part.F).hypothesis(LINEAR + "; attained at generic weights and targets")
            .formula("rank H_F ≤ 2qΣM + 2qs − Lq²")
            .appliesWhen(i -> fc(i, false).isPresent())
            .predicts(i -> {
                Families.Fc f = fcOf(i);
                long q = q(f, i.dataRank());
                return 2 * q * f.hiddenSum() + 2 * q * s(f, i.dataRank()) - f.depth() * q * q;
            }).build();

    /**
     * FC-L ([NBH21], paper, bound attained at generic points):
     * {@code rank H_L <= 2qΣM + q(r + K) − Lq²}. Hypothesis: deep linear FC net without biases,
     * {@code L >= 2}.
     */
    public static final Statement FC_L = FormulaStatement.builder("FC-L").source(NBH21).provenance(PAPER)
            .kind(BOUND).target(Part.L).hypothesis(LINEAR + "; attained at generic weights and targets")
            .formula("rank H_L ≤ 2qΣM + q(r + K) − Lq²")
            .appliesWhen(i -> fc(i, false).isPresent())
            .predicts(i -> {
                Families.Fc f = fcOf(i);
                long q = q(f, i.dataRank());
                return 2 * q * f.hiddenSum() + q * (i.dataRank() + f.outputSize()) - f.depth() * q * q;
            }).build();

    /**
     * FC-SUM ([NBH21] framework, derived, exact, relational): {@code dim(col H_O ∩ col H_F) =
     * q(2s − q)}, so {@code rank H_L = rank H_O + rank H_F − q(2s − q)}. Hypothesis: deep linear FC
     * net without biases, {@code L >= 2}, generic point; checked as a prediction of rank H_L from
     * the measured ranks of H_O and H_F.
     */
    public static final Statement FC_SUM = FormulaStatement.builder("FC-SUM").source(NBH21).provenance(DERIVED)
            .kind(EXACT).target(Part.L).hypothesis(LINEAR + GENERIC_RES + "; generic point")
            .formula("dim(col H_O ∩ col H_F) = q(2s − q), so rank H_L = rank H_O + rank H_F − q(2s − q)")
            .appliesWhen(i -> fc(i, false).isPresent() && i.genericResidual())
            .predictsFromMeasured((i, m) -> {
                Families.Fc f = fcOf(i);
                long q = q(f, i.dataRank());
                return m.o() + m.f() - q * (2 * s(f, i.dataRank()) - q);
            }).build();

    /**
     * FC-DEF ([NBH21] framework, derived, exact): the rank deficiency
     * {@code p − rank H_L = Σ_{l=1..L} (M_{l−1} − q)(M_l − q) + q(d − r)}; checked as the
     * prediction {@code rank H_L = p − deficiency}. Hypothesis: deep linear FC net without biases,
     * {@code L >= 2}, generic point.
     */
    public static final Statement FC_DEF = FormulaStatement.builder("FC-DEF").source(NBH21).provenance(DERIVED)
            .kind(EXACT).target(Part.L).hypothesis(LINEAR + GENERIC_RES + "; generic point")
            .formula("p − rank H_L = Σ_{l=1..L} (M_{l−1} − q)(M_l − q) + q(d − r)")
            .appliesWhen(i -> fc(i, false).isPresent() && i.genericResidual())
            .predicts(i -> {
                Families.Fc f = fcOf(i);
                long q = q(f, i.dataRank());
                long deficiency = q * (f.inputSize() - i.dataRank());
                for (int l = 1; l <= f.depth(); l++) {
                    deficiency += (f.width(l - 1) - q) * (f.width(l) - q);
                }
                return i.architecture().parameterCount() - deficiency;
            }).build();

    /**
     * FC-1H ([NBH21] framework, derived, exact at every point): one hidden layer ({@code L = 2}):
     * {@code rank H_F = 2·rank(Ω)·M_1}, {@code Ω = Σ_i (F(x_i) − y_i) x_iᵀ}. Hypothesis: linear FC
     * net {@code dense(M_1) -> dense(K)} without biases, and rank Ω known (from
     * {@link Instances#of}).
     */
    public static final Statement FC_1H = FormulaStatement.builder("FC-1H").source(NBH21).provenance(DERIVED)
            .kind(EXACT).target(Part.F).everyPoint(true)
            .hypothesis("linear FC net with one hidden layer (L = 2), no biases; any point; rank Ω known")
            .formula("rank H_F = 2 · rank(Ω) · M_1, Ω = Σ_i (F(x_i) − y_i) x_iᵀ")
            .appliesWhen(i -> fc(i, false).filter(f -> f.depth() == 2).isPresent() && i.omegaRank().isPresent())
            .predicts(i -> 2L * i.omegaRank().getAsInt() * fcOf(i).width(1)).build();

    /**
     * FC-ZERO ([NBH21] framework, derived, exact at every point): zero residual ({@code Y = F(X)})
     * gives {@code H_F = 0}, hence {@code rank H_L = rank H_O}. Checked as {@code rank H_F = 0}.
     * Hypothesis: deep linear FC net ({@code L >= 2}, without biases or with a bias in every layer)
     * and residual rank 0. (The identity holds for any twice differentiable net; the catalogue keeps
     * it to the family docs/theorems.md states it for.)
     */
    public static final Statement FC_ZERO = FormulaStatement.builder("FC-ZERO").source(NBH21).provenance(DERIVED)
            .kind(EXACT).target(Part.F).everyPoint(true)
            .hypothesis("deep linear FC net (no biases or a bias in every layer), L >= 2; zero residual Y = F(X)")
            .formula("H_F = 0, so rank H_L = rank H_O")
            .appliesWhen(i -> Families.fullyConnected(i.architecture()).isPresent() && i.residualRank() == 0)
            .predicts(i -> 0L).build();

    /**
     * FC-RES (conjecture, exact): a residual of rank {@code s₀ < min(r, K)}: with
     * {@code q_s = min(s₀, M_1..M_{L−1})}, {@code rank H_F = 2q_sΣM + 2q_s s₀ − L q_s²}.
     * Hypothesis: deep linear FC net without biases, {@code L >= 2}, generic point given the
     * residual's rank. hessrank takes {@code s₀ = rank Ω} ({@code Ω = Σ_i r_i x_iᵀ}): H_F of a linear
     * net depends on the residual only through Ω, and generically {@code rank Ω = min(rank R, r)},
     * which is {@code rank R} under the hypothesis.
     */
    public static final Statement FC_RES = FormulaStatement.builder("FC-RES").source(NBH21).provenance(CONJECTURE)
            .kind(EXACT).target(Part.F)
            .hypothesis(LINEAR + "; residual of rank s₀ = rank Ω < min(r, K); generic otherwise")
            .formula("rank H_F = 2q_sΣM + 2q_s s₀ − L q_s², q_s = min(s₀, M_1..M_{L−1})")
            .appliesWhen(i -> fc(i, false).isPresent() && i.omegaRank().isPresent()
                    && i.omegaRank().getAsInt() < Math.min(i.dataRank(), fcOf(i).outputSize()))
            .predicts(i -> {
                Families.Fc f = fcOf(i);
                long s0 = i.omegaRank().getAsInt();
                long qs = Math.min(s0, f.minHidden());
                return 2 * qs * f.hiddenSum() + 2 * qs * s0 - f.depth() * qs * qs;
            }).build();

    /**
     * FC-NULL ([NBH21] framework, derived, exact at every point): for each hidden layer l and any
     * {@code M_l × M_l} matrix A, the direction {@code (ΔW_l = A W_l, ΔW_{l+1} = −W_{l+1} A)} lies in
     * the null space of H_O. Hypothesis: deep linear FC net without biases, {@code L >= 2}; any point.
     * Checked by {@link PointStatement#check}: {@code J·v = 0} over ℤ (which is {@code H_O v = 0},
     * as {@code H_O = JᵀJ}) for every unit matrix {@code A = E_ab}, which span all A.
     * Cost O(N·K·p) for the exact Jacobian plus O(N·K·Σ_l M_l²(M_{l−1} + M_{l+1})).
     */
    public static final PointStatement FC_NULL = new FcNull();

    /**
     * FC-SQRT ([NBH21], paper headline, exact): all hidden widths M, {@code L >= 3}, fixed d, K, r:
     * {@code rank H_L} is linear in M while p grows like M², so {@code rank = Θ(√p)}; with
     * {@code L = 2} the ratio {@code rank/p} tends to {@code 2q/(d + K)}. Hypothesis: deep linear FC
     * net without biases, {@code L >= 2}, generic points, hidden widths {@code M >= min(r, K)}
     * (where q stops changing). Checked over a sweep: the measured ranks must lie on the line of
     * slope {@code 2q(L − 1)} per unit of M (FC-L's formula), which gives both regimes.
     */
    public static final SweepStatement FC_SQRT = new FcSqrt();

    // ------------------------------------------------------------------ bias in every layer

    /**
     * FCB-O (conjecture, exact): {@code rank H_O = K r̃ − (K − q)·max(r̃ − 1 − q, 0)}. Hypothesis:
     * deep linear FC net with a bias in every layer, {@code L >= 2}, generic point.
     */
    public static final Statement FCB_O = FormulaStatement.builder("FCB-O").source(NBH21).provenance(CONJECTURE)
            .kind(EXACT).target(Part.O).hypothesis(BIASED + "; generic point")
            .formula("rank H_O = K r̃ − (K − q)·max(r̃ − 1 − q, 0)")
            .appliesWhen(i -> fc(i, true).isPresent())
            .predicts(i -> {
                Families.Fc f = fcOf(i);
                long k = f.outputSize();
                long rt = i.augmentedDataRank();
                long q = q(f, i.dataRank());
                return k * rt - (k - q) * Math.max(rt - 1 - q, 0);
            }).build();

    /**
     * FCB-F (conjecture, exact): {@code rank H_F = 2q̃ΣM + 2q̃s̃ − Lq̃² + (L−2)q̃
     * + Σ_{j=2..L−1} 2(M_j − q̃)·[min(M_1..M_{j−1}) < min(r̃, K, M_j..M_{L−1})]}. Hypothesis: deep
     * linear FC net with a bias in every layer, {@code L >= 2}, generic point.
     */
    public static final Statement FCB_F = FormulaStatement.builder("FCB-F").source(NBH21).provenance(CONJECTURE)
            .kind(EXACT).target(Part.F).hypothesis(BIASED + GENERIC_RES + "; generic point")
            .formula("rank H_F = 2q̃ΣM + 2q̃s̃ − Lq̃² + (L−2)q̃ + Σ_{j=2..L−1} 2(M_j − q̃)"
                    + "·[min(M_1..M_{j−1}) < min(r̃, K, M_j..M_{L−1})]")
            .appliesWhen(i -> fc(i, true).isPresent() && i.genericResidual())
            .predicts(i -> {
                Families.Fc f = fcOf(i);
                int rt = i.augmentedDataRank();
                long qt = q(f, rt);
                long st = s(f, rt);
                int depth = f.depth();
                long v = 2 * qt * f.hiddenSum() + 2 * qt * st - depth * qt * qt + (depth - 2) * qt;
                for (int j = 2; j <= depth - 1; j++) {
                    long before = Integer.MAX_VALUE;
                    for (int t = 1; t <= j - 1; t++) {
                        before = Math.min(before, f.width(t));
                    }
                    long after = Math.min(rt, f.outputSize());
                    for (int t = j; t <= depth - 1; t++) {
                        after = Math.min(after, f.width(t));
                    }
                    if (before < after) {
                        v += 2 * (f.width(j) - qt);
                    }
                }
                return v;
            }).build();

    /**
     * FCB-L (conjecture, exact, relational): {@code rank H_L = rank H_O + rank H_F − q̃(2s̃ − q̃ − 1)}.
     * Hypothesis: deep linear FC net with a bias in every layer, {@code L >= 2}, generic point.
     */
    public static final Statement FCB_L = FormulaStatement.builder("FCB-L").source(NBH21).provenance(CONJECTURE)
            .kind(EXACT).target(Part.L).hypothesis(BIASED + GENERIC_RES + "; generic point")
            .formula("rank H_L = rank H_O + rank H_F − q̃(2s̃ − q̃ − 1)")
            .appliesWhen(i -> fc(i, true).isPresent() && i.genericResidual())
            .predictsFromMeasured((i, m) -> {
                Families.Fc f = fcOf(i);
                long qt = q(f, i.augmentedDataRank());
                long st = s(f, i.augmentedDataRank());
                return m.o() + m.f() - qt * (2 * st - qt - 1);
            }).build();

    // ------------------------------------------------------------------ ReLU

    /**
     * RELU-1H-F ([NBH21] framework, derived, exact over ℚ at generic points with no zero
     * pre-activation): one hidden ReLU layer, {@code rank H_F = 2 Σ_m min(K, rank X_{A_m})}, where
     * {@code A_m} is the set of samples on which hidden unit m is active. Hypothesis:
     * {@code dense(M) -> relu -> dense(K)} without biases, the activity ranks of the point known
     * (from {@link Instances#of}), and a residual of generic rank: unit m's block of H_F is
     * {@code R_{A_m}ᵀ X_{A_m}}, which vanishes at a zero residual (the verifier's counterexample
     * {@code in(1) -> dense(2) -> relu -> dense(1)}, N = 1, interpolated targets) and only
     * generically has rank {@code min(K, rank X_{A_m})}; so each {@code R_{A_m}} must have its generic
     * rank (one-hot targets can break it: {@code in(8) -> dense(1) -> relu -> dense(5)}, N = 8, two
     * active samples of one class). The prediction depends on the point
     * (through the sets A_m), so it is checked point by point ({@link Statement#everyPoint()}),
     * never against a maximum over points.
     */
    public static final Statement RELU_1H_F = FormulaStatement.builder("RELU-1H-F").source(NBH21)
            .provenance(DERIVED).kind(EXACT).target(Part.F).everyPoint(true)
            .hypothesis("one hidden ReLU layer dense(M) -> relu -> dense(K), no biases; generic point with no zero"
                    + " pre-activation; activity ranks rank X_{A_m} known; each R_{A_m} of generic rank" + GENERIC_RES)
            .formula("rank H_F = 2 Σ_m min(K, rank X_{A_m})")
            .appliesWhen(i -> i.genericResidual() && i.activeResidualsGeneric() && Families.oneHiddenRelu(i.architecture())
                    .filter(r -> r.hidden() == i.activeRanks().size()).isPresent())
            .predicts(i -> {
                long k = Families.oneHiddenRelu(i.architecture()).orElseThrow().outputSize();
                long sum = 0;
                for (int a : i.activeRanks()) {
                    sum += Math.min(k, a);
                }
                return 2 * sum;
            }).build();

    /** The statements of this class in docs/theorems.md order. */
    static List<Statement> all() {
        return List.of(FC_O, FC_F, FC_L, FC_SUM, FC_DEF, FC_1H, FC_NULL, FC_ZERO, FC_RES, FC_SQRT, FCB_O, FCB_F,
                FCB_L, RELU_1H_F);
    }

    // ------------------------------------------------------------------ implementations

    /** The transpose of the rows × cols block of θ at {@code offset} (row-major), mod p. */
    private static long[] transposed(BigInteger[] theta, int offset, int rows, int cols, Modulus mod) {
        long[] t = new long[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = mod.reduce(theta[offset + r * cols + c]);
            }
        }
        return t;
    }

    private static final class FcNull extends Described implements PointStatement {
        FcNull() {
            super("FC-NULL", NBH21, DERIVED, EXACT, LINEAR + "; any point",
                    "for each hidden layer l and any M_l × M_l matrix A, (ΔW_l = A W_l, ΔW_{l+1} = −W_{l+1} A)"
                            + " lies in the null space of H_O", Part.O);
        }

        @Override
        public boolean appliesTo(Architecture architecture) {
            return Families.fullyConnected(architecture).filter(f -> !f.bias()).isPresent();
        }

        @Override
        public IdentityCheck check(Architecture a, Point point) {
            Families.Fc f = Families.fullyConnected(a).filter(x -> !x.bias()).orElseThrow(() ->
                    new IllegalArgumentException("FC-NULL: architecture (" + a.spec()
                            + ") must be a deep linear FC net without biases"));
            List<Integer> dense = new ArrayList<>();
            for (int i = 1; i <= a.layerCount(); i++) {
                if (a.layer(i).hasParameters()) {
                    dense.add(i);
                }
            }
            LoweredNetwork net = a.lower();
            BigInteger[] theta = point.theta();
            // J·v(E_ab) over all a, b is the M_l × M_l identity G_l·W_lᵀ = W_{l+1}ᵀ·G_{l+1} for every
            // row of J (G_l: the row's block for W_l). Each entry is a sum of at most
            // M_{l-1} + M_{l+1} products |c·J|·|θ|, so it is 0 over ℤ iff it is 0 mod distinct
            // primes whose product exceeds twice that bound. A nonzero residue proves it nonzero.
            int thetaBits = 0;
            for (BigInteger t : theta) {
                thetaBits = Math.max(thetaBits, t.bitLength());
            }
            int maxFan = 0;
            for (int l = 1; l < f.depth(); l++) {
                maxFan = Math.max(maxFan, f.width(l - 1) + f.width(l + 1));
            }
            double needBits = Hessians.log2JacobianEntryBound(net, point) + thetaBits
                    + Math.log(Math.max(1, maxFan)) / Math.log(2) + 2;
            java.util.SplittableRandom primeSource = new java.util.SplittableRandom(0x5EEDF00DL);
            java.util.Set<Long> used = new java.util.HashSet<>();
            double haveBits = 0;
            int checked = 0;
            while (haveBits <= needBits) {
                long prime = Primes.randomPrime(primeSource, ModularRank.PRIME_BITS);
                if (!used.add(prime)) {
                    continue;
                }
                haveBits += Math.log(prime) / Math.log(2) - 1e-9;
                Modulus mod = Modulus.of(prime);
                long[] jr = Hessians.jacobian(net, point, mod).toRowMajor();
                int cols = net.parameterCount();
                int rows = jr.length / Math.max(1, cols);
                checked = 0;
                for (int l = 1; l < f.depth(); l++) {
                    int ml = f.width(l);
                    int mPrev = f.width(l - 1);
                    int mNext = f.width(l + 1);
                    int offL = a.parameterOffset(dense.get(l - 1));
                    int offN = a.parameterOffset(dense.get(l));
                    long[] wlT = transposed(theta, offL, ml, mPrev, mod); // W_lᵀ: mPrev × ml
                    long[] wnT = transposed(theta, offN, mNext, ml, mod); // W_{l+1}ᵀ: ml × mNext
                    final int layer = l;
                    String bad = java.util.stream.IntStream.range(0, rows).parallel().mapToObj(row -> {
                        long[] gl = java.util.Arrays.copyOfRange(jr, row * cols + offL, row * cols + offL + ml * mPrev);
                        long[] gn = java.util.Arrays.copyOfRange(jr, row * cols + offN,
                                row * cols + offN + mNext * ml);
                        long[] left = ModularProducts.product(gl, ml, mPrev, wlT, ml, mod);
                        long[] right = ModularProducts.product(wnT, ml, mNext, gn, ml, mod);
                        for (int e = 0; e < left.length; e++) {
                            if (left[e] != right[e]) {
                                return "hidden layer " + layer + ", A = E(" + e / ml + "," + e % ml + "): (J·v)[" + row
                                        + "] is nonzero (mod the prime " + prime + ", hence over ℤ; scaled by c)";
                            }
                        }
                        return null;
                    }).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                    if (bad != null) {
                        return new IdentityCheck(false, bad);
                    }
                    checked += ml * ml;
                }
            }
            return new IdentityCheck(true, checked + " directions (A = E_ab for every hidden layer) satisfy J·v = 0 exactly"
                    + " (zero mod " + used.size() + " primes whose product exceeds the entries' bound), so H_O·v = 0");
        }
    }

    private static final class FcSqrt extends Described implements SweepStatement {
        FcSqrt() {
            super("FC-SQRT", NBH21, PAPER, EXACT, LINEAR + "; all hidden widths M >= min(r, K); fixed d, K, r;"
                    + " generic points",
                    "L >= 3: rank H_L linear in M (slope 2q(L−1)) while p ~ M², so rank = Θ(√p);"
                            + " L = 2: rank/p → 2q/(d + K)", Part.L);
        }

        @Override
        public boolean appliesTo(Instance instance) {
            return fc(instance, false).isPresent();
        }

        @Override
        public int threshold(Instance base) {
            requireApplies(base);
            Families.Fc f = fcOf(base);
            return Math.max(1, Math.min(base.dataRank(), f.outputSize()));
        }

        private void requireApplies(Instance base) {
            if (!appliesTo(base)) {
                throw new IllegalArgumentException(id() + ": base architecture (" + base.architecture().spec()
                        + ") must be a deep linear FC net without biases, L >= 2");
            }
        }

        @Override
        public GrowthCheck check(Instance base, List<Sample> samples) {
            requireApplies(base);
            Families.Fc f = fcOf(base);
            long q = Math.min(base.dataRank(), f.outputSize());
            long slope = 2 * q * (f.depth() - 1);
            return Sweeps.checkLine(samples, threshold(base), slope, f.depth() >= 3,
                    "FC-L's slope 2q(L−1) = " + slope + " (q = " + q + ", L = " + f.depth() + ")");
        }
    }

    /** Sort helper shared with the CNN sweep. */
    static final Comparator<SweepStatement.Sample> BY_WIDTH = Comparator.comparingInt(SweepStatement.Sample::width);
}
