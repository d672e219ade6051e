package org.hessrank.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.Grade;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.Primes;
import org.hessrank.exact.RankEngine;
import org.hessrank.exact.RankResult;
import org.hessrank.hessian.ExactHessians;
import org.hessrank.hessian.HessianParts.Part;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.ModularHessians;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hessrank rank}: exact ranks of H_O, H_F and H_L for one architecture. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = {"Exact ranks of the MSE loss Hessian H_L = H_O + H_F (outer-product and functional parts)"
                + " of an architecture at random integer points.",
            "",
            "The rank at one point is at most the generic rank; with --points k the largest rank over k points"
                + " (seeds S..S+k-1) is reported.",
            "Methods:",
            "  modular        build the Hessians mod a random 49-bit prime per point: each rank is a certified"
                + " lower bound, equal to the exact rank at that point except with the printed probability"
                + " (bounded via Hadamard's inequality on entrywise bounds).",
            "  deterministic  build them over Z and rank by multi-modular elimination: exact.",
            "  bareiss        build them over Z and rank by fraction-free elimination: exact, slow.",
            "Exit codes: 0 ok, 2 bad input."})
public final class RankCommand implements Callable<Integer> {
    @Mixin
    PointMixin point;

    @Option(names = "--points", defaultValue = "1", paramLabel = "k",
            description = "Number of random points; the maximum rank is reported (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--method", defaultValue = "modular",
            description = "modular | deterministic | bareiss (default: ${DEFAULT-VALUE}).")
    EngineChoice method;

    @Option(names = "--format", defaultValue = "text", description = "text | json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--path", defaultValue = "auto",
            description = "auto | dense | matrix-free: build p x p Hessians mod p, or never form them (H_O from the"
                    + " Jacobian, H_F and H_L from exact Hessian-vector products and a random compression); auto picks"
                    + " dense for p <= " + DENSE_AUTO_LIMIT + " when it fits the heap (default: ${DEFAULT-VALUE}).")
    String path;

    /** Choices for --path. */
    public enum PathChoice { auto, dense, matrix_free;
        static PathChoice parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "auto" -> auto;
                case "dense" -> dense;
                case "matrix-free" -> matrix_free;
                default -> throw new IllegalArgumentException("--path (" + s + ") must be auto, dense or matrix-free");
            };
        }
    }

    private boolean lastPathMatrixFree;

    /** Largest p for which --path auto uses the dense modular path (measured crossover, docs/scale.md). */
    static final int DENSE_AUTO_LIMIT = 2500;

    /** The best result per part over the points, and what it took. */
    private static final class PartResult {
        RankResult best;
        double failureSum;
        double seconds;
        final List<Integer> perPoint = new ArrayList<>();
        final List<Long> primes = new ArrayList<>();
    }

    @Override
    public Integer call() {
        if (points < 1) {
            throw new IllegalArgumentException("--points (" + points + ") must be >= 1");
        }
        Architecture arch = point.architecture();
        LoweredNetwork net = arch.lower();
        int p = net.parameterCount();
        boolean matrixFree = useMatrixFree(PathChoice.parse(path), method, p, samplesFor(net), net.outputSize());
        lastPathMatrixFree = matrixFree;
        if (!matrixFree) {
            checkMemory(p, method);
        }
        Map<Part, PartResult> results = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            results.put(part, new PartResult());
        }
        SplittableRandom primeSource = new SplittableRandom(point.seed ^ 0x6A09E667F3BCC909L);
        double buildSeconds = 0;
        int redraws = 0;
        int samples = 0;
        for (int k = 0; k < points; k++) {
            Progress.note("point %d/%d: drawing", k + 1, points);
            Point pt = Points.draw(net, point.options(k));
            redraws += pt.redraws();
            samples = pt.samples();
            long t0 = System.nanoTime();
            if (matrixFree) {
                long prime = Primes.randomPrime(primeSource, ModularRank.PRIME_BITS);
                long maxRows = (long) (0.7 * Runtime.getRuntime().maxMemory() / (8.0 * p));
                Map<Part, org.hessrank.hessian.MatrixFreeRanks.PartResult> mf = org.hessrank.hessian.MatrixFreeRanks
                        .compute(net, pt, Modulus.of(prime), point.seed + k, org.hessrank.exact.CompressedRank.DEFAULT_BLOCK,
                                (int) Math.min(Integer.MAX_VALUE, maxRows), matrixFreeProgress());
                for (Part part : Part.values()) {
                    org.hessrank.hessian.MatrixFreeRanks.PartResult r = mf.get(part);
                    record(results.get(part), r.rank(), r.seconds(), r.rank().failureProbability());
                }
            } else if (method == EngineChoice.modular) {
                long prime = Primes.randomPrime(primeSource, ModularRank.PRIME_BITS);
                Modulus mod = Modulus.of(prime);
                Progress.note("point %d/%d: building Hessians mod %d", k + 1, points, prime);
                ModularHessians h = Hessians.modular(net, pt, mod);
                double[] bounds = Hessians.log2MinorBounds(net, pt);
                buildSeconds += (System.nanoTime() - t0) / 1e9;
                for (Part part : Part.values()) {
                    Progress.note("point %d/%d: rank of H_%s", k + 1, points, part);
                    long t1 = System.nanoTime();
                    ModularElimination.Result r = ModularElimination.rank(h.part(part).toRowMajor(), p, p, mod);
                    double fail = ModularRank.failureProbability(bounds[part.ordinal()], ModularRank.PRIME_BITS, 1);
                    record(results.get(part), RankResult.of(r.rank(), Grade.CERTIFIED_LOWER_BOUND, fail,
                            r.witness(), new long[] {prime}, "modular"), (System.nanoTime() - t1) / 1e9, fail);
                }
            } else {
                Progress.note("point %d/%d: building exact Hessians", k + 1, points);
                ExactHessians h = Hessians.exact(net, pt);
                buildSeconds += (System.nanoTime() - t0) / 1e9;
                RankEngine engine = method == EngineChoice.bareiss ? Bareiss.engine() : MultiModularRank.of(point.seed + k);
                for (Part part : Part.values()) {
                    Progress.note("point %d/%d: rank of H_%s", k + 1, points, part);
                    long t1 = System.nanoTime();
                    RankResult r = engine.rank(h.part(part));
                    record(results.get(part), r, (System.nanoTime() - t1) / 1e9, 0);
                }
            }
        }
        Progress.done();
        print(arch, p, samples, redraws, buildSeconds, results);
        return 0;
    }

    /**
     * Whether to take the matrix-free path: always for {@code --path matrix-free} (modular engine
     * only), never for {@code dense}; for {@code auto}, dense when p &lt;= {@link #DENSE_AUTO_LIMIT}
     * (or the engine is exact) and the dense Hessians fit the heap, else matrix-free. Refuses with
     * the estimate when the matrix-free path's fixed memory (the Jacobian N·K·p twice, two blocks
     * of vectors) does not fit either.
     */
    static boolean useMatrixFree(PathChoice path, EngineChoice method, int p, int samples, int outputs) {
        boolean exactEngine = method != EngineChoice.modular;
        if (path == PathChoice.matrix_free && exactEngine) {
            throw new IllegalArgumentException("--path matrix-free works mod a prime: use it with --method modular (not "
                    + method + ")");
        }
        if (path == PathChoice.dense || (path == PathChoice.auto && exactEngine)) {
            return false;
        }
        long max = Runtime.getRuntime().maxMemory();
        double fixed = 16.0 * samples * outputs * p + 4.0 * 8 * org.hessrank.exact.CompressedRank.DEFAULT_BLOCK * p;
        if (fixed > 0.9 * max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "parameter count (%d) needs at least %.1f GiB on the matrix-free path (Jacobian of %d x %d and"
                            + " vector blocks), more than the JVM's %.1f GiB; raise it with HESSRANK_JAVA_OPTS=-Xmx...",
                    p, fixed / (1L << 30), samples * outputs, p, max / (double) (1L << 30)));
        }
        if (path == PathChoice.matrix_free) {
            return true;
        }
        double dense = 8.0 * 8 * p * (double) p;
        return p > DENSE_AUTO_LIMIT || p > Hessians.MAX_DENSE_PARAMETERS || dense > 0.9 * max;
    }

    private int samplesFor(LoweredNetwork net) {
        return point.options(0).resolvedSamples(net.inputSize());
    }

    /** Progress for the matrix-free path: phase, rank so far, and for H_L percentage and time left. */
    static org.hessrank.hessian.MatrixFreeRanks.Listener matrixFreeProgress() {
        int[] finals = new int[3];
        return (part, phase, rank, products, seconds) -> {
            finals[part.ordinal()] = Math.max(finals[part.ordinal()], rank);
            if (part == Part.L && rank > 0) {
                int bound = Math.max(rank, finals[0] + finals[1]);
                double left = seconds * (Math.pow((double) bound / rank, 2) - 1);
                Progress.note("H_L: %s, rank >= %d after %d products, ~%d%% of the bound H_O+H_F = %d, %.0f s, ~%.0f s left",
                        phase, rank, products, Math.min(100, 100L * rank / bound), bound, seconds, left);
            } else {
                Progress.note("H_%s: %s, rank >= %d after %d products, %.0f s", part, phase, rank, products, seconds);
            }
        };
    }

    private static void record(PartResult pr, RankResult r, double seconds, double failure) {
        pr.perPoint.add(r.rank());
        for (long q : r.primes()) {
            pr.primes.add(q);
        }
        pr.seconds += seconds;
        pr.failureSum = Math.min(1, pr.failureSum + failure); // union bound over the points
        if (pr.best == null || r.rank() > pr.best.rank()) {
            pr.best = r;
        }
    }

    /** Refuses sizes whose dense Hessians would not fit the heap, with the estimate. */
    static void checkMemory(int p, EngineChoice method) {
        if (p > Hessians.MAX_DENSE_PARAMETERS) {
            throw new IllegalArgumentException("parameter count (" + p + ") must be <= " + Hessians.MAX_DENSE_PARAMETERS
                    + " for dense Hessians (a p x p array); larger nets need --path matrix-free (with --method modular)");
        }
        double perEntry = method == EngineChoice.modular ? 8 * 8 : 3 * 48 + 16;
        double bytes = perEntry * p * (double) p;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > 0.9 * max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "parameter count (%d) needs about %.1f GiB for dense Hessians (%s), more than the JVM's %.1f GiB;"
                            + " raise it with HESSRANK_JAVA_OPTS=-Xmx..., or use --method modular",
                    p, bytes / (1L << 30), method, max / (double) (1L << 30)));
        }
    }

    private void print(Architecture arch, int p, int samples, int redraws, double buildSeconds,
            Map<Part, PartResult> results) {
        if (format == Format.json) {
            Json hessian = Json.object();
            for (Part part : Part.values()) {
                PartResult pr = results.get(part);
                hessian.put(part.name(), Json.object().put("rank", pr.best.rank()).put("grade", pr.best.grade().label())
                        .put("failureProbability", pr.best.grade() == Grade.DETERMINISTIC ? 0.0 : pr.failureSum)
                        .put("ranksPerPoint", pr.perPoint).put("primes", pr.primes).put("seconds", pr.seconds));
            }
            System.out.println(Json.object().put("arch", arch.spec()).put("parameters", p).put("samples", samples)
                    .put("dataRank", point.dataRank == 0 ? null : point.dataRank).put("range", point.range)
                    .put("targets", point.targets.name()).put("seed", point.seed).put("points", points)
                    .put("method", method.name()).put("path", lastPathMatrixFree ? "matrix-free" : "dense")
                    .put("redraws", redraws).put("hessian", hessian)
                    .put("buildSeconds", buildSeconds));
            return;
        }
        System.out.printf(Locale.ROOT, "architecture  %s%n", arch.spec());
        System.out.printf(Locale.ROOT, "parameters    %d%n", p);
        System.out.printf(Locale.ROOT, "point         N=%d samples, data rank %s, range +-%d, targets %s, seed %d%s%s%n",
                samples, point.dataRank == 0 ? "full" : Integer.toString(point.dataRank), point.range,
                point.targets, point.seed, points > 1 ? ", max over " + points + " points (seeds " + point.seed + ".."
                        + (point.seed + points - 1) + ")" : "", redraws > 0 ? ", " + redraws + " redraws" : "");
        System.out.printf(Locale.ROOT, "method        %s, %s path; Hessians built in %.3f s%n", method,
                lastPathMatrixFree ? "matrix-free" : "dense", buildSeconds);
        System.out.printf(Locale.ROOT, "%n%-5s %7s  %-10s  %s%n", "part", "rank", "seconds", "how established");
        for (Part part : Part.values()) {
            PartResult pr = results.get(part);
            String how = pr.best.grade() == Grade.DETERMINISTIC ? "deterministic (exact over Q)"
                    : String.format(Locale.ROOT, "certified lower bound; exact except with probability <= %.2g",
                            pr.failureSum);
            System.out.printf(Locale.ROOT, "H_%-3s %7d  %-10.3f  %s%s%n", part, pr.best.rank(), pr.seconds, how,
                    points > 1 ? "  " + pr.perPoint : "");
        }
    }
}
