package org.hessrank.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed} where it seeds the points drawn and nothing else: the same option in
 * {@code sweep} and {@code fidelity study} ({@code @Mixin PointSeedOption seed}).
 */
final class PointSeedOption {
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the points (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The seed (default 1). */
    long get() {
        return seed;
    }
}
