package org.hessrank.discover;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Searches integer formulas that reproduce measured ranks exactly: the pure search step of
 * {@code hessrank discover}, on a table of named integer quantities (one row per measured case)
 * and one measured rank per row. Immutable; {@link #run()} does not modify its inputs.
 *
 * <p><b>The formulas.</b> An <em>atom</em> is a named quantity (or, in the second stage,
 * {@code min(x, y)} of two quantities); a <em>monomial</em> is a product of at most
 * {@link #MAX_DEGREE} atoms; a <em>polynomial</em> is Σ cᵢ·monomialᵢ with integer coefficients cᵢ,
 * at most {@link Builder#maxTerms} terms, a constant allowed; a <em>piecewise</em> formula is
 * {@code min(c·m, polynomial)} with c ∈ {1, 2, 3} and m a monomial. The size of a formula counts
 * its atom occurrences, a constant term as 1, and {@code min(...)} as 1 more; coefficients are
 * free. All are expressions of the {@code hessrank conjecture} grammar.
 *
 * <p><b>The method.</b> Sizes 1, 2, … {@code maxSize} in turn; at each size, every set of
 * monomials of that total size (polynomials over the quantities, then with pairwise minima, then
 * piecewise) is tested for an exact fit. The test is exact linear algebra: fraction-free
 * elimination mod the prime 2³¹ − 1 on up to {@value #PROBE_ROWS} rows, incremental along the
 * enumeration, rejects almost every set in O(rows · terms); a set that passes is solved over ℚ
 * (Cramer's rule in {@code BigInteger} on independent rows), its coefficients must be integers,
 * and it must reproduce every row exactly in {@code BigInteger}. The search stops at the first
 * size where some formula fits: the simplest formulas are returned, never a larger one. A fit with
 * t coefficients counts only if the rows it fits (distinct rows; for piecewise formulas, each
 * branch's rows) number at least t + {@link Builder#margin} (default 5): overfitting guard.
 *
 * <p><b>Cost.</b> The number of monomial sets of size s grows like M^t for M monomials of degree ≤ 3
 * over the atoms; each costs O(rows · t) mod p. {@link Builder#budget} caps the sets tested (default
 * {@value #DEFAULT_BUDGET}); when it runs out the result says so ({@link Result#exhausted}) instead of
 * claiming that no formula fits.
 */
public final class FormulaSearch {
    /** Largest degree of a monomial. */
    public static final int MAX_DEGREE = 3;
    /** Rows of the modular filter. */
    static final int PROBE_ROWS = 12;
    /** Default cap on the monomial sets tested. */
    public static final long DEFAULT_BUDGET = 400_000_000L;
    /** Largest allowed {@code maxSize}. */
    public static final int MAX_SIZE = 12;
    /** Largest allowed {@code maxTerms}. */
    public static final int MAX_TERMS = 5;
    private static final long P = 2147483647L;
    /** Largest cost of a monomial in a sum of several terms (a cost-4 monomial stands alone). */
    private static final int MAX_TERM_COST = 3;

    /** x⁻¹ mod 2³¹ − 1 for x ≠ 0 (Fermat). */
    private static long inverse(long x) {
        long result = 1;
        long base = x;
        for (long e = P - 2; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = reduce(result * base);
            }
            base = reduce(base * base);
        }
        return result;
    }

    /** x mod 2³¹ − 1 for 0 ≤ x &lt; 2⁶³. */
    private static long reduce(long x) {
        x = (x & P) + (x >>> 31);
        x = (x & P) + (x >>> 31);
        return x >= P ? x - P : x;
    }

    /** One fitted formula. */
    public record Formula(String text, int size, int coefficients, int rowsFitted, boolean piecewise) {
        public Formula {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What the search found.
     *
     * @param formulas the fits at the smallest size that has any (empty: none up to maxSize)
     * @param size that size, or the largest size searched
     * @param exhausted true if the budget ran out before maxSize was searched completely
     * @param tested monomial sets tested
     * @param conflict if two rows have the same quantities but different ranks: their indices
     *     (no formula over these quantities can fit), else null
     * @param aliases quantities left out because they equal another on every row (name → kept name)
     * @param constants quantities left out because they are constant on the data (name → value)
     */
    public record Result(List<Formula> formulas, int size, boolean exhausted, long tested, int[] conflict,
            Map<String, String> aliases, Map<String, Long> constants) {
        public Result {
            formulas = List.copyOf(formulas);
            aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
            constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        }

        /** True if some formula fits. */
        public boolean found() {
            return !formulas.isEmpty();
        }
    }

    private final List<String> names;
    private final long[][] rows;
    private final long[] target;
    private final int maxSize;
    private final int maxTerms;
    private final int margin;
    private final long budget;
    private final boolean minima;
    private final boolean piecewise;

    private FormulaSearch(Builder b) {
        this.names = b.names;
        this.rows = b.rows;
        this.target = b.target;
        this.maxSize = b.maxSize;
        this.maxTerms = b.maxTerms;
        this.margin = b.margin;
        this.budget = b.budget;
        this.minima = b.minima;
        this.piecewise = b.piecewise;
    }

    /**
     * A search over the quantities {@code names}: {@code rows[i][j]} is quantity j in case i,
     * {@code ranks[i]} the rank measured in case i. The arrays are copied.
     *
     * @throws IllegalArgumentException if the shapes disagree, there are no rows or no names, or a
     *     name repeats
     */
    public static Builder over(List<String> names, long[][] rows, long[] ranks) {
        return new Builder(names, rows, ranks);
    }

    /** Settings of a search; every setter checks its value. */
    public static final class Builder {
        private final List<String> names;
        private final long[][] rows;
        private final long[] target;
        private int maxSize = 8;
        private int maxTerms = 4;
        private int margin = 5;
        private long budget = DEFAULT_BUDGET;
        private boolean minima = true;
        private boolean piecewise = true;

        private Builder(List<String> names, long[][] rows, long[] ranks) {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(ranks, "ranks");
            if (names.isEmpty()) {
                throw new IllegalArgumentException("names (0) must not be empty");
            }
            if (rows.length == 0 || rows.length != ranks.length) {
                throw new IllegalArgumentException("rows (" + rows.length + ") and ranks (" + ranks.length
                        + ") must have the same positive length");
            }
            if (names.stream().distinct().count() != names.size()) {
                throw new IllegalArgumentException("names (" + names + ") must be distinct");
            }
            this.names = List.copyOf(names);
            this.rows = new long[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].length != names.size()) {
                    throw new IllegalArgumentException("row " + i + " (" + rows[i].length + " values) must have "
                            + names.size() + " values");
                }
                this.rows[i] = rows[i].clone();
            }
            this.target = ranks.clone();
        }

        /** Largest formula size, 1..{@value FormulaSearch#MAX_SIZE} (default 8). */
        public Builder maxSize(int s) {
            if (s < 1 || s > MAX_SIZE) {
                throw new IllegalArgumentException("maxSize (" + s + ") must be in 1.." + MAX_SIZE);
            }
            maxSize = s;
            return this;
        }

        /** Most terms of a polynomial, 1..{@value FormulaSearch#MAX_TERMS} (default 4). */
        public Builder maxTerms(int t) {
            if (t < 1 || t > MAX_TERMS) {
                throw new IllegalArgumentException("maxTerms (" + t + ") must be in 1.." + MAX_TERMS);
            }
            maxTerms = t;
            return this;
        }

        /** Rows a fit needs beyond its coefficient count (default 5; 0 turns the guard off). */
        public Builder margin(int m) {
            if (m < 0) {
                throw new IllegalArgumentException("margin (" + m + ") must be >= 0");
            }
            margin = m;
            return this;
        }

        /** Most monomial sets tested (default {@value FormulaSearch#DEFAULT_BUDGET}). */
        public Builder budget(long b) {
            if (b < 1) {
                throw new IllegalArgumentException("budget (" + b + ") must be >= 1");
            }
            budget = b;
            return this;
        }

        /** Whether atoms include min(x, y) of two quantities (default true). */
        public Builder minima(boolean on) {
            minima = on;
            return this;
        }

        /** Whether min(c·m, polynomial) formulas are searched (default true). */
        public Builder piecewise(boolean on) {
            piecewise = on;
            return this;
        }

        public FormulaSearch build() {
            return new FormulaSearch(this);
        }

        /** {@code build().run()}. */
        public Result run() {
            return build().run();
        }
    }

    // ---------------------------------------------------------------- atoms and monomials

    /** A product of atoms (indices into the atom list, non-decreasing), with its values. */
    private record Mono(int[] atoms, long[] values, int cost) {
    }

    private List<String> atomText;
    private List<long[]> atomValues;
    private int baseAtoms;
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Map<String, Long> constants = new LinkedHashMap<>();
    private long tested;
    private boolean exhausted;

    /**
     * Runs the search.
     *
     * @return the simplest formulas that fit, or why none was found
     */
    public Result run() {
        int n = rows.length;
        int[] conflict = conflict();
        buildAtoms();
        if (conflict != null) {
            return new Result(List.of(), 0, false, 0, conflict, aliases, constants);
        }
        List<Mono> all = monomials(atomText.size());
        int[] everyRow = new int[n];
        for (int i = 0; i < n; i++) {
            everyRow[i] = i;
        }
        for (int s = 1; s <= maxSize; s++) {
            Map<String, Formula> found = new LinkedHashMap<>();
            polynomials(all, everyRow, target, s, null, found);
            if (piecewise && s >= 3) {
                piecewiseFits(all, s, found);
            }
            if (!found.isEmpty() || exhausted) {
                List<Formula> fs = new ArrayList<>(found.values());
                fs.sort((a, b) -> a.piecewise() != b.piecewise() ? Boolean.compare(a.piecewise(), b.piecewise())
                        : a.coefficients() != b.coefficients() ? Integer.compare(a.coefficients(), b.coefficients())
                        : a.text().length() - b.text().length());
                return new Result(fs.subList(0, Math.min(fs.size(), 8)), s, exhausted, tested, null, aliases,
                        constants);
            }
        }
        return new Result(List.of(), maxSize, false, tested, null, aliases, constants);
    }

    /** Two rows with equal quantities and different ranks, or null. */
    private int[] conflict() {
        Map<List<Long>, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            List<Long> key = Arrays.stream(rows[i]).boxed().toList();
            Integer j = seen.putIfAbsent(key, i);
            if (j != null && target[j] != target[i]) {
                return new int[] {j, i};
            }
        }
        return null;
    }

    private void buildAtoms() {
        atomText = new ArrayList<>();
        atomValues = new ArrayList<>();
        Map<List<Long>, String> seen = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            long[] v = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = rows[i][j];
            }
            if (Arrays.stream(v).allMatch(x -> x == v[0])) {
                constants.put(names.get(j), v[0]);
                continue;
            }
            String prev = seen.putIfAbsent(Arrays.stream(v).boxed().toList(), names.get(j));
            if (prev != null) {
                aliases.put(names.get(j), prev);
                continue;
            }
            atomText.add(names.get(j));
            atomValues.add(v);
        }
        baseAtoms = atomText.size();
        if (!minima) {
            return;
        }
        for (int a = 0; a < baseAtoms; a++) {
            for (int b = a + 1; b < baseAtoms; b++) {
                long[] v = new long[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = Math.min(atomValues.get(a)[i], atomValues.get(b)[i]);
                }
                if (seen.putIfAbsent(Arrays.stream(v).boxed().toList(), "") == null
                        && !Arrays.stream(v).allMatch(x -> x == v[0])) {
                    atomText.add("min(" + atomText.get(a) + ", " + atomText.get(b) + ")");
                    atomValues.add(v);
                }
            }
        }
    }

    /** The constant 1 and every product of 1..MAX_DEGREE of the first {@code atoms} atoms, distinct on the rows. */
    private List<Mono> monomials(int atoms) {
        List<Mono> out = new ArrayList<>();
        Map<List<Long>, Boolean> seen = new HashMap<>();
        long[] one = new long[rows.length];
        Arrays.fill(one, 1);
        out.add(new Mono(new int[0], one, 1));
        seen.put(Arrays.stream(one).boxed().toList(), true);
        grow(new int[0], one, 0, atoms, out, seen);
        out.sort((x, y) -> Integer.compare(x.cost(), y.cost()));
        return out;
    }

    private void grow(int[] prefix, long[] values, int from, int atoms, List<Mono> out, Map<List<Long>, Boolean> seen) {
        if (prefix.length == MAX_DEGREE) {
            return;
        }
        boolean hasMin = prefix.length > 0 && prefix[prefix.length - 1] >= baseAtoms;
        for (int a = from; a < atoms; a++) {
            if (hasMin) {
                break; // at most one min atom, and it comes last (atoms are non-decreasing)
            }
            long[] v = new long[rows.length];
            boolean ok = true;
            for (int i = 0; i < rows.length && ok; i++) {
                try {
                    v[i] = Math.multiplyExact(values[i], atomValues.get(a)[i]);
                    ok = Math.abs(v[i]) < (1L << 40);
                } catch (ArithmeticException e) {
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            int[] next = Arrays.copyOf(prefix, prefix.length + 1);
            next[prefix.length] = a;
            if (seen.putIfAbsent(Arrays.stream(v).boxed().toList(), true) == null
                    && !Arrays.stream(v).allMatch(x -> x == 0)) {
                out.add(new Mono(next, v, next.length + (a >= baseAtoms ? 1 : 0)));
            }
            grow(next, v, a, atoms, out, seen);
        }
    }

    // ---------------------------------------------------------------- polynomial fits

    /** An extra condition a fit on a subset of rows must meet (the other branch of a min). */
    private interface Check {
        boolean accepts(long[] coefficients, List<Mono> terms);
    }

    /**
     * Every polynomial of total size {@code size} over {@code monos} that fits {@code y} on
     * {@code rowSet} (and meets {@code extra}), into {@code found}.
     */
    private void polynomials(List<Mono> monos, int[] rowSet, long[] y, int size, Check extra,
            Map<String, Formula> found) {
        int distinct = distinctRows(rowSet);
        int[] probe = probeRows(rowSet);
        int r = probe.length;
        long[] yMod = new long[r];
        for (int i = 0; i < r; i++) {
            yMod[i] = Math.floorMod(y[probe[i]], P);
        }
        Enumeration e = new Enumeration(monos, rowSet, probe, y, distinct, extra, found, size);
        e.basis = new long[maxTerms + 1][r];
        e.pivot = new int[maxTerms + 1];
        e.yRed = new long[maxTerms + 1][r];
        e.yRed[0] = yMod;
        e.functional = new long[maxTerms + 1][r];
        e.mod = new long[monos.size()][r];
        for (int k = 0; k < monos.size(); k++) {
            for (int i = 0; i < r; i++) {
                e.mod[k][i] = Math.floorMod(monos.get(k).values()[probe[i]], P);
            }
        }
        e.chosen = new int[maxTerms];
        e.search(0, 0, size);
    }

    private int distinctRows(int[] rowSet) {
        java.util.Set<List<Long>> s = new java.util.HashSet<>();
        for (int i : rowSet) {
            s.add(Arrays.stream(rows[i]).boxed().toList());
        }
        return s.size();
    }

    /** Up to PROBE_ROWS rows of {@code rowSet} with distinct quantities, spread over it. */
    private int[] probeRows(int[] all) {
        java.util.Set<List<Long>> seen = new java.util.HashSet<>();
        int[] rowSet = Arrays.stream(all).filter(i -> seen.add(Arrays.stream(rows[i]).boxed().toList())).toArray();
        if (rowSet.length <= PROBE_ROWS) {
            return rowSet;
        }
        int[] out = new int[PROBE_ROWS];
        for (int i = 0; i < PROBE_ROWS; i++) {
            out[i] = rowSet[(int) ((long) i * rowSet.length / PROBE_ROWS)];
        }
        return out;
    }

    /** The depth-first enumeration of monomial sets with incremental modular elimination. */
    private final class Enumeration {
        final List<Mono> monos;
        final int[] rowSet;
        final int[] probe;
        final long[] y;
        final int distinct;
        final Check extra;
        final Map<String, Formula> found;
        final int size;
        long[][] basis;
        int[] pivot;
        long[][] yRed;
        long[][] mod;
        long[][] functional;
        int[] chosen;
        final java.util.SplittableRandom rng = new java.util.SplittableRandom(20261122L);

        Enumeration(List<Mono> monos, int[] rowSet, int[] probe, long[] y, int distinct, Check extra,
                Map<String, Formula> found, int size) {
            this.monos = monos;
            this.rowSet = rowSet;
            this.probe = probe;
            this.y = y;
            this.distinct = distinct;
            this.extra = extra;
            this.found = found;
            this.size = size;
        }

        void search(int depth, int from, int remaining) {
            if (remaining == 0) {
                if (depth > 0 && isZero(yRed[depth])) {
                    verify(depth);
                }
                return;
            }
            if (depth == maxTerms || exhausted || depth + 1 + margin > distinct) {
                return;
            }
            int r = probe.length;
            long[] v = basis[depth];
            // a random functional vanishing on span(chosen, y): the last term must be in that span
            boolean last = !isZero(yRed[depth]);
            long[] f = functional[depth];
            if (last) {
                annihilator(depth, f);
            }
            for (int k = from; k < monos.size(); k++) {
                Mono m = monos.get(k);
                if (m.cost() > remaining) {
                    break;
                }
                if (m.cost() > MAX_TERM_COST && !(depth == 0 && m.cost() == remaining)) {
                    continue; // a monomial with a minimum and three factors stands only alone
                }
                if (++tested > budget) {
                    exhausted = true;
                    return;
                }
                if (last && m.cost() == remaining) {
                    long[] mk = mod[k];
                    long acc = 0;
                    for (int i = 0; i < r; i++) {
                        acc = reduce(acc + reduce(f[i] * mk[i]));
                    }
                    if (acc != 0) {
                        continue; // not in span(chosen, y): y is not in span(chosen, this one)
                    }
                }
                System.arraycopy(mod[k], 0, v, 0, r);
                for (int j = 0; j < depth; j++) {
                    long[] b = basis[j];
                    long c = v[pivot[j]];
                    if (c != 0) {
                        long a = b[pivot[j]];
                        long nc = P - c;
                        for (int i = 0; i < r; i++) {
                            v[i] = reduce(v[i] * a + nc * b[i]);
                        }
                    }
                }
                int piv = -1;
                for (int i = 0; i < r && piv < 0; i++) {
                    if (v[i] != 0) {
                        piv = i;
                    }
                }
                if (piv < 0) {
                    continue; // dependent on the chosen monomials (on the probe rows)
                }
                pivot[depth] = piv;
                long[] yr = yRed[depth];
                long[] ny = yRed[depth + 1];
                long a = v[piv];
                long c = yr[piv];
                if (c == 0) {
                    System.arraycopy(yr, 0, ny, 0, r);
                } else {
                    long nc = P - c;
                    for (int i = 0; i < r; i++) {
                        ny[i] = reduce(yr[i] * a + nc * v[i]);
                    }
                }
                if (m.cost() == remaining && !isZero(ny)) {
                    continue; // the last term, and y is not in the span
                }
                chosen[depth] = k;
                search(depth + 1, k + 1, remaining - m.cost());
            }
        }

        /** f with f·b_j = 0 for the chosen basis vectors and f·y_red = 0; random off the pivots. */
        private void annihilator(int depth, long[] f) {
            int r = f.length;
            boolean[] isPivot = new boolean[r];
            int[] piv = new int[depth + 1];
            long[][] w = new long[depth + 1][];
            for (int j = 0; j < depth; j++) {
                piv[j] = pivot[j];
                w[j] = basis[j];
            }
            w[depth] = yRed[depth];
            int yp = 0;
            while (w[depth][yp] == 0) {
                yp++;
            }
            piv[depth] = yp;
            for (int j = 0; j <= depth; j++) {
                isPivot[piv[j]] = true;
            }
            for (int i = 0; i < r; i++) {
                f[i] = isPivot[i] ? 0 : 1 + Math.floorMod(rng.nextLong(), P - 1);
            }
            for (int j = depth; j >= 0; j--) {
                long acc = 0;
                for (int i = 0; i < r; i++) {
                    acc = reduce(acc + reduce(f[i] * w[j][i]));
                }
                // f[piv_j] was 0, so acc is the sum over the others; w[j][piv_j] != 0
                f[piv[j]] = reduce((P - acc) * inverse(w[j][piv[j]]));
            }
        }

        private boolean isZero(long[] v) {
            for (long x : v) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }

        /** The exact check of the monomials chosen[0..t): integer coefficients fitting every row. */
        private void verify(int t) {
            List<Mono> terms = new ArrayList<>();
            for (int j = 0; j < t; j++) {
                terms.add(monos.get(chosen[j]));
            }
            long[] coef = solve(terms, rowSet, y);
            if (coef == null || (extra != null && !extra.accepts(coef, terms))) {
                return;
            }
            for (long c : coef) {
                if (c == 0) {
                    return; // a smaller set fits: it is found at its own size
                }
            }
            String text = render(coef, terms);
            found.putIfAbsent(text, new Formula(text, size, t, rowSet.length, false));
        }
    }

    /**
     * The integer coefficients with Σ c_j·term_j = y on every row of {@code rowSet}, or null if there
     * are none. Exact: Cramer's rule in BigInteger on t independent rows, then every row checked.
     */
    private static long[] solve(List<Mono> terms, int[] rowSet, long[] y) {
        int t = terms.size();
        // pick t rows independent over Q (greedy, exact rank by fraction-free elimination)
        List<BigInteger[]> picked = new ArrayList<>();
        List<Integer> pickedRows = new ArrayList<>();
        List<BigInteger[]> echelon = new ArrayList<>();
        List<Integer> piv = new ArrayList<>();
        for (int i : rowSet) {
            if (picked.size() == t) {
                break;
            }
            BigInteger[] v = new BigInteger[t];
            for (int j = 0; j < t; j++) {
                v[j] = BigInteger.valueOf(terms.get(j).values()[i]);
            }
            BigInteger[] w = v.clone();
            for (int e = 0; e < echelon.size(); e++) {
                BigInteger[] b = echelon.get(e);
                int p = piv.get(e);
                if (w[p].signum() != 0) {
                    BigInteger a = b[p];
                    BigInteger c = w[p];
                    for (int j = 0; j < t; j++) {
                        w[j] = w[j].multiply(a).subtract(c.multiply(b[j]));
                    }
                }
            }
            int p = -1;
            for (int j = 0; j < t && p < 0; j++) {
                if (w[j].signum() != 0) {
                    p = j;
                }
            }
            if (p >= 0) {
                echelon.add(w);
                piv.add(p);
                picked.add(v);
                pickedRows.add(i);
            }
        }
        if (picked.size() < t) {
            return null;
        }
        BigInteger[][] a = picked.toArray(BigInteger[][]::new);
        BigInteger det = det(a);
        long[] coef = new long[t];
        for (int j = 0; j < t; j++) {
            BigInteger[][] aj = new BigInteger[t][];
            for (int i = 0; i < t; i++) {
                aj[i] = a[i].clone();
                aj[i][j] = BigInteger.valueOf(y[pickedRows.get(i)]);
            }
            BigInteger[] qr = det(aj).divideAndRemainder(det);
            if (qr[1].signum() != 0 || qr[0].bitLength() > 40) {
                return null;
            }
            coef[j] = qr[0].longValueExact();
        }
        for (int i : rowSet) {
            BigInteger s = BigInteger.ZERO;
            for (int j = 0; j < t; j++) {
                s = s.add(BigInteger.valueOf(coef[j]).multiply(BigInteger.valueOf(terms.get(j).values()[i])));
            }
            if (!s.equals(BigInteger.valueOf(y[i]))) {
                return null;
            }
        }
        return coef;
    }

    /** Determinant by cofactor expansion (t ≤ MAX_TERMS, so at most 5! products). */
    private static BigInteger det(BigInteger[][] a) {
        int n = a.length;
        if (n == 1) {
            return a[0][0];
        }
        BigInteger d = BigInteger.ZERO;
        for (int c = 0; c < n; c++) {
            if (a[0][c].signum() == 0) {
                continue;
            }
            BigInteger[][] minor = new BigInteger[n - 1][n - 1];
            for (int i = 1; i < n; i++) {
                for (int j = 0, k = 0; j < n; j++) {
                    if (j != c) {
                        minor[i - 1][k++] = a[i][j];
                    }
                }
            }
            BigInteger term = a[0][c].multiply(det(minor));
            d = c % 2 == 0 ? d.add(term) : d.subtract(term);
        }
        return d;
    }

    // ---------------------------------------------------------------- piecewise fits

    /** min(c·m, E) of total size {@code size}: c·m an upper bound reached on some rows, E fitted on the others. */
    private void piecewiseFits(List<Mono> monos, int size, Map<String, Formula> found) {
        int n = rows.length;
        for (Mono m : monos) {
            if (m.atoms().length == 0 || m.cost() > size - 2) {
                continue;
            }
            for (long c = 1; c <= 3; c++) {
                if (exhausted) {
                    return;
                }
                List<Integer> tight = new ArrayList<>();
                List<Integer> below = new ArrayList<>();
                boolean bound = true;
                for (int i = 0; i < n && bound; i++) {
                    long cm = c * m.values()[i];
                    if (target[i] > cm) {
                        bound = false;
                    } else if (target[i] == cm) {
                        tight.add(i);
                    } else {
                        below.add(i);
                    }
                }
                if (!bound || tight.isEmpty() || below.isEmpty() || distinctRows(toArray(tight)) < 1 + margin) {
                    continue;
                }
                long cc = c;
                int[] tightRows = toArray(tight);
                Check other = (coef, terms) -> {
                    for (int i : tightRows) {
                        long e = 0;
                        for (int j = 0; j < coef.length; j++) {
                            e += coef[j] * terms.get(j).values()[i];
                        }
                        if (e < cc * m.values()[i]) {
                            return false;
                        }
                    }
                    return true;
                };
                Map<String, Formula> inner = new LinkedHashMap<>();
                polynomials(monos, toArray(below), target, size - m.cost() - 1, other, inner);
                String first = (c == 1 ? "" : c + "*") + monoText(m);
                for (Formula f : inner.values()) {
                    String text = "min(" + first + ", " + f.text() + ")";
                    found.putIfAbsent(text, new Formula(text, size, f.coefficients() + 1, n, true));
                }
            }
        }
    }

    private static int[] toArray(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---------------------------------------------------------------- rendering

    private String monoText(Mono m) {
        if (m.atoms().length == 0) {
            return "1";
        }
        StringBuilder sb = new StringBuilder();
        for (int a : m.atoms()) {
            if (sb.length() > 0) {
                sb.append('*');
            }
            sb.append(atomText.get(a));
        }
        return sb.toString();
    }

    /** Σ c_j·term_j with a common atom factor and a common integer factor pulled out: q*(r + K - q). */
    private String render(long[] coef, List<Mono> terms) {
        int t = terms.size();
        // common atoms (multiset intersection)
        TreeMap<Integer, Integer> common = null;
        for (Mono m : terms) {
            TreeMap<Integer, Integer> c = new TreeMap<>();
            for (int a : m.atoms()) {
                c.merge(a, 1, Integer::sum);
            }
            if (common == null) {
                common = c;
            } else {
                common.keySet().retainAll(c.keySet());
                for (Map.Entry<Integer, Integer> e : common.entrySet()) {
                    e.setValue(Math.min(e.getValue(), c.get(e.getKey())));
                }
            }
        }
        long g = 0;
        for (long c : coef) {
            g = BigInteger.valueOf(g).gcd(BigInteger.valueOf(c)).longValue();
        }
        boolean allNegative = Arrays.stream(coef).allMatch(c -> c < 0);
        if (allNegative) {
            g = -g;
        }
        if (t == 1) {
            return (coef[0] == 1 ? "" : coef[0] == -1 ? "-" : coef[0] + "*") + monoText(terms.get(0));
        }
        // positive terms first, then by degree (highest first), then in enumeration order
        Integer[] order = new Integer[t];
        for (int j = 0; j < t; j++) {
            order[j] = j;
        }
        final long gg = g;
        Arrays.sort(order, (x, z) -> coef[x] / gg < 0 != coef[z] / gg < 0 ? (coef[x] / gg < 0 ? 1 : -1)
                : terms.get(x).atoms().length != terms.get(z).atoms().length
                        ? terms.get(z).atoms().length - terms.get(x).atoms().length : x - z);
        List<String> parts = new ArrayList<>();
        for (int j : order) {
            List<Integer> rest = new ArrayList<>();
            Map<Integer, Integer> drop = new HashMap<>(common);
            for (int a : terms.get(j).atoms()) {
                if (drop.getOrDefault(a, 0) > 0) {
                    drop.merge(a, -1, Integer::sum);
                } else {
                    rest.add(a);
                }
            }
            long c = coef[j] / g;
            String body = rest.stream().map(atomText::get).reduce((x, y) -> x + "*" + y).orElse(null);
            String term = body == null ? Long.toString(Math.abs(c)) : (Math.abs(c) == 1 ? "" : Math.abs(c) + "*") + body;
            parts.add((c < 0 ? "- " : "+ ") + term);
        }
        StringBuilder sum = new StringBuilder();
        for (String p : parts) {
            sum.append(sum.length() == 0 ? (p.startsWith("- ") ? "-" + p.substring(2) : p.substring(2)) : " " + p);
        }
        StringBuilder prefix = new StringBuilder();
        if (g != 1) {
            prefix.append(g == -1 ? "-" : g + "*");
        }
        for (Map.Entry<Integer, Integer> e : common.entrySet()) {
            for (int k = 0; k < e.getValue(); k++) {
                prefix.append(atomText.get(e.getKey())).append('*');
            }
        }
        if (prefix.length() == 0) {
            return sum.toString();
        }
        if (prefix.toString().equals("-")) {
            return "-(" + sum + ")";
        }
        return prefix + "(" + sum + ")";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FormulaSearch[%d rows, %d quantities, maxSize %d]", rows.length,
                names.size(), maxSize);
    }
}
