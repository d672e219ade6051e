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
import org.hessrank.theory.Catalogue;
import org.hessrank.verify.Measurement;
import org.hessrank.verify.Verdict;
import org.hessrank.verify.Verifier;
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
            "Then every applicable statement of THEOREMS.md is held against the ranks: tight, holds, violated"
                + " (certified), or below-exact (an exact formula not met at two points; a second point is drawn"
                + " with seed S+k if needed).",
            "Exit codes: 0 ok, 1 a statement is violated, 2 bad input."})
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
        checkMemory(p, method);
        Map<Part, PartResult> results = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            results.put(part, new PartResult());
        }
        SplittableRandom primeSource = new SplittableRandom(point.seed ^ 0x6A09E667F3BCC909L);
        List<Measurement> measured = new ArrayList<>();
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
                int[] ranks = new int[3];
                double[] fails = new double[3];
                org.hessrank.exact.Witness[] witnesses = new org.hessrank.exact.Witness[3];
                for (Part part : Part.values()) {
                    Progress.note("point %d/%d: rank of H_%s", k + 1, points, part);
                    long t1 = System.nanoTime();
                    ModularElimination.Result r = ModularElimination.rank(h.part(part).toRowMajor(), p, p, mod);
                    double fail = ModularRank.failureProbability(bounds[part.ordinal()], ModularRank.PRIME_BITS, 1);
                    ranks[part.ordinal()] = r.rank();
                    fails[part.ordinal()] = fail;
                    witnesses[part.ordinal()] = r.witness();
                    record(results.get(part), RankResult.of(r.rank(), Grade.CERTIFIED_LOWER_BOUND, fail,
                            r.witness(), new long[] {prime}, "modular"), (System.nanoTime() - t1) / 1e9, fail);
                }
                measured.add(Measurement.of(arch, net, pt, ranks, fails, witnesses, prime, false));
            } else {
                Progress.note("point %d/%d: building exact Hessians", k + 1, points);
                ExactHessians h = Hessians.exact(net, pt);
                buildSeconds += (System.nanoTime() - t0) / 1e9;
                RankEngine engine = method == EngineChoice.bareiss ? Bareiss.engine() : MultiModularRank.of(point.seed + k);
                int[] ranks = new int[3];
                for (Part part : Part.values()) {
                    Progress.note("point %d/%d: rank of H_%s", k + 1, points, part);
                    long t1 = System.nanoTime();
                    RankResult r = engine.rank(h.part(part));
                    ranks[part.ordinal()] = r.rank();
                    record(results.get(part), r, (System.nanoTime() - t1) / 1e9, 0);
                }
                measured.add(Measurement.of(arch, net, pt, ranks, new double[3], 0, true));
            }
        }
        Progress.note("checking the statements");
        List<Verdict> verdicts = Verifier.of(Catalogue.all()).verdicts(arch, measured, point.options(0));
        Progress.done();
        print(arch, p, samples, redraws, buildSeconds, results, verdicts);
        return verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.VIOLATED) ? 1 : 0;
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
            Map<Part, PartResult> results, List<Verdict> verdicts) {
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
                    .put("buildSeconds", buildSeconds)
                    .put("statements", verdicts.stream().map(CheckCommand::verdictJson).toList()));
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
        System.out.printf(Locale.ROOT, "%n%s", verdicts.isEmpty() ? "no catalogued statement applies\n"
                : CheckCommand.verdictTable(verdicts));
    }
}
