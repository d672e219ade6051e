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

    @Option(names = "--samples", paramLabel = "N",
            description = "Number of samples N >= 1 (default, when omitted: input size + 1).")
    Integer samples;

    @Option(names = "--data-rank", paramLabel = "r",
            description = "Rank of the data X = A*B, 1 <= r <= min(N, input size) (default, when omitted: full).")
    Integer dataRank;

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

    /**
     * The parsed {@code --arch} (after the {@code --layers} jars are registered), with {@code --samples}
     * and {@code --data-rank} checked against it.
     *
     * @throws IllegalArgumentException for a bad spec, {@code --samples} or {@code --data-rank} below 1, or
     *     a data rank above the input dimension or above N (X is N x d: its rank is at most min(N, d))
     */
    Architecture architecture() {
        layers.load();
        Architecture a = Architecture.parse(arch);
        checkPositive("--samples", samples);
        checkPositive("--data-rank", dataRank);
        if (dataRank != null) {
            int d = a.input().size();
            if (dataRank > d) {
                throw new IllegalArgumentException("--data-rank (" + dataRank + ") is above the input dimension d = "
                        + d + " of " + a.input().spec() + ": X is N x d, so its rank is at most " + d);
            }
            if (samples != null && dataRank > samples) {
                throw new IllegalArgumentException("--data-rank (" + dataRank + ") is above the number of samples"
                        + " --samples (" + samples + "): X is N x d, so its rank is at most N = " + samples);
            }
        }
        return a;
    }

    /**
     * Refuses a {@code --seed} whose point seeds S, S+1, ..., S+extra would pass 2^63 - 1: the seeds
     * of {@code rank --points k} are S..S+k-1, plus S+k for a second point.
     */
    void requireSeeds(int extra) {
        if (seed > Long.MAX_VALUE - extra) {
            throw new IllegalArgumentException("--seed (" + seed + ") leaves no room for the point seeds S..S+" + extra
                    + " (they would pass 2^63-1): use --seed <= " + (Long.MAX_VALUE - extra));
        }
    }

    /** The data rank for reports: {@code "full"} when {@code --data-rank} was omitted. */
    String dataRankLabel() {
        return dataRank == null ? "full" : dataRank.toString();
    }

    private static void checkPositive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " (" + value + ") must be >= 1 (omit " + option
                    + " for the default)");
        }
    }

    PointOptions options(int pointIndex) {
        if (range < 1 || range > PointOptions.MAX_RANGE) {
            throw new IllegalArgumentException("--range (" + range + ") must be in [1, 2^61]");
        }
        PointOptions.Targets t = switch (targets) {
            case random -> PointOptions.Targets.RANDOM;
            case interpolate -> PointOptions.Targets.INTERPOLATE;
            case onehot -> PointOptions.Targets.ONE_HOT;
        };
        return PointOptions.defaults().withSamples(samples == null ? PointOptions.DEFAULT_SAMPLES : samples)
                .withDataRank(dataRank == null ? PointOptions.FULL_RANK : dataRank).withRange(range).withTargets(t)
                .withOnZeroPreactivation(onZero == ZeroChoice.fail ? PointOptions.ZeroPreactivationPolicy.FAIL
                        : PointOptions.ZeroPreactivationPolicy.REDRAW)
                .withSeed(seed + pointIndex);
    }
}
