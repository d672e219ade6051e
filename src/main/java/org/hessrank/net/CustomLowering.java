package org.hessrank.net;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lowers a {@link CustomLayer} to bilinear terms and checks the user's three operations against
 * each other. Package-private: {@link Architecture#lowerLayer} is the entry point.
 *
 * <p>Probe: coefficient {@code c[o][i][j]} is entry o of {@code apply(e_j, e_i)}: {@code p·n_in}
 * calls of {@code apply}, which defines the layer; the transposes are checked against it.
 * Check: on {@value #TRIALS} seeded random vectors with entries in [−7, 7], {@code apply},
 * {@code transposeInput} and {@code transposeParameters} must equal the sums over the terms,
 * entry by entry. Cost O(terms + TRIALS·cost(op)) beyond the probe.
 */
final class CustomLowering {
    /** Random trials of the consistency check. */
    static final int TRIALS = 3;

    /** Largest single coefficient (each becomes that many unit terms). */
    static final long MAX_COEFFICIENT = 1 << 10;

    private CustomLowering() {
    }

    static ParameterStage stage(Layer.Custom c, Shape in, Shape out, int index) {
        if (c.layer().monomials(in).isPresent()) {
            throw new IllegalArgumentException(c.name() + " layer " + index + " is a polynomial layer: it lowers to a"
                    + " parameter node and a monomial stage, not one bilinear stage (see Architecture.lower())");
        }
        CustomLayer.Terms t = c.terms(in, out, index);
        int p = (int) c.parameterCount(in);
        return ParameterStage.of(c.name() + " layer " + index, in.size(), out.size(), p, t.out(), t.in(), t.param(),
                new int[0], new int[0]);
    }

    /** Probed (or user-supplied) and checked terms of {@code layer} on input {@code in}. */
    static CustomLayer.Terms terms(CustomLayer layer, Shape in, Shape out, int index) {
        String where = layer.name() + " layer " + index + ": ";
        int p = parameterCount(layer, in, where);
        int nIn = in.size();
        int nOut = out.size();
        CustomLayer.Terms terms;
        var fast = call(where, "terms", () -> layer.terms(in));
        if (fast.isPresent()) {
            terms = fast.get();
            range(where, "out", terms.out(), nOut);
            range(where, "in", terms.in(), nIn);
            range(where, "param", terms.param(), p);
        } else {
            terms = probe(layer, in, nIn, nOut, p, where);
        }
        check(layer, in, nIn, nOut, p, terms, where);
        return new CustomLayer.Terms(terms.out().clone(), terms.in().clone(), terms.param().clone());
    }

    /**
     * The monomial stage of a polynomial layer on input {@code in}, over the concatenation
     * [θ_layer (p entries); h]: parameter index j is factor j, input index i is factor p + i.
     * Checked: indices in range, and {@code apply} equal to the sum of the monomials on
     * {@value #TRIALS} seeded random vectors with entries in [−7, 7] (in exact arithmetic).
     *
     * @throws IllegalArgumentException naming the layer, the monomial or the first differing output
     */
    static MonomialStage monomialStage(CustomLayer layer, java.util.List<CustomLayer.Monomial> monomials, Shape in,
            Shape out, int index) {
        String where = layer.name() + " layer " + index + ": ";
        int p = parameterCount(layer, in, where);
        int nIn = in.size();
        int nOut = out.size();
        int n = monomials.size();
        if (n == 0) {
            throw new IllegalArgumentException(where + "monomials() must not be empty");
        }
        int[] termOut = new int[n];
        long[] coefficient = new long[n];
        int[] start = new int[n + 1];
        IntBuffer factors = new IntBuffer();
        for (int t = 0; t < n; t++) {
            CustomLayer.Monomial m = java.util.Objects.requireNonNull(monomials.get(t), "monomial " + t);
            if (m.out() < 0 || m.out() >= nOut) {
                throw new IllegalArgumentException(where + "monomial " + t + ": output (" + m.out() + ") must be in [0, "
                        + nOut + ")");
            }
            termOut[t] = m.out();
            coefficient[t] = m.coefficient();
            for (int j : m.params()) {
                if (j < 0 || j >= p) {
                    throw new IllegalArgumentException(where + "monomial " + t + ": parameter (" + j
                            + ") must be in [0, " + p + ")");
                }
                factors.add(j);
            }
            for (int i : m.inputs()) {
                if (i < 0 || i >= nIn) {
                    throw new IllegalArgumentException(where + "monomial " + t + ": input (" + i + ") must be in [0, "
                            + nIn + ")");
                }
                factors.add(p + i);
            }
            start[t + 1] = factors.size;
        }
        int[] factor = factors.toArray();
        SplittableRandom rng = new SplittableRandom(0x5EEDL ^ layer.spec().hashCode());
        for (int trial = 0; trial < TRIALS; trial++) {
            long[] theta = random(rng, p);
            long[] h = random(rng, nIn);
            java.math.BigInteger[] want = new java.math.BigInteger[nOut];
            java.util.Arrays.fill(want, java.math.BigInteger.ZERO);
            for (int t = 0; t < n; t++) {
                java.math.BigInteger v = java.math.BigInteger.valueOf(coefficient[t]);
                for (int f = start[t]; f < start[t + 1]; f++) {
                    v = v.multiply(java.math.BigInteger.valueOf(factor[f] < p ? theta[factor[f]] : h[factor[f] - p]));
                }
                want[termOut[t]] = want[termOut[t]].add(v);
            }
            long[] got = call(where, "apply", () -> layer.apply(in, theta.clone(), h.clone()));
            length(where, "apply", got, nOut);
            for (int o = 0; o < nOut; o++) {
                if (!java.math.BigInteger.valueOf(got[o]).equals(want[o])) {
                    throw new IllegalArgumentException(where + "apply(θ, h) disagrees with monomials(): output " + o
                            + " is " + got[o] + ", the monomials give " + want[o]);
                }
            }
        }
        return MonomialStage.of(layer.name() + " layer " + index, p + nIn, nOut, termOut, coefficient, start, factor);
    }

    private static int parameterCount(CustomLayer layer, Shape in, String where) {
        long pl = layer.parameterCount(in);
        if (pl <= 0 || pl > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + "parameter count (" + pl + ") must be in [1, "
                    + Integer.MAX_VALUE + "]");
        }
        return (int) pl;
    }

    private static CustomLayer.Terms probe(CustomLayer layer, Shape in, int nIn, int nOut, int p, String where) {
        IntBuffer outs = new IntBuffer();
        IntBuffer ins = new IntBuffer();
        IntBuffer pars = new IntBuffer();
        long[] theta = new long[p];
        long[] unit = new long[nIn];
        for (int j = 0; j < p; j++) {
            theta[j] = 1;
            for (int i = 0; i < nIn; i++) {
                unit[i] = 1;
                long[] r = call(where, "apply", () -> layer.apply(in, theta, unit));
                length(where, "apply", r, nOut);
                for (int o = 0; o < nOut; o++) {
                    long c = r[o];
                    if (c == 0) {
                        continue;
                    }
                    if (c < 0 || c > MAX_COEFFICIENT) {
                        throw new IllegalArgumentException(where + "coefficient of θ[" + j + "]·h[" + i + "] in output "
                                + o + " is " + c + "; custom layers need integer coefficients in [0, " + MAX_COEFFICIENT
                                + "] (each is lowered to that many unit terms)");
                    }
                    if (outs.size + c > Lowering.MAX_TERMS) {
                        throw new IllegalArgumentException(where + "lowering needs more than " + Lowering.MAX_TERMS
                                + " terms");
                    }
                    for (long k = 0; k < c; k++) {
                        outs.add(o);
                        ins.add(i);
                        pars.add(j);
                    }
                }
                unit[i] = 0;
            }
            theta[j] = 0;
        }
        return new CustomLayer.Terms(outs.toArray(), ins.toArray(), pars.toArray());
    }

    private static void check(CustomLayer layer, Shape in, int nIn, int nOut, int p, CustomLayer.Terms t,
            String where) {
        SplittableRandom rng = new SplittableRandom(0x5EEDL ^ layer.spec().hashCode());
        int[] to = t.out();
        int[] ti = t.in();
        int[] tp = t.param();
        for (int trial = 0; trial < TRIALS; trial++) {
            long[] theta = random(rng, p);
            long[] h = random(rng, nIn);
            long[] g = random(rng, nOut);
            long[] y = new long[nOut];
            long[] gi = new long[nIn];
            long[] gp = new long[p];
            for (int k = 0; k < to.length; k++) {
                y[to[k]] += theta[tp[k]] * h[ti[k]];
                gi[ti[k]] += theta[tp[k]] * g[to[k]];
                gp[tp[k]] += h[ti[k]] * g[to[k]];
            }
            long[] a = call(where, "apply", () -> layer.apply(in, theta.clone(), h.clone()));
            compare(where, "apply(θ, h)", "output", a, y, "is not bilinear in (θ, h) or disagrees with terms()");
            long[] b = call(where, "transposeInput", () -> layer.transposeInput(in, theta.clone(), g.clone()));
            compare(where, "transposeInput(θ, g)", "input", b, gi, "is not the transpose of apply in the input");
            long[] c = call(where, "transposeParameters", () -> layer.transposeParameters(in, h.clone(), g.clone()));
            compare(where, "transposeParameters(h, g)", "parameter", c, gp,
                    "is not the transpose of apply in the parameters");
        }
    }

    private static void compare(String where, String op, String role, long[] got, long[] want, String verdict) {
        length(where, op, got, want.length);
        for (int i = 0; i < want.length; i++) {
            if (got[i] != want[i]) {
                throw new IllegalArgumentException(where + op + " " + verdict + ": " + role + " " + i + " is " + got[i]
                        + ", the bilinear form of apply gives " + want[i] + " (seeded random integer check)");
            }
        }
    }

    private static void length(String where, String op, long[] r, int n) {
        if (r == null || r.length != n) {
            throw new IllegalArgumentException(where + op + " returned " + (r == null ? "null" : "length " + r.length)
                    + ", expected length " + n);
        }
    }

    private static void range(String where, String field, int[] a, int bound) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0 || a[i] >= bound) {
                throw new IllegalArgumentException(where + "terms()." + field + "[" + i + "] (" + a[i]
                        + ") must be in [0, " + bound + ")");
            }
        }
    }

    private static long[] random(SplittableRandom rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(15) - 7;
        }
        return v;
    }

    private static <T> T call(String where, String op, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + op + " threw " + e, e);
        }
    }

    private static final class IntBuffer {
        int[] a = new int[64];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
