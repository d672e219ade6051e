package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The expression language: grammar, exact arithmetic, errors, and a random-expression oracle. */
class ExpressionTest {
    /** d = 6, K = 3, r = 5, hidden(1..3) = [4, 2, 7], M(0..4) = [6, 4, 2, 7, 3], empty(1..0). */
    static final Quantities Q = Quantities.builder().put("d", 6).put("K", 3).put("r", 5).put("big", Long.MAX_VALUE)
            .table("hidden", 1, 4, 2, 7).table("M", 0, 6, 4, 2, 7, 3).table("empty", 1).build();

    static long eval(String text) {
        return Expression.parse(text, Q, "test").evaluate(Q);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "2 + 3 * 4; 14", "(2 + 3) * 4; 20", "-2 * -3; 6", "10 - 3 - 2; 5", "12 / 4 / 3; 1", "2 - -2; 4", "--2; 2",
        "d*K - r; 13", "3 < 4; 1", "3 >= 4; 0", "1 + (2 == 2); 2", "d != 6; 0", "4 <= 4; 1", "5 > 4; 1",
        "min(d, K, r); 3", "max(d, K, r); 6", "sum(hidden); 13", "min(r, K, hidden); 2", "max(hidden, 1); 7",
        "min(7); 7", "sum(1, 2, 3); 6", "hidden(3); 7", "M(0) + M(4); 9", "hidden(1 + 1) * 10; 20",
        "sum(i = 1..3, hidden(i)); 13", "sum(i = 2..1, hidden(i)); 0", "sum(empty); 0", "max(i = 0..4, M(i) - i); 6",
        "sum(j = 2..3, hidden(j) * (min(i = 1..j-1, hidden(i)) < min(r, K, min(i = j..3, hidden(i))))); 7",
        "sum(j = 1..3, sum(i = 1..j, i)); 10", "div(-7, 2); -4", "div(7, 2); 3", "-6 / 3; -2", "0 / 5; 0",
        "  d  *  (K+1 ) ; 24", "9223372036854775807; 9223372036854775807", "-big - 1; -9223372036854775808",
        "K^2; 9", "K**2; 9", "-K^2; -9", "(-K)^2; 9", "2^3^2; 512", "2**3**2; 512", "d^0; 1", "0^0; 1",
        "2*K^2 + 1; 19", "2^K*d; 48", "(-2)^63; -9223372036854775808", "binom(5, 2); 10", "binom(d, 0); 1",
        "binom(3, 5); 0", "binom(3, -1); 0", "binom(K + 2, K); 10", "binom(66, 33); 7219428434016265740",
        "binom(0, 0); 1"})
    void evaluates(String text, long value) {
        assertEquals(value, eval(text), text);
    }

    /** Hostile input gets one clear IllegalArgumentException, never a StackOverflowError. */
    @Test
    void deepOrLongExpressionsAreRefusedWithTheLimit() {
        String parens = "(".repeat(2000) + "1" + ")".repeat(2000);
        String message = assertThrows(IllegalArgumentException.class, () -> eval(parens)).getMessage();
        assertTrue(message.contains("nests deeper than 100 levels") && message.contains("(4001 characters)")
                && message.length() < 300, message);
        String minus = "-".repeat(100_000) + "1";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> eval(minus)).getMessage()
                .contains("longer than the limit 4096"));
        String minus200 = "-".repeat(200) + "1";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> eval(minus200)).getMessage()
                .contains("nests deeper than 100 levels"));
        String calls = "max(".repeat(5000) + "1" + ")".repeat(5000);
        assertThrows(IllegalArgumentException.class, () -> eval(calls));
        String terms = "K" + "+0".repeat(2000);
        assertEquals(3, eval(terms));
        assertEquals(-1, eval("-".repeat(99) + "1"));
        assertEquals(1, eval("(".repeat(99) + "1" + ")".repeat(99)));
    }

    @Test
    void namesExcludeBinders() {
        assertEquals(Set.of("K", "hidden", "r"), Expression.parse("sum(i = 1..K, hidden(i)) + r", Q, "t").names());
        assertEquals("d + 1", Expression.parse("d + 1", Q, "t").text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "big + 1; long overflow", "big * 2; long overflow", "-big - 2; long overflow",
        "sum(i = 1..2, big); long overflow", "K^-1; the exponent must be >= 0", "binom(K - 4, 0); n must be >= 0",
        "binom(70 + K - 3, 35); overflows a long", "K / 2; not an exact division", "div(K, K - 3); division by zero"})
    void arithmeticErrors(String text, String message) {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> eval(text));
        assertTrue(e.getMessage().contains(message) && e.getMessage().contains("expression \"" + text + "\""),
                e.getMessage());
    }

    /** A subexpression without quantities is computed when parsed: its errors are errors of the text, with a position. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "7 / 2; position 3: 7 / 2 is not an exact division", "1 / 0; position 3: division by zero",
        "K / 0; position 3: division by zero", "div(K, 0); position 1: division by zero",
        "2^63; position 2: the constant overflows a 64-bit integer",
        "4611686018427387904*4; position 20: the constant overflows a 64-bit integer",
        "binom(-1, 0); position 1: binom(-1, 0): n must be >= 0", "binom(70, 35); position 1: binom(70, 35) overflows",
        "sum(i = 1..3000000000, 0); position 5: sum(i = 1..3000000000): a range of more than the limit of 1000000",
        "sum(i = 1..3000000000, K); position 5: sum(i = 1..3000000000): a range of more than the limit",
        "sum(i = -9223372036854775807..9223372036854775807, K); position 5: sum(i = -9223372036854775807..9223372036854775807): a range",
        "sum(i = 1..1000, sum(j = 1..1000, sum(k = 1..1000, i*j*k))); position 1: sum(j = ...): index ranges (nested ones multiply) iterate more than the limit of 1000000",
        "sum(i = 1..1000, sum(j = 1..1000, sum(k = 1..1000, 1))) < 0 == 0; position 61: comparisons do not chain"})
    void constantErrorsAtParseTime(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expression.parse(text, Q, "t"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void nestedRangesAreBoundedAtEvaluation() {
        Expression e = Expression.parse("sum(i = 1..K*1000, sum(j = 1..K*1000, 1))", Q, "t");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.evaluate(Q));
        assertTrue(ex.getMessage().contains("iterate more than the limit of 1000000"), ex.getMessage());
        assertEquals(9, Expression.parse("sum(i = 1..K, sum(j = 1..K, 1))", Q, "t").evaluate(Q));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "hidden(4); hidden(4): index 4 is outside 1..3", "M(-1); index -1 is outside 0..4",
        "min(empty); min(...) of no values", "max(i = 3..2, i); max(...) of no values"})
    void evaluationErrors(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "d + x; position 5: unknown name 'x'; known for test: big, d, empty(i), hidden(i), K, M(i), r; functions",
        "2 +; position 4: expression ends early", "(2; position 3: expected ')' but found 'end of expression'",
        "2 3; position 3: unexpected '3' after a complete expression", "min(); position 5: min() needs at least one",
        "d $ 2; position 3: unexpected character '$'", "hidden + 1; position 1: 'hidden' is a table",
        "d(1); position 1: 'd' is a scalar, not a table", "sum(d = 1..2, d); position 5: index name 'd' is already",
        "1 < 2 < 3; position 7: comparisons do not chain", "min; position 1: function 'min' needs arguments",
        "foo(1); position 1: unknown name 'foo'", "99999999999999999999; position 1: integer 99999999999999999999 does",
        "sum(i = 1..2 i); position 14: expected ','", "div(1); position 6: expected ','", ",; position 1: expected a"})
    void parseErrorsNamePositionAndToken(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expression.parse(text, Q, "test"));
        assertTrue(e.getMessage().startsWith("expression \"" + text + "\" at "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void unboundIndexOutsideItsBinderIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expression.parse("sum(i = 1..2, i) + i", Q, "test"));
        assertTrue(e.getMessage().contains("position 20: unknown name 'i'"), e.getMessage());
    }

    // ---- random expressions against a BigInteger oracle ----

    record Generated(String text, BigInteger value, boolean overflow) {
    }

    static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static Generated gen(SplittableRandom rng, int depth) {
        int choice = depth == 0 ? rng.nextInt(3) : rng.nextInt(9);
        switch (choice) {
            case 0: {
                long v = rng.nextLong(0, rng.nextBoolean() ? 10 : 1L << 40);
                return new Generated(Long.toString(v), BigInteger.valueOf(v), false);
            }
            case 1: {
                String[] names = {"d", "K", "r"};
                String n = names[rng.nextInt(3)];
                return new Generated(n, BigInteger.valueOf(Q.scalar(n)), false);
            }
            case 2: {
                int i = rng.nextInt(1, 4);
                return new Generated("hidden(" + i + ")", BigInteger.valueOf(Q.table("hidden").get("hidden", i)), false);
            }
            case 3: {
                Generated a = gen(rng, depth - 1);
                return check(new Generated("-" + wrap(a), a.value().negate(), a.overflow()));
            }
            case 4: case 5: case 6: {
                Generated a = gen(rng, depth - 1);
                Generated b = gen(rng, depth - 1);
                char op = "+-*".charAt(choice - 4);
                BigInteger v = op == '+' ? a.value().add(b.value()) : op == '-' ? a.value().subtract(b.value())
                        : a.value().multiply(b.value());
                return check(new Generated(wrap(a) + " " + op + " " + wrap(b), v, a.overflow() || b.overflow()));
            }
            case 7: {
                Generated a = gen(rng, depth - 1);
                Generated b = gen(rng, depth - 1);
                boolean min = rng.nextBoolean();
                return new Generated((min ? "min(" : "max(") + a.text() + ", " + b.text() + ")",
                        min ? a.value().min(b.value()) : a.value().max(b.value()), a.overflow() || b.overflow());
            }
            default: {
                Generated a = gen(rng, depth - 1);
                Generated b = gen(rng, depth - 1);
                return new Generated(wrap(a) + " < " + wrap(b), a.value().compareTo(b.value()) < 0 ? BigInteger.ONE
                        : BigInteger.ZERO, a.overflow() || b.overflow());
            }
        }
    }

    static String wrap(Generated g) {
        return "(" + g.text() + ")";
    }

    static Generated check(Generated g) {
        boolean out = g.value().compareTo(MIN) < 0 || g.value().compareTo(MAX) > 0;
        return new Generated(g.text(), g.value(), g.overflow() || out);
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> 1000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomExpressionsMatchBigIntegerOracle(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < 50; k++) {
            Generated g = gen(rng, rng.nextInt(1, 6));
            Expression e;
            try {
                e = Expression.parse(g.text(), Q, "test");
            } catch (IllegalArgumentException constantOverflow) {
                // a subexpression without quantities is computed at parse time: its overflow is an error of the text
                assertTrue(g.overflow() && constantOverflow.getMessage().contains("overflows a 64-bit integer"),
                        g.text() + ": " + constantOverflow.getMessage());
                continue;
            }
            if (g.overflow()) {
                assertThrows(ArithmeticException.class, () -> e.evaluate(Q), g.text());
            } else {
                assertEquals(g.value().longValueExact(), e.evaluate(Q), g.text());
            }
        }
    }

    @Test
    void quantitiesRefuseDuplicatesAndUnknowns() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.builder().put("a", 1).table("a", 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Q.scalar("zz"));
        assertTrue(e.getMessage().startsWith("quantity (zz) is not defined here; known: [K, M, big, d"), e.getMessage());
        assertEquals(List.of("big", "d", "empty", "hidden", "K", "M", "r").size(), Q.names().size());
    }
}
