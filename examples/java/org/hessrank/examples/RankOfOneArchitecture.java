package org.hessrank.examples;

import java.io.PrintStream;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Observations;
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

    /** Prints the ranks of {@code args[0]} (default: the docs/theorems.md reference net) to {@code out}. */
    public static void run(PrintStream out, String... args) {
        String spec = args.length > 0 ? args[0] : "in(6) -> dense(5) -> dense(4) -> dense(3)";
        Architecture arch = Architecture.parse(spec);
        PointOptions point = PointOptions.defaults().withSamples(10).withSeed(1);
        Observations m = HessianRanks.observe(arch.lower(), point, 2, HessianRanks.Method.MODULAR, phase -> { });
        out.println(arch.spec() + ": p = " + m.parameters());
        for (Part part : Part.hessianParts()) {
            out.printf("rank H_%s = %d (%s, failure probability <= %.1e)%n", part, m.rank(part),
                    m.best(part).grade().label(), m.failureProbability(part));
        }
    }
}
