package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue's predictions against MEASURED ranks (Hessians mod a random 49-bit prime, max
 * over two seeded points) on random small architectures of each family: exact statements must be
 * met, bounds must hold, every-point statements must be met at each point.
 */
class MeasuredAgreementTest {
    static final int PER_FAMILY = Integer.getInteger("hessrank.theory.perFamily", Boolean.getBoolean("hessrank.long") ? 400 : 40);

    static int in(SplittableRandom r, int lo, int hi) {
        return r.nextInt(lo, hi + 1);
    }

    // ------------------------------------------------------------------ generators

    static Case fcLinear(SplittableRandom r, boolean bias) {
        int d = in(r, 1, 6);
        int layers = in(r, 2, 4);
        StringBuilder s = new StringBuilder("in(" + d + ")");
        for (int l = 1; l < layers; l++) {
            s.append(" -> dense(").append(in(r, 1, 5)).append(bias ? ",bias)" : ")");
        }
        s.append(" -> dense(").append(in(r, 1, 4)).append(bias ? ",bias)" : ")");
        return new Case(Architecture.parse(s.toString()), in(r, 1, 9));
    }

    static Case relu(SplittableRandom r) {
        return new Case(Architecture.parse("in(" + in(r, 1, 5) + ") -> dense(" + in(r, 1, 6) + ") -> relu -> dense("
                + in(r, 1, 4) + ")"), in(r, 1, 9));
    }

    static Case cnn1(SplittableRandom r, boolean twoD) {
        int m0 = in(r, 1, 2);
        String input;
        int h;
        int w;
        int k1h;
        int k1w;
        if (twoD) {
            h = in(r, 2, 5);
            w = in(r, 2, 5);
            k1h = in(r, 1, h);
            k1w = in(r, 1, w);
            input = "in(" + m0 + "," + h + "," + w + ")";
        } else {
            h = 1;
            w = in(r, 2, 9);
            k1h = 1;
            k1w = in(r, 1, Math.min(4, w));
            input = "in(" + m0 + "," + w + ")";
        }
        String k1 = twoD ? k1h + "x" + k1w : Integer.toString(k1w);
        int m = in(r, 1, 4);
        int kOut = in(r, 1, 3);
        String readout;
        boolean fc = r.nextBoolean();
        if (fc) {
            readout = "dense(" + kOut + ")";
        } else {
            int h1 = h - k1h + 1;
            int w1 = w - k1w + 1;
            readout = "conv(" + kOut + ",k=" + (twoD ? in(r, 1, h1) + "x" + in(r, 1, w1) : in(r, 1, Math.min(4, w1))) + ")";
        }
        Architecture a = Architecture.parse(input + " -> conv(" + m + ",k=" + k1 + ") -> " + readout);
        return new Case(a, in(r, 1, fc ? 12 : 2 * m0 * h * w));
    }

    static Case cnnDeep(SplittableRandom r) {
        int m0 = in(r, 1, 2);
        int d0 = in(r, 5, 10);
        int hidden = in(r, 2, 3);
        StringBuilder s = new StringBuilder("in(" + m0 + "," + d0 + ")");
        int len = d0;
        for (int l = 0; l < hidden; l++) {
            int k = in(r, 1, Math.min(3, len - 1));
            s.append(" -> conv(").append(in(r, 1, 3)).append(",k=").append(k).append(")");
            len -= k - 1;
        }
        int kOut = in(r, 1, 3);
        if (r.nextBoolean()) {
            s.append(" -> dense(").append(kOut).append(")");
        } else {
            s.append(" -> conv(").append(kOut).append(",k=").append(in(r, 1, Math.min(3, len))).append(")");
        }
        return new Case(Architecture.parse(s.toString()), in(r, 1, 14));
    }

    static Case lcn(SplittableRandom r) {
        int d0 = in(r, 2, 7);
        return new Case(Architecture.parse("in(" + in(r, 1, 2) + "," + d0 + ") -> local(" + in(r, 1, 3) + ",k="
                + in(r, 1, Math.min(3, d0)) + ") -> dense(" + in(r, 1, 3) + ")"), in(r, 1, 9));
    }

    record Case(Architecture architecture, int samples) {
        @Override
        public String toString() {
            return architecture.spec() + " N=" + samples;
        }
    }

    // ------------------------------------------------------------------ checking

    /** Checks every applicable rank statement; returns the failures (empty if all agree). */
    static List<String> check(Case c, long seed, PointOptions.Targets targets) {
        PointOptions opts = PointOptions.defaults().withSamples(c.samples()).withTargets(targets);
        List<Measure.At> ats = Measure.points(c.architecture(), opts, seed, 2);
        PartRanks max = Measure.max(ats);
        List<String> failures = new ArrayList<>();
        Instance first = ats.get(0).instance();
        for (Statement s : Catalogue.all()) {
            if (s instanceof PointStatement || s instanceof SweepStatement || s instanceof LayerStatement) {
                continue;
            }
            if (s.everyPoint()) {
                for (Measure.At at : ats) {
                    compare(s, at.instance(), at.ranks(), failures, c + " seed " + seed + " at " + at.point());
                }
            } else {
                for (Measure.At at : ats) {
                    if (s.appliesTo(at.instance()) != s.appliesTo(first)) {
                        failures.add(s.id() + ": applicability differs between points of " + c);
                    }
                }
                compare(s, first, max, failures, c + " seed " + seed + " (max of 2 points)");
            }
        }
        return failures;
    }

    static void compare(Statement s, Instance i, PartRanks measured, List<String> failures, String where) {
        OptionalLong v = s.predict(i, measured);
        if (v.isEmpty()) {
            return;
        }
        long m = measured.of(s.target());
        boolean ok = s.kind() == Statement.Kind.EXACT ? m == v.getAsLong() : m <= v.getAsLong();
        if (!ok) {
            failures.add(s.id() + ": measured rank " + s.target() + " = " + m + ", predicted "
                    + (s.kind() == Statement.Kind.EXACT ? "= " : "≤ ") + v.getAsLong() + " on " + where);
        }
    }

    static Stream<DynamicTest> family(String name, long seed, Function<SplittableRandom, Case> gen,
            PointOptions.Targets targets) {
        SplittableRandom r = new SplittableRandom(seed);
        List<DynamicTest> tests = new ArrayList<>();
        for (int t = 0; t < PER_FAMILY; t++) {
            Case c = gen.apply(r);
            long s = seed * 1000 + t;
            tests.add(DynamicTest.dynamicTest(name + " " + c, () -> {
                List<String> f = check(c, s, targets);
                assertTrue(f.isEmpty(), String.join("\n", f));
            }));
        }
        return tests.stream();
    }

    /**
     * The random families are not vacuous: every standalone or relational rank statement applies to
     * at least three generated cases (at the first point of each).
     */
    @org.junit.jupiter.api.Test
    void everyRankStatementIsExercised() {
        java.util.Map<String, Integer> count = new java.util.TreeMap<>();
        Object[][] fams = {
            {11L, (Function<SplittableRandom, Case>) r -> fcLinear(r, false), PointOptions.Targets.RANDOM},
            {12L, (Function<SplittableRandom, Case>) r -> fcLinear(r, true), PointOptions.Targets.RANDOM},
            {13L, (Function<SplittableRandom, Case>) r -> fcLinear(r, r.nextBoolean()), PointOptions.Targets.INTERPOLATE},
            {14L, (Function<SplittableRandom, Case>) MeasuredAgreementTest::relu, PointOptions.Targets.RANDOM},
            {15L, (Function<SplittableRandom, Case>) r -> cnn1(r, false), PointOptions.Targets.RANDOM},
            {16L, (Function<SplittableRandom, Case>) r -> cnn1(r, true), PointOptions.Targets.RANDOM},
            {17L, (Function<SplittableRandom, Case>) MeasuredAgreementTest::cnnDeep, PointOptions.Targets.RANDOM},
            {18L, (Function<SplittableRandom, Case>) MeasuredAgreementTest::lcn, PointOptions.Targets.RANDOM},
        };
        for (Object[] f : fams) {
            long seed = (Long) f[0];
            @SuppressWarnings("unchecked")
            Function<SplittableRandom, Case> gen = (Function<SplittableRandom, Case>) f[1];
            SplittableRandom r = new SplittableRandom(seed);
            for (int t = 0; t < PER_FAMILY; t++) {
                Case c = gen.apply(r);
                PointOptions opts = PointOptions.defaults().withSamples(c.samples()).withTargets((PointOptions.Targets) f[2])
                        .withSeed(seed * 1000 + t);
                Instance i = Instances.of(c.architecture(), org.hessrank.hessian.Points.draw(c.architecture().lower(), opts));
                for (Statement s : Catalogue.applicable(i)) {
                    count.merge(s.id(), 1, Integer::sum);
                }
            }
        }
        for (Statement s : Catalogue.all()) {
            if (s instanceof PointStatement || s instanceof SweepStatement || s instanceof LayerStatement
                    || LiteratureStatements.all().contains(s) || DiscoveredStatements.all().contains(s)) {
                continue; // the newer literature and the discovered statements have their own tests
            }
            assertTrue(count.getOrDefault(s.id(), 0) >= 3, s.id() + " applied to only " + count.get(s.id())
                    + " generated cases: " + count);
        }
    }

    @TestFactory
    Stream<DynamicTest> fullyConnectedLinear() {
        return family("FC", 11, r -> fcLinear(r, false), PointOptions.Targets.RANDOM);
    }

    @TestFactory
    Stream<DynamicTest> fullyConnectedBias() {
        return family("FCB", 12, r -> fcLinear(r, true), PointOptions.Targets.RANDOM);
    }

    @TestFactory
    Stream<DynamicTest> fullyConnectedZeroResidual() {
        return family("FC-ZERO", 13, r -> fcLinear(r, r.nextBoolean()), PointOptions.Targets.INTERPOLATE);
    }

    @TestFactory
    Stream<DynamicTest> reluOneHidden() {
        return family("RELU", 14, MeasuredAgreementTest::relu, PointOptions.Targets.RANDOM);
    }

    @TestFactory
    Stream<DynamicTest> cnnOneHidden1d() {
        return family("CNN1-1D", 15, r -> cnn1(r, false), PointOptions.Targets.RANDOM);
    }

    @TestFactory
    Stream<DynamicTest> cnnOneHidden2d() {
        return family("CNN1-2D", 16, r -> cnn1(r, true), PointOptions.Targets.RANDOM);
    }

    @TestFactory
    Stream<DynamicTest> cnnDeep() {
        return family("CNN-D", 17, MeasuredAgreementTest::cnnDeep, PointOptions.Targets.RANDOM);
    }

    @TestFactory
    Stream<DynamicTest> locallyConnected() {
        return family("LCN", 18, MeasuredAgreementTest::lcn, PointOptions.Targets.RANDOM);
    }
}
