package org.hessrank.examples.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hessrank.hessian.Part;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.theory.Conjecture;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Architectures;
import org.hessrank.verify.Counterexample;
import org.hessrank.verify.Generator;
import org.hessrank.verify.StatementStats;
import org.hessrank.verify.Sweep;
import org.hessrank.verify.SweepReport;
import org.hessrank.verify.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Example: the one-hidden-layer CNN formulas CNN1-F and CNN1-O ([SHS23], docs/theorems.md, FC readout)
 * for a dilated convolution defined only through the extension point ({@link DilatedConv1d}):
 * {@code in(m_0, L) -> dilated(m, k, δ) -> dense(K)}, {@code d_1 = L − (k − 1)·δ}. Is the kernel
 * size in the formulas the number of taps k or the receptive field {@code (k − 1)·δ + 1}?
 * <ul>
 * <li>{@code DIL-F-RF}: CNN1-F with k replaced by the receptive field,
 *     {@code 2m·min(m_0·RF, d_1·min(K, N))}. Refuted.</li>
 * <li>{@code DIL-F}: CNN1-F with k = taps, {@code 2m·min(m_0·k, d_1·min(K, N))}. Confirmed: the
 *     cross block pairs each tap with the readout, whatever the spacing.</li>
 * <li>{@code DIL-O}: CNN1-O with k_1 = taps, {@code k_2 = d_1}, {@code c = L}:
 *     {@code min(K·min(m_0·L, N), q(m_0·k + K·d_1 − q))}, {@code q = min(m, m_0·k, K·d_1)}.
 *     Confirmed. (Positions no window covers exist only when δ > d_1; then the windows are
 *     disjoint and {@code K·m_0·c = ab ≥ q(a + b − q)}, so the first term never binds: c = L is
 *     as good as the covered count.)</li>
 * </ul>
 * All at a generic point: X of full rank and residual of rank min(N, K).
 */
class DilatedConjectureTest {
    /** The nets (the template parses only once the layer is registered). */
    static Generator nets() {
        return Architectures
                .template("in(1..2,3..12) -> dilated(1..3,k=1..3,dilation=1..3) -> dense(1..3)")
                .maxParameters(120).maxSamples(10);
    }

    static boolean applies(Instance inst) {
        List<Layer> ls = inst.architecture().layers();
        return ls.size() == 2 && ls.get(0) instanceof Layer.Custom c && c.layer() instanceof DilatedConv1d
                && ls.get(1) instanceof Layer.Dense d && !d.bias() && inst.fullDataRank()
                && inst.residualRank() == Math.min(inst.samples(), inst.architecture().outputSize());
    }

    static DilatedConv1d layer(Architecture a) {
        return (DilatedConv1d) ((Layer.Custom) a.layer(1)).layer();
    }

    static long predictF(Instance inst, boolean receptiveField) {
        Architecture a = inst.architecture();
        DilatedConv1d dl = layer(a);
        long m0 = a.input().channels();
        long d1 = a.shape(1).length();
        long k = receptiveField ? dl.receptiveField() : dl.kernel();
        return 2L * dl.channels() * Math.min(m0 * k, d1 * Math.min(a.outputSize(), inst.samples()));
    }

    static long predictO(Instance inst) {
        Architecture a = inst.architecture();
        DilatedConv1d dl = layer(a);
        long m0 = a.input().channels();
        long big = a.outputSize();
        long aa = m0 * dl.kernel();
        long b = big * a.shape(1).length();
        long q = Math.min(dl.channels(), Math.min(aa, b));
        return Math.min(big * Math.min(m0 * a.input().length(), inst.samples()), q * (aa + b - q));
    }

    static final Statement DIL_F_RF = Conjecture.builder("DIL-F-RF")
            .target(Part.F).kind(Statement.Kind.EXACT)
            .hypothesis("in(m0,L) -> dilated(m,k,δ) -> dense(K), generic point; CNN1-F with k := (k-1)δ+1")
            .formula("rank H_F = 2m·min(m0·RF, d_1·min(K, N))")
            .appliesWhen(DilatedConjectureTest::applies)
            .predicts(inst -> predictF(inst, true))
            .build();

    static final Statement DIL_F = Conjecture.builder("DIL-F")
            .target(Part.F).kind(Statement.Kind.EXACT)
            .hypothesis("in(m0,L) -> dilated(m,k,δ) -> dense(K), generic point; CNN1-F with k := taps")
            .formula("rank H_F = 2m·min(m0·k, d_1·min(K, N))")
            .appliesWhen(DilatedConjectureTest::applies)
            .predicts(inst -> predictF(inst, false))
            .build();

    static final Statement DIL_O = Conjecture.builder("DIL-O")
            .target(Part.O).kind(Statement.Kind.EXACT)
            .hypothesis("in(m0,L) -> dilated(m,k,δ) -> dense(K), generic point; CNN1-O (FC readout) with k_1 := taps")
            .formula("rank H_O = min(K·min(m0·L, N), q(m0·k + K·d_1 − q)), q = min(m, m0·k, K·d_1)")
            .appliesWhen(DilatedConjectureTest::applies)
            .predicts(DilatedConjectureTest::predictO)
            .build();

    @BeforeAll
    static void register() {
        DilatedConv1d.register();
    }

    static SweepReport run() {
        return Sweep.of(List.of(DIL_F_RF, DIL_F, DIL_O)).generators(nets()).tries(150).seed(1).run();
    }

    @Test
    void tapsNotTheReceptiveFieldEnterTheOneHiddenLayerFormulas() {
        SweepReport r = run();
        for (String id : List.of("DIL-F", "DIL-O")) {
            StatementStats s = r.stats(id).orElseThrow();
            assertTrue(s.applicable() >= 100, () -> id + ": too few applicable cases: " + s.applicable());
            assertTrue(r.problems(id).isEmpty(), r::failureMessage);
            assertEquals(s.applicable(), s.tight(), r::table);
        }
        // DIL-F-RF: refuted; the shrunk counterexample really is dilated (δ >= 2, k >= 2: otherwise RF = k)
        // and DIL-F explains it
        Counterexample ce = r.counterexample("DIL-F-RF").orElseThrow(() -> new AssertionError(r.table()));
        assertEquals(Verdict.Outcome.BELOW_EXACT, ce.verdict().outcome(), ce::describe);
        DilatedConv1d dl = layer(ce.shrunk().architecture());
        assertTrue(dl.dilation() >= 2 && dl.kernel() >= 2, ce::describe);
        Instance at = Instance.generic(ce.shrunk().architecture(), ce.shrunk().samples());
        assertEquals(predictF(at, false), ce.verdict().measured(), ce::describe);
    }

    /** Prints the sweep table and the counterexample (the text of docs/custom-layers.md). */
    public static void main(String[] args) {
        register();
        SweepReport r = run();
        System.out.println(r.table());
        r.counterexample("DIL-F-RF").ifPresent(c -> System.out.println(c.describe()));
    }
}
