package org.hessrank.theory;

import java.util.ArrayList;
import java.util.List;
import org.hessrank.exact.Primes;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.Observation;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;

/**
 * Measured ranks for tests, from the measurement spine ({@link HessianRanks}): Hessians mod a
 * random 49-bit prime (a certified lower bound, equal to the rank over ℚ except with negligible
 * probability), at seeded random points.
 */
final class Measure {
    private Measure() {
    }

    /** One point: its instance and measured part ranks. */
    record At(Point point, Instance instance, PartRanks ranks) {
    }

    /** Points with the given options and seeds {@code seed, seed+1, …}, measured. */
    static List<At> points(Architecture a, PointOptions options, long seed, int count) {
        LoweredNetwork net = a.lower();
        List<At> out = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            Point p = Points.draw(net, options.withSeed(seed + t));
            out.add(at(a, p, seed * 31 + t));
        }
        return out;
    }

    /** Point {@code p} observed by the measurement spine (modular; primes from {@code primeSeed}). */
    static At at(Architecture a, Point p, long primeSeed) {
        LoweredNetwork net = a.lower();
        Observation o = HessianRanks.observe(net, p, primeSeed, HessianRanks.Method.MODULAR,
                MatrixFreeRanks.Compression.TOEPLITZ, Primes.sourceFor(primeSeed), "test", phase -> { });
        return new At(p, Instances.of(a, net, p), PartRanks.of(o.rank(Part.O), o.rank(Part.F), o.rank(Part.L)));
    }

    /** The elementwise maximum of the part ranks (the generic rank estimate). */
    static PartRanks max(List<At> ats) {
        long o = 0;
        long f = 0;
        long l = 0;
        for (At at : ats) {
            o = Math.max(o, at.ranks().o());
            f = Math.max(f, at.ranks().f());
            l = Math.max(l, at.ranks().l());
        }
        return PartRanks.of(o, f, l);
    }
}
