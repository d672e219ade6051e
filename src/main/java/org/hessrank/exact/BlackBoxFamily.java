package org.hessrank.exact;

import java.util.Objects;

/**
 * Several n × n maps mod the same prime that are cheaper to apply together than apart (for
 * example H_F and H_L, whose Hessian-vector products share one forward pass). Same vector
 * representation as {@link BlackBox}.
 */
public interface BlackBoxFamily {
    /** n: every map is n × n. */
    int dimension();

    /** The prime p. */
    long prime();

    /** The number of maps. */
    int count();

    /**
     * out[m][j] = A_m·in[j] mod p for every map m with {@code wanted[m]}; {@code out[m]} is null
     * for the others and left alone. {@code in} is not modified.
     */
    void apply(double[][] in, boolean[] wanted, double[][][] out);

    /** True if every map is symmetric (see {@link BlackBox#symmetric()}); the default is false. */
    default boolean symmetric() {
        return false;
    }

    /** A family of one map. */
    static BlackBoxFamily of(BlackBox box) {
        Objects.requireNonNull(box, "box");
        return new BlackBoxFamily() {
            @Override
            public int dimension() {
                return box.dimension();
            }

            @Override
            public long prime() {
                return box.prime();
            }

            @Override
            public int count() {
                return 1;
            }

            @Override
            public boolean symmetric() {
                return box.symmetric();
            }

            @Override
            public void apply(double[][] in, boolean[] wanted, double[][][] out) {
                if (wanted[0]) {
                    box.apply(in, out[0]);
                }
            }
        };
    }
}
