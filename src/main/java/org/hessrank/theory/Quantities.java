package org.hessrank.theory;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values of named architecture quantities at one instance, for {@link Expression}: scalars
 * (e.g. {@code d = 6}) and tables indexed by consecutive integers (e.g. {@code hidden(1..L−1)},
 * the hidden widths). Immutable; built with {@link #builder()}.
 */
public final class Quantities {
    /** A table {@code t(lo) … t(lo + values.length − 1)}; possibly empty. Immutable. */
    public static final class Table {
        private final int lo;
        private final long[] values;

        private Table(int lo, long[] values) {
            this.lo = lo;
            this.values = values.clone();
        }

        /** The first index. */
        public int lo() {
            return lo;
        }

        /** The last index ({@code lo − 1} if empty). */
        public int hi() {
            return lo + values.length - 1;
        }

        public int size() {
            return values.length;
        }

        /**
         * {@code t(i)}.
         *
         * @throws IllegalArgumentException naming the table if {@code i} is outside {@code lo..hi}
         */
        public long get(String name, long i) {
            if (i < lo || i > hi()) {
                throw new IllegalArgumentException(name + "(" + i + "): index " + i + " is outside " + lo + ".." + hi()
                        + " for this architecture");
            }
            return values[(int) (i - lo)];
        }

        /** The values, in index order (a copy). */
        public long[] values() {
            return values.clone();
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    private final Map<String, Long> scalars;
    private final Map<String, Table> tables;

    private Quantities(Map<String, Long> scalars, Map<String, Table> tables) {
        this.scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Scalar names to values, in insertion order (unmodifiable). */
    public Map<String, Long> scalars() {
        return scalars;
    }

    /** Table names to tables, in insertion order (unmodifiable). */
    public Map<String, Table> tables() {
        return tables;
    }

    /** Every name (scalars and tables), sorted. */
    public Set<String> names() {
        Set<String> s = new TreeSet<>(scalars.keySet());
        s.addAll(tables.keySet());
        return s;
    }

    /**
     * The scalar {@code name}.
     *
     * @throws IllegalArgumentException if there is no such scalar
     */
    public long scalar(String name) {
        Long v = scalars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("quantity (" + name + ") is not defined here; known: " + names());
        }
        return v;
    }

    /**
     * The table {@code name}.
     *
     * @throws IllegalArgumentException if there is no such table
     */
    public Table table(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("table (" + name + ") is not defined here; known: " + names());
        }
        return t;
    }

    /** One line {@code name=value …, table=[…]}, for reports. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        scalars.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        tables.forEach((k, t) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('(').append(t.lo())
                .append("..").append(t.hi()).append(")=").append(t));
        return sb.toString();
    }

    /** Collects quantities; a name may be given once. */
    public static final class Builder {
        private final Map<String, Long> scalars = new LinkedHashMap<>();
        private final Map<String, Table> tables = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String name, long value) {
            check(name);
            scalars.put(name, value);
            return this;
        }

        /** A table indexed {@code lo, lo + 1, …}. */
        public Builder table(String name, int lo, long... values) {
            check(name);
            tables.put(name, new Table(lo, Objects.requireNonNull(values, "values")));
            return this;
        }

        private void check(String name) {
            Objects.requireNonNull(name, "name");
            if (scalars.containsKey(name) || tables.containsKey(name)) {
                throw new IllegalArgumentException("quantity (" + name + ") given twice");
            }
        }

        public Quantities build() {
            return new Quantities(scalars, tables);
        }
    }
}
