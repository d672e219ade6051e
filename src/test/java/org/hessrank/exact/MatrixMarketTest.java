package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hessrank.exact.MatrixMarket.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MatrixMarketTest {
    @TempDir
    Path dir;

    private static IntegerMatrix parse(String text) throws IOException {
        return MatrixMarket.read(new StringReader(text), "H.mtx");
    }

    private static IntegerMatrix m(long[][] rows) {
        return IntegerMatrix.of(rows);
    }

    private static void assertMalformed(String text, String expectedMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertEquals(expectedMessage, e.getMessage());
    }

    private static void assertMalformedAt(String text, int line, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        String prefix = "H.mtx line " + line + ": ";
        assertTrue(e.getMessage().startsWith(prefix), () -> "expected prefix '" + prefix + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    // ------------------------------------------------------------------------------ round trips

    static BigInteger randomEntry(SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0, 1 -> BigInteger.ZERO;
            case 2 -> BigInteger.valueOf(rnd.nextInt(-3, 4));
            case 3 -> BigInteger.valueOf(rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 4 -> BigInteger.valueOf(rnd.nextLong());
            case 5 -> {
                BigInteger v = new BigInteger(300 + rnd.nextInt(900), new java.util.Random(rnd.nextLong()));
                yield rnd.nextBoolean() ? v : v.negate();
            }
            default -> BigInteger.valueOf(rnd.nextLong(-1000, 1000));
        };
    }

    static IntegerMatrix randomMatrix(SplittableRandom rnd, int rows, int cols) {
        BigInteger[] e = new BigInteger[rows * cols];
        for (int k = 0; k < e.length; k++) {
            e[k] = randomEntry(rnd);
        }
        return IntegerMatrix.of(rows, cols, e);
    }

    private static String toText(IntegerMatrix m, Layout layout) throws IOException {
        StringWriter w = new StringWriter();
        MatrixMarket.write(m, w, layout);
        return w.toString();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void roundTripsRandomMatricesThroughWriters(Layout layout) throws IOException {
        SplittableRandom rnd = new SplittableRandom(0x6d74_7831L + layout.ordinal());
        int[][] shapes = {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {1, 7}, {7, 1}, {3, 3}, {4, 9}, {9, 4}, {12, 12}};
        for (int[] s : shapes) {
            for (int rep = 0; rep < 5; rep++) {
                IntegerMatrix a = randomMatrix(rnd, s[0], s[1]);
                String text = toText(a, layout);
                IntegerMatrix b = parse(text);
                assertEquals(a, b, () -> layout + " " + s[0] + "x" + s[1]);
                assertEquals(text, toText(b, layout), "output must be deterministic");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void roundTripsThroughFiles(Layout layout) throws IOException {
        SplittableRandom rnd = new SplittableRandom(77 + layout.ordinal());
        for (int[] s : new int[][] {{0, 3}, {3, 0}, {6, 8}}) {
            IntegerMatrix a = randomMatrix(rnd, s[0], s[1]);
            Path p = dir.resolve("m-" + s[0] + "x" + s[1] + ".mtx");
            MatrixMarket.write(a, p, layout);
            assertEquals(a, MatrixMarket.read(p));
            // overwriting an existing file works
            IntegerMatrix b = randomMatrix(rnd, s[1], s[0]);
            MatrixMarket.write(b, p, layout);
            assertEquals(b, MatrixMarket.read(p));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void roundTripsHugeEntries() throws IOException {
        BigInteger big = BigInteger.TEN.pow(400).add(BigInteger.valueOf(7));
        IntegerMatrix a = IntegerMatrix.of(new BigInteger[][] {{big, big.negate()}, {BigInteger.ZERO, big.pow(2)}});
        for (Layout layout : Layout.values()) {
            assertEquals(a, parse(toText(a, layout)));
        }
    }

    @Test
    void writesTheDocumentedFormat() throws IOException {
        IntegerMatrix a = m(new long[][] {{1, 0, -2}, {0, 3, 0}});
        assertEquals("%%MatrixMarket matrix coordinate integer general\n2 3 3\n1 1 1\n1 3 -2\n2 2 3\n",
                toText(a, Layout.COORDINATE));
        assertEquals("%%MatrixMarket matrix array integer general\n2 3\n1\n0\n0\n3\n-2\n0\n",
                toText(a, Layout.ARRAY));
    }

    // ------------------------------------------------------------------------- hand-written input

    @Test
    void readsGeneralCoordinateWithCommentsBlankLinesTabsAndCrLf() throws IOException {
        String text = "%%MatrixMarket MATRIX Coordinate Integer GENERAL\r\n"
                + "% a comment\r\n"
                + "\r\n"
                + "  2\t3   2\r\n"
                + "% between entries\r\n"
                + "1 3 +5\r\n"
                + "\r\n"
                + "2\t1\t-123456789012345678901234567890\r\n"
                + "% trailing comment\r\n";
        assertEquals(IntegerMatrix.of(new BigInteger[][] {
            {BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(5)},
            {new BigInteger("-123456789012345678901234567890"), BigInteger.ZERO, BigInteger.ZERO}}), parse(text));
    }

    @Test
    void toleratesAByteOrderMark() throws IOException {
        assertEquals(m(new long[][] {{4}}), parse("\uFEFF%%MatrixMarket matrix array integer general\n1 1\n4\n"));
    }

    @Test
    void readsArrayColumnMajor() throws IOException {
        String text = "%%MatrixMarket matrix array integer general\n2 3\n1\n2\n3\n4\n5\n6\n";
        assertEquals(m(new long[][] {{1, 3, 5}, {2, 4, 6}}), parse(text));
    }

    @Test
    void readsSymmetricCoordinate() throws IOException {
        String text = "%%MatrixMarket matrix coordinate integer symmetric\n3 3 4\n1 1 1\n2 1 2\n3 2 -3\n3 3 4\n";
        assertEquals(m(new long[][] {{1, 2, 0}, {2, 0, -3}, {0, -3, 4}}), parse(text));
    }

    @Test
    void readsSkewSymmetricCoordinate() throws IOException {
        String text = "%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 2\n2 1 5\n3 2 -7\n";
        assertEquals(m(new long[][] {{0, -5, 0}, {5, 0, 7}, {0, -7, 0}}), parse(text));
    }

    @Test
    void readsPatternGeneralAndSymmetric() throws IOException {
        assertEquals(m(new long[][] {{0, 1}, {1, 1}, {0, 0}}),
                parse("%%MatrixMarket matrix coordinate pattern general\n3 2 3\n1 2\n2 1\n2 2\n"));
        assertEquals(m(new long[][] {{1, 1}, {1, 0}}),
                parse("%%MatrixMarket matrix coordinate pattern symmetric\n2 2 2\n1 1\n2 1\n"));
    }

    @Test
    void readsSymmetricArrayLowerTriangleByColumns() throws IOException {
        // columns of the lower triangle: (1,1) (2,1) (3,1) | (2,2) (3,2) | (3,3)
        String text = "%%MatrixMarket matrix array integer symmetric\n3 3\n1\n2\n3\n4\n5\n6\n";
        assertEquals(m(new long[][] {{1, 2, 3}, {2, 4, 5}, {3, 5, 6}}), parse(text));
    }

    @Test
    void readsSkewSymmetricArrayStrictlyLowerTriangleByColumns() throws IOException {
        // (2,1) (3,1) | (3,2)
        String text = "%%MatrixMarket matrix array integer skew-symmetric\n3 3\n1\n2\n3\n";
        assertEquals(m(new long[][] {{0, -1, -2}, {1, 0, -3}, {2, 3, 0}}), parse(text));
    }

    @Test
    void readsEmptyShapes() throws IOException {
        assertEquals(IntegerMatrix.zero(0, 4), parse("%%MatrixMarket matrix coordinate integer general\n0 4 0\n"));
        assertEquals(IntegerMatrix.zero(4, 0), parse("%%MatrixMarket matrix array integer general\n4 0\n"));
        assertEquals(IntegerMatrix.zero(0, 0), parse("%%MatrixMarket matrix array integer symmetric\n0 0\n"));
        assertEquals(IntegerMatrix.zero(3, 3), parse("%%MatrixMarket matrix coordinate integer general\n3 3 0\n"));
    }

    @Test
    void keepsExplicitZeros() throws IOException {
        assertEquals(IntegerMatrix.zero(2, 2),
                parse("%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 2 0\n"));
    }

    // ------------------------------------------------------------------------------- bad input

    private static final String COORD = "%%MatrixMarket matrix coordinate integer general\n";

    @Test
    void refusesMissingOrBadHeader() {
        assertMalformed("", "H.mtx line 1: empty input: expected '%%MatrixMarket' header");
        assertMalformed("hello\n1 1\n", "H.mtx line 1: expected '%%MatrixMarket' header, found 'hello'");
        assertMalformed("\n%%MatrixMarket matrix array integer general\n",
                "H.mtx line 1: expected '%%MatrixMarket' header, found ''");
        assertMalformedAt("%%MatrixMarket matrix coordinate integer\n1 1 0\n", 1, "header must have 5 fields");
        assertMalformedAt("%%MatrixMarket vector coordinate integer general\n", 1, "object 'vector'");
        assertMalformedAt("%%MatrixMarket matrix sparse integer general\n", 1, "unknown format 'sparse'");
        assertMalformedAt("%%MatrixMarket matrix coordinate rational general\n", 1, "unknown field 'rational'");
        assertMalformedAt("%%MatrixMarket matrix coordinate integer upper\n", 1, "unknown symmetry 'upper'");
    }

    @Test
    void refusesRealAndComplexFields() {
        assertMalformed("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 1.0\n",
                "H.mtx line 1: field 'real' is not supported: hessrank reads exact integer matrices");
        assertMalformed("%%MatrixMarket matrix array complex general\n1 1\n1 0\n",
                "H.mtx line 1: field 'complex' is not supported: hessrank reads exact integer matrices");
        assertMalformedAt("%%MatrixMarket matrix coordinate integer hermitian\n", 1, "symmetry 'hermitian'");
        assertMalformedAt("%%MatrixMarket matrix array pattern general\n", 1, "'pattern' is only valid");
        assertMalformedAt("%%MatrixMarket matrix coordinate pattern skew-symmetric\n", 1, "not valid with field");
    }

    @Test
    void refusesBadSizeLine() {
        assertMalformed(COORD + "% only comments\n\n",
                "H.mtx line 4: unexpected end of input: expected the size line 'rows cols entries'");
        assertMalformedAt(COORD + "3 3\n", 2, "size line must have 3 fields");
        assertMalformedAt("%%MatrixMarket matrix array integer general\n3 3 9\n", 2, "size line must have 2 fields");
        assertMalformed(COORD + "% c\n-1 3 0\n", "H.mtx line 3: rows (-1) must be >= 0");
        assertMalformed(COORD + "3 -2 0\n", "H.mtx line 2: cols (-2) must be >= 0");
        assertMalformed(COORD + "3 3 -1\n", "H.mtx line 2: entries (-1) must be >= 0");
        assertMalformed(COORD + "3000000000 1 0\n", "H.mtx line 2: rows (3000000000) must be <= 2147483647");
        assertMalformedAt(COORD + "100000 100000 0\n", 2, "more than a dense matrix can hold");
        // fits in an int array but not in any reasonable heap: refused up front, not an OutOfMemoryError
        if (Runtime.getRuntime().maxMemory() < 16L * 46000 * 46000) {
            assertMalformedAt(COORD + "46000 46000 0\n", 2, "GiB as a dense matrix, more than");
        }
        assertMalformedAt(COORD + "3 x 0\n", 2, "cols 'x' is not an integer");
        assertMalformedAt(COORD + "2 2 5\n", 2, "entries (5) must be <= 4");
        assertMalformedAt("%%MatrixMarket matrix coordinate integer symmetric\n3 3 7\n", 2, "entries (7) must be <= 6");
        assertMalformedAt("%%MatrixMarket matrix coordinate integer symmetric\n3 4 1\n", 2,
                "symmetric matrix must be square, got 3 x 4");
        assertMalformedAt("%%MatrixMarket matrix array integer skew-symmetric\n2 1\n", 2, "must be square");
    }

    @Test
    void refusesIndexOutOfRange() {
        String text = COORD + "% a\n% b\n5 5 3\n1 1 1\n2 2 1\n0 3 1\n";
        assertMalformed(text, "H.mtx line 7: entry row index (0) must be in [1, 5]");
        assertMalformed(COORD + "5 4 1\n1 5 1\n", "H.mtx line 3: entry column index (5) must be in [1, 4]");
        assertMalformed(COORD + "5 4 1\n99999999999999999999 1 1\n",
                "H.mtx line 3: entry row index (99999999999999999999) must be in [1, 5]");
    }

    @Test
    void refusesNonIntegerTokens() {
        assertMalformed(COORD + "2 2 1\n1 1 1.5\n", "H.mtx line 3: entry value '1.5' is not an integer");
        assertMalformed(COORD + "2 2 1\n1 1 1e3\n", "H.mtx line 3: entry value '1e3' is not an integer");
        assertMalformed(COORD + "2 2 1\n1 1 -\n", "H.mtx line 3: entry value '-' is not an integer");
        assertMalformed(COORD + "2 2 1\na 1 1\n", "H.mtx line 3: entry row index 'a' is not an integer");
        assertMalformed("%%MatrixMarket matrix array integer general\n1 2\n7\n0x10\n",
                "H.mtx line 4: entry value '0x10' is not an integer");
    }

    @Test
    void refusesWrongTokenCounts() {
        assertMalformedAt(COORD + "2 2 1\n1 1\n", 3, "entry must have 3 fields (row col value), found 2");
        assertMalformedAt(COORD + "2 2 1\n1 1 1 1\n", 3, "found 4");
        assertMalformedAt("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 1\n", 3,
                "entry must have 2 fields (row col), found 3");
        assertMalformedAt("%%MatrixMarket matrix array integer general\n2 1\n1 2\n", 3, "single value");
    }

    @Test
    void refusesTruncatedInput() {
        assertMalformed(COORD + "3 3 3\n1 1 1\n2 2 2\n% end\n",
                "H.mtx line 6: unexpected end of input: found 2 of the 3 declared entries");
        assertMalformed("%%MatrixMarket matrix array integer general\n2 2\n1\n2\n3\n",
                "H.mtx line 6: unexpected end of input: found 3 of the 4 declared entries");
        assertMalformedAt("%%MatrixMarket matrix array integer symmetric\n3 3\n1\n2\n3\n4\n5\n", 8,
                "found 5 of the 6 declared entries");
    }

    @Test
    void refusesExtraEntries() {
        assertMalformed(COORD + "3 3 1\n1 1 1\n\n2 2 2\n",
                "H.mtx line 5: extra entry: the size line declared 1 entries");
        assertMalformedAt("%%MatrixMarket matrix array integer general\n1 2\n1\n2\n3\n", 5, "extra entry");
        assertMalformedAt("%%MatrixMarket matrix array integer general\n0 0\n0\n", 3, "extra entry");
    }

    @Test
    void refusesDuplicateEntries() {
        assertMalformed(COORD + "5 5 3\n3 4 1\n1 1 1\n3 4 2\n", "H.mtx line 5: duplicate entry (3, 4)");
        assertMalformedAt("%%MatrixMarket matrix coordinate pattern general\n2 2 2\n2 1\n2 1\n", 4,
                "duplicate entry (2, 1)");
    }

    @Test
    void refusesEntriesOutsideTheStoredTriangle() {
        assertMalformed("%%MatrixMarket matrix coordinate integer symmetric\n3 3 1\n1 2 5\n",
                "H.mtx line 3: entry (1, 2) lies above the diagonal: a symmetric file stores only the lower triangle");
        assertMalformedAt("%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 1\n2 2 5\n", 3,
                "entry (2, 2) lies on the diagonal");
        assertMalformedAt("%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 1\n1 3 5\n", 3,
                "entry (1, 3) lies above the diagonal");
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> MatrixMarket.read(dir.resolve("absent.mtx")));
    }

    @Test
    void messagesNameTheFile() throws IOException {
        Path p = dir.resolve("H.mtx");
        Files.writeString(p, COORD + "2 2 1\n1 1 x\n", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixMarket.read(p));
        assertEquals(p + " line 3: entry value 'x' is not an integer", e.getMessage());
    }

    // ------------------------------------------------------------------------- failed writes

    /** A writer that fails once more than {@code limit} characters have been written. */
    private static Writer failingAfter(Writer w, int limit) {
        return new FilterWriter(w) {
            private int written;

            private void count(int n) throws IOException {
                written += n;
                if (written > limit) {
                    throw new IOException("disk full (simulated)");
                }
            }

            @Override
            public void write(int c) throws IOException {
                count(1);
                super.write(c);
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                count(len);
                super.write(cbuf, off, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                count(len);
                super.write(str, off, len);
            }
        };
    }

    private List<String> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void failedWriteLeavesNoFile(Layout layout) throws IOException {
        IntegerMatrix a = randomMatrix(new SplittableRandom(5), 20, 20);
        Path p = dir.resolve("out.mtx");
        IOException e = assertThrows(IOException.class,
                () -> MatrixMarket.write(a, p, layout, w -> failingAfter(w, 200)));
        assertEquals("disk full (simulated)", e.getMessage());
        assertFalse(Files.exists(p));
        assertEquals(List.of(), listDir(), "no partial or temporary file");
    }

    @Test
    void failedWriteKeepsTheOldFile() throws IOException {
        Path p = dir.resolve("keep.mtx");
        IntegerMatrix old = m(new long[][] {{1, 2}, {3, 4}});
        MatrixMarket.write(old, p, Layout.ARRAY);
        byte[] before = Files.readAllBytes(p);
        IntegerMatrix a = randomMatrix(new SplittableRandom(6), 20, 20);
        assertThrows(IOException.class, () -> MatrixMarket.write(a, p, Layout.COORDINATE, w -> failingAfter(w, 50)));
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(List.of("keep.mtx"), listDir());
    }

    @Test
    void failedRuntimeExceptionDuringWriteLeavesNoFile() throws IOException {
        Path p = dir.resolve("rt.mtx");
        assertThrows(IllegalStateException.class, () -> MatrixMarket.write(IntegerMatrix.identity(3), p,
                Layout.ARRAY, w -> new FilterWriter(w) {
                    @Override
                    public void write(String str, int off, int len) {
                        throw new IllegalStateException("boom");
                    }
                }));
        assertEquals(List.of(), listDir());
    }

    @Test
    void writingIntoMissingDirectoryFailsWithoutCreatingAnything() throws IOException {
        Path p = dir.resolve("no-such-dir").resolve("x.mtx");
        assertThrows(NoSuchFileException.class, () -> MatrixMarket.write(IntegerMatrix.identity(2), p, Layout.ARRAY));
        assertEquals(List.of(), listDir());
    }

    @Test
    void failedRenameOverADirectoryLeavesNoTempFile() throws IOException {
        Path p = dir.resolve("target");
        Files.createDirectory(p);
        Files.writeString(p.resolve("inside"), "x");
        assertThrows(IOException.class, () -> MatrixMarket.write(IntegerMatrix.identity(2), p, Layout.ARRAY));
        assertEquals(List.of("target"), listDir());
        assertEquals("x", Files.readString(p.resolve("inside")));
    }

    /** A sparse file is read sparsely; its zero rows and columns are dropped before anything dense is built. */
    @Test
    void readsLargeSparseFilesCompressed() throws IOException {
        Path f = dir.resolve("big.mtx");
        Files.writeString(f, "%%MatrixMarket matrix coordinate integer symmetric\n28000 28000 3\n"
                + "5 5 3\n900 7 -2\n27000 5 0\n", StandardCharsets.UTF_8);
        MatrixMarket.Compressed c = MatrixMarket.readCompressed(f);
        assertEquals(28000, c.rows());
        assertEquals(28000, c.cols());
        // nonzero rows and columns: 5, 7, 900 (the explicit zero at (27000, 5) and its mirror count as zero)
        assertEquals(IntegerMatrix.of(new long[][] {{3, 0, 0}, {0, 0, -2}, {0, -2, 0}}), c.matrix());
        // the same file read densely is refused with its estimate, not an OutOfMemoryError
        if (Memory.available() < 24L * 28000 * 28000) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixMarket.read(f));
            assertTrue(e.getMessage().contains("28000 x 28000 need about") && e.getMessage().contains("GiB"),
                    e.getMessage());
        }
        // a declared entry count far beyond memory is refused before reading
        Path g = dir.resolve("many.mtx");
        Files.writeString(g, "%%MatrixMarket matrix coordinate integer general\n2000000000 2000000000 "
                + "4000000000000000000\n1 1 1\n", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixMarket.readCompressed(g));
        assertTrue(e.getMessage().contains("entries (4000000000000000000) need about"), e.getMessage());
    }

    @Test
    void compressesArrayFilesToo() throws IOException {
        Path f = dir.resolve("a.mtx");
        Files.writeString(f, "%%MatrixMarket matrix array integer general\n2 3\n0\n0\n4\n0\n0\n5\n",
                StandardCharsets.UTF_8);
        MatrixMarket.Compressed c = MatrixMarket.readCompressed(f);
        assertEquals(IntegerMatrix.of(new long[][] {{4, 0}, {0, 5}}), c.matrix());
        assertEquals(2, c.rows());
        assertEquals(3, c.cols());
    }
}
