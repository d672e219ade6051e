package org.hessrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.MatrixMarket;
import org.hessrank.hessian.ExactHessians;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.report.AtomicFiles;
import org.hessrank.report.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hessrank hessian}: export one exact Hessian part as a Matrix Market file. */
@Command(name = "hessian", mixinStandardHelpOptions = true,
        description = {"Build one part of the loss Hessian exactly over Z at a random point and write it as a"
                + " Matrix Market file (coordinate, integer, general), for other exact tools (FLINT, Sage, ...).",
            "The matrix written is c^2 * H where c is the integer scale that clears avgpool and leaky-ReLU"
                + " denominators (c = 1 for nets without them); ranks are unchanged.",
            "The file is written atomically: on any error no file is left. Exit codes: 0 ok, 2 bad input."})
public final class HessianCommand implements Callable<Integer> {
    @Mixin
    PointMixin point;

    @Option(names = "--part", defaultValue = "L", converter = HessianPart.class,
            description = "O | F | L (default: ${DEFAULT-VALUE}).")
    Part part;

    /** --part takes the Hessian parts only (not T), with picocli's enum message. */
    static final class HessianPart implements CommandLine.ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            for (Part p : Part.hessianParts()) {
                if (p.name().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of " + Part.hessianParts()
                    + " (case-insensitive) but was '" + value + "'");
        }
    }

    @Option(names = "--out", required = true, paramLabel = "H.mtx", description = "Output Matrix Market file.")
    Path out;

    @Option(names = "--layout", defaultValue = "COORDINATE", description = "coordinate | array (default: coordinate).")
    MatrixMarket.Layout layout;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        Architecture arch = point.architecture();
        LoweredNetwork net = arch.lower();
        Advice.requireExact(net, "hessian");
        Advice.requireDense("hessian", EngineChoice.deterministic, true, net.parameterCount());
        AtomicFiles.checkWritable(out, "--out");
        Point pt = Points.draw(net, point.options(0));
        ExactHessians h = Hessians.exact(net, pt);
        IntegerMatrix m = h.part(part);
        AtomicFiles.write(out, w -> MatrixMarket.write(m, w, layout));
        PrintWriter stdout = format.out();
        if (format.get() == Format.csv) {
            stdout.println(org.hessrank.report.Csv.row("file", "arch", "part", "parameters", "samples", "seed", "scale",
                    "max_entry_bits"));
            stdout.println(org.hessrank.report.Csv.row(out, arch.spec(), part.name(), net.parameterCount(),
                    pt.samples(), point.seed, h.scale(), m.maxBitLength()));
        } else if (format.get() == Format.json) {
            stdout.println(Json.object().put("file", out.toString()).put("arch", arch.spec()).put("part", part.name())
                    .put("parameters", net.parameterCount()).put("samples", pt.samples()).put("seed", point.seed)
                    .put("scale", h.scale().toString()).put("maxEntryBits", m.maxBitLength()));
        } else {
            stdout.printf(Locale.ROOT, "wrote %s: H_%s (times c^2, c = %s), %d x %d, seed %d, N = %d, entries up to"
                    + " %d bits%n", out, part, h.scale(), m.rows(), m.cols(), point.seed, pt.samples(), m.maxBitLength());
        }
        return ExitCodes.OK;
    }
}
