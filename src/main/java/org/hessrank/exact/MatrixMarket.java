package org.hessrank.exact;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Reads and writes exact integer matrices in the NIST
 * <a href="https://math.nist.gov/MatrixMarket/formats.html">Matrix Market</a> exchange format.
 *
 * <h2>What is read</h2>
 *
 * A file is a header line, then any number of comment lines (starting with {@code %}) and blank
 * lines, then a size line, then the entries. Comment and blank lines are also accepted between
 * entries. Header keywords are case-insensitive; tokens are separated by spaces or tabs.
 *
 * <pre>
 * %%MatrixMarket matrix coordinate integer general
 * % a comment
 * 3 4 2            rows cols entries
 * 1 1 7            row col value (1-based), one entry per line
 * 3 4 -123456789012345678901234567890
 *
 * %%MatrixMarket matrix array integer general
 * 2 2              rows cols
 * 1                values in column-major order, one per line:
 * 3                (1,1) (2,1) (1,2) (2,2)
 * 2
 * 4
 * </pre>
 *
 * <ul>
 *   <li>format {@code coordinate} with field {@code integer} or {@code pattern} (every listed
 *       entry is 1), or format {@code array} with field {@code integer};
 *   <li>symmetry {@code general}; {@code symmetric} (square; only entries on or below the
 *       diagonal are stored, and the reader mirrors them); {@code skew-symmetric} (square; only
 *       entries strictly below the diagonal are stored, and (j, i) is set to the negated value).
 *       In array format a symmetric matrix stores the lower triangle column by column, a
 *       skew-symmetric one the strictly lower triangle. {@code pattern} may not be
 *       skew-symmetric;
 *   <li>values are integers of any size (optional sign, decimal digits).
 * </ul>
 *
 * Fields {@code real}, {@code double} and {@code complex}, symmetry {@code hermitian} and
 * object {@code vector} are refused: hessrank reads exact integer matrices only.
 *
 * <p>Malformed input throws {@link IllegalArgumentException} whose message names the source,
 * the line and the problem, for example {@code H.mtx line 7: entry row index (0) must be in
 * [1, 5]}. Refused cases include: a missing header, a missing size line, negative dimensions,
 * dimensions too large for a dense matrix in this JVM's heap, an index out of range, an upper
 * triangle entry in a symmetric file, a token that is not an integer, a wrong number of tokens
 * on a line, a duplicate coordinate entry, and fewer or more entries than declared.
 *
 * <h2>What is written</h2>
 *
 * The writer always writes symmetry {@code general} and field {@code integer}, with {@code \n}
 * line endings, in UTF-8 (the output is ASCII): {@link Layout#COORDINATE} lists only the
 * nonzero entries in row-major order; {@link Layout#ARRAY} lists every entry in column-major
 * order. The output is byte-for-byte deterministic, and {@code read(write(m)) == m}.
 *
 * <p>Cost: O(rows·cols) for both reading and writing (the matrix is dense in memory), plus the
 * cost of converting each value between decimal and binary. The matrix passed to a writer is
 * not modified (it is immutable).
 */
public final class MatrixMarket {
    /** How {@link #write} lays out the entries. */
    public enum Layout {
        /** {@code coordinate integer general}: one {@code row col value} line per nonzero entry. */
        COORDINATE,
        /** {@code array integer general}: every entry, one per line, in column-major order. */
        ARRAY
    }

    private static final String BANNER = "%%MatrixMarket";

    private MatrixMarket() {
    }

    // ------------------------------------------------------------------------------------ reading

    /**
     * Reads a matrix from a file (UTF-8; Matrix Market files are ASCII). Messages name the file
     * as given by {@code path.toString()}.
     *
     * @param path the file to read
     * @return the matrix, with symmetric and skew-symmetric storage expanded
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the content is malformed or not an integer matrix
     */
    public static IntegerMatrix read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (BufferedReader in = lenientReader(path)) {
            return read(in, Echo.value(path.toString()));
        }
    }

    /**
     * A UTF-8 reader whose bytes that are not UTF-8 become U+FFFD: accepted in % comments (Latin-1
     * text), refused with the line number elsewhere, instead of the JDK's "Input length = 1".
     */
    private static BufferedReader lenientReader(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(Echo.value(path.toString()) + " is a directory, not a Matrix Market file");
        }
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(path), utf8));
    }

    /**
     * Reads a matrix from a character stream, which is read to its end but not closed.
     *
     * @param reader the text to read
     * @param sourceName the name used in error messages, e.g. a file name
     * @return the matrix, with symmetric and skew-symmetric storage expanded
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the content is malformed or not an integer matrix
     */
    public static IntegerMatrix read(Reader reader, String sourceName) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        Parser parser = new Parser(in, sourceName);
        return parser.parse().dense(parser);
    }

    /**
     * A matrix as read, with its all-zero rows and columns removed: the same rank, and the same
     * nonzero minors. {@code rows} and {@code cols} are the declared dimensions.
     */
    public record Compressed(int rows, int cols, IntegerMatrix matrix) {
    }

    /**
     * Reads a matrix, keeping only its rows and columns that hold a nonzero entry. A coordinate
     * file is read sparsely (memory O(entries)), so a large, sparse declared size costs nothing; the
     * dense matrix built is only as large as the nonzero rows times the nonzero columns, and is
     * refused with its memory estimate when that would not fit ({@link Memory}).
     *
     * @throws IllegalArgumentException as {@link #read(Path)}, naming the file and line
     */
    public static Compressed readCompressed(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (BufferedReader in = lenientReader(path)) {
            Parser parser = new Parser(in, Echo.value(path.toString()));
            Entries e = parser.parse();
            return new Compressed(e.rows, e.cols, e.compressed(parser));
        }
    }

    /** The entries as read: sparse (coordinate) or dense (array), with symmetric storage expanded. */
    private static final class Entries {
        final int rows;
        final int cols;
        final int sizeLine;
        /** Coordinate entries by row * cols + col, or null. */
        final java.util.Map<Long, BigInteger> sparse;
        /** Array entries row-major, or null. */
        final BigInteger[] dense;

        Entries(int rows, int cols, int sizeLine, java.util.Map<Long, BigInteger> sparse, BigInteger[] dense) {
            this.rows = rows;
            this.cols = cols;
            this.sizeLine = sizeLine;
            this.sparse = sparse;
            this.dense = dense;
        }

        IntegerMatrix dense(Parser parser) {
            if (dense != null) {
                return IntegerMatrix.of(rows, cols, fill(dense));
            }
            parser.checkFitsInMemory(rows, cols, sizeLine, "");
            BigInteger[] e = new BigInteger[rows * cols];
            sparse.forEach((k, v) -> e[(int) (long) k] = v);
            return IntegerMatrix.of(rows, cols, fill(e));
        }

        IntegerMatrix compressed(Parser parser) {
            int[] rowAt = new int[rows];
            int[] colAt = new int[cols];
            java.util.Arrays.fill(rowAt, -1);
            java.util.Arrays.fill(colAt, -1);
            java.util.function.LongConsumer mark = k -> {
                rowAt[(int) (k / cols)] = 0;
                colAt[(int) (k % cols)] = 0;
            };
            if (dense != null) {
                for (int k = 0; k < dense.length; k++) {
                    if (dense[k] != null && dense[k].signum() != 0) {
                        mark.accept(k);
                    }
                }
            } else {
                sparse.forEach((k, v) -> {
                    if (v.signum() != 0) {
                        mark.accept(k);
                    }
                });
            }
            int r = number(rowAt);
            int c = number(colAt);
            parser.checkFitsInMemory(r, c, sizeLine, " (its nonzero rows and columns)");
            BigInteger[] e = new BigInteger[r * c];
            java.util.function.BiConsumer<Long, BigInteger> put = (k, v) -> {
                if (v != null && v.signum() != 0) {
                    e[rowAt[(int) (k / cols)] * c + colAt[(int) (k % cols)]] = v;
                }
            };
            if (dense != null) {
                for (int k = 0; k < dense.length; k++) {
                    put.accept((long) k, dense[k]);
                }
            } else {
                sparse.forEach(put);
            }
            return IntegerMatrix.of(r, c, fill(e));
        }

        /** Numbers the marked (0) slots 0, 1, ... in order; returns how many. */
        private static int number(int[] at) {
            int n = 0;
            for (int i = 0; i < at.length; i++) {
                if (at[i] == 0) {
                    at[i] = n++;
                }
            }
            return n;
        }

        private static BigInteger[] fill(BigInteger[] e) {
            for (int k = 0; k < e.length; k++) {
                if (e[k] == null) {
                    e[k] = BigInteger.ZERO;
                }
            }
            return e;
        }
    }

    private enum Symmetry {
        GENERAL, SYMMETRIC, SKEW_SYMMETRIC
    }

    /** One-shot parser; holds the line counter for messages. */
    private static final class Parser {
        private final BufferedReader in;
        private final String source;
        private int lineNumber;

        Parser(BufferedReader in, String source) {
            this.in = in;
            this.source = source;
        }

        IllegalArgumentException error(int line, String message) {
            return new IllegalArgumentException(source + " line " + line + ": " + message);
        }

        /** Refuses a header or data line with a byte that is not UTF-8 (decoded as U+FFFD). */
        void requireText(String line, int number) {
            if (line.indexOf('\uFFFD') >= 0) {
                throw error(number, "not UTF-8/ASCII text (a byte that is not UTF-8, at character "
                        + (line.indexOf('\uFFFD') + 1) + "; only % comment lines may hold other text)");
            }
        }

        /** The tokens of the next line that is neither blank nor a comment, or null at the end. */
        String[] nextDataLine() throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String t = line.strip();
                if (!t.isEmpty() && t.charAt(0) != '%') {
                    requireText(t, lineNumber);
                    return tokens(t);
                }
            }
            return null;
        }

        Entries parse() throws IOException {
            String header = in.readLine();
            lineNumber = 1;
            if (header == null) {
                throw error(1, "empty input: expected '" + BANNER + "' header");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1); // a UTF-8 byte order mark, as some editors write
            }
            requireText(header, 1);
            String[] h = tokens(header.strip());
            if (h.length == 0 || !h[0].equals(BANNER)) {
                throw error(1, "expected '" + BANNER + "' header, found '" + abbreviate(header.strip()) + "'");
            }
            if (h.length != 5) {
                throw error(1, "header must have 5 fields ('" + BANNER
                        + " matrix <format> <field> <symmetry>'), found " + h.length);
            }
            String object = h[1].toLowerCase(Locale.ROOT);
            String format = h[2].toLowerCase(Locale.ROOT);
            String field = h[3].toLowerCase(Locale.ROOT);
            String symmetryName = h[4].toLowerCase(Locale.ROOT);
            if (!object.equals("matrix")) {
                throw error(1, "object '" + h[1] + "' is not supported: expected 'matrix'");
            }
            boolean coordinate;
            switch (format) {
                case "coordinate" -> coordinate = true;
                case "array" -> coordinate = false;
                default -> throw error(1, "unknown format '" + h[2] + "': expected 'coordinate' or 'array'");
            }
            boolean pattern;
            switch (field) {
                case "integer" -> pattern = false;
                case "pattern" -> pattern = true;
                case "real", "double", "complex" -> throw error(1, "field '" + field
                        + "' is not supported: hessrank reads exact integer matrices");
                default -> throw error(1, "unknown field '" + h[3] + "': expected 'integer' or 'pattern'");
            }
            if (pattern && !coordinate) {
                throw error(1, "field 'pattern' is only valid with format 'coordinate'");
            }
            Symmetry symmetry;
            switch (symmetryName) {
                case "general" -> symmetry = Symmetry.GENERAL;
                case "symmetric" -> symmetry = Symmetry.SYMMETRIC;
                case "skew-symmetric" -> symmetry = Symmetry.SKEW_SYMMETRIC;
                case "hermitian" -> throw error(1, "symmetry 'hermitian' is not supported: it applies only to"
                        + " complex matrices, and hessrank reads exact integer matrices");
                default -> throw error(1, "unknown symmetry '" + h[4]
                        + "': expected 'general', 'symmetric' or 'skew-symmetric'");
            }
            if (pattern && symmetry == Symmetry.SKEW_SYMMETRIC) {
                throw error(1, "symmetry 'skew-symmetric' is not valid with field 'pattern'");
            }

            String[] size = nextDataLine();
            if (size == null) {
                throw error(lineNumber + 1, "unexpected end of input: expected the size line '"
                        + (coordinate ? "rows cols entries" : "rows cols") + "'");
            }
            int sizeLine = lineNumber;
            int expectedTokens = coordinate ? 3 : 2;
            if (size.length != expectedTokens) {
                throw error(sizeLine, "size line must have " + expectedTokens + " fields ("
                        + (coordinate ? "rows cols entries" : "rows cols") + "), found " + size.length);
            }
            int rows = dimension(size[0], "rows", sizeLine);
            int cols = dimension(size[1], "cols", sizeLine);
            if (symmetry != Symmetry.GENERAL && rows != cols) {
                throw error(sizeLine, symmetryName + " matrix must be square, got " + rows + " x " + cols);
            }
            if (!coordinate) {
                checkFitsInMemory(rows, cols, sizeLine, "");
            }
            long capacity = switch (symmetry) {
                case GENERAL -> (long) rows * cols;
                case SYMMETRIC -> (long) rows * (rows + 1) / 2;
                case SKEW_SYMMETRIC -> (long) rows * (rows - 1) / 2;
            };
            long declared;
            if (coordinate) {
                declared = count(size[2], sizeLine);
                if (declared > capacity) {
                    throw error(sizeLine, "entries (" + declared + ") must be <= " + capacity
                            + ", the number of positions a " + symmetryName + " " + rows + " x " + cols
                            + " matrix stores");
                }
                // a sparse entry (map node, key, value) takes about 128 bytes, twice when mirrored
                double bytes = 128.0 * declared * (symmetry == Symmetry.GENERAL ? 1 : 2);
                if (!Memory.fits(bytes)) {
                    throw error(sizeLine, "entries (" + declared + ") need about " + Memory.gib(bytes)
                            + " to read, more than " + Memory.describeAvailable());
                }
            } else {
                declared = capacity;
            }

            if (coordinate) {
                java.util.Map<Long, BigInteger> e = new java.util.HashMap<>();
                readCoordinate(e, rows, cols, declared, pattern, symmetry);
                return new Entries(rows, cols, sizeLine, e, null);
            }
            BigInteger[] e = new BigInteger[rows * cols];
            readArray(e, rows, cols, declared, symmetry);
            return new Entries(rows, cols, sizeLine, null, e);
        }

        private void readCoordinate(java.util.Map<Long, BigInteger> e, int rows, int cols, long declared,
                boolean pattern, Symmetry symmetry) throws IOException {
            int fields = pattern ? 2 : 3;
            for (long k = 0; k < declared; k++) {
                String[] t = nextDataLine();
                if (t == null) {
                    throw truncated(k, declared);
                }
                if (t.length != fields) {
                    throw error(lineNumber, "entry must have " + fields + " fields ("
                            + (pattern ? "row col" : "row col value") + "), found " + t.length);
                }
                int i = index(t[0], "row", rows);
                int j = index(t[1], "column", cols);
                BigInteger v = pattern ? BigInteger.ONE : value(t[2]);
                if (symmetry == Symmetry.SYMMETRIC && i < j) {
                    throw error(lineNumber, "entry (" + (i + 1) + ", " + (j + 1)
                            + ") lies above the diagonal: a symmetric file stores only the lower triangle");
                }
                if (symmetry == Symmetry.SKEW_SYMMETRIC && i <= j) {
                    throw error(lineNumber, "entry (" + (i + 1) + ", " + (j + 1) + ") lies "
                            + (i == j ? "on" : "above") + " the diagonal: a skew-symmetric file stores only the"
                            + " strictly lower triangle");
                }
                if (e.containsKey((long) i * cols + j)) {
                    throw error(lineNumber, "duplicate entry (" + (i + 1) + ", " + (j + 1) + ")");
                }
                e.put((long) i * cols + j, v);
                if (i != j && symmetry != Symmetry.GENERAL) {
                    e.put((long) j * cols + i, symmetry == Symmetry.SYMMETRIC ? v : v.negate());
                }
            }
            checkNoExtra(declared);
        }

        private void readArray(BigInteger[] e, int rows, int cols, long declared, Symmetry symmetry)
                throws IOException {
            long k = 0;
            for (int j = 0; j < cols; j++) {
                int first = switch (symmetry) {
                    case GENERAL -> 0;
                    case SYMMETRIC -> j;
                    case SKEW_SYMMETRIC -> j + 1;
                };
                for (int i = first; i < rows; i++, k++) {
                    String[] t = nextDataLine();
                    if (t == null) {
                        throw truncated(k, declared);
                    }
                    if (t.length != 1) {
                        throw error(lineNumber, "array entry must be a single value, found " + t.length + " fields");
                    }
                    put(e, cols, i, j, value(t[0]), symmetry);
                }
            }
            checkNoExtra(declared);
        }

        private static void put(BigInteger[] e, int cols, int i, int j, BigInteger v, Symmetry symmetry) {
            e[i * cols + j] = v;
            if (i != j) {
                if (symmetry == Symmetry.SYMMETRIC) {
                    e[j * cols + i] = v;
                } else if (symmetry == Symmetry.SKEW_SYMMETRIC) {
                    e[j * cols + i] = v.negate();
                }
            }
        }

        private IllegalArgumentException truncated(long found, long declared) {
            return error(lineNumber + 1, "unexpected end of input: found " + found + " of the " + declared
                    + " declared entries");
        }

        private void checkNoExtra(long declared) throws IOException {
            if (nextDataLine() != null) {
                throw error(lineNumber, "extra entry: the size line declared " + declared + " entries");
            }
        }

        private int dimension(String token, String role, int line) {
            BigInteger v = integer(token, role, line);
            if (v.signum() < 0) {
                throw error(line, role + " (" + v + ") must be >= 0");
            }
            if (v.bitLength() > 31) {
                throw error(line, role + " (" + v + ") must be <= " + Integer.MAX_VALUE);
            }
            return v.intValueExact();
        }

        private long count(String token, int line) {
            BigInteger v = integer(token, "entries", line);
            if (v.signum() < 0) {
                throw error(line, "entries (" + v + ") must be >= 0");
            }
            if (v.bitLength() > 63) {
                throw error(line, "entries (" + v + ") must be <= " + Long.MAX_VALUE);
            }
            return v.longValueExact();
        }

        void checkFitsInMemory(int rows, int cols, int line, String which) {
            long cells = (long) rows * cols;
            // two reference arrays (the parse buffer and the matrix's copy) of up to 8 bytes per entry,
            // and the elimination's copy of 8 bytes per entry
            double bytes = 24.0 * cells;
            if (cells > Integer.MAX_VALUE - 8) {
                throw error(line, "dimensions " + rows + " x " + cols + which + " have " + cells
                        + " entries, more than a dense matrix can hold (" + (Integer.MAX_VALUE - 8) + "; about "
                        + Memory.gib(bytes) + ")");
            }
            if (!Memory.fits(bytes)) {
                throw error(line, "dimensions " + rows + " x " + cols + which + " need about " + Memory.gib(bytes)
                        + " as a dense matrix, more than " + Memory.describeAvailable());
            }
        }

        private int index(String token, String role, int bound) {
            BigInteger v = integer(token, "entry " + role + " index", lineNumber);
            if (v.signum() <= 0 || v.compareTo(BigInteger.valueOf(bound)) > 0) {
                throw error(lineNumber, "entry " + role + " index (" + v + ") must be in [1, " + bound + "]");
            }
            return v.intValue() - 1;
        }

        private BigInteger value(String token) {
            return integer(token, "entry value", lineNumber);
        }

        private BigInteger integer(String token, String role, int line) {
            if (!isInteger(token)) {
                throw error(line, role + " '" + abbreviate(token) + "' is not an integer");
            }
            // up to 18 digits always fits in a long; Long.parseLong is much cheaper than new BigInteger
            return token.length() <= 18 ? BigInteger.valueOf(Long.parseLong(token)) : new BigInteger(token);
        }
    }

    /** Optional sign, then at least one ASCII digit, nothing else. */
    private static boolean isInteger(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int k = start; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Splits a stripped line on runs of spaces and tabs. */
    private static String[] tokens(String line) {
        if (line.isEmpty()) {
            return new String[0];
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>(4);
        int n = line.length();
        int k = 0;
        while (k < n) {
            while (k < n && Character.isWhitespace(line.charAt(k))) {
                k++;
            }
            int start = k;
            while (k < n && !Character.isWhitespace(line.charAt(k))) {
                k++;
            }
            if (k > start) {
                out.add(line.substring(start, k));
            }
        }
        return out.toArray(new String[0]);
    }

    private static String abbreviate(String s) {
        return Echo.value(s);
    }

    // ------------------------------------------------------------------------------------ writing

    /**
     * Writes {@code m} to a file atomically: the content goes to a new temporary file in the same
     * directory, which is flushed to disk and then renamed over {@code path}. If anything fails,
     * the temporary file is deleted and {@code path} is left as it was (absent, or with its old
     * content).
     *
     * @param m the matrix to write
     * @param path the file to create or replace
     * @param layout coordinate (nonzeros only) or array (every entry)
     * @throws IOException if writing or the atomic rename fails (including
     *     {@link java.nio.file.AtomicMoveNotSupportedException})
     */
    public static void write(IntegerMatrix m, Path path, Layout layout) throws IOException {
        write(m, path, layout, UnaryOperator.identity());
    }

    /** As {@link #write(IntegerMatrix, Path, Layout)}, with a hook around the writer (for tests). */
    static void write(IntegerMatrix m, Path path, Layout layout, UnaryOperator<Writer> wrap) throws IOException {
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(layout, "layout");
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path name = target.getFileName();
        if (dir == null || name == null) {
            throw new IllegalArgumentException("path (" + path + ") must name a file");
        }
        Path temp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException ex) {
                if (attempt >= 9) {
                    throw ex;
                }
            }
        }
        boolean done = false;
        try {
            try (FileChannel ch = channel;
                    Writer out = wrap.apply(new BufferedWriter(
                            Channels.newWriter(ch, StandardCharsets.UTF_8), 1 << 16))) {
                write(m, out, layout);
                out.flush();
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException suppressed) {
                    // the original failure matters more; the temp file name starts with '.'
                }
            }
        }
    }

    /**
     * Writes {@code m} to a character stream in the given layout (symmetry {@code general}). The
     * stream is flushed but not closed.
     *
     * @param m the matrix to write
     * @param writer where the text goes
     * @param layout coordinate (nonzeros only) or array (every entry)
     * @throws IOException if the stream fails
     */
    public static void write(IntegerMatrix m, Writer writer, Layout layout) throws IOException {
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(layout, "layout");
        int rows = m.rows();
        int cols = m.cols();
        BigInteger[] e = m.toRowMajor();
        StringBuilder sb = new StringBuilder(128);
        if (layout == Layout.COORDINATE) {
            long nonzeros = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (e[i * cols + j].signum() != 0) {
                        nonzeros++;
                    }
                }
            }
            writer.write(BANNER + " matrix coordinate integer general\n");
            writer.write(rows + " " + cols + " " + nonzeros + "\n");
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    BigInteger v = e[i * cols + j];
                    if (v.signum() != 0) {
                        sb.setLength(0);
                        sb.append(i + 1).append(' ').append(j + 1).append(' ').append(v).append('\n');
                        writer.append(sb);
                    }
                }
            }
        } else {
            writer.write(BANNER + " matrix array integer general\n");
            writer.write(rows + " " + cols + "\n");
            for (int j = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++) {
                    sb.setLength(0);
                    sb.append(e[i * cols + j]).append('\n');
                    writer.append(sb);
                }
            }
        }
        writer.flush();
    }
}
