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

    @Option(names = "--numeric", paramLabel = "float64|DIGITS",
            description = "Also compute numeric ranks (float64 SVD as the papers did, or apfloat elimination at DIGITS"
                    + " digits) at the real point theta/R, X/R, Y/R, beside the exact ranks at that point; every"
                    + " disagreement is flagged; the exact ranks then come from the modular method (see"
                    + " docs/fidelity.md).")
    String numeric;

    @Option(names = "--tol", defaultValue = "default", paramLabel = "TOL",
            description = "Numeric tolerance: default (numpy: s_max*max(m,n)*eps), an absolute value such as 1e-8,"
                    + " or rel:X for X*s_max (default: ${DEFAULT-VALUE}).")
    String tol;

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
        if (numeric != null) {
            return NumericReport.run(point, points, numeric, tol, format);
        }
        Architecture arch = point.architecture();
        LoweredNetwork net = arch.lower();
        int p = net.parameterCount();
        checkMemory(p, method);
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
            if (method == EngineChoice.modular) {
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
                    + " for dense Hessians (a p x p array); larger nets need the matrix-free path (not yet built)");
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
                    .put("method", method.name()).put("redraws", redraws).put("hessian", hessian)
                    .put("buildSeconds", buildSeconds));
            return;
        }
        System.out.printf(Locale.ROOT, "architecture  %s%n", arch.spec());
        System.out.printf(Locale.ROOT, "parameters    %d%n", p);
        System.out.printf(Locale.ROOT, "point         N=%d samples, data rank %s, range +-%d, targets %s, seed %d%s%s%n",
                samples, point.dataRank == 0 ? "full" : Integer.toString(point.dataRank), point.range,
                point.targets, point.seed, points > 1 ? ", max over " + points + " points (seeds " + point.seed + ".."
                        + (point.seed + points - 1) + ")" : "", redraws > 0 ? ", " + redraws + " redraws" : "");
        System.out.printf(Locale.ROOT, "method        %s; Hessians built in %.3f s%n", method, buildSeconds);
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
