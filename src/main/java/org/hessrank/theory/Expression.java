package org.hessrank.theory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * An integer expression over named architecture quantities, e.g.
 * {@code q*(r + K - q)} (FC-O) or {@code min(m_out*d_out, m_in*d_in)}: parsed once against the
 * names a family defines, evaluated exactly at each instance's {@link Quantities}. Immutable and
 * thread-safe.
 *
 * <p><b>Grammar</b> (EBNF; blanks between tokens are ignored):
 * <pre>
 * expression = sum [ ( "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=" ) sum ] ;   (* 1 if true, 0 if false *)
 * sum        = product { ( "+" | "-" ) product } ;
 * product    = unary { ( "*" | "/" ) unary } ;                  (* "/" only where it divides exactly *)
 * unary      = "-" unary | primary ;
 * primary    = integer | name | call | "(" expression ")" ;
 * call       = name "(" ( binder | argument { "," argument } ) ")" ;
 * argument   = expression | table ;                              (* a bare table in min/max/sum: all its values *)
 * binder     = name "=" sum ".." sum "," expression ;           (* sum(i = 1..L-1, hidden(i)) *)
 * integer    = digit { digit } ;
 * name       = letter { letter | digit | "_" } ;                 (* letter includes "_" *)
 * </pre>
 * Functions: {@code min(…)}, {@code max(…)} (at least one value), {@code sum(…)} (0 for no
 * values), each over expressions, bare tables (all their values) or one binder
 * {@code i = lo..hi, expr} (the index ranges over lo..hi inclusive; an empty range gives sum 0 and
 * an error for min/max); {@code div(a, b)} floor division (b ≠ 0); {@code t(i)} the entry
 * {@code i} of a table {@code t}. Comparisons give 1 or 0 (an Iverson bracket:
 * {@code 2*(hidden(j) - qt)*(min(...) < qt)}).
 *
 * <p><b>Arithmetic</b> is over {@code long} with {@link Math#addExact} and friends: an overflow
 * throws {@link ArithmeticException} instead of wrapping. {@code a / b} throws
 * {@link ArithmeticException} unless b divides a exactly (formulas in docs/theorems.md never divide
 * inexactly; use {@code div} for floor division).
 *
 * <p><b>Errors.</b> {@link #parse} throws {@link IllegalArgumentException} naming the 1-based
 * position and the offending token: an unknown name lists the names known in the context (e.g.
 * the family), a table used as a scalar or a scalar used as a table says so, a binder may not
 * shadow a quantity. Evaluation throws {@link IllegalArgumentException} for a table index outside
 * its range and {@link ArithmeticException} for overflow or inexact division.
 *
 * <p>Cost: parsing is linear in the text; evaluation is linear in the tree times the binder
 * ranges.
 */
public final class Expression {
    private static final Set<String> FUNCTIONS = Set.of("min", "max", "sum", "div", "binom");
    /** The longest expression text accepted (a formula of a paper is far shorter). */
    static final int MAX_LENGTH = 4096;
    /** The deepest nesting of parentheses, calls and unary minus signs accepted. */
    static final int MAX_DEPTH = 100;

    private final String text;
    private final Node root;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses {@code text} against the given scalar and table names.
     *
     * @param text the expression
     * @param scalars the scalar names (e.g. {@code d, K, N})
     * @param tables the table names (e.g. {@code hidden})
     * @param context where the names come from, for messages (e.g. {@code family fc})
     * @throws IllegalArgumentException if the text is malformed or uses an unknown name
     */
    public static Expression parse(String text, Set<String> scalars, Set<String> tables, String context) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scalars, "scalars");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(context, "context");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("expression of " + text.length() + " characters is longer than the limit "
                    + MAX_LENGTH);
        }
        Parser p = new Parser(text, scalars, tables, context);
        Node n = p.expression();
        if (p.peek().kind != Tok.END) {
            throw p.error(p.peek(), "unexpected '" + p.peek().text + "' after a complete expression");
        }
        return new Expression(text, n);
    }

    /** Parses {@code text} against the names of {@code quantities} (scalars and tables). */
    public static Expression parse(String text, Quantities quantities, String context) {
        return parse(text, quantities.scalars().keySet(), quantities.tables().keySet(), context);
    }

    /**
     * The value at {@code q}.
     *
     * @throws IllegalArgumentException if a name is missing from {@code q} or a table index is out
     *     of range
     * @throws ArithmeticException on overflow, inexact {@code /} or division by zero
     */
    public long evaluate(Quantities q) {
        Objects.requireNonNull(q, "quantities");
        try {
            return root.eval(q, new Env(new HashMap<>(), new long[1]));
        } catch (ArithmeticException e) {
            throw new ArithmeticException(shown(text) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(shown(text) + ": " + e.getMessage(), e);
        }
    }

    /** "expression \"TEXT\"", the text cut to its first 80 characters when longer. */
    private static String shown(String src) {
        return "expression \"" + org.hessrank.exact.Echo.value(src) + "\"";
    }

    /**
     * The most iterations of index ranges ({@code sum(i = lo..hi, ...)} and nested ones) in one
     * evaluation: a formula of a paper needs a few thousand; this bounds the time of a hostile
     * one to well under a second.
     */
    static final long MAX_ITERATIONS = 1_000_000;

    /** The values of the binders in scope, and the iterations counted so far (shared by nested scopes). */
    private record Env(Map<String, Long> values, long[] steps) {
        Env with(String var) {
            return new Env(new HashMap<>(values), steps);
        }

        void step(String fn, String var) {
            if (++steps[0] > MAX_ITERATIONS) {
                throw new IllegalArgumentException(fn + "(" + var + " = ...): index ranges (nested ones multiply)"
                        + " iterate more than the limit of " + MAX_ITERATIONS + " times");
            }
        }
    }

    /** Refuses a range longer than {@link #MAX_ITERATIONS} (computed without overflow). */
    private static void checkRange(String fn, String var, long lo, long hi) {
        if (hi >= lo && (hi - lo < 0 || hi - lo >= MAX_ITERATIONS)) {
            throw new IllegalArgumentException(fn + "(" + var + " = " + lo + ".." + hi + "): a range of more than the"
                    + " limit of " + MAX_ITERATIONS + " values");
        }
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /** The names of quantities the expression uses (binders excluded), sorted. */
    public Set<String> names() {
        Set<String> out = new TreeSet<>();
        root.names(out);
        return out;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- tree ----

    private interface Node {
        long eval(Quantities q, Env bound);

        void names(Set<String> out);
    }

    private record Num(long v) implements Node {
        public long eval(Quantities q, Env bound) {
            return v;
        }

        public void names(Set<String> out) {
        }
    }

    private record Var(String name) implements Node {
        public long eval(Quantities q, Env bound) {
            Long b = bound.values.get(name);
            return b != null ? b : q.scalar(name);
        }

        public void names(Set<String> out) {
            out.add(name);
        }
    }

    private record Index(String table, Node index) implements Node {
        public long eval(Quantities q, Env bound) {
            return q.table(table).get(table, index.eval(q, bound));
        }

        public void names(Set<String> out) {
            out.add(table);
            index.names(out);
        }
    }

    private record Neg(Node a) implements Node {
        public long eval(Quantities q, Env bound) {
            return Math.negateExact(a.eval(q, bound));
        }

        public void names(Set<String> out) {
            a.names(out);
        }
    }

    private record Bin(char op, Node a, Node b) implements Node {
        public long eval(Quantities q, Env bound) {
            long x = a.eval(q, bound);
            long y = b.eval(q, bound);
            return switch (op) {
                case '+' -> Math.addExact(x, y);
                case '-' -> Math.subtractExact(x, y);
                case '*' -> Math.multiplyExact(x, y);
                case '/' -> {
                    if (y == 0) {
                        throw new ArithmeticException("division by zero in " + x + " / " + y);
                    }
                    if (x % y != 0) {
                        throw new ArithmeticException(x + " / " + y + " is not an exact division (use div(a, b) for"
                                + " floor division)");
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException("long overflow");
                    }
                    yield x / y;
                }
                case 'f' -> {
                    if (y == 0) {
                        throw new ArithmeticException("division by zero in div(" + x + ", " + y + ")");
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException("long overflow");
                    }
                    yield Math.floorDiv(x, y);
                }
                case '<' -> x < y ? 1 : 0;
                case 'l' -> x <= y ? 1 : 0;
                case '>' -> x > y ? 1 : 0;
                case 'g' -> x >= y ? 1 : 0;
                case '=' -> x == y ? 1 : 0;
                case '!' -> x != y ? 1 : 0;
                case '^' -> power(x, y);
                case 'b' -> binomial(x, y);
                default -> throw new AssertionError(op);
            };
        }

        public void names(Set<String> out) {
            a.names(out);
            b.names(out);
        }
    }

    /** x^y for y ≥ 0 by repeated squaring, overflow an error. */
    static long power(long x, long y) {
        if (y < 0) {
            throw new ArithmeticException(x + "^" + y + ": the exponent must be >= 0 (integer powers only)");
        }
        long result = 1;
        long base = x;
        long e = y;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = Math.multiplyExact(result, base);
            }
            e >>= 1;
            if (e > 0) {
                base = Math.multiplyExact(base, base);
            }
        }
        return result;
    }

    /** C(n, k): 0 for k < 0 or k > n; n must be >= 0; overflow an error. Exact at every step. */
    static long binomial(long n, long k) {
        if (n < 0) {
            throw new ArithmeticException("binom(" + n + ", " + k + "): n must be >= 0");
        }
        if (k < 0 || k > n) {
            return 0;
        }
        long kk = Math.min(k, n - k);
        java.math.BigInteger c = java.math.BigInteger.ONE;
        for (long i = 0; i < kk; i++) {
            c = c.multiply(java.math.BigInteger.valueOf(n - i)).divide(java.math.BigInteger.valueOf(i + 1));
        }
        if (c.bitLength() > 63) {
            throw new ArithmeticException("binom(" + n + ", " + k + ") overflows a long");
        }
        return c.longValue();
    }

    /** One argument of min/max/sum: an expression, a whole table, or a binder. */
    private sealed interface Arg permits ExprArg, TableArg, BinderArg {
    }

    private record ExprArg(Node e) implements Arg {
    }

    private record TableArg(String table) implements Arg {
    }

    private record BinderArg(String var, Node lo, Node hi, Node body) implements Arg {
    }

    private record Aggregate(String fn, List<Arg> args) implements Node {
        public long eval(Quantities q, Env bound) {
            long acc = fn.equals("sum") ? 0 : fn.equals("min") ? Long.MAX_VALUE : Long.MIN_VALUE;
            int count = 0;
            for (Arg a : args) {
                if (a instanceof ExprArg e) {
                    acc = combine(acc, e.e().eval(q, bound));
                    count++;
                } else if (a instanceof TableArg t) {
                    for (long v : q.table(t.table()).values()) {
                        acc = combine(acc, v);
                        count++;
                    }
                } else {
                    BinderArg b = (BinderArg) a;
                    long lo = b.lo().eval(q, bound);
                    long hi = b.hi().eval(q, bound);
                    checkRange(fn, b.var(), lo, hi);
                    Env inner = bound.with(b.var());
                    for (long i = lo; i <= hi; i++) {
                        inner.values.put(b.var(), i);
                        inner.step(fn, b.var());
                        acc = combine(acc, b.body().eval(q, inner));
                        count++;
                        if (i == Long.MAX_VALUE) {
                            break;
                        }
                    }
                }
            }
            if (count == 0 && !fn.equals("sum")) {
                throw new IllegalArgumentException(fn + "(...) of no values (an empty table or range)");
            }
            return acc;
        }

        private long combine(long acc, long v) {
            return switch (fn) {
                case "sum" -> Math.addExact(acc, v);
                case "min" -> Math.min(acc, v);
                default -> Math.max(acc, v);
            };
        }

        public void names(Set<String> out) {
            for (Arg a : args) {
                if (a instanceof ExprArg e) {
                    e.e().names(out);
                } else if (a instanceof TableArg t) {
                    out.add(t.table());
                } else {
                    BinderArg b = (BinderArg) a;
                    b.lo().names(out);
                    b.hi().names(out);
                    Set<String> inner = new TreeSet<>();
                    b.body().names(inner);
                    inner.remove(b.var());
                    out.addAll(inner);
                }
            }
        }
    }

    // ---- lexer and parser ----

    private enum Tok { NUM, NAME, OP, END }

    private record Token(Tok kind, String text, int pos) {
    }

    private static final class Parser {
        private final String src;
        private final Set<String> scalars;
        private final Set<String> tables;
        private final String context;
        private final List<Token> tokens = new ArrayList<>();
        private final List<String> binders = new ArrayList<>();
        private int at;
        /** Nesting of parentheses, calls and unary minus signs now open. */
        private int depth;

        Parser(String src, Set<String> scalars, Set<String> tables, String context) {
            this.src = src;
            this.scalars = scalars;
            this.tables = tables;
            this.context = context;
            lex();
        }

        private void lex() {
            int i = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c >= '0' && c <= '9') {
                    int j = i;
                    while (j < src.length() && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
                        j++;
                    }
                    tokens.add(new Token(Tok.NUM, src.substring(i, j), i));
                    i = j;
                } else if (Character.isLetter(c) || c == '_') {
                    int j = i;
                    while (j < src.length() && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                        j++;
                    }
                    tokens.add(new Token(Tok.NAME, src.substring(i, j), i));
                    i = j;
                } else {
                    String two = i + 1 < src.length() ? src.substring(i, i + 2) : "";
                    if (two.equals("<=") || two.equals(">=") || two.equals("==") || two.equals("!=")
                            || two.equals("..") || two.equals("**")) {
                        tokens.add(new Token(Tok.OP, two, i));
                        i += 2;
                    } else if ("+-*/(),<>=^".indexOf(c) >= 0) {
                        tokens.add(new Token(Tok.OP, String.valueOf(c), i));
                        i++;
                    } else {
                        throw new IllegalArgumentException(where(i) + ": unexpected character '" + c + "'");
                    }
                }
            }
            tokens.add(new Token(Tok.END, "end of expression", src.length()));
        }

        /** The expression (its first 80 characters when longer) and the 1-based position. */
        private String where(int pos) {
            return shown(src) + " at position " + (pos + 1);
        }

        /**
         * A node whose value needs no quantity is computed now, so a constant that overflows, a
         * division by zero or an over-long constant range is an error of the text, with its
         * position, not of every evaluation; returns the value as a number.
         */
        private Node fold(Node n, Token at) {
            if (n instanceof Num) {
                return n;
            }
            Set<String> names = new TreeSet<>();
            n.names(names);
            if (!names.isEmpty()) {
                return n;
            }
            try {
                return new Num(n.eval(Quantities.builder().build(), new Env(new HashMap<>(), new long[1])));
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw error(at, "long overflow".equals(e.getMessage()) ? "the constant overflows a 64-bit integer"
                        : e.getMessage());
            }
        }

        /** {@code a op b}, folded when constant; a constant zero divisor is an error even when a is not. */
        private Node binary(char op, Node a, Node b, Token at) {
            if ((op == '/' || op == 'f') && b instanceof Num nb && nb.v() == 0) {
                throw error(at, "division by zero");
            }
            return fold(new Bin(op, a, b), at);
        }

        IllegalArgumentException error(Token t, String msg) {
            return new IllegalArgumentException(where(t.pos()) + ": " + msg);
        }

        Token peek() {
            return tokens.get(at);
        }

        private boolean isOp(String op) {
            Token t = peek();
            return t.kind == Tok.OP && t.text.equals(op);
        }

        private Token expect(String op) {
            Token t = peek();
            if (!(t.kind == Tok.OP && t.text.equals(op))) {
                throw error(t, "expected '" + op + "' but found '" + t.text + "'");
            }
            at++;
            return t;
        }

        Node expression() {
            enter();
            try {
                return comparison();
            } finally {
                depth--;
            }
        }

        /** One more level of nesting, refused beyond {@link #MAX_DEPTH} (no StackOverflowError). */
        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error(peek(), "expression nests deeper than " + MAX_DEPTH + " levels");
            }
        }

        private Node comparison() {
            Node a = sum();
            Token t = peek();
            if (t.kind == Tok.OP) {
                char op = switch (t.text) {
                    case "<" -> '<';
                    case "<=" -> 'l';
                    case ">" -> '>';
                    case ">=" -> 'g';
                    case "==" -> '=';
                    case "!=" -> '!';
                    default -> 0;
                };
                if (op != 0) {
                    at++;
                    Node b = sum();
                    if (peek().kind == Tok.OP && List.of("<", "<=", ">", ">=", "==", "!=").contains(peek().text)) {
                        throw error(peek(), "comparisons do not chain; use parentheses");
                    }
                    return binary(op, a, b, t);
                }
            }
            return a;
        }

        private Node sum() {
            return leftAssociative(this::product, "+", "-");
        }

        private Node product() {
            return leftAssociative(this::unary, "*", "/");
        }

        /** {@code operand ((op1 | op2) operand)*}, grouped from the left: a − b − c is (a − b) − c. */
        private Node leftAssociative(Supplier<Node> operand, String op1, String op2) {
            Node a = operand.get();
            while (isOp(op1) || isOp(op2)) {
                Token t = tokens.get(at++);
                a = binary(t.text.charAt(0), a, operand.get(), t);
            }
            return a;
        }

        /** {@code "-" unary | power}: −q^2 is −(q^2). */
        private Node unary() {
            if (isOp("-")) {
                Token t = tokens.get(at++);
                enter();
                try {
                    return fold(new Neg(unary()), t);
                } finally {
                    depth--;
                }
            }
            return power();
        }

        /** {@code primary [ ("^" | "**") unary ]}, right-associative: 2^3^2 is 2^9. */
        private Node power() {
            Node base = primary();
            if (isOp("^") || isOp("**")) {
                Token t = tokens.get(at++);
                return binary('^', base, unary(), t);
            }
            return base;
        }

        private Node primary() {
            Token t = peek();
            if (t.kind == Tok.NUM) {
                at++;
                try {
                    return new Num(Long.parseLong(t.text));
                } catch (NumberFormatException e) {
                    throw error(t, "integer " + t.text + " does not fit in a long");
                }
            }
            if (isOp("(")) {
                at++;
                Node n = expression();
                expect(")");
                return n;
            }
            if (t.kind == Tok.NAME) {
                at++;
                if (isOp("(")) {
                    return call(t);
                }
                if (binders.contains(t.text)) {
                    return new Var(t.text);
                }
                if (scalars.contains(t.text)) {
                    return new Var(t.text);
                }
                if (tables.contains(t.text)) {
                    throw error(t, "'" + t.text + "' is a table: index it, " + t.text + "(i), or aggregate it, sum("
                            + t.text + "), min(" + t.text + "), max(" + t.text + ")");
                }
                if (FUNCTIONS.contains(t.text)) {
                    throw error(t, "function '" + t.text + "' needs arguments in parentheses");
                }
                throw unknown(t);
            }
            throw error(t, t.kind == Tok.END ? "expression ends early (expected a number, name or '(')"
                    : "expected a number, name or '(' but found '" + t.text + "'");
        }

        private IllegalArgumentException unknown(Token t) {
            Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            known.addAll(scalars);
            for (String tb : tables) {
                known.add(tb + "(i)");
            }
            return error(t, "unknown name '" + t.text + "'; known for " + context + ": " + String.join(", ", known)
                    + "; functions: min, max, sum, div");
        }

        private Node call(Token name) {
            expect("(");
            String fn = name.text;
            if (tables.contains(fn) && !binders.contains(fn)) {
                Node i = expression();
                expect(")");
                return new Index(fn, i);
            }
            if (fn.equals("div") || fn.equals("binom")) {
                Node a = expression();
                expect(",");
                Node b = expression();
                expect(")");
                return binary(fn.equals("div") ? 'f' : 'b', a, b, name);
            }
            if (!FUNCTIONS.contains(fn)) {
                if (scalars.contains(fn) || binders.contains(fn)) {
                    throw error(name, "'" + fn + "' is a scalar, not a table or function");
                }
                throw unknown(name);
            }
            List<Arg> args = new ArrayList<>();
            if (peek().kind == Tok.NAME && tokens.get(at + 1).kind == Tok.OP && tokens.get(at + 1).text.equals("=")) {
                Token var = tokens.get(at);
                if (scalars.contains(var.text) || tables.contains(var.text) || FUNCTIONS.contains(var.text)
                        || binders.contains(var.text)) {
                    throw error(var, "index name '" + var.text + "' is already a quantity or function; pick another");
                }
                at += 2;
                Node lo = sum();
                expect("..");
                Node hi = sum();
                if (lo instanceof Num l && hi instanceof Num h) {
                    try {
                        checkRange(fn, var.text, l.v(), h.v());
                    } catch (IllegalArgumentException e) {
                        throw error(var, e.getMessage());
                    }
                }
                expect(",");
                binders.add(var.text);
                Node body = expression();
                binders.remove(binders.size() - 1);
                expect(")");
                args.add(new BinderArg(var.text, lo, hi, body));
                return fold(new Aggregate(fn, args), name);
            }
            if (isOp(")")) {
                throw error(peek(), fn + "() needs at least one argument");
            }
            do {
                Token t = peek();
                Token next = tokens.get(at + 1);
                boolean bareTable = t.kind == Tok.NAME && tables.contains(t.text) && !binders.contains(t.text)
                        && next.kind == Tok.OP && (next.text.equals(",") || next.text.equals(")"));
                if (bareTable) {
                    at++;
                    args.add(new TableArg(t.text));
                } else {
                    args.add(new ExprArg(expression()));
                }
            } while (isOp(",") && tokens.get(at++) != null);
            expect(")");
            return fold(new Aggregate(fn, args), name);
        }
    }
}
