package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void densePathRefusesWhatItCannotBuildWithTheEstimate() {
        // p = 448·448: the p x p array does not fit a Java array; the message names p, the limit and the GiB
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Limits.requireDense(200_704, HessianRanks.Method.MODULAR)).getMessage();
        assertTrue(msg.contains("parameter count (200704)") && msg.contains("<= 46340") && msg.contains("2401.0 GiB")
                && !msg.contains("--"), msg); // the advice, which depends on the command, is the CLI's (cli.Advice)
        assertEquals(64.0 * 200_704 * 200_704, Limits.denseBytes(200_704, HessianRanks.Method.MODULAR));
        assertEquals(160.0 * 1000 * 1000, Limits.denseBytes(1000, HessianRanks.Method.BAREISS));
        Limits.requireDense(100, HessianRanks.Method.DETERMINISTIC);
        String big = assertThrows(IllegalArgumentException.class,
                () -> Limits.requireDense(1_000_000, HessianRanks.Method.MODULAR)).getMessage();
        assertTrue(big.contains("(1000000)") && big.contains("GiB"), big);
    }

    @Test
    void autoChoosesDenseUpToTheCrossoverAndMatrixFreeBeyond() {
        assertFalse(Limits.autoPicksMatrixFree(Limits.DENSE_AUTO_LIMIT));
        assertTrue(Limits.autoPicksMatrixFree(Limits.DENSE_AUTO_LIMIT + 1));
        assertTrue(Limits.autoPicksMatrixFree(250_500));
        Limits.requireMatrixFree(250_500, 3, 2);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Limits.requireMatrixFree(180_000, 20_000, 300)).getMessage();
        assertTrue(msg.contains("samples (20000)") && msg.contains("parameter count (180000)")
                && msg.contains("the matrix-free path") && msg.contains("GiB"), msg);
    }
}
