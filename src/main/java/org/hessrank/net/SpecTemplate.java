package org.hessrank.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spec templates with {@code {variables}}, as {@code hessrank sweep --arch} and
 * {@code hessrank conjecture --template} take them: {@code in({d}) -> dense({m}) -> dense({K})},
 * each variable given an integer range {@code name=lo..hi[:step]} ({@code --vary}). The one place
 * that finds, checks and substitutes the variables. Stateless; every method is O(text length).
 */
public final class SpecTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Pattern RANGE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(-?\\d+)\\.\\.(-?\\d+)(?::(\\d+))?");

    private SpecTemplate() {
    }

    /**
     * An inclusive integer range {@code lo, lo + step, …, ≤ hi} of one variable. Immutable.
     *
     * @param name the variable
     * @param lo the low end
     * @param hi the high end (≥ lo)
     * @param step ≥ 1
     */
    public record Range(String name, int lo, int hi, int step) {
        public Range {
            Objects.requireNonNull(name, "name");
            if (step < 1) {
                throw new IllegalArgumentException("--vary " + name + " step (" + step + ") must be >= 1");
            }
            if (hi < lo) {
                throw new IllegalArgumentException("--vary " + name + " range (" + lo + ".." + hi + ") must not be empty");
            }
        }

        /** {@code name=lo..hi} with step 1. */
        public static Range of(String name, int lo, int hi) {
            return new Range(name, lo, hi, 1);
        }

        /**
         * Parses {@code name=a..b} or {@code name=a..b:step} (blanks ignored).
         *
         * @throws IllegalArgumentException naming {@code --vary} and the text
         */
        public static Range parse(String text) {
            Matcher m = RANGE.matcher(text.replace(" ", ""));
            if (!m.matches()) {
                throw new IllegalArgumentException("--vary (" + text + ") must look like name=a..b or name=a..b:step");
            }
            try {
                return new Range(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        m.group(4) == null ? 1 : Integer.parseInt(m.group(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--vary (" + text + "): a bound or the step is beyond 2^31 - 1");
            }
        }

        /** Number of values: (hi − lo)/step + 1. */
        public long count() {
            return ((long) hi - lo) / step + 1;
        }

        /** Value k (0-based) of the range: lo + k·step. */
        public int value(long k) {
            return (int) (lo + k * step);
        }

        /** Whether {@code v} is one of the range's values. */
        public boolean contains(long v) {
            return v >= lo && v <= hi && (v - lo) % step == 0;
        }

        @Override
        public String toString() {
            return name + "=" + lo + ".." + hi + (step == 1 ? "" : ":" + step);
        }
    }

    /**
     * The ranges of {@code --vary} options, in order.
     *
     * @throws IllegalArgumentException for a malformed or empty range, or a variable given twice
     */
    public static Map<String, Range> ranges(Collection<String> vary) {
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (String v : vary) {
            Range r = Range.parse(v);
            if (ranges.put(r.name(), r) != null) {
                throw new IllegalArgumentException("--vary variable (" + r.name() + ") given twice");
            }
        }
        return ranges;
    }

    /** The variables {@code {name}} of {@code text}, in order of first occurrence. */
    public static Set<String> variables(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * Checks that every variable of the {@code texts} (option → text) has a range, and that every
     * range's variable occurs in one of them.
     *
     * @throws IllegalArgumentException naming the first variable without a range, or the first
     *     range whose variable occurs nowhere
     */
    public static void checkVariables(Map<String, String> texts, Set<String> ranged) {
        List<String> used = new ArrayList<>();
        for (String text : texts.values()) {
            for (String v : variables(text)) {
                if (!ranged.contains(v)) {
                    throw new IllegalArgumentException("template variable {" + v + "} has no --vary range");
                }
                used.add(v);
            }
        }
        for (String name : ranged) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("--vary variable (" + name + ") does not occur in "
                        + String.join(" or ", texts.keySet()));
            }
        }
    }

    /**
     * {@code text} with each {@code {name}} replaced by its value.
     *
     * @throws IllegalArgumentException if a variable has no value
     */
    public static String substitute(String text, Map<String, ? extends Number> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Number v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("template variable {" + m.group(1) + "} has no value");
            }
            m.appendReplacement(sb, Long.toString(v.longValue()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
