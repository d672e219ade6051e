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
 * Example: a conjecture for a layer type hessrank does not have, a depthwise convolution defined
 * only through the extension point ({@link DepthwiseConv1d}), checked with the public generators,
 * shrinker and verdicts.
 *
 * <p>Net: {@code in(C, L) -> depthwise(k) -> dense(K)}, no biases, {@code L_1 = L − k + 1}.
 * Reasoning: the net's output is bilinear in (depthwise kernels w, readout V), so H_F is
 * {@code [[0, B], [Bᵀ, 0]]} and rank H_F = 2·rank B. Channel c's kernel meets only the readout
 * columns of channel c, so B is block diagonal with one block per channel: the block of CNN1-F
 * ([SHS23], docs/theorems.md) with {@code m_0 = m = 1}, i.e. rank {@code min(k, L_1·min(K, N))}.
 * <ul>
 * <li>{@code DW-F-AS-CONV} (the naive guess: CNN1-F with {@code m_0 = m = C}, i.e. a depthwise
 *     conv ranks like a full conv): {@code rank H_F = 2C·min(C·k, L_1·min(K, N))}. Refuted.</li>
 * <li>{@code DW-F} (per-channel blocks): {@code rank H_F = 2C·min(k, L_1·min(K, N))}. Confirmed.</li>
 * </ul>
 * Both at a generic point: X of full rank and residual of rank min(N, K).
 */
class DepthwiseConjectureTest {
    /** The nets (the template parses only once the layer is registered). */
    static Generator nets() {
        return Architectures.template("in(1..3,2..10) -> depthwise(k=1..5) -> dense(1..4)")
            .maxParameters(120).maxSamples(10);
    }

    static boolean applies(Instance inst) {
        List<Layer> ls = inst.architecture().layers();
        return ls.size() == 2 && ls.get(0) instanceof Layer.Custom c && c.layer() instanceof DepthwiseConv1d
                && ls.get(1) instanceof Layer.Dense d && !d.bias() && inst.fullDataRank()
                && inst.residualRank() == Math.min(inst.samples(), inst.architecture().outputSize());
    }

    /** 2C·min(groupTaps, L_1·min(K, N)). */
    static long predict(Instance inst, boolean naive) {
        Architecture a = inst.architecture();
        long c = a.input().channels();
        long k = ((DepthwiseConv1d) ((Layer.Custom) a.layer(1)).layer()).kernel();
        long l1 = a.shape(1).length();
        return 2 * c * Math.min(naive ? c * k : k, l1 * Math.min(a.outputSize(), inst.samples()));
    }

    static final Statement DW_F_AS_CONV = Conjecture.builder("DW-F-AS-CONV")
            .target(Part.F).kind(Statement.Kind.EXACT)
            .hypothesis("in(C,L) -> depthwise(k) -> dense(K), generic point; naive: CNN1-F with m0 = m = C")
            .formula("rank H_F = 2C·min(C·k, L_1·min(K, N))")
            .appliesWhen(DepthwiseConjectureTest::applies)
            .predicts(inst -> predict(inst, true))
            .build();

    static final Statement DW_F = Conjecture.builder("DW-F")
            .target(Part.F).kind(Statement.Kind.EXACT)
            .hypothesis("in(C,L) -> depthwise(k) -> dense(K), generic point; CNN1-F per channel")
            .formula("rank H_F = 2C·min(k, L_1·min(K, N))")
            .appliesWhen(DepthwiseConjectureTest::applies)
            .predicts(inst -> predict(inst, false))
            .build();

    @BeforeAll
    static void register() {
        DepthwiseConv1d.register();
    }

    static SweepReport run() {
        return Sweep.of(List.of(DW_F_AS_CONV, DW_F)).generators(nets()).tries(150).seed(1).run();
    }

    @Test
    void naiveConvFormulaIsRefutedAndThePerChannelFormulaIsConfirmed() {
        SweepReport r = run();
        // DW-F: exact on every applicable case, tight on all of them
        StatementStats f = r.stats("DW-F").orElseThrow();
        assertTrue(f.applicable() >= 100, () -> "too few applicable cases: " + f.applicable());
        assertTrue(r.problems("DW-F").isEmpty(), r::failureMessage);
        assertEquals(f.applicable(), f.tight(), r::table);
        // DW-F-AS-CONV: refuted, the shrunk counterexample has C >= 2 (for C = 1 the two formulas agree)
        // and is explained by DW-F
        Counterexample ce = r.counterexample("DW-F-AS-CONV").orElseThrow(() -> new AssertionError(r.table()));
        assertEquals(Verdict.Outcome.BELOW_EXACT, ce.verdict().outcome(), ce::describe);
        Architecture small = ce.shrunk().architecture();
        assertTrue(small.input().channels() >= 2, ce::describe);
        assertTrue(small.parameterCount() < ce.original().architecture().parameterCount(), ce::describe);
        Instance at = Instance.generic(small, ce.shrunk().samples());
        assertEquals(predict(at, false), ce.verdict().measured(), ce::describe);
    }

    /** Prints the sweep table and the counterexample (the text of docs/custom-layers.md). */
    public static void main(String[] args) {
        register();
        SweepReport r = run();
        System.out.println(r.table());
        r.counterexample("DW-F-AS-CONV").ifPresent(c -> System.out.println(c.describe()));
    }
}
