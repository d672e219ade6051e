package org.hessrank.exact;

import java.math.BigInteger;

/**
 * Chinese remaindering: the integer with given residues modulo pairwise coprime moduli.
 * Cost O(k²) big-integer operations for k moduli (incremental Garner-style combination).
 */
public final class Crt {
    private Crt() {
    }

    /**
     * The unique x in [0, M) with x ≡ residues[i] (mod moduli[i]), M = ∏ moduli.
     *
     * @throws IllegalArgumentException if lengths differ, a modulus is < 2, or two moduli share a factor
     */
    public static BigInteger combine(long[] residues, long[] moduli) {
        if (residues.length != moduli.length) {
            throw new IllegalArgumentException("residues length (" + residues.length + ") must equal moduli length ("
                    + moduli.length + ")");
        }
        BigInteger x = BigInteger.ZERO;
        BigInteger m = BigInteger.ONE;
        for (int i = 0; i < moduli.length; i++) {
            if (moduli[i] < 2) {
                throw new IllegalArgumentException("modulus " + i + " (" + moduli[i] + ") must be >= 2");
            }
            BigInteger mi = BigInteger.valueOf(moduli[i]);
            if (!m.gcd(mi).equals(BigInteger.ONE)) {
                throw new IllegalArgumentException("modulus " + i + " (" + moduli[i] + ") must be coprime to the others");
            }
            BigInteger r = BigInteger.valueOf(Math.floorMod(residues[i], moduli[i]));
            // x' = x + m·t with t ≡ (r − x)·m⁻¹ (mod mi)
            BigInteger t = r.subtract(x).multiply(m.modInverse(mi)).mod(mi);
            x = x.add(m.multiply(t));
            m = m.multiply(mi);
        }
        return x;
    }

    /** As {@link #combine} but in the symmetric range (−M/2, M/2], for signed results. */
    public static BigInteger combineSigned(long[] residues, long[] moduli) {
        BigInteger x = combine(residues, moduli);
        BigInteger m = BigInteger.ONE;
        for (long mi : moduli) {
            m = m.multiply(BigInteger.valueOf(mi));
        }
        return x.shiftLeft(1).compareTo(m) > 0 ? x.subtract(m) : x;
    }
}
