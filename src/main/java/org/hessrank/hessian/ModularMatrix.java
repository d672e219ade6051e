package org.hessrank.hessian;

import java.util.Arrays;
import java.util.Objects;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Modulus;

/**
 * An immutable matrix of residues mod a prime p &lt; 2^62, row-major {@code long}s in [0, p).
 * Factories copy their input; {@link #toRowMajor()} returns a copy.
 */
public final class ModularMatrix {
    private final int rows;
    private final int cols;
    private final long prime;
    private final long[] entries;

    private ModularMatrix(int rows, int cols, long prime, long[] entries) {
        this.rows = rows;
        this.cols = cols;
        this.prime = prime;
        this.entries = entries;
    }

    /**
     * A matrix from residues (copied).
     *
     * @throws IllegalArgumentException on a bad shape or an entry outside [0, p)
     */
    public static ModularMatrix of(int rows, int cols, long prime, long[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("shape (" + rows + "x" + cols + ") must be non-negative");
        }
        if (rowMajor.length != (long) rows * cols) {
            throw new IllegalArgumentException("entries length (" + rowMajor.length + ") must be rows*cols ("
                    + ((long) rows * cols) + ")");
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (rowMajor[i] < 0 || rowMajor[i] >= prime) {
                throw new IllegalArgumentException("entry " + i + " (" + rowMajor[i] + ") must be in [0, " + prime + ")");
            }
        }
        return new ModularMatrix(rows, cols, prime, rowMajor.clone());
    }

    /** Without copying or checking; the caller hands over ownership. */
    static ModularMatrix wrap(int rows, int cols, long prime, long[] rowMajor) {
        return new ModularMatrix(rows, cols, prime, rowMajor);
    }

    /** {@code m mod p}. Cost O(rows·cols) remainders. */
    public static ModularMatrix reduce(IntegerMatrix m, Modulus modulus) {
        return new ModularMatrix(m.rows(), m.cols(), modulus.value(), m.residues(modulus.value()));
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long prime() {
        return prime;
    }

    public long get(int i, int j) {
        Objects.checkIndex(i, rows);
        Objects.checkIndex(j, cols);
        return entries[i * cols + j];
    }

    /** A copy of the row-major residues. */
    public long[] toRowMajor() {
        return entries.clone();
    }

    /** True if every entry is 0. */
    public boolean isZero() {
        for (long e : entries) {
            if (e != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModularMatrix m && m.rows == rows && m.cols == cols && m.prime == prime
                && Arrays.equals(m.entries, entries);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Long.hashCode(prime)) + Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        return "ModularMatrix[" + rows + "x" + cols + " mod " + prime + "]";
    }
}
