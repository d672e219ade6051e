package org.hessrank.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the one-line architecture spec, e.g.
 * {@code in(1,8,8) -> conv(2,k=3x2,stride=1x2,pad=1) -> avgpool(2) -> flatten -> dense(3)}.
 *
 * <p>The grammar, with its examples and error messages, is stated once, in
 * {@code docs/spec-grammar.md}; {@code SpecGrammarDocTest} parses every example there with this
 * class, so the page and the parser cannot drift apart.
 *
 * <p>Semantics: the first integer of a layer is its number of output units (dense) or output
 * channels (conv, local). Conv is 1D on a signal input and 2D on an image input; a single
 * number {@code n} means {@code n x n} in 2D. A dense layer flattens any input. See
 * {@link Layer} for the parameter order.
 *
 * <p>Errors: every failure is an {@link IllegalArgumentException}. Syntax errors read
 * {@code spec position P: expected X, found Y} with {@code P} the 1-based character position;
 * invalid values read {@code spec position P: conv layer 2: kernel (7) must be <= padded input
 * length (5)} (layers numbered from 1, {@code P} where the layer starts). No spec is refused for
 * its size (only a parameter count beyond an int is); each Hessian path refuses what it cannot build.
 * Cost: linear in the spec length plus O(layers).
 */
public final class SpecParser {
    private static final String LAYER_NAMES =
            "dense, conv, local, avgpool, flatten, linear, relu, leakyrelu, tanh, sigmoid";

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
            expectArrow();
            skipWs();
            int layerStart = pos;
            int index = layers.size() + 1;
            Layer layer = layer(index);
            try {
                shape = layer.outputShape(shape, index);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("spec position " + (layerStart + 1) + ": " + e.getMessage(), e);
            }
            layers.add(layer);
            skipWs();
        }
        return Architecture.of(input, layers);
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

    private Layer layer(int index) {
        int start = pos;
        if (atEnd() || !Character.isLetter(s.charAt(pos))) {
            throw error("expected a layer name (" + LAYER_NAMES + ")");
        }
        String name = ident().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "dense" -> dense();
                case "conv" -> convOrLocal(true, index, start);
                case "local" -> convOrLocal(false, index, start);
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
                    yield custom(name, f, index, start);
                }
            };
        } catch (LayerValueException e) {
            // a layer constructor rejected a value: add position and layer number
            String msg = e.getCause().getMessage();
            String prefix = name + " layer: ";
            if (msg.startsWith(prefix)) {
                msg = name + " layer " + index + ": " + msg.substring(prefix.length());
            } else {
                msg = name + " layer " + index + ": " + msg;
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
        skipWs();
        if (peek() == ',') {
            pos++;
            keyword("bias", "expected 'bias' after ',' in dense");
            bias = true;
        }
        expect(')', "after dense arguments");
        boolean withBias = bias;
        return build(() -> Layer.dense(units, withBias));
    }

    private Layer convOrLocal(boolean conv, int index, int start) {
        String name = conv ? "conv" : "local";
        expect('(', "after '" + name + "'");
        int channels = integer(name + " channels");
        Extent k = null;
        Extent stride = null;
        Extent pad = null;
        boolean bias = false;
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
                    Extent e = extent(name + " " + arg, conv);
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
                default -> {
                    pos = at;
                    throw error("expected a " + name + " argument (k=, stride=, pad= or bias)");
                }
            }
            skipWs();
        }
        expect(')', "after " + name + " arguments");
        if (k == null) {
            throw new IllegalArgumentException("spec position " + (start + 1) + ": " + name + " layer " + index
                    + ": kernel size k=... is required");
        }
        Extent kk = k;
        Extent ss = stride == null ? Extent.of(1) : stride;
        Extent pp = pad == null ? Extent.of(0) : pad;
        boolean b = bias;
        if (conv) {
            return build(() -> Layer.conv(channels, kk, ss, pp, b));
        }
        return build(() -> Layer.local(channels, kk.width(), ss.width(), pp.width(), b));
    }

    /** A registered layer: {@code name} or {@code name(arg, ...)}, arg = int | key=int | key. */
    private Layer custom(String name, LayerRegistry.Factory factory, int index, int start) {
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
                            throw errorAt(at, name + " layer " + index
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
            throw new IllegalArgumentException("spec position " + (start + 1) + ": " + name + " layer " + index
                    + ": unknown argument" + (unused.size() > 1 ? "s " : " ") + String.join(", ", unused)
                    + (args.read().isEmpty() ? "" : " (accepted: " + String.join(", ", args.read()) + ")"));
        }
        return layer;
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

    private int integer(String role) {
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
        String digits = s.substring(digitsStart, pos);
        String text = (negative ? "-" : "") + digits;
        if (digits.length() > 10 || Long.parseLong(text) > Integer.MAX_VALUE
                || Long.parseLong(text) < -Integer.MAX_VALUE) {
            throw new IllegalArgumentException("spec position " + (start + 1) + ": " + role + " (" + text
                    + ") is out of range (must be <= " + Integer.MAX_VALUE + ")");
        }
        return Integer.parseInt(text);
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
            return "'" + s.substring(pos, end) + "'";
        }
        if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
            return String.format(Locale.ROOT, "U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
