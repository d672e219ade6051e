package org.hessrank.cli;

import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options that choose the network and the random point, shared by the Hessian commands. */
public final class PointMixin {
    @Option(names = "--arch", required = true, paramLabel = "SPEC",
            description = "Architecture, e.g. \"in(6) -> dense(5) -> dense(4) -> dense(3)\" (grammar in the README).")
    String arch;

    @Option(names = "--samples", defaultValue = "0", paramLabel = "N",
            description = "Number of samples N (default: input size + 1).")
    int samples;

    @Option(names = "--data-rank", defaultValue = "0", paramLabel = "r",
            description = "Rank of the data X = A*B (default: full).")
    int dataRank;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed; point i (0-based) is drawn with seed S+i (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--range", defaultValue = "1048576", paramLabel = "R",
            description = "Entries of weights, inputs and random targets are uniform in [-R, R] (default: 2^20).")
    long range;

    @Option(names = "--targets", defaultValue = "random",
            description = "random | interpolate (zero residual) | onehot (default: ${DEFAULT-VALUE}).")
    TargetChoice targets;

    @Option(names = "--on-zero-preactivation", defaultValue = "redraw",
            description = "ReLU pre-activation exactly 0 (not differentiable): redraw | fail (default: ${DEFAULT-VALUE}).")
    ZeroChoice onZero;

    @Mixin
    LayersOption layers;

    /** Choices for --targets. */
    public enum TargetChoice { random, interpolate, onehot }

    /** Choices for --on-zero-preactivation. */
    public enum ZeroChoice { redraw, fail }

    /** The {@code --arch} spec, after the {@code --layers} jars are registered. */
    Architecture architecture() {
        layers.load();
        return Architecture.parse(arch);
    }

    PointOptions options(int pointIndex) {
        if (samples < 0) {
            throw new IllegalArgumentException("--samples (" + samples + ") must be >= 1 (or 0 for input size + 1)");
        }
        if (dataRank < 0) {
            throw new IllegalArgumentException("--data-rank (" + dataRank + ") must be >= 1 (or 0 for full rank)");
        }
        if (range < 1 || range > PointOptions.MAX_RANGE) {
            throw new IllegalArgumentException("--range (" + range + ") must be in [1, 2^61]");
        }
        PointOptions.Targets t = switch (targets) {
            case random -> PointOptions.Targets.RANDOM;
            case interpolate -> PointOptions.Targets.INTERPOLATE;
            case onehot -> PointOptions.Targets.ONE_HOT;
        };
        return PointOptions.defaults().withSamples(samples).withDataRank(dataRank).withRange(range).withTargets(t)
                .withOnZeroPreactivation(onZero == ZeroChoice.fail ? PointOptions.ZeroPreactivationPolicy.FAIL
                        : PointOptions.ZeroPreactivationPolicy.REDRAW)
                .withSeed(seed + pointIndex);
    }
}
