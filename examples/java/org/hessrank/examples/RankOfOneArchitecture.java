package org.hessrank.examples;

import java.io.PrintStream;
import org.hessrank.hessian.HessianParts.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;

/**
 * Example: the exact ranks of H_O, H_F and H_L of one architecture, from the library.
 * Run it with {@code java -cp target/hessrank.jar:target/test-classes org.hessrank.examples.RankOfOneArchitecture}
 * or through its test ({@code ExamplesTest}).
 */
public final class RankOfOneArchitecture {
    private RankOfOneArchitecture() {
    }

    public static void main(String[] args) {
        run(System.out, args);
    }

    /** Prints the ranks of {@code args[0]} (default: the THEOREMS.md reference net) to {@code out}. */
    public static void run(PrintStream out, String... args) {
        String spec = args.length > 0 ? args[0] : "in(6) -> dense(5) -> dense(4) -> dense(3)";
        Architecture arch = Architecture.parse(spec);
        PointOptions point = PointOptions.defaults().withSamples(10).withSeed(1);
        HessianRanks.Measurement m = HessianRanks.measure(arch.lower(), point, 2, HessianRanks.Method.MODULAR, 1,
                phase -> { });
        out.println(arch.spec() + ": p = " + m.parameters());
        for (Part part : Part.values()) {
            HessianRanks.PartRank r = m.part(part);
            out.printf("rank H_%s = %d (%s, failure probability <= %.1e)%n", part, r.rank(),
                    r.best().grade().label(), r.failureProbability());
        }
    }
}
