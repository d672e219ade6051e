package org.hessrank.hessian;

import java.math.BigInteger;
import org.hessrank.net.LoweredNetwork;

import java.util.Locale;
import org.hessrank.exact.CompressedRank;
import org.hessrank.exact.Memory;

/**
 * The one owner of hessrank's size and memory limits. No parser or architecture refuses a net for
 * its size; each path refuses what it cannot do, with the memory estimate in the message:
 * <ul>
 *   <li>dense Hessians need a p × p array per part: p ≤ {@link Hessians#MAX_DENSE_PARAMETERS}
 *       (p² &lt; 2^31) and {@link #denseBytes} within the heap ({@link #requireDense});</li>
 *   <li>the matrix-free path needs the Jacobian (N·K·p, twice) and two blocks of vectors
 *       ({@link #matrixFreeBytes}, {@link #requireMatrixFree}), and holds at most
 *       {@link #matrixFreeMaxRows} vectors of length p;</li>
 *   <li>{@link #autoPicksMatrixFree}: the dense modular path up to
 *       {@link #DENSE_AUTO_LIMIT} parameters (the measured crossover, docs/scale.md) when it fits the heap.</li>
 * </ul>
 * Memory is {@link Memory#available()}: the smaller of the JVM's heap and the machine's physical
 * memory; a path is refused when its estimate exceeds 90% of it. A point's own memory (inputs,
 * targets and the forward values of every sample, {@link #pointBytes}) and the number of stages
 * ({@link #MAX_STAGES}) are checked before any point is drawn ({@link #requirePoint}). Every method is O(1) and throws {@link IllegalArgumentException} naming p and the estimate.
 */
public final class Limits {
    /** Largest p for which the automatic choice uses the dense modular path (measured crossover, docs/scale.md). */
    public static final int DENSE_AUTO_LIMIT = 2500;

    private static final double GIB = 1L << 30;

    private Limits() {
    }

    /**
     * Bytes of the three dense parts: 8·8·p² mod a prime (residues and the elimination's copy), about
     * 160·p² over ℤ (BigInteger entries).
     */
    public static double denseBytes(int p, HessianRanks.Method method) {
        double perEntry = method == HessianRanks.Method.MODULAR ? 8 * 8 : 3 * 48 + 16;
        return perEntry * p * (double) p;
    }

    /** Bytes the matrix-free path holds whatever the rank: the Jacobian N·K·p twice and two blocks of vectors. */
    public static double matrixFreeBytes(int p, int samples, int outputs) {
        return 16.0 * samples * (double) outputs * p + 4.0 * 8 * CompressedRank.DEFAULT_BLOCK * p;
    }

    /** The most vectors of length p the matrix-free path may hold: 70% of the heap in 8-byte entries. */
    public static int matrixFreeMaxRows(int p) {
        long maxRows = (long) (0.7 * Memory.available() / (8.0 * p));
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    /**
     * Refuses dense Hessians that do not fit one Java array or the heap.
     *
     * @throws IllegalArgumentException naming p, the limit or the estimate, and the heap
     */
    public static void requireDense(int p, HessianRanks.Method method) {
        double bytes = denseBytes(p, method);
        if (p > Hessians.MAX_DENSE_PARAMETERS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "parameter count (%d) must be <= %d for dense"
                    + " Hessians (a p x p array; they would need about %.1f GiB)", p, Hessians.MAX_DENSE_PARAMETERS,
                    bytes / GIB));
        }
        Memory.require(bytes, String.format(Locale.ROOT, "parameter count (%d): dense Hessians (%s)", p,
                method.name().toLowerCase(Locale.ROOT)), "raise the heap with HESSRANK_JAVA_OPTS=-Xmx... (up to the"
                        + " physical memory), or use --method modular");
    }

    /**
     * Refuses the matrix-free path when its fixed memory does not fit the heap.
     *
     * @throws IllegalArgumentException naming p, the estimate and the heap
     */
    public static void requireMatrixFree(int p, int samples, int outputs) {
        double fixed = matrixFreeBytes(p, samples, outputs);
        Memory.require(fixed, String.format(Locale.ROOT, "samples (%d) x outputs (%d) x parameter count (%d): the"
                + " matrix-free path (a Jacobian of %d x %d and vector blocks)", samples, outputs, p,
                (long) samples * outputs, p), "lower --samples or raise the heap with HESSRANK_JAVA_OPTS=-Xmx...");
    }

    /**
     * The automatic choice for the modular method: matrix-free when p &gt; {@link #DENSE_AUTO_LIMIT},
     * when p² does not fit an array, or when the dense parts do not fit the heap.
     */
    public static boolean autoPicksMatrixFree(int p) {
        double dense = denseBytes(p, HessianRanks.Method.MODULAR);
        return p > DENSE_AUTO_LIMIT || p > Hessians.MAX_DENSE_PARAMETERS
                || !Memory.fits(dense);
    }

    /**
     * The most stages (layers after lowering) a network may have: deep linear nets in the literature
     * have tens of layers; past this the exact work (the degree and the bits of each value grow with
     * the depth, and every Hessian entry is a sum over the stages) takes hours.
     */
    public static final int MAX_STAGES = 1000;

    /**
     * Bytes a point of {@code samples} samples needs at entries up to {@code largest}, whatever the
     * path: the inputs, targets, and the exact forward values and back-propagated gradients of every
     * node for every sample, each a BigInteger of about {@link #valueBitsEstimate} bits (56 bytes of
     * object and reference, plus the bits), and the Jacobian of the outputs (N·K·p entries, 16 bytes
     * each at the least, as residues).
     */
    public static double pointBytes(LoweredNetwork net, int samples, BigInteger largest) {
        double perEntry = 56 + Math.min(valueBitsEstimate(net, largest), MAX_VALUE_BITS) / 8;
        double entries = net.inputSize() + net.outputSize();
        for (int s = 1; s <= net.stages().size(); s++) {
            entries += 2.0 * net.nodeSize(s);
        }
        return (double) samples * (entries * perEntry + 16.0 * net.outputSize() * net.parameterCount());
    }

    /**
     * Refuses, before anything is drawn, a network of more than {@link #MAX_STAGES} stages, and a
     * point whose samples do not fit one Java array (N·d or N·K entries) or the memory
     * ({@link #pointBytes}).
     *
     * @throws IllegalArgumentException naming the stages or samples, the limit and the estimate
     */
    public static void requirePoint(LoweredNetwork net, int samples, BigInteger largest) {
        if (net.stages().size() > MAX_STAGES) {
            throw new IllegalArgumentException("network of " + net.stages().size() + " stages (layers after"
                    + " lowering, p = " + net.parameterCount() + ") is deeper than the limit of " + MAX_STAGES
                    + " stages: the exact work grows with the depth and would take hours");
        }
        long widest = Math.max(net.inputSize(), net.outputSize());
        long cells = (long) samples * widest;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "samples (%d) x %d entries per sample"
                    + " = %d, more than one array holds (%d); a point of this size would also need about %s", samples,
                    widest, cells, Integer.MAX_VALUE - 8, Memory.gib(pointBytes(net, samples, largest))) + "; lower --samples");
        }
        Memory.require(pointBytes(net, samples, largest), String.format(Locale.ROOT, "samples (%d): a point"
                + " (inputs, targets and exact forward values of every sample)", samples), "lower --samples");
    }

    /** The most bits an exact forward value may be estimated to need (2^22 bits: 512 KiB per integer). */
    public static final double MAX_VALUE_BITS = 1 << 22;

    /**
     * An estimate of the bits of the network's exact values (outputs, residuals) at a point whose
     * entries are at most {@code largest} in absolute value: degree·(log2(largest) + log2(widest
     * input) + 1). The Hessian's entries take about twice as many. Cheap: O(stages).
     */
    public static double valueBitsEstimate(LoweredNetwork net, BigInteger largest) {
        double perFactor = Math.max(1, largest.bitLength()) + Math.log(net.widestInput()) / Math.log(2) + 1;
        return net.degree() * perFactor;
    }

    /**
     * Refuses, with the estimate, a network and point whose exact values would exceed
     * {@link #MAX_VALUE_BITS} bits (degrees grow quickly with {@code pow}, {@code poly}, products and
     * attention).
     *
     * @throws IllegalArgumentException naming the degree, the estimate and the limit
     */
    public static void requireValueBits(LoweredNetwork net, BigInteger largest) {
        double bits = valueBitsEstimate(net, largest);
        if (bits > MAX_VALUE_BITS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "network of degree %d at entries up to 2^%d: exact values of about %.3g bits each (estimate:"
                            + " degree x (log2 range + log2 widest input + 1)), above the limit of %.0f bits; lower"
                            + " the degree or the range", net.degree(), largest.bitLength(), bits, MAX_VALUE_BITS));
        }
    }
}
