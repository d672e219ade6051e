package org.hessrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.MatrixMarket;
import org.hessrank.exact.RankResult;
import org.hessrank.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hessrank matrix-rank FILE.mtx}: the exact rank of an integer matrix. */
@Command(name = "matrix-rank", mixinStandardHelpOptions = true,
        description = {"Exact rank of an integer matrix read from a Matrix Market file (coordinate or array,"
                + " integer or pattern field).",
            "",
            "Methods:",
            "  modular        rank mod random 49-bit primes: a certified lower bound (a nonsingular minor mod p"
                + " is nonsingular over Z) that equals the rank except with the printed probability.",
            "  deterministic  ranks mod enough primes that their product exceeds the Hadamard bound: exact.",
            "  bareiss        fraction-free elimination over Z: exact, slow for large matrices.",
            "",
            "The time printed is the rank computation alone, not reading the file.",
            "Exit codes: 0 ok, 1 the witness did not verify (--verify), 2 bad input."})
public final class MatrixRankCommand implements Callable<Integer> {
    /** The most random primes --primes takes (see the message in {@link #call}). */
    static final int MAX_PRIMES = 100;

    @Parameters(index = "0", paramLabel = "FILE.mtx", description = "Matrix Market file with integer entries.")
    Path file;

    @Mixin
    EngineChoice.MethodOption method;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the random primes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--primes", paramLabel = "n",
            description = "Number of random primes for --method modular, 1..100 (default: 1); refused with the"
                    + " other methods, which choose their own.")
    Integer primes;

    @Mixin
    FormatOption format;

    @Option(names = "--verify", description = "Re-check the witness minor exactly with Bareiss (cost O(r^3)).")
    boolean verify;

    @Override
    public Integer call() throws Exception {
        if (primes != null && (primes < 1 || primes > MAX_PRIMES)) {
            throw new IllegalArgumentException("--primes (" + primes + ") must be in 1.." + MAX_PRIMES + ": each prime"
                    + " is one more elimination, and the printed failure probability is a product over the primes;"
                    + " for an exact rank use --method deterministic");
        }
        if (primes != null && method.get() != EngineChoice.modular) {
            throw new IllegalArgumentException("--primes (" + primes + ") applies to --method modular only; --method "
                    + method.get() + " " + (method.get() == EngineChoice.deterministic
                            ? "takes as many primes as the Hadamard bound needs" : "uses no primes"));
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException("FILE.mtx (" + file + ") is a directory, not a Matrix Market file");
        }
        MatrixMarket.Compressed read = MatrixMarket.readCompressed(file);
        // the rank and its witness minors are those of the nonzero rows and columns
        IntegerMatrix m = read.matrix();
        long t0 = System.nanoTime();
        RankResult r = method.get().engine(seed, primes == null ? 1 : primes).rank(m);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Boolean verified = null;
        double verifySeconds = Double.NaN;
        if (verify && r.witness() != null) {
            long t1 = System.nanoTime();
            verified = r.witness().verify(m);
            verifySeconds = (System.nanoTime() - t1) / 1e9;
        }
        PrintWriter out = format.out();
        if (format.get() == Format.csv) {
            out.println(org.hessrank.report.Csv.row("file", "rows", "cols", "rank", "grade", "failure_probability",
                    "method", "seed", "witness_size", "witness_verified", "seconds"));
            out.println(org.hessrank.report.Csv.row(file, read.rows(), read.cols(), r.rank(), r.grade().label(),
                    r.failureProbability(), r.method(), seed, r.witness() == null ? null : r.witness().size(), verified,
                    seconds));
        } else if (format.get() == Format.json) {
            out.println(Json.object().put("file", file.toString()).put("rows", read.rows()).put("cols", read.cols())
                    .put("nonzeroRows", m.rows()).put("nonzeroCols", m.cols())
                    .put("rank", r.rank()).put("grade", r.grade().label())
                    .put("failureProbability", r.failureProbability()).put("method", r.method())
                    .put("primes", r.primes()).put("seed", seed)
                    .put("witnessSize", r.witness() == null ? null : r.witness().size())
                    .put("witnessVerified", verified).put("verifySeconds", verifySeconds).put("seconds", seconds));
        } else {
            out.printf(Locale.ROOT, "matrix    %s (%d x %d%s)%n", file, read.rows(), read.cols(),
                    m.rows() == read.rows() && m.cols() == read.cols() ? ""
                            : "; ranked as " + m.rows() + " x " + m.cols() + " without its zero rows and columns");
            out.printf(Locale.ROOT, "rank      %d%n", r.rank());
            out.printf(Locale.ROOT, "grade     %s%n", Reports.describeGrade(r));
            out.printf(Locale.ROOT, "witness   %s%n", r.witness() == null ? "none"
                    : r.witness().size() + "x" + r.witness().size() + " minor"
                            + (verified == null ? "" : verified ? ", verified nonsingular over Z" : ", NOT verified"));
            out.printf(Locale.ROOT, "method    %s (seed %d)%n", r.method(), seed);
            out.printf(Locale.ROOT, "seconds   %.3f%n", seconds);
        }
        return ExitCodes.of(verified != null && !verified);
    }
}
