package org.hessrank.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hessrank.numeric.Float64Rank;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The float64 benchmark's matrix has the rank it claims, its file is what numpy reads, and it runs without numpy. */
class Float64BenchTest {
    @TempDir
    Path dir;

    @Test
    void theMatrixIsSymmetricOfTheStatedRankAndReproducible() {
        int n = 40;
        double[] a = Float64Bench.randomSymmetric(3, n, 25);
        assertArrayEquals(a, Float64Bench.randomSymmetric(3, n, 25));
        assertTrue(Float64Rank.isSymmetric(a, n));
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, m[i], 0, n);
        }
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getSingularValues();
        assertEquals(25, Float64Rank.numpyRank(s, n, n));
    }

    @Test
    void theRawFileIsLittleEndianRowMajor() throws Exception {
        double[] a = {1.5, -2, Math.PI, 0};
        Path f = dir.resolve("m.f64");
        Float64Bench.writeRaw(a, f);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(32, b.capacity());
        for (double v : a) {
            assertEquals(v, b.getDouble());
        }
    }

    @Test
    void withoutTheNumpyScriptHessrankStillRunsAndSaysWhy() throws Exception {
        Float64Bench.Result r = Float64Bench.run(5, 30, 1, dir.resolve("absent.py"), line -> { });
        assertEquals(1, r.timings().size());
        assertEquals(18, r.r());
        assertEquals(18, r.timings().get(0).rank());
        assertTrue(r.numpyNote().contains("absent.py"), r.numpyNote());
    }

    @Test
    void badSizesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Float64Bench.run(5, 1, 1, dir.resolve("x.py"), line -> { }));
        assertTrue(e.getMessage().contains("--float64 (1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Float64Bench.randomSymmetric(1, 4, 5));
        assertTrue(e.getMessage().contains("rank (5)"), e.getMessage());
    }
}
