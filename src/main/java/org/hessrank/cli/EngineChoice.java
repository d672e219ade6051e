package org.hessrank.cli;

import org.hessrank.exact.Bareiss;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.RankEngine;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Limits;
import picocli.CommandLine.Option;

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
     * engine would not fit the heap (used by {@code rank}, {@code sweep} and {@code hessian}):
     * {@link Limits#requireDense}.
     *
     * @throws IllegalArgumentException naming the parameter count and the memory it needs
     */
    void checkDenseMemory(int p) {
        Limits.requireDense(p, hessianMethod());
    }

    /**
     * The {@code --method} option, the same in {@code rank} and {@code matrix-rank}
     * ({@code @Mixin EngineChoice.MethodOption method}).
     */
    static final class MethodOption {
        @Option(names = "--method", defaultValue = "modular",
                description = "modular | deterministic | bareiss (default: ${DEFAULT-VALUE}).")
        EngineChoice method;

        /** The chosen engine (default {@link EngineChoice#modular}). */
        EngineChoice get() {
            return method;
        }
    }
}
