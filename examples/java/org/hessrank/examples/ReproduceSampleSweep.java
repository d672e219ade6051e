package org.hessrank.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.hessrank.report.AtomicFiles;
import org.hessrank.report.SvgChart;
import org.hessrank.theory.Catalogue;
import org.hessrank.theory.Instance;

/**
 * Example (reproducing one figure): the sample-size sweep of [NBH21] (d = 64, hidden [10, 10],
 * K = 10) at a few N, exact ranks beside the FC-O/FC-F/FC-L formulas, written as an SVG chart.
 * {@code main(outputFile, N...)}; with no arguments it uses N = 10, 40, 80 and prints only.
 */
public final class ReproduceSampleSweep {
    private static final String SPEC = "in(64) -> dense(10) -> dense(10) -> dense(10)";

    private ReproduceSampleSweep() {
    }

    /** One row: N, then rank and formula for H_O, H_F, H_L. */
    public record Row(int samples, long[] ranks, long[] formulas) {
    }

    public static List<Row> sweep(int... samples) {
        Architecture arch = Architecture.parse(SPEC);
        List<Row> rows = new ArrayList<>();
        for (int n : samples) {
            Observations m = HessianRanks.observe(arch.lower(), PointOptions.defaults().withSamples(n).withSeed(3), 2,
                    HessianRanks.Method.MODULAR, phase -> { });
            Instance generic = Instance.generic(arch, n);
            long[] ranks = new long[3];
            long[] formulas = new long[3];
            String[] ids = {"FC-O", "FC-F", "FC-L"};
            for (Part part : Part.hessianParts()) {
                ranks[part.ordinal()] = m.rank(part);
                formulas[part.ordinal()] = Catalogue.byId(ids[part.ordinal()]).predict(generic).orElseThrow();
            }
            rows.add(new Row(n, ranks, formulas));
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        run(System.out, args);
    }

    /** {@code args}: output file, then N...; prints one line per N to {@code out}. */
    public static void run(PrintStream out, String... args) throws Exception {
        int[] samples = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt)
                .toArray() : new int[] {10, 40, 80};
        List<Row> rows = sweep(samples);
        double[] x = new double[rows.size()];
        double[][] y = new double[6][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            x[i] = r.samples();
            for (int k = 0; k < 3; k++) {
                y[k][i] = r.ranks()[k];
                y[3 + k][i] = r.formulas()[k];
            }
            out.printf("N=%d ranks O/F/L %d/%d/%d, formulas %d/%d/%d%n", r.samples(), r.ranks()[0],
                    r.ranks()[1], r.ranks()[2], r.formulas()[0], r.formulas()[1], r.formulas()[2]);
        }
        if (args.length > 0) {
            SvgChart chart = SvgChart.builder("sample sweep: " + SPEC).axes("samples N", "rank")
                    .line("H_O", x, y[0]).line("H_F", x, y[1]).line("H_L", x, y[2])
                    .dashed("FC-O", x, y[3], 0).dashed("FC-F", x, y[4], 1).dashed("FC-L", x, y[5], 2).build();
            AtomicFiles.write(Path.of(args[0]), chart.render());
        }
    }
}
