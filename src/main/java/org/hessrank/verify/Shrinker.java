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
 * <p>Nets with graph layers (blocks {@code res}, {@code add}, {@code mul}, attention,
 * {@code pow}, {@code poly}, {@code id}, frozen weights) are shrunk inside their blocks too: drop
 * any top-level layer or block (the first one also with the input reshaped to its output), drop
 * a layer inside a block or branch, drop a branch of an {@code add}, narrower layers inside
 * blocks, smaller attention key dimension a, heads and value dimension, a lower power, a
 * polynomial with fewer or smaller coefficients (or the bare power of its degree). Widths tied
 * by a block follow the one that shrank: a residual block's last dense layer takes the width of
 * its input, the other branch of a {@code mul} or {@code add} the width of the first.
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

    /**
     * The size measure, compared lexicographically: p, layers (those inside blocks included), input
     * size, N, data rank, and the knobs (kernel, stride and padding, custom layers' spec integers,
     * attention's a + heads + v, powers, polynomial coefficients (count + Σ|c|), frozen weights).
     */
    static long[] measure(Case c) {
        Architecture a = c.architecture();
        long knobs = Math.addExact(knobs(a.layers()), a.frozenCount());
        return new long[] {a.parameterCount(), layerCount(a.layers()), a.input().size(), c.samples(),
            c.effectiveDataRank(), knobs};
    }

    /** Layers, those inside blocks and branches included (a block counts itself and its layers). */
    private static long layerCount(List<Layer> layers) {
        long n = 0;
        for (Layer l : layers) {
            n++;
            for (List<Layer> chain : chains(l)) {
                n += layerCount(chain);
            }
        }
        return n;
    }

    /** The chains inside a block: a res block's, an add's branches, a mul's left and right; none otherwise. */
    private static List<List<Layer>> chains(Layer l) {
        if (l instanceof Layer.Res r) {
            return List.of(r.block());
        } else if (l instanceof Layer.Add add) {
            return add.branches();
        } else if (l instanceof Layer.Mul m) {
            return m.branches();
        }
        return List.of();
    }

    private static long knobs(List<Layer> layers) {
        long knobs = 0;
        for (Layer l : layers) {
            if (l instanceof Layer.Conv cv) {
                knobs += cv.kernel().height() + cv.kernel().width() + cv.stride().height() + cv.stride().width()
                        + cv.padding().height() + cv.padding().width();
            } else if (l instanceof Layer.Local lc) {
                knobs += lc.kernel() + lc.stride() + lc.padding();
            } else if (l instanceof Layer.Custom cu) {
                knobs += specIntegers(cu.spec());
            } else if (l instanceof Layer.Attn at) {
                knobs += (long) at.keyDim() + at.heads() + at.valueDim();
            } else if (l instanceof Layer.Pow pw) {
                knobs += pw.power();
            } else if (l instanceof Layer.Poly py) {
                knobs += py.coefficients().size();
                for (long co : py.coefficients()) {
                    knobs += co == Long.MIN_VALUE ? 1L << 40 : Math.min(Math.abs(co), 1L << 40); // no overflow
                }
            }
            for (List<Layer> chain : chains(l)) {
                knobs += knobs(chain);
            }
        }
        return knobs;
    }

    /** True if some layer is a graph layer (a block, attention, pow, poly, id) or has frozen weights. */
    static boolean hasGraphLayers(List<Layer> layers) {
        for (Layer l : layers) {
            if (l instanceof Layer.Pow || l instanceof Layer.Poly || l instanceof Layer.Id || l instanceof Layer.Attn
                    || !chains(l).isEmpty() || l instanceof Layer.Dense d && d.frozen()
                    || l instanceof Layer.Conv cv && cv.frozen()) {
                return true;
            }
        }
        return false;
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
        // 1. drop a parameter layer other than the last one (with a following activation); with graph
        //    layers, any layer or block, the first one also with the input reshaped to its output
        boolean graph = hasGraphLayers(ls);
        int lastParam = -1;
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i).hasParameters()) {
                lastParam = i;
            }
        }
        for (int i = 0; i < (graph ? ls.size() : lastParam); i++) {
            if (graph || ls.get(i).hasParameters()) {
                List<Layer> copy = without(ls, i);
                add(out, c, a.input(), copy, n, c.dataRank());
                if (graph && i == 0 && !copy.isEmpty()) {
                    add(out, c, a.shape(ls.size() - copy.size()), copy, n, c.dataRank());
                }
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
        // 4. narrower layers, smaller kernels, stride 1, less padding (inside blocks too); a smaller
        //    activation polynomial everywhere at once
        for (int i = 0; i < ls.size(); i++) {
            for (Layer l : smallerLayers(ls.get(i))) {
                List<Layer> copy = new ArrayList<>(ls);
                copy.set(i, l);
                add(out, c, in, copy, n, c.dataRank());
            }
        }
        if (graph) {
            for (Layer sigma : new LinkedHashSet<>(ls)) {
                if (sigma instanceof Layer.Pow || sigma instanceof Layer.Poly) {
                    for (Layer smaller : smallerLayers(sigma)) {
                        add(out, c, in, ls.stream().map(l -> l.equals(sigma) ? smaller : l).toList(), n, c.dataRank());
                    }
                }
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

    /**
     * The chain without layer {@code i}; a parameter layer goes with the activation, power or
     * polynomial right after it.
     */
    private static List<Layer> without(List<Layer> chain, int i) {
        List<Layer> copy = new ArrayList<>(chain);
        Layer removed = copy.remove(i);
        if (removed.hasParameters() && i < copy.size() && elementwise(copy.get(i))) {
            copy.remove(i);
        }
        return copy;
    }

    private static boolean elementwise(Layer l) {
        return l instanceof Layer.Act || l instanceof Layer.Pow || l instanceof Layer.Poly;
    }

    private static void add(Set<Case> out, Case c, Shape in, List<Layer> layers, int n, int r) {
        if (layers.isEmpty()) {
            return;
        }
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
                out.add(Layer.Dense.of(u, d.bias(), d.frozen()));
            }
        } else if (l instanceof Layer.Conv c) {
            for (int ch : smaller(c.channels())) {
                out.add(Layer.Conv.of(ch, c.kernel(), c.stride(), c.padding(), c.bias(), c.frozen()));
            }
            for (Extent k : smallerExtents(c.kernel())) {
                out.add(Layer.Conv.of(c.channels(), k, c.stride(), c.padding(), c.bias(), c.frozen()));
            }
            for (Extent s : smallerExtents(c.stride())) {
                out.add(Layer.Conv.of(c.channels(), c.kernel(), s, c.padding(), c.bias(), c.frozen()));
            }
            if (c.padding().height() > 0 || c.padding().width() > 0) {
                out.add(Layer.Conv.of(c.channels(), c.kernel(), c.stride(), Extent.of(0), c.bias(), c.frozen()));
                out.add(Layer.Conv.of(c.channels(), c.kernel(), c.stride(),
                        Extent.of(Math.max(0, c.padding().height() - 1), Math.max(0, c.padding().width() - 1)),
                        c.bias(), c.frozen()));
            }
        } else if (l instanceof Layer.Res r) {
            for (List<Layer> b : smallerChains(r.block())) {
                out.add(Layer.res(b));
            }
        } else if (l instanceof Layer.Mul m) {
            for (List<Layer> left : smallerChains(m.left())) {
                out.add(Layer.mul(left, m.right()));
            }
            for (List<Layer> right : smallerChains(m.right())) {
                out.add(Layer.mul(m.left(), right));
            }
        } else if (l instanceof Layer.Add add) {
            List<List<Layer>> bs = add.branches();
            for (int b = 0; b < bs.size(); b++) {
                if (bs.size() > 1) {
                    List<List<Layer>> copy = new ArrayList<>(bs);
                    copy.remove(b);
                    out.add(Layer.add(copy));
                }
                for (List<Layer> chain : smallerChains(bs.get(b))) {
                    List<List<Layer>> copy = new ArrayList<>(bs);
                    copy.set(b, chain);
                    out.add(Layer.add(copy));
                }
            }
        } else if (l instanceof Layer.Attn at) {
            for (int a : smaller(at.keyDim())) {
                out.add(Layer.attn(a, at.heads(), at.valueDim()));
            }
            for (int h : smaller(at.heads())) {
                out.add(Layer.attn(at.keyDim(), h, at.valueDim()));
            }
            for (int v : smaller(at.valueDim())) {
                out.add(Layer.attn(at.keyDim(), at.heads(), v));
            }
        } else if (l instanceof Layer.Pow pw) {
            for (int k : smaller(pw.power())) {
                out.add(Layer.pow(k));
            }
        } else if (l instanceof Layer.Poly py) {
            out.addAll(smallerPolynomials(py));
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

    /** A chain without one of its layers (if it has several), or with one layer smaller. */
    private static List<List<Layer>> smallerChains(List<Layer> chain) {
        List<List<Layer>> out = new ArrayList<>();
        for (int j = 0; j < chain.size(); j++) {
            if (chain.size() > 1) {
                List<Layer> copy = without(chain, j);
                if (!copy.isEmpty()) {
                    out.add(copy);
                }
            }
            for (Layer v : smallerLayers(chain.get(j))) {
                List<Layer> copy = new ArrayList<>(chain);
                copy.set(j, v);
                out.add(copy);
            }
        }
        return out;
    }

    /**
     * The bare power of the polynomial's degree, the polynomial without its top coefficient, with
     * one lower coefficient set to 0, or with the top coefficient ±1.
     */
    private static List<Layer> smallerPolynomials(Layer.Poly py) {
        List<Layer> out = new ArrayList<>();
        List<Long> c = py.coefficients();
        int top = py.polynomialDegree();
        if (top >= 1) {
            out.add(Layer.pow(top));
            out.add(Layer.poly(c.subList(0, top)));
        }
        for (int m = 0; m < top; m++) {
            if (c.get(m) != 0) {
                List<Long> copy = new ArrayList<>(c.subList(0, top + 1));
                copy.set(m, 0L);
                out.add(Layer.poly(copy));
            }
        }
        if (Math.abs(c.get(top)) > 1) {
            List<Long> copy = new ArrayList<>(c.subList(0, top + 1));
            copy.set(top, (long) Long.signum(c.get(top)));
            out.add(Layer.poly(copy));
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
     * the kernel) and the widths a block ties made equal again (see the class comment), or null if
     * it is still invalid.
     */
    static Architecture repair(Shape in, List<Layer> layers) {
        try {
            return Architecture.of(in, repairChain(in, layers));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The chain repaired layer by layer on input {@code in}.
     *
     * @throws IllegalArgumentException if a layer still does not fit
     */
    private static List<Layer> repairChain(Shape in, List<Layer> layers) {
        List<Layer> fixed = new ArrayList<>(layers.size());
        Shape s = in;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = repairLayer(layers.get(i), s, i + 1);
            fixed.add(l);
            s = l.outputShape(s, i + 1);
        }
        return fixed;
    }

    private static Shape output(List<Layer> chain, Shape in) {
        Shape s = in;
        for (int i = 0; i < chain.size(); i++) {
            s = chain.get(i).outputShape(s, i + 1);
        }
        return s;
    }

    /**
     * The chain with its last dense layer (followed by elementwise layers only) resized to
     * {@code target}, or unchanged if there is none or the target is not a vector.
     */
    private static List<Layer> retarget(List<Layer> chain, Shape target) {
        if (target.kind() != Shape.Kind.VECTOR) {
            return chain;
        }
        for (int j = chain.size() - 1; j >= 0; j--) {
            Layer l = chain.get(j);
            if (l instanceof Layer.Dense d) {
                List<Layer> copy = new ArrayList<>(chain);
                copy.set(j, Layer.Dense.of(target.size(), d.bias(), d.frozen()));
                return copy;
            }
            if (!elementwise(l) && !(l instanceof Layer.Id)) {
                break;
            }
        }
        return chain;
    }

    /** One layer repaired on input {@code s} (blocks recursively). */
    private static Layer repairLayer(Layer l, Shape s, int index) {
        if (l instanceof Layer.Res r) {
            List<Layer> block = repairChain(s, r.block());
            return Layer.res(output(block, s).equals(s) ? block : retarget(block, s));
        } else if (l instanceof Layer.Mul m) {
            List<Layer> left = repairChain(s, m.left());
            List<Layer> right = repairChain(s, m.right());
            Shape lo = output(left, s);
            Shape ro = output(right, s);
            if (!lo.equals(ro)) {
                List<Layer> moved = retarget(right, lo);
                if (moved != right) {
                    right = moved;
                } else {
                    left = retarget(left, ro);
                }
            }
            return Layer.mul(left, right);
        } else if (l instanceof Layer.Add add) {
            List<List<Layer>> bs = new ArrayList<>();
            Shape first = null;
            for (List<Layer> b : add.branches()) {
                List<Layer> fixed = repairChain(s, b);
                Shape o = output(fixed, s);
                if (first == null) {
                    first = o;
                } else if (!o.equals(first)) {
                    fixed = retarget(fixed, first);
                }
                bs.add(fixed);
            }
            return Layer.add(bs);
        }
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
            return Layer.Conv.of(c.channels(), k, c.stride(), pad, c.bias(), c.frozen());
        } else if (l instanceof Layer.Custom cu && !fits(cu, s, index)) {
            // the largest smaller variant that fits the (smaller) input, if any
            List<org.hessrank.net.CustomLayer> vs = cu.layer().smaller();
            for (int v = vs.size() - 1; v >= 0; v--) {
                Layer.Custom cand = Layer.custom(vs.get(v));
                if (fits(cand, s, index)) {
                    return cand;
                }
            }
        } else if (l instanceof Layer.Local lc && s.kind() == Shape.Kind.SIGNAL) {
            int k = Math.min(lc.kernel(), s.length() + 2 * lc.padding());
            return Layer.local(lc.channels(), k, lc.stride(), Math.min(lc.padding(), k - 1), lc.bias());
        }
        return l;
    }
}
