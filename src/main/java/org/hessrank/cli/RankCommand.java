package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hessrank.exact.Grade;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Limits;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.Observations;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.report.Json;
import org.hessrank.theory.Catalogue;
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
            "Then every applicable statement of docs/theorems.md is held against the ranks: tight, holds, violated"
                + " (certified), or below-exact (an exact formula not met at two points; a second point is drawn"
                + " with seed S+k if needed).",
            "Exit codes: 0 ok, 1 a statement is violated, 2 bad input."})
public final class RankCommand implements Callable<Integer> {
    @Mixin
    PointMixin point;

    @Option(names = "--points", defaultValue = "1", paramLabel = "k",
            description = "Number of random points; the maximum rank is reported (default: ${DEFAULT-VALUE}).")
    int points;

    @Mixin
    EngineChoice.MethodOption method;

    @Mixin
    FormatOption format;

    @Option(names = "--numeric", paramLabel = "float64|DIGITS",
            description = {"Also compute numeric ranks (float64 SVD as the papers did, or apfloat elimination at DIGITS"
                    + " digits) at the real point theta/R, X/R, Y/R, beside the exact ranks at that point; every"
                    + " disagreement is flagged; the exact ranks then come from the modular method.",
                    "See docs/fidelity.md."})
    String numeric;

    @Option(names = "--tol", defaultValue = "default", paramLabel = "TOL",
            description = "Numeric tolerance: default (numpy: s_max*max(m,n)*eps), an absolute value such as 1e-8,"
                    + " or rel:X for X*s_max (default: ${DEFAULT-VALUE}).")
    String tol;

    @Option(names = "--path", defaultValue = "auto",
            description = "auto | dense | matrix-free: build p x p Hessians mod p, or never form them (H_O from the"
                    + " Jacobian, H_F and H_L from exact Hessian-vector products and a random compression); auto picks"
                    + " dense for p <= " + Limits.DENSE_AUTO_LIMIT + " when it fits the heap (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--compression", paramLabel = "KIND",
            description = "Matrix-free path only: toeplitz (default: Toeplitz preconditioners on both sides, leading"
                    + " minors by bordered LU, plus a span check; failure bound (m+1)/q for m <= p projected rows) | echelon (random dense vectors and an"
                    + " echelon basis of H*V: r^2*p work, failure bound about p^2/q^2).")
    String compression;

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

    /** The --compression value; refused when given without the matrix-free path. */
    static MatrixFreeRanks.Compression parseCompression(String value, boolean matrixFree) {
        if (value == null) {
            return MatrixFreeRanks.Compression.TOEPLITZ;
        }
        if (!matrixFree) {
            throw new IllegalArgumentException("--compression (" + value + ") applies to the matrix-free path only:"
                    + " add --path matrix-free");
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "toeplitz" -> MatrixFreeRanks.Compression.TOEPLITZ;
            case "echelon" -> MatrixFreeRanks.Compression.ECHELON;
            default -> throw new IllegalArgumentException("--compression (" + value + ") must be toeplitz or echelon");
        };
    }

    @Override
    public Integer call() {
        if (points < 1) {
            throw new IllegalArgumentException("--points (" + points + ") must be >= 1");
        }
        point.requireSeeds(points);
        Progress progress = format.progress();
        if (numeric != null) {
            return NumericReport.run(point, points, numeric, tol, format.get(), format.out(), progress);
        }
        Architecture arch = point.architecture();
        LoweredNetwork net = arch.lower();
        int p = net.parameterCount();
        EngineChoice engine = method.get();
        boolean matrixFree = useMatrixFree(PathChoice.parse(path), engine, p,
                point.options(0).resolvedSamples(net.inputSize()), net.outputSize());
        Advice.requireExact(net, "rank");
        if (!matrixFree) {
            Advice.requireDense("rank", engine, path.equalsIgnoreCase("dense"), p);
        }
        MatrixFreeRanks.Compression kind = parseCompression(compression, matrixFree);
        Verifier.Checked checked = Verifier.of(Catalogue.all())
                .withMethod(matrixFree ? HessianRanks.Method.MATRIX_FREE : engine.hessianMethod(), kind)
                .check(arch, net, point.options(0), points, phase -> progress.note("%s", phase));
        progress.done();
        List<Verdict> verdicts = checked.verdicts();
        print(format.out(), arch, net, checked.observations(), verdicts, matrixFree ? "matrix-free" : "dense");
        return ExitCodes.of(verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.VIOLATED));
    }

    /**
     * Whether to take the matrix-free path: always for {@code --path matrix-free} (modular engine
     * only), never for {@code dense}; for {@code auto}, exact engines take the dense path and the
     * modular one {@link Limits#autoPicksMatrixFree}. Refuses with the estimate when the
     * matrix-free path's fixed memory does not fit ({@link Limits#requireMatrixFree}).
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
        Limits.requireMatrixFree(p, samples, outputs);
        return path == PathChoice.matrix_free || Limits.autoPicksMatrixFree(p);
    }

    private void print(PrintWriter out, Architecture arch, LoweredNetwork net, Observations m, List<Verdict> verdicts,
            String pathLabel) {
        if (format.get() == Format.csv) {
            // one row per part; the statements are in the text and JSON forms
            out.println(org.hessrank.report.Csv.row("arch", "parameters", "samples", "seed", "points", "method",
                    "path", "part", "rank", "grade", "failure_probability", "seconds", "ranks_per_point", "how"));
            for (Part part : Part.hessianParts()) {
                out.println(org.hessrank.report.Csv.row(arch.spec(), m.parameters(), m.samples(), point.seed,
                        points, method.get().name(), pathLabel, "H_" + part, m.rank(part), m.best(part).grade().label(),
                        m.failureProbability(part), m.seconds(part), m.ranksPerPoint(part).toString().replace(", ", " "),
                        m.best(part).method()));
            }
            return;
        }
        if (format.get() == Format.json) {
            Json hessian = Json.object();
            for (Part part : Part.hessianParts()) {
                hessian.put(part.name(), Json.object().put("rank", m.rank(part)).put("grade", m.best(part).grade().label())
                        .put("failureProbability", m.failureProbability(part)).put("ranksPerPoint", m.ranksPerPoint(part))
                        .put("primes", m.primes(part)).put("seconds", m.seconds(part)).put("how", m.best(part).method()));
            }
            out.println(Json.object().put("arch", arch.spec()).put("parameters", m.parameters())
                    .put("frozen", net.frozenCount()).put("degree", net.degree())
                    .put("samples", m.samples()).put("dataRank", point.dataRank)
                    .put("range", point.range).put("targets", point.targets.name()).put("seed", point.seed)
                    .put("points", points).put("method", method.get().name()).put("path", pathLabel).put("redraws", m.redraws())
                    .put("hessian", hessian).put("buildSeconds", m.buildSeconds())
                    .put("statements", verdicts.stream().map(Reports::verdictJson).toList()));
            return;
        }
        out.printf(Locale.ROOT, "architecture  %s%n", arch.spec());
        out.printf(Locale.ROOT, "parameters    %d%s%n", m.parameters(),
                net.frozenCount() > 0 ? " (and " + net.frozenCount() + " frozen weights, drawn with the point)" : "");
        if (!net.isHomogeneousChain()) {
            out.printf(Locale.ROOT, "degree        %d in (weights, inputs); exact values of about %.0f bits"
                    + " (estimate)%n", net.degree(), Limits.valueBitsEstimate(net, java.math.BigInteger.valueOf(point.range)));
        }
        out.printf(Locale.ROOT, "point         N=%d samples, data rank %s, range +-%d, targets %s, seed %d%s%s%n",
                m.samples(), point.dataRankLabel(), point.range,
                point.targets, point.seed, points > 1 ? ", max over " + points + " points (seeds " + point.seed + ".."
                        + (point.seed + points - 1) + ")" : "", m.redraws() > 0 ? ", " + m.redraws() + " redraws" : "");
        out.printf(Locale.ROOT, "method        %s, %s path; Hessians built in %.3f s%n", method.get(), pathLabel,
                m.buildSeconds());
        if (pathLabel.equals("matrix-free")) {
            out.printf(Locale.ROOT, "ranks by      H_O: %s; H_F, H_L: %s%n", m.best(Part.O).method(),
                    m.best(Part.F).method());
        }
        out.printf(Locale.ROOT, "%n%-5s %7s  %-10s  %s%n", "part", "rank", "seconds", "how established");
        for (Part part : Part.hessianParts()) {
            String how = m.best(part).grade() == Grade.DETERMINISTIC ? "deterministic (exact over Q)"
                    : String.format(Locale.ROOT, "certified lower bound; exact except with probability <= %.2g",
                            m.failureProbability(part));
            out.printf(Locale.ROOT, "H_%-3s %7d  %-10.3f  %s%s%n", part, m.rank(part), m.seconds(part), how,
                    points > 1 ? "  " + m.ranksPerPoint(part) : "");
        }
        out.printf(Locale.ROOT, "%n%s", verdicts.isEmpty() ? "no catalogued statement applies\n"
                : Reports.verdictTable(verdicts));
    }
}
