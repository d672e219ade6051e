package org.hessrank.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import org.hessrank.hessian.Part;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.theory.Instance;
import org.hessrank.theory.RankStatement;
import org.hessrank.theory.Statement;

/**
 * Test-local statements written straight from docs/theorems.md (FC-O, FC-F, FC-L for bias-free FC nets),
 * plus deliberately wrong ones, so the verifier's logic is tested independently of the catalogue.
 */
final class TestStatements {
    private TestStatements() {
    }

    /** A statement from a lambda; applies where {@code formula} returns ≥ 0. */
    record Simple(String id, Provenance provenance, Kind kind, Part target, ToLongFunction<Instance> f)
            implements RankStatement {
        @Override
        public String source() {
            return "test";
        }

        @Override
        public String hypothesis() {
            return "test";
        }

        @Override
        public String formula() {
            return "test";
        }

        @Override
        public OptionalLong predict(Instance i) {
            long v = f.applyAsLong(i);
            return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        }
    }

    /** Hidden widths M_1..M_{L−1} of a bias-free dense-only net, or null. */
    static int[] widths(Architecture a) {
        List<Integer> w = new ArrayList<>();
        for (Layer l : a.layers()) {
            if (!(l instanceof Layer.Dense d) || d.bias()) {
                return null;
            }
            w.add(d.units());
        }
        if (a.input().kind() != org.hessrank.net.Shape.Kind.VECTOR) {
            return null;
        }
        return w.subList(0, w.size() - 1).stream().mapToInt(Integer::intValue).toArray();
    }

    /** q = min(r, K, M_1..M_{L−1}). */
    static long q(Instance i) {
        int[] w = widths(i.architecture());
        long q = Math.min(i.dataRank(), i.architecture().outputSize());
        for (int m : w) {
            q = Math.min(q, m);
        }
        return q;
    }

    /** FC-O: rank H_O = q(r + K − q) (paper, exact). */
    static final Statement FC_O = new Simple("FC-O", Statement.Provenance.PAPER, Statement.Kind.EXACT,
            Part.O, i -> {
                if (widths(i.architecture()) == null) {
                    return -1;
                }
                long q = q(i);
                return q * (i.dataRank() + i.architecture().outputSize() - q);
            });

    /** FC-F: rank H_F ≤ 2qΣM + 2qs − Lq² (paper, bound), for L ≥ 2. */
    static final Statement FC_F = new Simple("FC-F", Statement.Provenance.PAPER, Statement.Kind.BOUND,
            Part.F, i -> {
                int[] w = widths(i.architecture());
                if (w == null || w.length == 0) {
                    return -1;
                }
                long q = q(i);
                long s = Math.min(i.dataRank(), i.architecture().outputSize());
                long sum = 0;
                for (int m : w) {
                    sum += m;
                }
                return 2 * q * sum + 2 * q * s - (w.length + 1) * q * q;
            });

    /** A false bound: rank H_O ≤ q(r + K − q) − 1 whenever the net has ≥ 2 layers and q ≥ 1. */
    static final Statement FALSE_BOUND = new Simple("FALSE-O", Statement.Provenance.CONJECTURE, Statement.Kind.BOUND,
            Part.O, i -> {
                int[] w = widths(i.architecture());
                if (w == null || w.length == 0 || q(i) == 0) {
                    return -1;
                }
                long q = q(i);
                return q * (i.dataRank() + i.architecture().outputSize() - q) - 1;
            });

    /** A too-high exact formula: rank H_O = q(r + K − q) + 1. */
    static final Statement TOO_HIGH = new Simple("HIGH-O", Statement.Provenance.CONJECTURE, Statement.Kind.EXACT,
            Part.O, i -> {
                if (widths(i.architecture()) == null) {
                    return -1;
                }
                long q = q(i);
                return q * (i.dataRank() + i.architecture().outputSize() - q) + 1;
            });
}
