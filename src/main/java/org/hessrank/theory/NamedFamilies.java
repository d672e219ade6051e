package org.hessrank.theory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hessrank.hessian.Part;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * The architecture families a conjecture can be stated over by name ({@code hessrank conjecture
 * --family NAME}), each with its named quantities (docs/theorems.md notation), and the construction of
 * a {@link Statement} from an {@link Expression} over them. Immutable; cost O(layers) per instance.
 *
 * <table>
 * <caption>Families</caption>
 * <tr><th>name</th><th>architectures</th><th>parts</th></tr>
 * <tr><td>fc</td><td>deep linear FC, L ≥ 2 dense layers, no bias ({@link Families#fullyConnected})</td><td>O F L</td></tr>
 * <tr><td>fc-bias</td><td>the same with a bias in every layer</td><td>O F L</td></tr>
 * <tr><td>relu-fc</td><td>{@code dense(M) -> relu -> dense(K)}, no bias</td><td>O F L</td></tr>
 * <tr><td>cnn1d, cnn2d</td><td>one hidden conv layer (stride 1, pad 0, no bias) + FC readout</td><td>O F L</td></tr>
 * <tr><td>cnn1d-conv, cnn2d-conv</td><td>one hidden conv layer + conv readout (all-conv)</td><td>O F L</td></tr>
 * <tr><td>cnn1d-deep</td><td>1D, L ≥ 3 parameter layers (≥ 2 hidden conv), conv or FC readout</td><td>O F L</td></tr>
 * <tr><td>local1d</td><td>{@code local(m,k)} (stride 1, pad 0) + FC readout, no bias</td><td>O F L</td></tr>
 * <tr><td>conv1d-layer, conv2d-layer</td><td>one conv layer (any stride / padding, no bias)</td><td>T</td></tr>
 * <tr><td>res-fc</td><td>{@code [dense(n) ->] res(dense(m) [-> relu] -> dense(n)) | res(dense(n)) x B [-> dense(K)]}
 *     ({@link GraphFamilies#residualMlp})</td><td>O F L</td></tr>
 * <tr><td>poly-mlp</td><td>{@code dense(M_1) -> σ -> … -> dense(K)}, σ = {@code pow(k)} or {@code poly(c_0..c_k)},
 *     k ≥ 2, the same in every layer ({@link GraphFamilies#polynomialMlp})</td><td>O F L</td></tr>
 * <tr><td>gated-mlp</td><td>gates {@code res(mul(id | dense(w)))} or {@code mul(dense(k) | dense(k))}, then
 *     optionally {@code dense(K)} ({@link GraphFamilies#gatedMlp})</td><td>O F L</td></tr>
 * <tr><td>lora</td><td>adapters {@code add(dense(n,frozen) | dense(ra) -> dense(n))}, ra &lt; n, then optionally
 *     {@code dense(K)} ({@link GraphFamilies#lora})</td><td>O F L</td></tr>
 * <tr><td>scnn</td><td>{@code in(1,d0) -> conv(1,k=k_i,stride=s_i)} L times, no padding, bias or readout
 *     ({@link LiteratureStatements#singleChannelCnn})</td><td>O F L</td></tr>
 * <tr><td>attn</td><td>{@code in(d,t) -> attn(a=A,heads=H)} l times, the same layer each time
 *     ({@link GraphFamilies#attention})</td><td>O F L</td></tr>
 * </table>
 * No layer of any family has a bias unless the family says so.
 * For parts O, F, L every family also knows {@code HO}, {@code HF}, {@code HL}: the measured ranks
 * of the other parts, which make the conjecture relational (e.g. FCB-L:
 * {@code HO + HF - qt*(2*st - qt - 1)}); an expression may not use its own part.
 */
public final class NamedFamilies {
    private NamedFamilies() {
    }

    /** The names of the measured-rank variables of relational conjectures. */
    public static final List<String> MEASURED = List.of("HO", "HF", "HL");

    /**
     * One named family: which architectures belong to it and their quantities.
     *
     * @param name the CLI name, e.g. {@code fc}
     * @param description one line
     * @param parts the parts a conjecture may be about
     * @param scalars scalar name → meaning (insertion order = documentation order)
     * @param tables table name → index range and meaning
     */
    public record NamedFamily(String name, String description, Set<Part> parts, Map<String, String> scalars,
            Map<String, String> tables, Predicate<Architecture> member, Function<Instance, Quantities> compute) {
        public NamedFamily {
            parts = Set.copyOf(parts);
            scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
            tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        }

        /** Whether {@code a} belongs to this family. */
        public boolean contains(Architecture a) {
            return member.test(a);
        }

        /**
         * The quantities at {@code instance}.
         *
         * @throws IllegalArgumentException if its architecture is not in this family
         */
        public Quantities quantities(Instance instance) {
            if (!contains(instance.architecture())) {
                throw new IllegalArgumentException("architecture (" + instance.architecture().spec()
                        + ") is not in family " + name);
            }
            return compute.apply(instance);
        }

        /** The scalar names an expression about {@code part} may use (the family's, plus HO/HF/HL for O, F, L). */
        public Set<String> scalarNames(Part part) {
            Set<String> s = new java.util.LinkedHashSet<>(scalars.keySet());
            if (part != Part.T) {
                s.addAll(MEASURED);
            }
            return s;
        }

        /**
         * Parses {@code text} against this family's names for {@code part}.
         *
         * @throws IllegalArgumentException if the part is not available for the family, the text is
         *     malformed, uses an unknown name, or uses the measured rank of its own part
         */
        public Expression parse(String text, Part part) {
            requirePart(part);
            Expression e = Expression.parse(text, scalarNames(part), tables.keySet(), "family " + name);
            if (part != Part.T && e.names().contains("H" + part.name())) {
                throw new IllegalArgumentException("expression \"" + text + "\" uses H" + part.name()
                        + ", the rank it predicts; use the other parts' ranks only");
            }
            return e;
        }

        private void requirePart(Part part) {
            if (!parts.contains(part)) {
                throw new IllegalArgumentException("part (" + part + ") is not available for family " + name
                        + " (available: " + String.join(", ", parts.stream().sorted().map(Part::name).toList()) + ")");
            }
        }

        /**
         * The conjecture {@code rank <part> = expr} ({@code kind} EXACT) or {@code <= expr}
         * (BOUND) over this family. For parts O, F, L with {@code genericOnly}, it applies only at
         * generic points (X of full rank min(N, d), residual and Ω of generic rank: random
         * targets); otherwise at every drawn point of the family. Part T applies to the family's
         * single conv layer at any point.
         *
         * @throws IllegalArgumentException as {@link #parse}
         */
        public Statement conjecture(String id, Part part, Statement.Kind kind, String text, boolean genericOnly) {
            return conjecture(id, part, kind, text, genericOnly, null);
        }

        /**
         * As {@link #conjecture(String, Part, Statement.Kind, String, boolean)}, restricted to the
         * instances where the expression {@code where} (if not null) is nonzero, e.g.
         * {@code N >= m0*d0}: an extra hypothesis. {@code where} may not use HO, HF, HL.
         *
         * @throws IllegalArgumentException as {@link #parse}, for either expression
         */
        public Statement conjecture(String id, Part part, Statement.Kind kind, String text, boolean genericOnly,
                String where) {
            Expression e = parse(text, part);
            Expression cond = where == null ? null
                    : Expression.parse(where, scalars.keySet(), tables.keySet(), "family " + name + " (--where)");
            Predicate<Instance> hyp = inst -> contains(inst.architecture())
                    && (cond == null || cond.evaluate(quantities(inst)) != 0);
            String formula = "rank " + part.matrix() + (kind == Statement.Kind.EXACT ? " = " : " <= ") + text;
            String hypothesis = "family " + name + " (" + description + ")" + (where == null ? "" : ", " + where)
                    + (part != Part.T && genericOnly ? ", generic point" : ", any point");
            if (part == Part.T) {
                return new LayerConjecture(id, kind, hypothesis, formula, hyp, this, e);
            }
            boolean relational = e.names().stream().anyMatch(MEASURED::contains);
            Conjecture.Builder b = Conjecture.builder(id).target(part).kind(kind).hypothesis(hypothesis)
                    .formula(formula)
                    .appliesWhen(inst -> hyp.test(inst)
                            && (!genericOnly || (inst.fullDataRank() && inst.genericResidual())));
            if (relational) {
                b.predictsFromMeasured((inst, m) -> e.evaluate(withMeasured(quantities(inst), m)));
            } else {
                b.predicts(inst -> e.evaluate(quantities(inst)));
            }
            return b.build();
        }
    }

    static Quantities withMeasured(Quantities q, PartRanks m) {
        Quantities.Builder b = Quantities.builder();
        q.scalars().forEach(b::put);
        q.tables().forEach((k, t) -> b.table(k, t.lo(), t.values()));
        b.put("HO", m.o()).put("HF", m.f()).put("HL", m.l());
        return b.build();
    }

    /** A conjecture on T(W) of the single conv layer of a conv*-layer family. */
    private record LayerConjecture(String id, Statement.Kind kind, String hypothesis, String formula,
            Predicate<Instance> applies, NamedFamily family, Expression expression) implements LayerStatement {
        @Override
        public String source() {
            return "user";
        }

        @Override
        public Provenance provenance() {
            return Provenance.CONJECTURE;
        }

        @Override
        public List<Integer> layers(Instance instance) {
            return applies.test(instance) ? List.of(firstParameterLayer(instance.architecture()))
                    : List.of();
        }

        @Override
        public OptionalLong predictLayer(Instance instance, int layer) {
            if (!layers(instance).contains(layer)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(expression.evaluate(family.quantities(instance)));
        }
    }

    private static int firstParameterLayer(Architecture a) {
        for (int i = 1; i <= a.layerCount(); i++) {
            if (a.layer(i).hasParameters()) {
                return i;
            }
        }
        throw new IllegalArgumentException("architecture (" + a.spec() + ") has no parameter layer");
    }

    private static final Set<Part> NET = Set.of(Part.O, Part.F, Part.L);

    /** The quantities a template family adds to its variables: N, r and p. */
    public static final List<String> TEMPLATE_QUANTITIES = List.of("N", "r", "p");

    /**
     * The family of one architecture drawn from a spec template ({@code hessrank conjecture
     * --template}): its quantities are the template's variables at {@code values}, plus {@code N}
     * (samples), {@code r} (rank X at the point) and {@code p} (parameters); for parts O, F and L
     * also HO, HF, HL. It contains {@code architecture} only. O(values) to build.
     *
     * @param template the template, for the description
     * @throws IllegalArgumentException if a variable is named N, r, p, HO, HF or HL
     */
    public static NamedFamily template(String template, Architecture architecture, Map<String, ? extends Number> values) {
        Map<String, String> scalars = new LinkedHashMap<>();
        for (String v : values.keySet()) {
            if (TEMPLATE_QUANTITIES.contains(v) || MEASURED.contains(v)) {
                throw new IllegalArgumentException("template variable {" + v + "} clashes with the quantity " + v
                        + " (reserved: N, r, p, HO, HF, HL)");
            }
            scalars.put(v, "template variable");
        }
        scalars.putAll(docs("N", "samples", "r", "rank X at the point", "p", "parameters"));
        Map<String, Long> fixed = new LinkedHashMap<>();
        values.forEach((k, v) -> fixed.put(k, v.longValue()));
        return new NamedFamily("template", template, NET, scalars, Map.of(), architecture::equals, inst -> {
            Quantities.Builder b = Quantities.builder();
            fixed.forEach(b::put);
            return b.put("N", inst.samples()).put("r", inst.dataRank())
                    .put("p", inst.architecture().parameterCount()).build();
        });
    }

    private static final List<NamedFamily> ALL = build();

    /** Every family, in documentation order. */
    public static List<NamedFamily> all() {
        return ALL;
    }

    /**
     * The family called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names if there is none
     */
    public static NamedFamily byName(String name) {
        for (NamedFamily f : ALL) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("family (" + name + ") is unknown; known: "
                + String.join(", ", ALL.stream().map(NamedFamily::name).toList()));
    }

    // ---- definitions ----

    private static Map<String, String> docs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static long[] longs(List<Integer> xs) {
        return xs.stream().mapToLong(Integer::longValue).toArray();
    }

    private static List<NamedFamily> build() {
        List<NamedFamily> out = new ArrayList<>();
        Map<String, String> fcScalars = docs("d", "input size M_0", "K", "output size M_L", "N", "samples",
                "r", "rank X at the point", "s", "min(r, K)", "q", "min(r, K, M_1..M_{L-1})",
                "L", "number of weight matrices", "p", "parameters");
        Map<String, String> fcTables = docs("hidden", "hidden(i), i = 1..L-1: hidden widths M_i",
                "M", "M(i), i = 0..L: all widths (M(0) = d, M(L) = K)");
        out.add(new NamedFamily("fc", "deep linear FC, L >= 2 dense layers, no bias", NET, fcScalars, fcTables,
                a -> Families.fullyConnected(a).filter(f -> !f.bias()).isPresent(), i -> fc(i, false)));
        Map<String, String> fcbScalars = new LinkedHashMap<>(fcScalars);
        fcbScalars.putAll(docs("rt", "r~ = rank [X; 1^T] at the point", "st", "min(rt, K)",
                "qt", "min(rt, K, M_1..M_{L-1})"));
        out.add(new NamedFamily("fc-bias", "deep linear FC, L >= 2 dense layers, bias in every layer", NET,
                fcbScalars, fcTables, a -> Families.fullyConnected(a).filter(Families.Fc::bias).isPresent(),
                i -> fc(i, true)));
        out.add(new NamedFamily("relu-fc", "dense(M) -> relu -> dense(K), no bias", NET,
                docs("d", "input size", "M", "hidden units", "K", "outputs", "N", "samples", "r", "rank X",
                        "s", "min(r, K)", "p", "parameters"),
                Map.of(), a -> Families.oneHiddenRelu(a).isPresent(), NamedFamilies::relu));
        for (boolean twoD : new boolean[] {false, true}) {
            for (boolean fcReadout : new boolean[] {true, false}) {
                String name = (twoD ? "cnn2d" : "cnn1d") + (fcReadout ? "" : "-conv");
                String desc = (twoD ? "2D" : "1D") + " conv(m, k1) (stride 1, pad 0) -> "
                        + (fcReadout ? "dense(K)" : "conv(K, k2)") + ", no bias";
                Map<String, String> s = docs("m0", "input channels", "m", "hidden channels", "K",
                        "outputs (readout channels)", "k1", twoD ? "first kernel taps k1h*k1w" : "first kernel size",
                        "k2", fcReadout ? "readout kernel = d1 (FC readout)" : "readout kernel" + (twoD ? " taps" : ""),
                        "d0", twoD ? "input positions d0h*d0w" : "input length", "d1",
                        twoD ? "hidden positions d1h*d1w" : "hidden length d0 - k1 + 1", "d2",
                        "output positions (1 with an FC readout)", "a", "m0*k1", "b", "K*k2", "q", "min(m, a, b)",
                        "N", "samples", "r", "rank X", "p", "parameters");
                if (twoD) {
                    s.putAll(docs("k1h", "first kernel height", "k1w", "first kernel width", "k2h",
                            "readout kernel height", "k2w", "readout kernel width", "d0h", "input height", "d0w",
                            "input width", "d1h", "hidden height", "d1w", "hidden width"));
                }
                out.add(new NamedFamily(name, desc, NET, s, Map.of(),
                        a -> Families.linearCnn(a).filter(c -> c.twoD() == twoD && c.depth() == 2
                                && c.fcReadout() == fcReadout).isPresent(), NamedFamilies::cnn1));
            }
        }
        out.add(new NamedFamily("cnn1d-deep", "1D linear CNN with L >= 3 parameter layers (stride 1, pad 0, no bias),"
                + " conv or dense readout", NET,
                docs("m0", "input channels", "K", "outputs", "L", "parameter layers", "d0", "input length",
                        "RF", "receptive field sum_{l=1..L}(k(l) - 1) + 1", "fc", "1 with a dense readout, else 0",
                        "N", "samples", "r", "rank X", "p", "parameters"),
                docs("m", "m(l), l = 0..L: channels (m(0) = m0, m(L) = K)", "k",
                        "k(l), l = 1..L: kernel sizes (k(L) = d(L-1) for a dense readout)", "d",
                        "d(l), l = 0..L: positions after layer l", "hidden", "hidden(l), l = 1..L-1: = m(l)",
                        "rfin", "rfin(l) = sum_{j<=l}(k(j) - 1) + 1, l = 1..L-1", "rfout",
                        "rfout(l) = sum_{j>l}(k(j) - 1) + 1, l = 1..L-1", "a", "a(l) = m0*rfin(l)", "b",
                        "b(l) = K*rfout(l)", "q", "q(l) = min(m(l), a(l), b(l))"),
                a -> Families.linearCnn(a).filter(c -> !c.twoD() && c.depth() >= 3).isPresent(),
                NamedFamilies::deepCnn));
        out.add(new NamedFamily("local1d", "local(m, k) (stride 1, pad 0) -> dense(K), no bias", NET,
                docs("m0", "input channels", "m", "channels", "k", "kernel size", "d0", "input length", "d1",
                        "positions d0 - k + 1", "K", "outputs", "N", "samples", "r", "rank X", "p", "parameters"),
                Map.of(), a -> Families.localFc(a).isPresent(), NamedFamilies::local));
        out.add(new NamedFamily("conv1d-layer", "a single 1D conv layer (any stride and padding, no bias)",
                Set.of(Part.T),
                docs("m_in", "input channels", "m_out", "output channels", "d_in", "input length", "d_out",
                        "output length floor((d_in + 2 pad - k)/stride) + 1", "k", "kernel size", "stride", "stride",
                        "pad", "padding", "c", "input positions the windows cover", "p", "parameters"),
                Map.of(), a -> convLayer(a, Shape.Kind.SIGNAL).isPresent(), i -> convLayerQuantities(i, Shape.Kind.SIGNAL)));
        out.add(new NamedFamily("conv2d-layer", "a single 2D conv layer (any stride and padding, no bias)",
                Set.of(Part.T),
                docs("m_in", "input channels", "m_out", "output channels", "h_in", "input height", "w_in",
                        "input width", "h_out", "output height", "w_out", "output width", "kh", "kernel height",
                        "kw", "kernel width", "k", "kh*kw", "d_in", "h_in*w_in", "d_out", "h_out*w_out", "sh",
                        "stride (height)", "sw", "stride (width)", "ph", "padding (height)", "pw", "padding (width)",
                        "ch", "input rows the windows cover", "cw", "input columns the windows cover", "c",
                        "input positions the windows cover, ch*cw", "p", "parameters"),
                Map.of(), a -> convLayer(a, Shape.Kind.IMAGE).isPresent(), i -> convLayerQuantities(i, Shape.Kind.IMAGE)));
        addGraphFamilies(out);
        return List.copyOf(out);
    }

    /** The computation-graph families ({@link GraphFamilies}): res-fc, poly-mlp, gated-mlp, lora, attn. */
    private static void addGraphFamilies(List<NamedFamily> out) {
        out.add(new NamedFamily("res-fc", "in(d) -> [dense(n)] -> res(dense(m) [-> relu] -> dense(n)) or res(dense(n)),"
                + " B >= 1 blocks -> [dense(K)], no bias", NET,
                docs("d", "input size", "n", "residual width (= d without a stem)", "K",
                        "outputs (= n without a readout)", "B", "residual blocks", "L",
                        "dense layers in all (stem, blocks, readout)", "stem", "1 with an input layer dense(n), else 0",
                        "head", "1 with a readout dense(K), else 0", "relu", "blocks with a ReLU (0: a linear residual net)",
                        "s", "min(r, K)", "q", "min(r, K, n, m(i) > 0): the narrowest width (FC-O's q)",
                        "N", "samples", "r", "rank X at the point", "p", "parameters"),
                docs("m", "m(i), i = 1..B: hidden width of block i (0 for a one-layer block res(dense(n)))"),
                a -> GraphFamilies.residualMlp(a).isPresent(), NamedFamilies::residualMlp));
        out.add(new NamedFamily("poly-mlp", "in(d) -> dense(M_1) -> s -> ... -> s -> dense(K), s = pow(k) or"
                + " poly(c_0..c_k) with k >= 2, the same s in every layer, no bias", NET,
                docs("d", "input size M_0", "K", "output size M_L", "L", "dense layers (>= 2)", "k",
                        "degree of s (the power of pow(k))", "pow", "1 if s = pow(k), 0 if s = poly(...)", "deg",
                        "polynomial degree of the output in (parameters, input) jointly", "N", "samples", "r",
                        "rank X at the point", "p", "parameters"),
                docs("hidden", "hidden(i), i = 1..L-1: hidden widths M_i", "M",
                        "M(i), i = 0..L: all widths (M(0) = d, M(L) = K)", "c",
                        "c(i), i = 0..k: coefficients of s (pow(k): c(k) = 1, the others 0)"),
                a -> GraphFamilies.polynomialMlp(a).isPresent(), NamedFamilies::polynomialMlp));
        out.add(new NamedFamily("gated-mlp", "in(d) -> G_1 -> ... -> G_B -> [dense(K)], G = res(mul(id | dense(w)))"
                + " (width w kept) or mul(dense(k) | dense(k)) (width k), B >= 1, no bias", NET,
                docs("d", "input size", "K", "outputs (= w(B) without a readout)", "B", "gates", "P",
                        "product gates mul(dense(k) | dense(k))", "G", "gated residual blocks res(mul(id | dense(w)))",
                        "head", "1 with a readout dense(K), else 0", "N", "samples", "r", "rank X at the point", "p",
                        "parameters"),
                docs("w", "w(i), i = 0..B: width after gate i (w(0) = d)", "prod",
                        "prod(i), i = 1..B: 1 if gate i is a product, 0 if a gated residual block"),
                a -> GraphFamilies.gatedMlp(a).isPresent(), NamedFamilies::gatedMlp));
        out.add(new NamedFamily("lora", "in(d) -> A_1 -> ... -> A_L -> [dense(K)], A = add(dense(n,frozen) | dense(ra)"
                + " -> dense(n)) with ra < n, L >= 1, no bias", NET,
                docs("d", "input size", "K", "outputs (= n(L) without a readout)", "L", "adapters", "head",
                        "1 with a trainable readout dense(K), else 0", "f", "frozen weights (the n(i)*n(i-1) of each base)",
                        "N", "samples", "r", "rank X at the point (the adapter ranks are ra(i))", "p",
                        "parameters (trainable)"),
                docs("n", "n(i), i = 0..L: width after adapter i (n(0) = d)", "ra",
                        "ra(i), i = 1..L: rank of adapter i (ra(i) < n(i))"),
                a -> GraphFamilies.lora(a).isPresent(), NamedFamilies::lora));
        out.add(new NamedFamily("attn", "in(d,t) -> attn(a=A,heads=H) -> ... (l >= 1 identical lightning-attention"
                + " layers, value dimension d)", NET,
                docs("d", "features (input channels)", "t", "tokens (input length)", "a", "key dimension A of every layer",
                        "heads", "heads H of every layer", "l", "attention layers", "K", "outputs d*t", "N", "samples",
                        "r", "rank X at the point (X is N x d*t)", "p", "parameters"),
                Map.of(), a -> GraphFamilies.attention(a).filter(GraphFamilies.Attention::uniform).isPresent(),
                NamedFamilies::attention));
        out.add(new NamedFamily("scnn", "in(1,d0) -> conv(1,k=k_1,stride=s_1) -> ... -> conv(1,k=k_L,stride=s_L),"
                + " single channel, any strides, no padding, bias or readout (SCNN-DIM)", NET,
                docs("L", "conv layers", "d0", "input length", "sumk", "sum of the filter sizes k(i)", "out",
                        "output length", "N", "samples", "r", "rank X at the point", "p", "parameters (= sumk)"),
                docs("k", "k(i), i = 1..L: filter sizes", "s", "s(i), i = 1..L: strides"),
                a -> LiteratureStatements.singleChannelCnn(a).isPresent(), NamedFamilies::singleChannelCnn));
    }

    private static Quantities fc(Instance i, boolean bias) {
        Architecture a = i.architecture();
        Families.Fc f = Families.fullyConnected(a).orElseThrow();
        int depth = f.depth();
        long d = f.inputSize();
        long k = f.outputSize();
        long r = i.dataRank();
        long s = Math.min(r, k);
        long q = Math.min(s, f.minHidden());
        Quantities.Builder b = Quantities.builder().put("d", d).put("K", k).put("N", i.samples()).put("r", r)
                .put("s", s).put("q", q).put("L", depth).put("p", a.parameterCount());
        if (bias) {
            long rt = i.augmentedDataRank();
            long st = Math.min(rt, k);
            b.put("rt", rt).put("st", st).put("qt", Math.min(st, f.minHidden()));
        }
        return b.table("hidden", 1, longs(f.widths().subList(1, depth))).table("M", 0, longs(f.widths())).build();
    }

    private static Quantities relu(Instance i) {
        Families.Relu1 f = Families.oneHiddenRelu(i.architecture()).orElseThrow();
        return Quantities.builder().put("d", f.inputSize()).put("M", f.hidden()).put("K", f.outputSize())
                .put("N", i.samples()).put("r", i.dataRank()).put("s", Math.min(i.dataRank(), f.outputSize()))
                .put("p", i.architecture().parameterCount()).build();
    }

    private static Quantities cnn1(Instance i) {
        Families.Cnn c = Families.linearCnn(i.architecture()).orElseThrow();
        Families.ConvSize l1 = c.layer(1);
        Families.ConvSize l2 = c.layer(2);
        long m0 = l1.inChannels();
        long m = l1.outChannels();
        long k = l2.outChannels();
        long a = m0 * l1.taps();
        long bb = k * l2.taps();
        Quantities.Builder b = Quantities.builder().put("m0", m0).put("m", m).put("K", k).put("k1", l1.taps())
                .put("k2", l2.taps()).put("d0", l1.inPositions()).put("d1", l1.outPositions())
                .put("d2", l2.outPositions()).put("a", a).put("b", bb).put("q", Math.min(m, Math.min(a, bb)))
                .put("N", i.samples()).put("r", i.dataRank()).put("p", i.architecture().parameterCount());
        if (c.twoD()) {
            b.put("k1h", l1.kernelH()).put("k1w", l1.kernelW()).put("k2h", l2.kernelH()).put("k2w", l2.kernelW())
                    .put("d0h", l1.inH()).put("d0w", l1.inW()).put("d1h", l1.outH()).put("d1w", l1.outW());
        }
        return b.build();
    }

    private static Quantities deepCnn(Instance i) {
        Families.Cnn c = Families.linearCnn(i.architecture()).orElseThrow();
        int depth = c.depth();
        long m0 = c.inputChannels();
        long k = c.outputChannels();
        long[] m = new long[depth + 1];
        long[] ks = new long[depth];
        long[] d = new long[depth + 1];
        for (int l = 0; l <= depth; l++) {
            m[l] = c.channels(l);
        }
        d[0] = c.inputPositions();
        long rf = 1;
        for (int l = 1; l <= depth; l++) {
            ks[l - 1] = c.layer(l).taps();
            d[l] = c.layer(l).outPositions();
            rf += ks[l - 1] - 1;
        }
        long[] rfin = new long[depth - 1];
        long[] rfout = new long[depth - 1];
        long[] a = new long[depth - 1];
        long[] b = new long[depth - 1];
        long[] q = new long[depth - 1];
        for (int l = 1; l < depth; l++) {
            long in = 1;
            for (int j = 1; j <= l; j++) {
                in += ks[j - 1] - 1;
            }
            long outRf = 1;
            for (int j = l + 1; j <= depth; j++) {
                outRf += ks[j - 1] - 1;
            }
            rfin[l - 1] = in;
            rfout[l - 1] = outRf;
            a[l - 1] = m0 * in;
            b[l - 1] = k * outRf;
            q[l - 1] = Math.min(m[l], Math.min(a[l - 1], b[l - 1]));
        }
        long[] hidden = new long[depth - 1];
        System.arraycopy(m, 1, hidden, 0, depth - 1);
        return Quantities.builder().put("m0", m0).put("K", k).put("L", depth).put("d0", d[0]).put("RF", rf)
                .put("fc", c.fcReadout() ? 1 : 0).put("N", i.samples()).put("r", i.dataRank())
                .put("p", i.architecture().parameterCount()).table("m", 0, m).table("k", 1, ks).table("d", 0, d)
                .table("hidden", 1, hidden).table("rfin", 1, rfin).table("rfout", 1, rfout).table("a", 1, a)
                .table("b", 1, b).table("q", 1, q).build();
    }

    private static Quantities local(Instance i) {
        Families.Lcn f = Families.localFc(i.architecture()).orElseThrow();
        return Quantities.builder().put("m0", f.inputChannels()).put("m", f.channels()).put("k", f.kernel())
                .put("d0", f.inputLength()).put("d1", f.positions()).put("K", f.outputSize()).put("N", i.samples())
                .put("r", i.dataRank()).put("p", i.architecture().parameterCount()).build();
    }

    private static Quantities.Builder common(Quantities.Builder b, Instance i) {
        return b.put("N", i.samples()).put("r", i.dataRank()).put("p", i.architecture().parameterCount());
    }

    private static Quantities residualMlp(Instance i) {
        GraphFamilies.ResidualMlp f = GraphFamilies.residualMlp(i.architecture()).orElseThrow();
        long[] m = f.blocks().stream().mapToLong(GraphFamilies.ResBlock::hidden).toArray();
        long r = i.dataRank();
        long sk = Math.min(r, f.outputSize());
        long q = Math.min(sk, f.width());
        for (long w : m) {
            q = w > 0 ? Math.min(q, w) : q;
        }
        Quantities.Builder b = Quantities.builder().put("d", f.inputSize()).put("n", f.width())
                .put("K", f.outputSize()).put("B", f.blocks().size()).put("L", f.denseLayers())
                .put("stem", f.stem() ? 1 : 0).put("head", f.head() ? 1 : 0).put("relu", f.reluBlocks())
                .put("s", sk).put("q", q);
        return common(b, i).table("m", 1, m).build();
    }

    private static Quantities polynomialMlp(Instance i) {
        GraphFamilies.PolynomialMlp f = GraphFamilies.polynomialMlp(i.architecture()).orElseThrow();
        int depth = f.depth();
        Quantities.Builder b = Quantities.builder().put("d", f.widths().get(0)).put("K", f.widths().get(depth))
                .put("L", depth).put("k", f.degree()).put("pow", f.isPower() ? 1 : 0)
                .put("deg", i.architecture().lower().degree());
        return common(b, i).table("hidden", 1, longs(f.widths().subList(1, depth))).table("M", 0, longs(f.widths()))
                .table("c", 0, f.coefficients()).build();
    }

    private static Quantities gatedMlp(Instance i) {
        GraphFamilies.GatedMlp f = GraphFamilies.gatedMlp(i.architecture()).orElseThrow();
        int gates = f.gates().size();
        long[] w = new long[gates + 1];
        long[] prod = new long[gates];
        w[0] = f.inputSize();
        for (int g = 0; g < gates; g++) {
            w[g + 1] = f.gates().get(g).width();
            prod[g] = f.gates().get(g).product() ? 1 : 0;
        }
        Quantities.Builder b = Quantities.builder().put("d", f.inputSize()).put("K", f.outputSize()).put("B", gates)
                .put("P", f.products()).put("G", gates - f.products()).put("head", f.head() ? 1 : 0);
        return common(b, i).table("w", 0, w).table("prod", 1, prod).build();
    }

    private static Quantities lora(Instance i) {
        GraphFamilies.Lora f = GraphFamilies.lora(i.architecture()).orElseThrow();
        int adapters = f.adapters().size();
        long[] n = new long[adapters + 1];
        long[] ra = new long[adapters];
        n[0] = f.inputSize();
        for (int l = 0; l < adapters; l++) {
            n[l + 1] = f.adapters().get(l).width();
            ra[l] = f.adapters().get(l).rank();
        }
        Quantities.Builder b = Quantities.builder().put("d", f.inputSize()).put("K", f.outputSize()).put("L", adapters)
                .put("head", f.head() ? 1 : 0).put("f", i.architecture().frozenCount());
        return common(b, i).table("n", 0, n).table("ra", 1, ra).build();
    }

    private static Quantities attention(Instance i) {
        GraphFamilies.Attention f = GraphFamilies.attention(i.architecture()).orElseThrow();
        GraphFamilies.AttnLayer layer = f.layers().get(0);
        Quantities.Builder b = Quantities.builder().put("d", f.features()).put("t", f.tokens())
                .put("a", layer.keyDim()).put("heads", layer.heads()).put("l", f.layers().size())
                .put("K", (long) f.features() * f.tokens());
        return common(b, i).build();
    }

    private static Quantities singleChannelCnn(Instance i) {
        List<LiteratureStatements.Filter> f = LiteratureStatements.singleChannelCnn(i.architecture()).orElseThrow();
        long[] k = f.stream().mapToLong(LiteratureStatements.Filter::kernel).toArray();
        long[] stride = f.stream().mapToLong(LiteratureStatements.Filter::stride).toArray();
        Quantities.Builder b = Quantities.builder().put("L", f.size()).put("d0", i.architecture().input().length())
                .put("sumk", java.util.Arrays.stream(k).sum()).put("out", i.architecture().outputShape().length());
        return common(b, i).table("k", 1, k).table("s", 1, stride).build();
    }

    /** The single conv layer (no bias) of {@code a} with input kind {@code kind}, or empty. */
    private static Optional<Layer.Conv> convLayer(Architecture a, Shape.Kind kind) {
        List<Layer> core = Families.core(a);
        if (a.input().kind() == kind && core.size() == 1 && core.get(0) instanceof Layer.Conv c && !c.bias()) {
            return Optional.of(c);
        }
        return Optional.empty();
    }

    /**
     * The quantities of the conv*-layer families: the single conv layer of {@code kind} (signal:
     * {@link #conv1}, image: {@link #conv2}) with the shapes before and after it.
     */
    private static Quantities convLayerQuantities(Instance i, Shape.Kind kind) {
        Architecture a = i.architecture();
        Layer.Conv c = convLayer(a, kind).orElseThrow();
        int layer = firstParameterLayer(a);
        Shape in = a.shape(layer - 1);
        Shape out = a.shape(layer);
        Quantities.Builder b = Quantities.builder().put("m_in", in.channels()).put("m_out", out.channels());
        return (kind == Shape.Kind.SIGNAL ? conv1(b, c, in, out) : conv2(b, c, in, out))
                .put("p", a.parameterCount()).build();
    }

    /** conv1d-layer: d_in, d_out, k, stride, pad and the covered input positions c. */
    private static Quantities.Builder conv1(Quantities.Builder b, Layer.Conv c, Shape in, Shape out) {
        int k = c.kernel().width();
        int stride = c.stride().width();
        int pad = c.padding().width();
        return b.put("d_in", in.length()).put("d_out", out.length()).put("k", k).put("stride", stride)
                .put("pad", pad).put("c", covered(in.length(), out.length(), k, stride, pad));
    }

    /** The input positions 0..len−1 that some window covers. */
    static long covered(int len, int outLen, int k, int stride, int pad) {
        boolean[] hit = new boolean[len];
        for (int o = 0; o < outLen; o++) {
            for (int t = 0; t < k; t++) {
                int pos = o * stride + t - pad;
                if (pos >= 0 && pos < len) {
                    hit[pos] = true;
                }
            }
        }
        long n = 0;
        for (boolean h : hit) {
            n += h ? 1 : 0;
        }
        return n;
    }

    /** conv2d-layer: the same per axis (h, w; kh, kw; sh, sw; ph, pw; ch, cw) and their products. */
    private static Quantities.Builder conv2(Quantities.Builder b, Layer.Conv c, Shape in, Shape out) {
        b.put("h_in", in.height()).put("w_in", in.width()).put("h_out", out.height()).put("w_out", out.width())
                .put("kh", c.kernel().height()).put("kw", c.kernel().width())
                .put("k", (long) c.kernel().height() * c.kernel().width())
                .put("d_in", (long) in.height() * in.width()).put("d_out", (long) out.height() * out.width())
                .put("sh", c.stride().height()).put("sw", c.stride().width()).put("ph", c.padding().height())
                .put("pw", c.padding().width());
        long ch = covered(in.height(), out.height(), c.kernel().height(), c.stride().height(), c.padding().height());
        long cw = covered(in.width(), out.width(), c.kernel().width(), c.stride().width(), c.padding().width());
        return b.put("ch", ch).put("cw", cw).put("c", ch * cw);
    }

    /** A table of the families and their variables, for {@code --list-families}. */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        for (NamedFamily f : ALL) {
            sb.append(f.name()).append(": ").append(f.description()).append("; parts ")
                    .append(String.join(", ", f.parts().stream().sorted().map(Part::name).toList())).append('\n');
            f.scalars().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-10s %s%n", k, v)));
            f.tables().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-10s %s%n", k + "(i)", v)));
            if (f.parts().contains(Part.O)) {
                sb.append(String.format(Locale.ROOT, "  %-10s %s%n", "HO,HF,HL",
                        "measured ranks of the other parts (relational conjectures)"));
            }
        }
        return sb.toString();
    }
}
