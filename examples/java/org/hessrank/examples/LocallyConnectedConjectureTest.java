package org.hessrank.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hessrank.hessian.Part;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.theory.Conjecture;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Architectures;
import org.hessrank.verify.StatementStats;
import org.hessrank.verify.Sweep;
import org.hessrank.verify.SweepReport;
import org.junit.jupiter.api.Test;

/**
 * Example (a conjecture for a new layer type): a user checks their own conjecture with the public generators, shrinker and verdicts.
 * The conjecture extends LCN-F (locally connected layer + FC readout, [SHS23] framework) to
 * strides, which docs/theorems.md does not cover: {@code rank H_F = 2·m·d_1·min(m_0·k, K, N)}, where
 * d_1 is the number of output positions.
 */
class LocallyConnectedConjectureTest {
    static final Statement LC_STRIDE_F = Conjecture.builder("LC-STRIDE-F")
            .target(Part.F)
            .kind(Statement.Kind.EXACT)
            .hypothesis("in(m0,d) -> local(m,k,stride=s) -> dense(K), no biases, random targets")
            .formula("rank H_F = 2·m·d_1·min(m0·k, K, N)")
            .appliesWhen(inst -> {
                List<Layer> ls = inst.architecture().layers();
                return ls.size() == 2 && ls.get(0) instanceof Layer.Local lc && !lc.bias() && lc.padding() == 0
                        && ls.get(1) instanceof Layer.Dense d && !d.bias()
                        && inst.residualRank() == Math.min(inst.samples(), inst.architecture().outputSize());
            })
            .predicts(inst -> {
                Architecture a = inst.architecture();
                Layer.Local lc = (Layer.Local) a.layer(1);
                long d1 = a.shape(1).length();
                long k = Math.min(Math.min((long) a.input().channels() * lc.kernel(), a.outputSize()), inst.samples());
                return 2L * lc.channels() * d1 * k;
            })
            .build();

    @Test
    void strideConjectureHoldsAndIsTightOnRandomLocallyConnectedNets() {
        SweepReport r = Sweep.of(List.of(LC_STRIDE_F))
                .generators(Architectures.locallyConnected().maxParameters(120).maxSamples(8))
                .tries(60).seed(17).run();
        StatementStats s = r.stats("LC-STRIDE-F").orElseThrow();
        assertTrue(s.applicable() >= 30, () -> "too few applicable cases: " + s.applicable());
        assertTrue(r.problems().isEmpty(), r::failureMessage);
    }
}
