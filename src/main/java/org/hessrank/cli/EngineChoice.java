package org.hessrank.cli;

import java.util.Locale;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.RankEngine;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Hessians;

/** The {@code --method} choices for exact rank. */
public enum EngineChoice {
    /** One random 49-bit prime (or more with --primes): certified lower bound + Monte Carlo. */
    modular,
    /** Enough primes to pass the Hadamard bound: exact, deterministic. */
    deterministic,
    /** Fraction-free elimination over ℤ: exact, deterministic, slow. */
    bareiss;

    HessianRanks.Method hessianMethod() {
        return switch (this) {
            case modular -> HessianRanks.Method.MODULAR;
            case deterministic -> HessianRanks.Method.DETERMINISTIC;
            case bareiss -> HessianRanks.Method.BAREISS;
        };
    }

    RankEngine engine(long seed, int primes) {
        return switch (this) {
            case modular -> ModularRank.of(seed, primes);
            case deterministic -> MultiModularRank.of(seed);
            case bareiss -> Bareiss.engine();
        };
    }

    /**
     * Refuses, with the estimate, a parameter count {@code p} whose dense Hessians built for this
     * engine would not fit the heap (used by {@code rank}, {@code sweep} and {@code hessian}).
     *
     * @throws IllegalArgumentException naming the parameter count and the memory it needs
     */
    void checkDenseMemory(int p) {
        if (p > Hessians.MAX_DENSE_PARAMETERS) {
            throw new IllegalArgumentException("parameter count (" + p + ") must be <= " + Hessians.MAX_DENSE_PARAMETERS
                    + " for dense Hessians (a p x p array); larger nets need --path matrix-free (with --method modular)");
        }
        double perEntry = this == modular ? 8 * 8 : 3 * 48 + 16;
        double bytes = perEntry * p * (double) p;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > 0.9 * max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "parameter count (%d) needs about %.1f GiB for dense Hessians (%s), more than the JVM's %.1f GiB;"
                            + " raise it with HESSRANK_JAVA_OPTS=-Xmx..., or use --method modular",
                    p, bytes / (1L << 30), this, max / (double) (1L << 30)));
        }
    }
}
