package org.hessrank.proofs;

import java.util.ArrayList;
import java.util.List;
import org.hessrank.verify.Architectures;
import org.hessrank.verify.Case;
import org.hessrank.verify.Generator;

/**
 * The jobs of a profile: the five figures of the reproducibility issue and three of the newer
 * literature, each a sweep.
 *
 * <ol>
 *   <li>{@code fig1-width} [NBH21]: d=64, K=10, N=100, hidden [w, w], w = 4..56 step 4;</li>
 *   <li>{@code fig2-depth}: d=16, K=10, N=50, width 25, 1..9 hidden layers;</li>
 *   <li>{@code fig3-samples}: d=64, hidden [10, 10], K=10, N = 10..400 step 10;</li>
 *   <li>{@code fig4-cnn} [SHS23]: {@code in(1,12) -> conv(m,k=3) -> conv(m,k=3) -> dense(2)}, N=40,
 *       m = 2..24 step 2 (docs/theorems.md: rank H_L = 16m + 22 for m ≥ 4);</li>
 *   <li>{@code fig5-sqrt}: rank H_L against p on log-log axes: the deep FC family
 *       {@code in(8) -> dense(w) x3 -> dense(4)}, N=16, w = 8..48 step 8, together with fig4.</li>
 *   <li>{@code fig6-attn-a} [HMK25]: {@code in(3,3) -> attn(a)}, a = 1..6 (a > d = 3 included, where the
 *       paper's formula fails), N = p + 2 (at least the dimension);</li>
 *   <li>{@code fig7-attn-t}: {@code in(3,t) -> attn(a=2)}, t = 1..6 (one token included), N = p + 2;</li>
 *   <li>{@code fig8-poly-k} [KTB19]: {@code in(3) -> dense(3) -> pow(k) -> dense(3)}, k = 2..6, N = 17 (the
 *       bound, 15 for every k ≥ 2, plus 2).</li>
 * </ol>
 * The quick profile keeps three values of each. Every job uses 2 points from seed 20211.
 *
 * <p>Then random cases of every family of {@link Architectures#all()} (seed {@value #CASE_SEED}):
 * quick 12 per family with p ≤ 120, full 250 per family with p ≤ 400. They feed the statement
 * table of the report together with the figure points.
 */
public final class Plan {
    /** The seed of every job's first point. */
    public static final long SEED = 20211;
    private static final int POINTS = 2;
    /** The seed of the random cases. */
    public static final long CASE_SEED = 20231;

    private Plan() {
    }

    public static List<Job> jobs(Profile profile) {
        boolean full = profile == Profile.FULL;
        List<Job> jobs = new ArrayList<>();
        for (int w : full ? range(4, 56, 4) : new int[] {12, 16, 20}) {
            add(jobs, "fig1-width", w, "in(64) -> dense(" + w + ") -> dense(" + w + ") -> dense(10)", 100);
        }
        for (int depth : full ? range(1, 9, 1) : new int[] {1, 2, 3}) {
            add(jobs, "fig2-depth", depth, "in(16) -> " + "dense(25) -> ".repeat(depth) + "dense(10)", 50);
        }
        for (int n : full ? range(10, 400, 10) : new int[] {10, 60, 120}) {
            add(jobs, "fig3-samples", n, "in(64) -> dense(10) -> dense(10) -> dense(10)", n);
        }
        for (int m : full ? range(2, 24, 2) : new int[] {6, 8, 10}) {
            add(jobs, "fig4-cnn", m, "in(1,12) -> conv(" + m + ",k=3) -> conv(" + m + ",k=3) -> dense(2)", 40);
        }
        for (int w : full ? range(8, 48, 8) : new int[] {8, 12, 16}) {
            add(jobs, "fig5-sqrt", w, "in(8) -> " + ("dense(" + w + ") -> ").repeat(3) + "dense(4)", 16);
        }
        for (int a : full ? range(1, 6, 1) : new int[] {1, 2, 4}) {
            add(jobs, "fig6-attn-a", a, "in(3,3) -> attn(a=" + a + ")", 2 * a * 3 + 9 + 2);
        }
        for (int t : full ? range(1, 6, 1) : new int[] {1, 2, 3}) {
            add(jobs, "fig7-attn-t", t, "in(3," + t + ") -> attn(a=2)", 2 * 2 * 3 + 9 + 2);
        }
        for (int k : full ? range(2, 6, 1) : new int[] {2, 3, 4}) {
            add(jobs, "fig8-poly-k", k, "in(3) -> dense(3) -> pow(" + k + ") -> dense(3)", 17);
        }
        int perFamily = full ? 250 : 12;
        int maxParameters = full ? 400 : 120;
        for (Generator g : Architectures.all()) {
            Generator limited = g.maxParameters(maxParameters);
            List<Case> cases = limited.cases(CASE_SEED, perFamily);
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                jobs.add(new Job(jobs.size(), "cases-" + g.family().name().toLowerCase(java.util.Locale.ROOT), i,
                        c.architecture().spec(), c.samples(), c.pointSeed(), 1, c));
            }
        }
        return jobs;
    }

    /** The generator of a case job's family, with the profile's limits (for shrinking). */
    static Generator generatorOf(Profile profile, Case c) {
        for (Generator g : Architectures.all()) {
            if (g.family() == c.family()) {
                return g.maxParameters(profile == Profile.FULL ? 400 : 120);
            }
        }
        throw new IllegalArgumentException("no generator for family " + c.family());
    }

    private static void add(List<Job> jobs, String figure, int x, String spec, int samples) {
        jobs.add(new Job(jobs.size(), figure, x, spec, samples, SEED, POINTS, null));
    }

    private static int[] range(int from, int to, int step) {
        int[] out = new int[(to - from) / step + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i * step;
        }
        return out;
    }
}
