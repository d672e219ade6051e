package org.hessrank.exact;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How much memory a computation may plan to use: the smaller of the JVM's maximum heap
 * ({@link Runtime#maxMemory()}) and the machine's physical memory (from
 * {@code com.sun.management.OperatingSystemMXBean}, when the JVM offers it). A heap limit above
 * the physical memory ({@code -Xmx40g} on a 24 GiB machine) would let a run grow until the
 * kernel's OOM killer ends it without a word; checking against both refuses it up front with the
 * estimate instead. Every method is O(1) and thread-safe.
 */
public final class Memory {
    /** The share of {@link #available()} an estimate may take before it is refused. */
    public static final double SHARE = 0.9;

    private static final double GIB = 1L << 30;

    private Memory() {
    }

    /** The JVM's maximum heap in bytes. */
    public static long heap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The machine's physical memory in bytes, or {@code Long.MAX_VALUE} when the JVM does not say. */
    public static long physical() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long total = os.getTotalMemorySize();
                return total > 0 ? total : Long.MAX_VALUE;
            }
        } catch (RuntimeException | LinkageError e) {
            // no management bean in this runtime: the heap alone is the limit
        }
        return Long.MAX_VALUE;
    }

    /** min({@link #heap()}, {@link #physical()}): the memory a run may plan for. */
    public static long available() {
        return Math.min(heap(), physical());
    }

    /** True when an estimate of {@code bytes} fits {@link #SHARE} of {@link #available()}. */
    public static boolean fits(double bytes) {
        return bytes <= SHARE * available();
    }

    /** "the JVM's 2.0 GiB heap" or "the machine's 23.4 GiB of memory", whichever is smaller. */
    public static String describeAvailable() {
        long heap = heap();
        long physical = physical();
        return heap <= physical ? String.format(Locale.ROOT, "the JVM's %.1f GiB heap", heap / GIB)
                : String.format(Locale.ROOT, "the machine's %.1f GiB of memory (the heap limit of %.1f GiB is larger)",
                        physical / GIB, heap / GIB);
    }

    /** {@code bytes} in GiB with one decimal, e.g. "1.5 GiB" (at least "0.1 GiB" for a positive size). */
    public static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", Math.max(bytes / GIB, bytes > 0 ? 0.1 : 0));
    }

    /**
     * Refuses an estimate that does not fit.
     *
     * @param what what needs the memory, naming the option or field and its value
     * @throws IllegalArgumentException "{@code what} needs about X GiB, more than ...; ..." with {@code advice}
     */
    public static void require(double bytes, String what, String advice) {
        if (!fits(bytes)) {
            throw new IllegalArgumentException(what + " needs about " + gib(bytes) + ", more than "
                    + describeAvailable() + (advice == null || advice.isEmpty() ? "" : "; " + advice));
        }
    }
}
