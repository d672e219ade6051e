package org.hessrank.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.hessrank.net.Extent;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * Greedy shrinking of a failing {@link Case}: repeatedly try smaller variants (drop a hidden
 * layer, fewer samples, a smaller input, narrower layers, smaller kernels, stride 1, no padding,
 * a custom layer's {@link org.hessrank.net.CustomLayer#smaller()} variants, lower data rank) and
 * keep the first one that still fails, until none does.
 *
 * <p>Shrinking is integrated with the generator: a candidate is tried only if the generator
 * {@link Generator#accepts accepts} it (same family, within the limits), so the result is a case
 * the generator could have produced. Kernels that no longer fit a smaller input are clamped to
 * the padded input length (a custom layer that no longer fits is replaced by the largest of its
 * {@link org.hessrank.net.CustomLayer#smaller()} variants that does). The point seed, targets and generation seed are kept, so the shrunk
 * case's point is as reproducible as the original's.
 *
 * <p>Termination: every accepted step strictly decreases the size measure
 * (p, layers, input size, N, data rank, total kernel+stride+padding plus the integers of custom
 * layers' specs) in lexicographic order; the
 * number of predicate evaluations is capped ({@link #DEFAULT_MAX_EVALUATIONS} by default). A
 * predicate that throws counts as "does not fail".
 */
public final class Shrinker {
    /** Default cap on predicate evaluations. */
    public static final int DEFAULT_MAX_EVALUATIONS = 400;

    /** The outcome: the original case, the smallest failing case found, and what it took. */
    public record Result(Case original, Case minimal, int steps, int evaluations) {
    }

    private Shrinker() {
    }

    /** {@link #shrink(Case, Predicate, Predicate, int)} with the generator's {@code accepts} and the default cap. */
    public static Result shrink(Case failing, Predicate<Case> fails, Generator generator) {
        Objects.requireNonNull(generator, "generator");
        return shrink(failing, fails, generator::accepts, DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Shrinks {@code failing} while {@code fails} holds.
     *
     * @param failing a case for which {@code fails} is true (not re-checked)
     * @param fails the property's failure predicate
     * @param admissible which candidates may be tried (e.g. {@link Generator#accepts})
     * @param maxEvaluations cap on calls to {@code fails}
     */
    public static Result shrink(Case failing, Predicate<Case> fails, Predicate<Case> admissible, int maxEvaluations) {
        Objects.requireNonNull(failing, "failing");
        Objects.requireNonNull(fails, "fails");
        Objects.requireNonNull(admissible, "admissible");
        Case cur = failing;
        int steps = 0;
        int evals = 0;
        boolean improved = true;
        while (improved && evals < maxEvaluations) {
            improved = false;
            for (Case cand : candidates(cur)) {
                if (evals >= maxEvaluations) {
                    break;
                }
                if (Arrays.compare(measure(cand), measure(cur)) >= 0 || !admissible.test(cand)) {
                    continue;
                }
                evals++;
                boolean f;
                try {
                    f = fails.test(cand);
                } catch (RuntimeException e) {
                    f = false;
                }
                if (f) {
                    cur = cand;
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return new Result(failing, cur, steps, evals);
    }

    /** The size measure, compared lexicographically. */
    static long[] measure(Case c) {
        Architecture a = c.architecture();
        long knobs = 0;
        for (Layer l : a.layers()) {
            if (l instanceof Layer.Conv cv) {
                knobs += cv.kernel().height() + cv.kernel().width() + cv.stride().height() + cv.stride().width()
                        + cv.padding().height() + cv.padding().width();
            } else if (l instanceof Layer.Local lc) {
                knobs += lc.kernel() + lc.stride() + lc.padding();
            } else if (l instanceof Layer.Custom cu) {
                knobs += specIntegers(cu.spec());
            }
        }
        return new long[] {a.parameterCount(), a.layerCount(), a.input().size(), c.samples(), c.effectiveDataRank(),
            knobs};
    }

    /** Sum of the integers written in a custom layer's spec: its size knobs (k, dilation, channels...). */
    private static long specIntegers(String spec) {
        long sum = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(spec);
        while (m.find()) {
            sum += m.group().length() > 9 ? Integer.MAX_VALUE : Long.parseLong(m.group());
        }
        return sum;
    }

    /** Smaller variants of {@code c}, most aggressive first (valid architectures only, no duplicates). */
    public static List<Case> candidates(Case c) {
        Set<Case> out = new LinkedHashSet<>();
        Architecture a = c.architecture();
        List<Layer> ls = a.layers();
        int n = c.samples();
        // 1. drop a parameter layer other than the last one (with a following activation)
        int lastParam = -1;
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i).hasParameters()) {
                lastParam = i;
            }
        }
        for (int i = 0; i < lastParam; i++) {
            if (ls.get(i).hasParameters()) {
                List<Layer> copy = new ArrayList<>(ls);
                copy.remove(i);
                if (i < copy.size() && copy.get(i) instanceof Layer.Act) {
                    copy.remove(i);
                }
                add(out, c, a.input(), copy, n, c.dataRank());
            }
        }
        // 2. fewer samples
        for (int m : smaller(n)) {
            add(out, c, a.input(), ls, m, c.dataRank());
        }
        // 3. a smaller input
        Shape in = a.input();
        int[] dims = dims(in);
        for (int k = 0; k < dims.length; k++) {
            for (int v : smaller(dims[k])) {
                int[] nd = dims.clone();
                nd[k] = v;
                add(out, c, shape(in.kind(), nd), ls, n, c.dataRank());
            }
        }
        // 4. narrower layers, smaller kernels, stride 1, less padding
        for (int i = 0; i < ls.size(); i++) {
            for (Layer l : smallerLayers(ls.get(i))) {
                List<Layer> copy = new ArrayList<>(ls);
                copy.set(i, l);
                add(out, c, in, copy, n, c.dataRank());
            }
        }
        // 5. lower data rank
        if (c.effectiveDataRank() < c.fullDataRank()) {
            for (int r : smaller(c.effectiveDataRank())) {
                add(out, c, in, ls, n, r);
            }
        }
        return new ArrayList<>(out);
    }

    private static void add(Set<Case> out, Case c, Shape in, List<Layer> layers, int n, int r) {
        Architecture a = repair(in, layers);
        if (a != null) {
            int full = Math.min(n, a.input().size());
            int rank = r == PointOptions.FULL_RANK || r >= full ? PointOptions.FULL_RANK : r;
            Case cand = c.with(a, n, rank);
            if (!cand.equals(c)) {
                out.add(cand);
            }
        }
    }

    /** {1, v/2, v − 1} below v, descending aggressiveness, without repeats. */
    private static int[] smaller(int v) {
        return Arrays.stream(new int[] {1, v / 2, v - 1}).filter(x -> x >= 1 && x < v).distinct().toArray();
    }

    private static int[] dims(Shape s) {
        return switch (s.kind()) {
            case VECTOR -> new int[] {s.size()};
            case SIGNAL -> new int[] {s.channels(), s.length()};
            case IMAGE -> new int[] {s.channels(), s.height(), s.width()};
        };
    }

    private static Shape shape(Shape.Kind kind, int[] d) {
        return switch (kind) {
            case VECTOR -> Shape.vector(d[0]);
            case SIGNAL -> Shape.signal(d[0], d[1]);
            case IMAGE -> Shape.image(d[0], d[1], d[2]);
        };
    }

    private static List<Layer> smallerLayers(Layer l) {
        List<Layer> out = new ArrayList<>();
        if (l instanceof Layer.Dense d) {
            for (int u : smaller(d.units())) {
                out.add(Layer.dense(u, d.bias()));
            }
        } else if (l instanceof Layer.Conv c) {
            for (int ch : smaller(c.channels())) {
                out.add(Layer.conv(ch, c.kernel(), c.stride(), c.padding(), c.bias()));
            }
            for (Extent k : smallerExtents(c.kernel())) {
                out.add(Layer.conv(c.channels(), k, c.stride(), c.padding(), c.bias()));
            }
            for (Extent s : smallerExtents(c.stride())) {
                out.add(Layer.conv(c.channels(), c.kernel(), s, c.padding(), c.bias()));
            }
            if (c.padding().height() > 0 || c.padding().width() > 0) {
                out.add(Layer.conv(c.channels(), c.kernel(), c.stride(), Extent.of(0), c.bias()));
                out.add(Layer.conv(c.channels(), c.kernel(), c.stride(),
                        Extent.of(Math.max(0, c.padding().height() - 1), Math.max(0, c.padding().width() - 1)),
                        c.bias()));
            }
        } else if (l instanceof Layer.Custom cu) {
            for (org.hessrank.net.CustomLayer v : cu.layer().smaller()) {
                out.add(Layer.custom(v));
            }
        } else if (l instanceof Layer.Local lc) {
            for (int ch : smaller(lc.channels())) {
                out.add(Layer.local(ch, lc.kernel(), lc.stride(), lc.padding(), lc.bias()));
            }
            for (int k : smaller(lc.kernel())) {
                out.add(Layer.local(lc.channels(), k, lc.stride(), lc.padding(), lc.bias()));
            }
            for (int s : smaller(lc.stride())) {
                out.add(Layer.local(lc.channels(), lc.kernel(), s, lc.padding(), lc.bias()));
            }
            for (int p : smaller(lc.padding() + 1)) {
                out.add(Layer.local(lc.channels(), lc.kernel(), lc.stride(), p - 1, lc.bias()));
            }
        }
        return out;
    }

    private static List<Extent> smallerExtents(Extent e) {
        List<Extent> out = new ArrayList<>();
        if (e.isSquare()) {
            for (int v : smaller(e.height())) {
                out.add(Extent.of(v));
            }
        }
        for (int v : smaller(e.height())) {
            out.add(Extent.of(v, e.width()));
        }
        for (int v : smaller(e.width())) {
            out.add(Extent.of(e.height(), v));
        }
        return out;
    }

    private static boolean fits(Layer l, Shape in, int index) {
        try {
            l.outputShape(in, index);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The architecture with kernels clamped to their padded input lengths (and padding to below
     * the kernel), or null if it is still invalid.
     */
    static Architecture repair(Shape in, List<Layer> layers) {
        List<Layer> fixed = new ArrayList<>(layers.size());
        Shape s = in;
        try {
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                if (l instanceof Layer.Conv c && s.kind() != Shape.Kind.VECTOR) {
                    boolean twoD = s.kind() == Shape.Kind.IMAGE;
                    int lenH = (twoD ? s.height() : s.length()) + 2 * c.padding().height();
                    int lenW = (twoD ? s.width() : s.length()) + 2 * c.padding().width();
                    IntUnaryOperator clampH = k -> Math.min(k, lenH);
                    IntUnaryOperator clampW = k -> Math.min(k, lenW);
                    Extent k = twoD ? Extent.of(clampH.applyAsInt(c.kernel().height()), clampW.applyAsInt(c.kernel().width()))
                            : Extent.of(clampW.applyAsInt(c.kernel().width()));
                    Extent pad = twoD ? Extent.of(Math.min(c.padding().height(), k.height() - 1),
                            Math.min(c.padding().width(), k.width() - 1)) : Extent.of(Math.min(c.padding().width(), k.width() - 1));
                    l = Layer.conv(c.channels(), k, c.stride(), pad, c.bias());
                } else if (l instanceof Layer.Custom cu && !fits(cu, s, i + 1)) {
                    // the largest smaller variant that fits the (smaller) input, if any
                    List<org.hessrank.net.CustomLayer> vs = cu.layer().smaller();
                    for (int v = vs.size() - 1; v >= 0; v--) {
                        Layer.Custom cand = Layer.custom(vs.get(v));
                        if (fits(cand, s, i + 1)) {
                            l = cand;
                            break;
                        }
                    }
                } else if (l instanceof Layer.Local lc && s.kind() == Shape.Kind.SIGNAL) {
                    int k = Math.min(lc.kernel(), s.length() + 2 * lc.padding());
                    l = Layer.local(lc.channels(), k, lc.stride(), Math.min(lc.padding(), k - 1), lc.bias());
                }
                fixed.add(l);
                final Shape cur = s;
                s = l.outputShape(cur, i + 1);
            }
            return Architecture.of(in, fixed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
