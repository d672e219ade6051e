package org.hessrank.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.hessrank.exact.Primes;
import org.hessrank.fidelity.FidelityStudies;
import org.hessrank.fidelity.NumericRanks;
import org.hessrank.fidelity.NumericRanks.ExactAndNumeric;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Loss;
import org.hessrank.hessian.Points;
import org.hessrank.hessian.RealPoint;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.Precision;
import org.hessrank.numeric.Tolerance;
import org.hessrank.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hessrank fidelity}: how faithful floating-point Hessian ranks are. {@code point} compares
 * exact, float64 and high-precision ranks at one point (any activation, MSE or cross-entropy);
 * {@code study} runs the sweeps of {@code proofs-check/fidelity/} and writes tables and figures.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = {"Numerical fidelity of Hessian ranks: exact vs float64 (the papers' measurement) vs"
                + " high precision (apfloat).",
            "Numeric paths run at the real point theta*2^a/R, X/R, Y/R; exact ranks (piecewise-linear nets, MSE)"
                + " are those of the same point, via the equivalent integer point (docs/fidelity.md).",
            "Exit codes: 0 ok, 2 bad input."},
        subcommands = {FidelityCommand.PointCommand.class, FidelityCommand.StudyCommand.class})
public final class FidelityCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Choices for --loss. */
    public enum LossChoice { mse, ce }

    /** {@code fidelity point}: all ranks at one point. */
    @Command(name = "point", mixinStandardHelpOptions = true,
            description = {"Ranks of H_O, H_F, H_L at one point: exact (when the net is piecewise linear and the loss"
                    + " MSE), float64 SVD and apfloat elimination, with gaps; disagreements with the exact rank are"
                    + " flagged.", "Exit codes: 0 ok, 2 bad input."})
    static final class PointCommand implements Callable<Integer> {
        @Mixin
        PointMixin point;

        @Option(names = "--precision", defaultValue = "60", paramLabel = "DIGITS",
                description = "apfloat digits for the high-precision path, or 'none' (default: ${DEFAULT-VALUE}).")
        String precision;

        @Option(names = "--loss", defaultValue = "mse", description = "mse | ce (softmax cross-entropy; use"
                + " --targets onehot) (default: ${DEFAULT-VALUE}).")
        LossChoice loss;

        @Option(names = "--weight-scale", defaultValue = "0", paramLabel = "a",
                description = "Multiply every parameter by 2^a (default: ${DEFAULT-VALUE}).")
        int weightScale;

        @Option(names = "--tol", defaultValue = "default", paramLabel = "TOL",
                description = "default (numpy), an absolute value, or rel:X (default: ${DEFAULT-VALUE}).")
        String tol;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            Precision high = precision.equalsIgnoreCase("none") ? null : Precision.parse(precision, "--precision");
            if (high != null && high.isFloat64()) {
                throw new IllegalArgumentException("--precision (float64) must be a number of digits or none;"
                        + " float64 is always computed");
            }
            Tolerance tolerance = Tolerance.parse(tol);
            Architecture arch = point.architecture();
            LoweredNetwork net = arch.lower();
            Loss l = loss == LossChoice.ce ? Loss.CROSS_ENTROPY : Loss.MSE;
            RealPoint rp = RealPoint.of(net, Points.draw(net, point.options(0)), point.range, weightScale);
            Progress progress = format.progress();
            Map<Part, ExactAndNumeric> r = NumericRanks.evaluate(net, rp, l, true, high, tolerance,
                    Primes.sourceFor(point.seed), true, phase -> progress.note("fidelity point: %s", phase));
            progress.done();
            PrintWriter out = format.out();
            if (format.get() == Format.csv) {
                out.println(org.hessrank.report.Csv.row("arch", "seed", "samples", "loss", "weight_scale_log2",
                        "part", "exact", "float64", "float64_gap_decades", "high", "high_gap_decades"));
                for (Part part : Part.hessianParts()) {
                    ExactAndNumeric pr = r.get(part);
                    out.println(org.hessrank.report.Csv.row(arch.spec(), point.seed,
                            rp.integerPoint().samples(), l.name(), weightScale, "H_" + part,
                            pr.exact() < 0 ? null : pr.exact(), pr.float64() == null ? null : pr.float64().rank(),
                            pr.float64() == null ? null : pr.float64().gapDecades(),
                            pr.high() == null ? null : pr.high().rank(),
                            pr.high() == null ? null : pr.high().gapDecades()));
                }
                return ExitCodes.OK;
            }
            if (format.get() == Format.json) {
                Json parts = Json.object();
                for (Part part : Part.hessianParts()) {
                    ExactAndNumeric pr = r.get(part);
                    parts.put(part.name(), Json.object().put("exact", pr.exact() < 0 ? null : pr.exact())
                            .put("exactFailureProbability", pr.exact() < 0 ? null : pr.failure())
                            .put("float64", NumericReport.toJson(pr.float64()))
                            .put("high", NumericReport.toJson(pr.high())));
                }
                out.println(Json.object().put("arch", arch.spec()).put("parameters", net.parameterCount())
                        .put("samples", rp.integerPoint().samples()).put("loss", l.name()).put("weightScaleLog2",
                                weightScale).put("seed", point.seed).put("range", point.range).put("divisor", rp.range())
                        .put("hessian", parts));
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "architecture  %s%nparameters    %d%npoint         N=%d, seed %d, %s; loss %s;"
                    + " tolerance %s%n%n", arch.spec(), net.parameterCount(), rp.integerPoint().samples(), point.seed,
                    net.isHomogeneousChain() ? "real point theta*2^" + weightScale + "/R, X/R, Y/R with R=" + point.range
                            : "the integer point itself (range " + point.range + "; a graph network's ranks change"
                                    + " under division by R)", l, tolerance);
            out.printf(Locale.ROOT, "%-5s %6s  %8s %9s  %8s %9s  %s%n", "part", "exact", "float64", "gap",
                    high == null ? "-" : high + "dig", "gap", "flags");
            for (Part part : Part.hessianParts()) {
                ExactAndNumeric pr = r.get(part);
                List<String> flags = new ArrayList<>();
                if (pr.disagrees(pr.float64())) {
                    flags.add("float64 DISAGREES");
                }
                if (pr.disagrees(pr.high())) {
                    flags.add(high + "-digit DISAGREES");
                }
                if (pr.high() != null && pr.float64().rank() != pr.high().rank()) {
                    flags.add("float64 != " + high + "-digit");
                }
                out.printf(Locale.ROOT, "H_%-3s %6s  %8d %9s  %8s %9s  %s%n", part,
                        pr.exact() < 0 ? "n/a" : Integer.toString(pr.exact()), pr.float64().rank(),
                        NumericRanks.decades(pr.float64().gapDecades()),
                        pr.high() == null ? "-" : Integer.toString(pr.high().rank()),
                        pr.high() == null ? "-" : NumericRanks.decades(pr.high().gapDecades()), String.join("; ", flags));
            }
            out.println();
            for (Part part : Part.hessianParts()) {
                ExactAndNumeric pr = r.get(part);
                out.printf(Locale.ROOT, "H_%s float64 around cut: %s%n", part, pr.float64().aroundCut(3));
                if (pr.high() != null) {
                    out.printf(Locale.ROOT, "H_%s %s-digit pivots:    %s%n", part, high, pr.high().aroundCut(3));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code fidelity study}: the sweeps behind proofs-check/fidelity. */
    @Command(name = "study", mixinStandardHelpOptions = true,
            description = {"Run one fidelity study and write CSV, Markdown and SVG files into --out.",
                "  float64        linear nets: where float64 first goes wrong over width (p), depth and weight scale",
                "  nonlinear      ReLU (exact) and tanh (apfloat) ranks vs the linear formulas across N*K/p",
                "  cross-entropy  linear nets with softmax cross-entropy: the formulas with K-1",
                "Exit codes: 0 ok, 2 bad input."})
    static final class StudyCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY", description = "float64 | nonlinear | cross-entropy")
        String study;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
        Path out;

        @Option(names = "--precision", defaultValue = "60", paramLabel = "DIGITS",
                description = "apfloat digits (default: ${DEFAULT-VALUE}).")
        String precision;

        @Mixin
        PointSeedOption seed;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() throws IOException {
            Precision high = Precision.parse(precision, "--precision");
            if (high.isFloat64()) {
                throw new IllegalArgumentException("--precision (float64) must be a number of digits");
            }
            if (!List.of("float64", "nonlinear", "cross-entropy").contains(study)) {
                throw new IllegalArgumentException("study (" + study + ") must be float64, nonlinear or cross-entropy");
            }
            org.hessrank.report.AtomicFiles.checkWritableDirectory(out, "--out");
            org.hessrank.report.AtomicFiles.createDirectories(out);
            Progress progress = format.progress();
            new FidelityStudies(out, high, seed.get(), line -> progress.note("%s", line)).run(study);
            progress.done();
            List<String> written;
            try (var files = Files.list(out)) {
                written = files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(study.equals("cross-entropy")
                        ? "cross-entropy" : study)).sorted().toList();
            }
            PrintWriter stdout = format.out();
            switch (format.get()) {
                case json -> stdout.println(Json.object().put("study", study).put("out", out.toString())
                        .put("seed", seed.get()).put("precision", precision).put("files", written));
                case csv -> {
                    stdout.println(org.hessrank.report.Csv.row("study", "file"));
                    for (String f : written) {
                        stdout.println(org.hessrank.report.Csv.row(study, out.resolve(f)));
                    }
                }
                default -> stdout.printf(Locale.ROOT, "fidelity study %s (seed %d, %s digits): wrote %s%n", study,
                        seed.get(), precision, String.join(", ", written));
            }
            return ExitCodes.OK;
        }
    }
}
