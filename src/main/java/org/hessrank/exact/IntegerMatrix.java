package org.hessrank.exact;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.hipparchus.fraction.BigFraction;

/**
 * An immutable matrix of arbitrary-precision integers, stored row-major.
 *
 * <p>Factories copy their input; no method modifies this matrix. Dimensions may be zero
 * (0×n and n×0 matrices are valid and have rank 0).
 */
public final class IntegerMatrix {
    private final int rows;
    private final int cols;
    private final BigInteger[] entries;

    private IntegerMatrix(int rows, int cols, BigInteger[] entries) {
        this.rows = rows;
        this.cols = cols;
        this.entries = entries;
    }

    /** The rows×cols zero matrix. */
    public static IntegerMatrix zero(int rows, int cols) {
        checkDimensions(rows, cols);
        BigInteger[] e = new BigInteger[Math.multiplyExact(rows, cols)];
        Arrays.fill(e, BigInteger.ZERO);
        return new IntegerMatrix(rows, cols, e);
    }

    /** The n×n identity. */
    public static IntegerMatrix identity(int n) {
        checkDimensions(n, n);
        BigInteger[] e = new BigInteger[Math.multiplyExact(n, n)];
        Arrays.fill(e, BigInteger.ZERO);
        for (int i = 0; i < n; i++) {
            e[i * n + i] = BigInteger.ONE;
        }
        return new IntegerMatrix(n, n, e);
    }

    /**
     * A matrix from rows of {@code long}s.
     *
     * @throws NullPointerException if the array or a row is null
     * @throws IllegalArgumentException if rows have different lengths
     */
    public static IntegerMatrix of(long[][] values) {
        return ofRows(values, (row, i, e, at) -> {
            for (int j = 0; j < row.length; j++) {
                e[at + j] = BigInteger.valueOf(row[j]);
            }
        });
    }

    /**
     * A matrix from rows of {@link BigInteger}s.
     *
     * @throws NullPointerException naming the row and column of a null entry
     * @throws IllegalArgumentException if rows have different lengths
     */
    public static IntegerMatrix of(BigInteger[][] values) {
        return ofRows(values, (row, i, e, at) -> {
            for (int j = 0; j < row.length; j++) {
                e[at + j] = nonNull(row[j], i, j);
            }
        });
    }

    /**
     * A matrix of the given shape from row-major entries (copied).
     *
     * @throws IllegalArgumentException if {@code entries.length != rows*cols}
     */
    public static IntegerMatrix of(int rows, int cols, BigInteger[] entries) {
        checkDimensions(rows, cols);
        Objects.requireNonNull(entries, "entries");
        if (entries.length != (long) rows * cols) {
            throw lengthMismatch(entries.length, rows, cols);
        }
        BigInteger[] e = entries.clone();
        for (int k = 0; k < e.length; k++) {
            if (e[k] == null) {
                throw new NullPointerException("entry (" + (k / Math.max(cols, 1)) + ", " + (k % Math.max(cols, 1)) + ") is null");
            }
        }
        return new IntegerMatrix(rows, cols, e);
    }

    /**
     * An integer matrix with the same rank as a rational one: each row is multiplied by the
     * least common multiple of its denominators. Scaling a row by a nonzero constant keeps
     * the rank and the pivot positions, but not the determinant.
     *
     * <p>Cost: O(rows·cols) big-integer gcd operations.
     */
    public static IntegerMatrix ofRationalRows(BigFraction[][] values) {
        return ofRows(values, (row, i, e, at) -> {
            BigInteger lcm = BigInteger.ONE;
            for (int j = 0; j < row.length; j++) {
                BigInteger d = nonNull(row[j], i, j).getDenominator();
                lcm = lcm.divide(lcm.gcd(d)).multiply(d);
            }
            for (int j = 0; j < row.length; j++) {
                BigFraction f = row[j];
                e[at + j] = f.getNumerator().multiply(lcm.divide(f.getDenominator()));
            }
        });
    }

    /** Writes row {@code i} ({@code row}) into the row-major entries {@code e} from index {@code at}. */
    @FunctionalInterface
    private interface RowWriter<R> {
        void write(R row, int i, BigInteger[] e, int at);
    }

    /**
     * The frame of the rows-of-values factories: checks that {@code values} and its rows are
     * non-null and of one length, then lets {@code writer} fill each row. O(rows·cols) plus the
     * writer's cost.
     *
     * @throws NullPointerException if the array or a row is null
     * @throws IllegalArgumentException if rows have different lengths
     */
    private static <R> IntegerMatrix ofRows(R[] values, RowWriter<R> writer) {
        Objects.requireNonNull(values, "values");
        int cols = values.length == 0 ? 0 : rowLength(values[0], 0);
        BigInteger[] e = new BigInteger[Math.multiplyExact(values.length, cols)];
        for (int i = 0; i < values.length; i++) {
            checkRow(rowLength(values[i], i), cols, i);
            writer.write(values[i], i, e, i * cols);
        }
        return new IntegerMatrix(values.length, cols, e);
    }

    private static <T> T nonNull(T entry, int i, int j) {
        if (entry == null) {
            throw new NullPointerException("entry (" + i + ", " + j + ") is null");
        }
        return entry;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Entry (i, j), zero-based. */
    public BigInteger get(int i, int j) {
        Objects.checkIndex(i, rows);
        Objects.checkIndex(j, cols);
        return entries[i * cols + j];
    }

    /** A copy of the row-major entries. */
    public BigInteger[] toRowMajor() {
        return entries.clone();
    }

    /** A copy as rows of BigIntegers. */
    public BigInteger[][] toArray() {
        BigInteger[][] out = new BigInteger[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(entries, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** The transpose. Cost O(rows·cols). */
    public IntegerMatrix transpose() {
        BigInteger[] t = new BigInteger[entries.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = entries[i * cols + j];
            }
        }
        return new IntegerMatrix(cols, rows, t);
    }

    /** This times {@code other}. Cost O(rows·cols·other.cols) big-integer operations. */
    public IntegerMatrix multiply(IntegerMatrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("other.rows (" + other.rows + ") must equal cols (" + cols + ")");
        }
        int n = other.cols;
        BigInteger[] out = new BigInteger[Math.multiplyExact(rows, n)];
        Arrays.fill(out, BigInteger.ZERO);
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                BigInteger a = entries[i * cols + k];
                if (a.signum() == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    BigInteger b = other.entries[k * n + j];
                    if (b.signum() != 0) {
                        out[i * n + j] = out[i * n + j].add(a.multiply(b));
                    }
                }
            }
        }
        return new IntegerMatrix(rows, n, out);
    }

    /** This plus {@code other}. */
    public IntegerMatrix add(IntegerMatrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException("other shape (" + other.rows + "x" + other.cols
                    + ") must equal this shape (" + rows + "x" + cols + ")");
        }
        BigInteger[] out = new BigInteger[entries.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = entries[k].add(other.entries[k]);
        }
        return new IntegerMatrix(rows, cols, out);
    }

    /** The submatrix on the given rows and columns, in the given order. */
    public IntegerMatrix submatrix(int[] rowIndices, int[] colIndices) {
        BigInteger[] out = new BigInteger[Math.multiplyExact(rowIndices.length, colIndices.length)];
        for (int a = 0; a < rowIndices.length; a++) {
            int i = rowIndices[a];
            Objects.checkIndex(i, rows);
            for (int b = 0; b < colIndices.length; b++) {
                int j = colIndices[b];
                Objects.checkIndex(j, cols);
                out[a * colIndices.length + b] = entries[i * cols + j];
            }
        }
        return new IntegerMatrix(rowIndices.length, colIndices.length, out);
    }

    /**
     * The entries reduced into [0, p), row-major. Cost O(rows·cols) big-integer remainders.
     */
    public long[] residues(long p) {
        if (p < 2) {
            throw new IllegalArgumentException("modulus (" + p + ") must be >= 2");
        }
        BigInteger bp = BigInteger.valueOf(p);
        long[] out = new long[entries.length];
        IntStream range = IntStream.range(0, rows);
        if (entries.length > 1 << 16) {
            range = range.parallel();
        }
        range.forEach(i -> {
            for (int k = i * cols, end = k + cols; k < end; k++) {
                BigInteger v = entries[k];
                out[k] = v.bitLength() < 63 ? Math.floorMod(v.longValue(), p) : v.mod(bp).longValue();
            }
        });
        return out;
    }

    /** The largest bit length of any entry's absolute value (0 for the zero matrix). */
    public int maxBitLength() {
        int m = 0;
        for (BigInteger e : entries) {
            m = Math.max(m, e.bitLength());
        }
        return m;
    }

    /**
     * log2 of a bound on the absolute value of every minor of every size: the product over
     * rows of max(1, Euclidean row norm) (Hadamard's inequality). Cost O(rows·cols).
     */
    public double log2HadamardBound() {
        double total = 0;
        for (double v : log2RowNorms()) {
            total += Math.max(0, v);
        }
        return total;
    }

    /**
     * log2 of each row's Euclidean norm, rounded up (−∞ for a zero row). Entries below 2^500
     * are squared in double precision and the sum enlarged by a relative 2^-40, which covers the
     * rounding of up to 2^10 additions per ulp many times over; larger entries use exact
     * big-integer squares. Cost O(rows·cols).
     */
    public double[] log2RowNorms() {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = log2NormOf(i * cols, 1, cols);
        }
        return out;
    }

    /**
     * As {@link #log2RowNorms()} for the columns. The double sums are accumulated in one
     * row-major pass (the entries are read in memory order); a column with an entry of 2^500 or
     * more is summed again exactly.
     */
    public double[] log2ColumnNorms() {
        double[] sums = new double[cols];
        boolean[] huge = new boolean[cols];
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                BigInteger v = entries[base + j];
                if (v.bitLength() > 500) {
                    huge[j] = true;
                } else {
                    double d = v.doubleValue();
                    sums[j] += d * d;
                }
            }
        }
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            out[j] = huge[j] ? log2NormOf(j, cols, rows) : log2OfDoubleSum(sums[j], rows);
        }
        return out;
    }

    private double log2NormOf(int start, int stride, int count) {
        double sum = 0;
        boolean huge = false;
        for (int k = 0, idx = start; k < count; k++, idx += stride) {
            BigInteger v = entries[idx];
            if (v.bitLength() > 500) {
                huge = true;
                break;
            }
            double d = v.doubleValue();
            sum += d * d;
        }
        if (!huge) {
            return log2OfDoubleSum(sum, count);
        }
        BigInteger s = BigInteger.ZERO;
        for (int k = 0, idx = start; k < count; k++, idx += stride) {
            BigInteger v = entries[idx];
            s = s.add(v.multiply(v));
        }
        return log2(s) / 2 + 1e-9;
    }

    /** log2 of the square root of a double sum of {@code count} squares, rounded up (see {@link #log2RowNorms()}). */
    private static double log2OfDoubleSum(double sum, int count) {
        if (sum == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double slack = 1 + Math.ulp(1.0) * (count + 2) * 4;
        return (Math.log(sum * slack) / Math.log(2)) / 2 + 1e-12;
    }

    static double log2(BigInteger v) {
        if (v.signum() <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        int shift = Math.max(0, v.bitLength() - 60);
        return Math.log(v.shiftRight(shift).doubleValue()) / Math.log(2) + shift;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegerMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.entries, entries);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        return "IntegerMatrix[" + rows + "x" + cols + "]";
    }

    private static void checkDimensions(int rows, int cols) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows (" + rows + ") must be >= 0");
        }
        if (cols < 0) {
            throw new IllegalArgumentException("cols (" + cols + ") must be >= 0");
        }
    }

    /**
     * The error for row-major entries of the wrong length, shared by the exact package's
     * {@code (entries, rows, cols)} methods: names the length and rows·cols.
     */
    static IllegalArgumentException lengthMismatch(int length, int rows, int cols) {
        return new IllegalArgumentException("entries length (" + length + ") must be rows*cols (" + (long) rows * cols
                + ")");
    }

    private static int rowLength(Object row, int i) {
        if (row == null) {
            throw new NullPointerException("row " + i + " is null");
        }
        return java.lang.reflect.Array.getLength(row);
    }

    private static void checkRow(int length, int expected, int i) {
        if (length != expected) {
            throw new IllegalArgumentException("row " + i + " length (" + length + ") must equal row 0 length ("
                    + expected + ")");
        }
    }
}
