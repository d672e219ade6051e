package org.hessrank.verify;

import java.util.Locale;
import java.util.Objects;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.PointOptions.Targets;
import org.hessrank.net.Architecture;

/**
 * One generated test case: an architecture and the options of the random point(s) at which its
 * Hessians are measured. Immutable value type.
 *
 * <p>Point {@code k} (0-based) of a case is drawn with seed {@code pointSeed + k}, exactly as
 * {@code hessrank rank --seed pointSeed --points k+1} draws it, so {@link #command()} reproduces
 * the measurement from the command line.
 *
 * @param family the family the case was generated from (shrinking keeps it)
 * @param architecture the network
 * @param samples N ≥ 1
 * @param dataRank r of X = A·B, or {@link PointOptions#FULL_RANK} (0) for X drawn at full rank
 * @param targets how the targets are drawn
 * @param pointSeed the seed of point 0
 * @param seed the generation seed: {@code generator.generate(seed)} gives back the original
 *     (unshrunk) case
 */
public record Case(Family family, Architecture architecture, int samples, int dataRank, Targets targets,
        long pointSeed, long seed) {
    public Case {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(targets, "targets");
        if (samples < 1) {
            throw new IllegalArgumentException("samples (" + samples + ") must be >= 1");
        }
        if (dataRank < 0) {
            throw new IllegalArgumentException("dataRank (" + dataRank + ") must be >= 0 (0 = full rank)");
        }
    }

    /** A case from a spec (for hand-written cases and tests), full data rank, random targets. */
    public static Case of(Family family, String spec, int samples, long pointSeed) {
        return new Case(family, Architecture.parse(spec), samples, PointOptions.FULL_RANK, Targets.RANDOM, pointSeed,
                pointSeed);
    }

    /** The options of point {@code k}: seed {@code pointSeed + k}, range 2^20. */
    public PointOptions pointOptions(int k) {
        return PointOptions.defaults().withSamples(samples).withDataRank(dataRank).withTargets(targets)
                .withSeed(pointSeed + k);
    }

    /** min(N, d): the rank X has at a generic point. */
    public int fullDataRank() {
        return Math.min(samples, architecture.input().size());
    }

    /** The data rank the point will have generically. */
    public int effectiveDataRank() {
        return dataRank == PointOptions.FULL_RANK ? fullDataRank() : Math.min(dataRank, fullDataRank());
    }

    /**
     * True for a generic draw in the sense of docs/theorems.md ("Generic point"): random targets and X
     * drawn at full rank. Interpolated and one-hot targets and low-rank data are special points
     * on purpose; bounds must hold there too, but tightness is only expected at generic draws.
     */
    public boolean isGeneric() {
        return targets == Targets.RANDOM && effectiveDataRank() == fullDataRank();
    }

    /** p. */
    public int parameters() {
        return architecture.parameterCount();
    }

    /** A copy with other sizes (keeps family, targets and seeds). */
    public Case with(Architecture a, int n, int r) {
        return new Case(family, a, n, r, targets, pointSeed, seed);
    }

    /** The one-line {@code hessrank rank} command that measures this case's point 0. */
    public String command() {
        StringBuilder sb = new StringBuilder("hessrank rank --arch \"").append(architecture.spec()).append("\" --samples ")
                .append(samples).append(" --seed ").append(pointSeed);
        if (dataRank != PointOptions.FULL_RANK && dataRank < fullDataRank()) {
            sb.append(" --data-rank ").append(dataRank);
        }
        if (targets != Targets.RANDOM) {
            sb.append(" --targets ").append(targets == Targets.INTERPOLATE ? "interpolate" : "onehot");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s  [p=%d, N=%d%s%s, point seed %d, case seed %d]", architecture.spec(),
                parameters(), samples, effectiveDataRank() < fullDataRank() ? ", data rank " + effectiveDataRank() : "",
                targets == Targets.RANDOM ? "" : ", targets " + targets.name().toLowerCase(Locale.ROOT), pointSeed, seed);
    }
}
