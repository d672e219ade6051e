package org.hessrank.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the one-line architecture spec, e.g.
 * {@code in(1,8,8) -> conv(2,k=3x2,stride=1x2,pad=1) -> avgpool(2) -> flatten -> dense(3)} or
 * {@code in(8) -> add(dense(8,frozen) | dense(2) -> dense(8))}.
 *
 * <p>The grammar, with its examples and error messages, is stated once, in
 * {@code docs/spec-grammar.md}; {@code SpecGrammarDocTest} parses every example there with this
 * class, so the page and the parser cannot drift apart.
 *
 * <p>Semantics: the first integer of a layer is its number of output units (dense) or output
 * channels (conv, local). Conv is 1D on a signal input and 2D on an image input; a single
 * number {@code n} means {@code n x n} in 2D. A dense layer flattens any input; {@code frozen}
 * on dense or conv makes its weights part of the point instead of the parameters.
 * {@code pow(k)} and {@code poly(c0,...,cn)} are elementwise, {@code id} is the identity, and
 * {@code attn(a=A[,heads=H][,v=E])} is lightning self-attention on a signal {@code in(d,t)}.
 * Blocks hold chains of layers ({@code ->}-separated, as at the top level, nesting at most
 * {@value #MAX_DEPTH} deep): {@code res(CHAIN)} is {@code h + CHAIN(h)} (output shape = input
 * shape), {@code add(CHAIN | ... )} the sum of one or more branches with equal output shapes,
 * {@code mul(CHAIN | CHAIN)} the elementwise product of exactly two. See {@link Layer} for the
 * parameter order.
 *
 * <p>Errors: every failure is an {@link IllegalArgumentException}. Syntax errors read
 * {@code spec position P: expected X, found Y} with {@code P} the 1-based character position;
 * invalid values read {@code spec position P: conv layer 2: kernel (7) must be <= padded input
 * length (5)} (layers numbered from 1 in their chain, {@code P} where the layer starts). Shapes
 * are checked while parsing, blocks included: a layer inside a block is named with its block,
 * e.g. {@code spec position 14: res block: dense layer 1: units (0) must be > 0}, and a block
 * whose shapes do not fit is named at its keyword (a mismatching branch at the branch), e.g.
 * {@code spec position 10: res block: output shape (3) differs from its input shape (4)}. No
 * spec is refused for its size (only a parameter count beyond an int, and blocks nested deeper
 * than {@value #MAX_DEPTH}); each Hessian path refuses what it cannot build. Cost: linear in the
 * spec length times the nesting depth.
 */
public final class SpecParser {
    /** The most blocks ({@code res}, {@code add}, {@code mul}) one layer may sit inside. */
    public static final int MAX_DEPTH = 64;

    private static final String LAYER_NAMES = "dense, conv, local, avgpool, flatten, linear, relu, leakyrelu, tanh,"
            + " sigmoid, pow, poly, id, res, add, mul, attn";

    private static final String BAR_OUTSIDE = "'|' separates branches, only inside add(...) or mul(...)";

    private final String s;
    private int pos;

    private SpecParser(String s) {
        this.s = s;
    }

    /**
     * Parses {@code spec} into a validated architecture.
     *
     * @throws IllegalArgumentException with the position and what was expected, or the layer
     *         number, field and value
     * @throws NullPointerException if {@code spec} is null
     */
    public static Architecture parse(String spec) {
        if (spec == null) {
            throw new NullPointerException("spec");
        }
        return new SpecParser(spec).spec();
    }

    // ------------------------------------------------------------------ grammar

    private Architecture spec() {
        int start = keyword("in", "expected 'in(' at the start of the spec");
        Shape input = input(start);
        List<Layer> layers = new ArrayList<>();
        Shape shape = input;
        skipWs();
        if (atEnd()) {
            throw error("expected '->' and a layer after " + input.spec());
        }
        while (!atEnd()) {
            if (peek() == '|') {
                throw errorAt(pos, BAR_OUTSIDE);
            }
            expectArrow();
            shape = chainLayer(layers, shape, "", 0);
            skipWs();
        }
        return Architecture.of(input, layers);
    }

    /**
     * Reads one layer of a chain after white space, checks it against {@code in}, appends it to
     * {@code chain} and returns its output shape.
     *
     * @param context the innermost block the chain belongs to ({@code "res block: "}), or empty
     * @param depth the number of blocks around the chain
     */
    private Shape chainLayer(List<Layer> chain, Shape in, String context, int depth) {
        skipWs();
        int layerStart = pos;
        int index = chain.size() + 1;
        Layer layer = layer(index, in, context, depth);
        Shape out;
        try {
            out = layer.outputShape(in, index);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spec position " + (layerStart + 1) + ": " + context + e.getMessage(), e);
        }
        chain.add(layer);
        return out;
    }

    /**
     * Reads the chain of a block up to (not including) its closing {@code ')'} or a {@code '|'},
     * checking each layer against the shape before it, and returns the chain's output shape.
     *
     * @param label the chain's name in messages: {@code res block}, {@code add branch 2}
     */
    private Shape blockChain(List<Layer> chain, Shape in, String label, boolean branches, int depth) {
        skipWs();
        if (peek() == ')' || peek() == '|') {
            throw error("expected a layer in " + label + " (use id for the identity)");
        }
        Shape shape = chainLayer(chain, in, label + ": ", depth);
        while (true) {
            skipWs();
            if (peek() == ')' || (peek() == '|' && branches)) {
                return shape;
            }
            if (peek() == '|') {
                throw errorAt(pos, BAR_OUTSIDE + "; res holds one chain");
            }
            if (!s.startsWith("->", pos) && peek() != '\u2192') {
                throw error("expected '->'" + (branches ? ", '|'" : "") + " or ')' in " + label);
            }
            expectArrow();
            shape = chainLayer(chain, shape, label + ": ", depth);
        }
    }

    private Shape input(int start) {
        expect('(', "after 'in'");
        List<Integer> dims = new ArrayList<>();
        dims.add(integer("input size"));
        skipWs();
        while (peek() == ',' && dims.size() < 3) {
            pos++;
            dims.add(integer("input size"));
            skipWs();
        }
        expect(')', dims.size() == 3 ? "after in(C,H,W)" : "or ',' after input sizes");
        try {
            return switch (dims.size()) {
                case 1 -> Shape.vector(dims.get(0));
                case 2 -> Shape.signal(dims.get(0), dims.get(1));
                default -> Shape.image(dims.get(0), dims.get(1), dims.get(2));
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spec position " + (start + 1) + ": input: " + e.getMessage(), e);
        }
    }

    private Layer layer(int index, Shape in, String context, int depth) {
        int start = pos;
        if (atEnd() || !Character.isLetter(s.charAt(pos))) {
            throw error("expected a layer name (" + LAYER_NAMES + ")");
        }
        String name = ident().toLowerCase(Locale.ROOT);
        String label = context + name + " layer " + index;
        if (("res".equals(name) || "add".equals(name) || "mul".equals(name)) && depth >= MAX_DEPTH) {
            throw errorAt(start, name + " nested too deep: res, add and mul blocks nest at most " + MAX_DEPTH
                    + " deep");
        }
        try {
            return switch (name) {
                case "dense" -> dense();
                case "conv" -> convOrLocal(true, label, start, in);
                case "local" -> convOrLocal(false, label, start, in);
                case "pow" -> pow();
                case "poly" -> poly();
                case "id" -> Layer.id();
                case "attn" -> attn(label, start);
                case "res" -> res(in, context, depth, start);
                case "add" -> branches(false, in, context, depth, start);
                case "mul" -> branches(true, in, context, depth, start);
                case "avgpool" -> avgpool();
                case "flatten" -> Layer.flatten();
                case "linear" -> Layer.activation(Activation.LINEAR);
                case "relu" -> Layer.activation(Activation.RELU);
                case "tanh" -> Layer.activation(Activation.TANH);
                case "sigmoid" -> Layer.activation(Activation.SIGMOID);
                case "leakyrelu" -> leakyRelu();
                default -> {
                    LayerRegistry.Factory f = LayerRegistry.factory(name);
                    if (f == null) {
                        List<String> reg = LayerRegistry.names();
                        throw new IllegalArgumentException("spec position " + (start + 1) + ": unknown layer '" + name
                                + "' (expected one of " + LAYER_NAMES + (reg.isEmpty() ? ""
                                        : "; registered: " + String.join(", ", reg)) + ")");
                    }
                    yield custom(name, f, label, start);
                }
            };
        } catch (LayerValueException e) {
            // a layer constructor rejected a value: add position and layer number
            String msg = e.getCause().getMessage();
            String prefix = name + " layer: ";
            if (msg.startsWith(prefix)) {
                msg = label + ": " + msg.substring(prefix.length());
            } else {
                msg = label + ": " + msg;
            }
            throw new IllegalArgumentException("spec position " + (start + 1) + ": " + msg, e.getCause());
        }
    }

    /**
     * Reads the identifier {@code word} (any case) after white space and returns where it starts.
     *
     * @throws IllegalArgumentException {@code message} at that start, if another word stands there
     */
    private int keyword(String word, String message) {
        skipWs();
        int start = pos;
        if (!ident().equalsIgnoreCase(word)) {
            pos = start;
            throw error(message);
        }
        return start;
    }

    private Layer dense() {
        expect('(', "after 'dense'");
        int units = integer("dense units");
        boolean bias = false;
        boolean frozen = false;
        skipWs();
        while (peek() == ',') {
            pos++;
            skipWs();
            int at = pos;
            String arg = ident().toLowerCase(Locale.ROOT);
            if ((arg.equals("bias") && bias) || (arg.equals("frozen") && frozen)) {
                throw errorAt(at, "duplicate dense argument '" + arg + "'");
            } else if (arg.equals("bias")) {
                bias = true;
            } else if (arg.equals("frozen")) {
                frozen = true;
            } else {
                pos = at;
                throw error("expected 'bias' or 'frozen' after ',' in dense");
            }
            skipWs();
        }
        expect(')', "after dense arguments");
        boolean withBias = bias;
        boolean isFrozen = frozen;
        return build(() -> Layer.Dense.of(units, withBias, isFrozen));
    }

    private Layer convOrLocal(boolean conv, String label, int start, Shape in) {
        String name = conv ? "conv" : "local";
        expect('(', "after '" + name + "'");
        int channels = integer(name + " channels");
        Extent k = null;
        Extent stride = null;
        Extent pad = null;
        boolean bias = false;
        boolean frozen = false;
        skipWs();
        while (peek() == ',') {
            pos++;
            skipWs();
            int at = pos;
            String arg = ident().toLowerCase(Locale.ROOT);
            switch (arg) {
                case "k", "stride", "pad" -> {
                    if (("k".equals(arg) && k != null) || ("stride".equals(arg) && stride != null)
                            || ("pad".equals(arg) && pad != null)) {
                        throw errorAt(at, "duplicate " + name + " argument '" + arg + "'");
                    }
                    expect('=', "after '" + arg + "'");
                    int written = pos;
                    Extent e = extent(name + " " + arg, conv);
                    if (in.kind() == Shape.Kind.SIGNAL && s.substring(written, pos).toLowerCase(Locale.ROOT).contains("x")) {
                        // 3x3 is square, so the layer alone would accept it as 3: refuse the 2D form on 1D input
                        throw errorAt(written, label + ": " + arg + "=" + s.substring(written, pos).strip()
                                + " is 2D (height x width) but the input " + in.dims() + " is a 1D signal: write "
                                + (e.isSquare() ? arg + "=" + e.width() : "one number") + ", or start from an image in(C,H,W)");
                    }
                    switch (arg) {
                        case "k" -> k = e;
                        case "stride" -> stride = e;
                        default -> pad = e;
                    }
                }
                case "bias" -> {
                    if (bias) {
                        throw errorAt(at, "duplicate " + name + " argument 'bias'");
                    }
                    bias = true;
                }
                case "frozen" -> {
                    if (!conv) {
                        pos = at;
                        throw error("expected a local argument (k=, stride=, pad= or bias; local has no frozen form)");
                    }
                    if (frozen) {
                        throw errorAt(at, "duplicate conv argument 'frozen'");
                    }
                    frozen = true;
                }
                default -> {
                    pos = at;
                    throw error("expected a " + name + " argument (k=, stride=, pad=" + (conv ? ", bias or frozen)"
                            : " or bias)"));
                }
            }
            skipWs();
        }
        expect(')', "after " + name + " arguments");
        if (k == null) {
            throw errorAt(start, label + ": kernel size k=... is required");
        }
        Extent kk = k;
        Extent ss = stride == null ? Extent.of(1) : stride;
        Extent pp = pad == null ? Extent.of(0) : pad;
        boolean b = bias;
        boolean f = frozen;
        if (conv) {
            return build(() -> Layer.Conv.of(channels, kk, ss, pp, b, f));
        }
        return build(() -> Layer.local(channels, kk.width(), ss.width(), pp.width(), b));
    }

    /** A registered layer: {@code name} or {@code name(arg, ...)}, arg = int | key=int | key. */
    private Layer custom(String name, LayerRegistry.Factory factory, String label, int start) {
        List<Integer> positional = new ArrayList<>();
        java.util.Map<String, Integer> values = new java.util.LinkedHashMap<>();
        java.util.Set<String> flags = new java.util.LinkedHashSet<>();
        skipWs();
        if (peek() == '(') {
            pos++;
            skipWs();
            if (peek() != ')') {
                while (true) {
                    skipWs();
                    int at = pos;
                    if (isDigit(peek()) || peek() == '-') {
                        if (!values.isEmpty() || !flags.isEmpty()) {
                            throw errorAt(at, label
                                    + ": positional arguments must come before key=value arguments and flags");
                        }
                        positional.add(integer(name + " argument " + (positional.size() + 1)));
                    } else {
                        String key = ident().toLowerCase(Locale.ROOT);
                        if (key.isEmpty()) {
                            throw error("expected a " + name + " argument (an integer, key=integer or a flag)");
                        }
                        if (values.containsKey(key) || flags.contains(key)) {
                            throw errorAt(at, "duplicate " + name + " argument '" + key + "'");
                        }
                        skipWs();
                        if (peek() == '=') {
                            pos++;
                            values.put(key, integer(name + " " + key));
                        } else {
                            flags.add(key);
                        }
                    }
                    skipWs();
                    if (peek() == ',') {
                        pos++;
                        continue;
                    }
                    break;
                }
            }
            expect(')', "or ',' after " + name + " arguments");
        }
        LayerArguments args = LayerArguments.of(name, positional, values, flags);
        Layer layer = build(() -> {
            CustomLayer c = factory.create(args);
            if (c == null) {
                throw new IllegalArgumentException("the registered factory returned null");
            }
            if (!c.name().equals(name)) {
                throw new IllegalArgumentException("the registered factory built a layer named '" + c.name() + "'");
            }
            return Layer.custom(c);
        });
        List<String> unused = args.unused();
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("spec position " + (start + 1) + ": " + label
                    + ": unknown argument" + (unused.size() > 1 ? "s " : " ") + String.join(", ", unused)
                    + (args.read().isEmpty() ? "" : " (accepted: " + String.join(", ", args.read()) + ")"));
        }
        return layer;
    }

    private Layer pow() {
        expect('(', "after 'pow'");
        int k = integer("pow power");
        expect(')', "after pow power");
        return build(() -> Layer.pow(k));
    }

    private Layer poly() {
        expect('(', "after 'poly'");
        skipWs();
        if (peek() == ')') {
            throw error("expected poly coefficient c0 (an integer; poly needs at least one)");
        }
        List<Long> coefficients = new ArrayList<>();
        coefficients.add(longInteger("poly coefficient c0"));
        skipWs();
        while (peek() == ',') {
            pos++;
            coefficients.add(longInteger("poly coefficient c" + coefficients.size()));
            skipWs();
        }
        expect(')', "or ',' after poly coefficients");
        return build(() -> Layer.poly(coefficients));
    }

    /** {@code attn(a=A[,heads=H][,v=E])}, the arguments in any order, each at most once. */
    private Layer attn(String label, int start) {
        expect('(', "after 'attn'");
        List<String> keys = List.of("a", "heads", "v");
        Integer[] values = new Integer[keys.size()];
        while (true) {
            skipWs();
            int at = pos;
            String arg = ident().toLowerCase(Locale.ROOT);
            int slot = keys.indexOf(arg);
            if (slot < 0) {
                pos = at;
                throw error("expected an attn argument (a=, heads= or v=)");
            }
            if (values[slot] != null) {
                throw errorAt(at, "duplicate attn argument '" + arg + "'");
            }
            expect('=', "after '" + arg + "'");
            values[slot] = integer("attn " + arg);
            skipWs();
            if (peek() != ',') {
                break;
            }
            pos++;
        }
        expect(')', "or ',' after attn arguments");
        if (values[0] == null) {
            throw errorAt(start, label + ": key size a=... is required");
        }
        int a = values[0];
        int heads = values[1] == null ? 1 : values[1];
        int v = values[2] == null ? 0 : values[2];
        return build(() -> Layer.attn(a, heads, v));
    }

    /** {@code res(CHAIN)}: the chain's output shape must equal its input shape {@code in}. */
    private Layer res(Shape in, String context, int depth, int start) {
        expect('(', "after 'res'");
        List<Layer> block = new ArrayList<>();
        Shape out = blockChain(block, in, "res block", false, depth + 1);
        pos++; // ')'
        if (!out.equals(in)) {
            throw errorAt(start, context + "res block: output shape " + out.dims() + " differs from its input shape "
                    + in.dims());
        }
        return build(() -> Layer.res(block));
    }

    /** {@code add(CHAIN | ...)} (one or more branches) or {@code mul(CHAIN | CHAIN)}, equal output shapes. */
    private Layer branches(boolean mul, Shape in, String context, int depth, int start) {
        String name = mul ? "mul" : "add";
        expect('(', "after '" + name + "'");
        List<List<Layer>> branches = new ArrayList<>();
        Shape first = null;
        while (true) {
            skipWs();
            int branchStart = pos;
            String label = name + " branch " + (branches.size() + 1);
            List<Layer> chain = new ArrayList<>();
            Shape out = blockChain(chain, in, label, true, depth + 1);
            if (first == null) {
                first = out;
            } else if (!out.equals(first)) {
                throw errorAt(branchStart, context + label + ": output shape " + out.dims() + " differs from branch 1's "
                        + first.dims());
            }
            branches.add(chain);
            if (peek() == ')') {
                pos++;
                break;
            }
            pos++; // '|'
        }
        if (mul && branches.size() != 2) {
            throw errorAt(start, context + "mul takes exactly two branches (mul(A | B)), found "
                    + branches.size());
        }
        return build(() -> mul ? Layer.mul(branches.get(0), branches.get(1)) : Layer.add(branches));
    }

    private Extent extent(String role, boolean allow2d) {
        int h = integer(role);
        skipWs();
        if (peek() == 'x' || peek() == 'X') {
            if (!allow2d) {
                throw error("expected ',' or ')' after " + role + " (local is 1D: a single number)");
            }
            pos++;
            int w = integer(role + " width");
            return Extent.of(h, w);
        }
        return Extent.of(h);
    }

    private Layer avgpool() {
        expect('(', "after 'avgpool'");
        int w = integer("avgpool window");
        expect(')', "after avgpool window");
        return build(() -> Layer.avgpool(w));
    }

    private Layer leakyRelu() {
        skipWs();
        if (peek() != '(') {
            return Layer.activation(Activation.leakyRelu(1, 100));
        }
        pos++;
        int at = pos;
        long num = integer("leakyrelu slope numerator");
        expect('/', "in leakyrelu slope (numerator/denominator)");
        long den = integer("leakyrelu slope denominator");
        expect(')', "after leakyrelu slope");
        if (den <= 0) {
            throw new IllegalArgumentException("spec position " + (at + 1) + ": leakyrelu slope denominator (" + den
                    + ") must be > 0");
        }
        long g = gcd(Math.abs(num), den);
        return Layer.activation(Activation.leakyRelu(num / g, den / g));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    // ------------------------------------------------------------------ lexing

    private static final class LayerValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LayerValueException(IllegalArgumentException cause) {
            super(cause);
        }
    }

    private interface LayerMaker {
        Layer make();
    }

    private static Layer build(LayerMaker m) {
        try {
            return m.make();
        } catch (IllegalArgumentException e) {
            throw new LayerValueException(e);
        }
    }

    /** A signed run of digits as written, and where it starts. */
    private record Digits(int start, String text, int length, boolean negative) {
    }

    private Digits digits(String role) {
        skipWs();
        int start = pos;
        boolean negative = false;
        if (peek() == '-' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
            negative = true;
            pos++;
        }
        if (atEnd() || !isDigit(s.charAt(pos))) {
            pos = start;
            throw error("expected " + role + " (an integer)");
        }
        int digitsStart = pos;
        while (!atEnd() && isDigit(s.charAt(pos))) {
            pos++;
        }
        return new Digits(start, (negative ? "-" : "") + s.substring(digitsStart, pos), pos - digitsStart, negative);
    }

    private int integer(String role) {
        Digits d = digits(role);
        String text = d.text();
        if (d.length() > 10 || Long.parseLong(text) > Integer.MAX_VALUE
                || Long.parseLong(text) < -Integer.MAX_VALUE) {
            throw new IllegalArgumentException("spec position " + (d.start() + 1) + ": " + role + " (" + text
                    + ") is out of range (must be <= " + Integer.MAX_VALUE + ")");
        }
        return Integer.parseInt(text);
    }

    /** A long (poly coefficients): the full long range, else a range message naming {@code role}. */
    private long longInteger(String role) {
        Digits d = digits(role);
        String text = d.text();
        if (d.length() > 19 || new java.math.BigInteger(text).bitLength() > 63) {
            throw errorAt(d.start(), role + " (" + text + ") is out of range (must be "
                    + (d.negative() ? ">= " + Long.MIN_VALUE : "<= " + Long.MAX_VALUE) + ")");
        }
        return Long.parseLong(text);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String ident() {
        int start = pos;
        while (!atEnd() && isAsciiLetter(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private void expectArrow() {
        if (s.startsWith("->", pos)) {
            pos += 2;
        } else if (peek() == '\u2192') {
            pos++;
        } else {
            throw error("expected '->' between layers");
        }
    }

    private void expect(char c, String context) {
        skipWs();
        if (peek() != c) {
            throw error("expected '" + c + "' " + context);
        }
        pos++;
    }

    private void skipWs() {
        while (!atEnd() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private char peek() {
        return atEnd() ? '\0' : s.charAt(pos);
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("spec position " + (pos + 1) + ": " + expected + ", found " + found());
    }

    private static IllegalArgumentException errorAt(int at, String message) {
        return new IllegalArgumentException("spec position " + (at + 1) + ": " + message);
    }

    private String found() {
        if (atEnd()) {
            return "end of input";
        }
        char c = s.charAt(pos);
        if (isAsciiLetter(c)) {
            int end = pos;
            while (end < s.length() && (isAsciiLetter(s.charAt(end)) || isDigit(s.charAt(end)))) {
                end++;
            }
            return "'" + org.hessrank.exact.Echo.value(s.substring(pos, end)) + "'";
        }
        if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
            return String.format(Locale.ROOT, "U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
