package org.hessrank.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.hessrank.numeric.Float64Rank;

/**
 * The float64 rank ({@link Float64Rank}: EJML, multi-threaded) against numpy on the same matrix
 * ({@code hessrank bench --float64 N}): a seeded random symmetric n×n matrix of rank
 * r = ⌊0.62·n⌋ (the ratio of a Hessian's rank to its size at p ≈ 2,000), B·D·Bᵀ with B
 * uniform in [−1, 1] and D = diag(±1), exactly symmetric. The matrix is written as raw
 * little-endian doubles and timed by {@code examples/python/numpy_rank.py} in a child
 * {@code python3} ({@code numpy.linalg.matrix_rank}, the papers' rank, and
 * {@code numpy.linalg.eigvalsh}) when python3 with numpy is there, twice: with its BLAS's
 * default threads and with one thread (on a busy machine BLAS threads that wait on each other
 * can be much slower; the faster of the two is the fair figure). Cost: O(n²·r) to draw the
 * matrix, then O(n³) per timed rank; memory a few n² doubles.
 */
public final class Float64Bench {
    /** The rank-to-size ratio of the matrix: 1,240 at n = 2,000. */
    public static final double RANK_RATIO = 0.62;

    private Float64Bench() {
    }

    /**
     * One engine's figures.
     *
     * @param engine what ran, e.g. {@code hessrank (EJML eig, 2 threads)} or {@code numpy matrix_rank}
     * @param first the first call's seconds (JIT and all)
     * @param best the best of the calls
     */
    public record Timing(String engine, int rank, double first, double best) {
    }

    /**
     * The outcome: the matrix, each engine's timing (hessrank first), and why numpy did not run
     * (null when it did).
     */
    public record Result(int n, int r, double loadAverage, List<Timing> timings, String numpyNote) {
    }

    /**
     * A seeded n×n symmetric matrix of rank r, row-major: B·D·Bᵀ with B n×r uniform in [−1, 1],
     * D = diag(±1), the upper triangle mirrored so that it is exactly symmetric. Cost O(n²·r).
     *
     * @throws IllegalArgumentException unless 0 ≤ r ≤ n
     */
    public static double[] randomSymmetric(long seed, int n, int r) {
        if (r < 0 || r > n) {
            throw new IllegalArgumentException("rank (" + r + ") must be in [0, " + n + "]");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] b = new double[n][r];
        double[] d = new double[r];
        for (int k = 0; k < r; k++) {
            d[k] = rng.nextBoolean() ? 1 : -1;
        }
        for (double[] row : b) {
            for (int k = 0; k < r; k++) {
                row[k] = rng.nextDouble(-1, 1);
            }
        }
        double[][] bd = new double[n][r];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < r; k++) {
                bd[i][k] = b[i][k] * d[k];
            }
        }
        double[] a = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] x = bd[i];
            for (int j = i; j < n; j++) {
                double[] y = b[j];
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += x[k] * y[k];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        });
        return a;
    }

    /** Writes the doubles raw, little-endian, no header (numpy's {@code fromfile(..., "<f8")}). */
    public static void writeRaw(double[] a, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(a.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(a);
        Files.write(file, buf.array());
    }

    /**
     * Draws the matrix from {@code seed}, times hessrank's float64 rank {@code repeats} times,
     * then numpy's through {@code numpyScript} when python3 and numpy are available.
     *
     * @throws IllegalArgumentException if n < 2 or repeats < 1
     */
    public static Result run(long seed, int n, int repeats, Path numpyScript, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (n < 2) {
            throw new IllegalArgumentException("--float64 (" + n + ") must be >= 2");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats (" + repeats + ") must be >= 1");
        }
        int r = (int) (RANK_RATIO * n);
        progress.accept("float64: drawing a " + n + "x" + n + " symmetric matrix of rank " + r + " ...");
        double[] a = randomSymmetric(seed, n, r);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Timing> timings = new ArrayList<>();
        double first = 0;
        double best = Double.POSITIVE_INFINITY;
        int rank = -1;
        for (int k = 0; k < repeats; k++) {
            progress.accept("float64: hessrank (EJML) run " + (k + 1) + " ...");
            long t0 = System.nanoTime();
            rank = Float64Rank.numpyRank(Float64Rank.singularValues(a, n, n), n, n);
            double s = (System.nanoTime() - t0) / 1e9;
            first = k == 0 ? s : first;
            best = Math.min(best, s);
        }
        timings.add(new Timing("hessrank (EJML eig, " + Runtime.getRuntime().availableProcessors() + " threads)",
                rank, first, best));
        String note = null;
        if (!Files.isRegularFile(numpyScript)) {
            note = "numpy not run: " + numpyScript + " not found (run from the hessrank checkout or give --numpy-script)";
        } else {
            Path file = Files.createTempFile("hessrank-float64-", ".f64");
            try {
                writeRaw(a, file);
                a = null;
                progress.accept("float64: numpy (python3 " + numpyScript + ") ...");
                note = numpy(numpyScript, file, n, repeats, false, timings);
                if (note == null) {
                    progress.accept("float64: numpy with one BLAS thread ...");
                    note = numpy(numpyScript, file, n, repeats, true, timings);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return new Result(n, r, load, Collections.unmodifiableList(timings), note);
    }

    /** Runs the script; adds its timings, or returns why it could not (null when it ran). */
    private static String numpy(Path script, Path file, int n, int repeats, boolean oneThread, List<Timing> timings)
            throws IOException, InterruptedException {
        Process proc;
        try {
            ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), file.toString(), Integer.toString(n),
                    Integer.toString(repeats)).redirectErrorStream(true);
            if (oneThread) {
                for (String v : List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
                    pb.environment().put(v, "1");
                }
            }
            proc = pb.start();
        } catch (IOException e) {
            return "numpy not run: python3 not found (" + e.getMessage() + ")";
        }
        Pattern line = Pattern.compile("numpy (\\w+) rank=(\\d+) first=(\\S+) best=(\\S+)");
        StringBuilder other = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String s; (s = in.readLine()) != null;) {
                Matcher m = line.matcher(s);
                if (m.matches()) {
                    timings.add(new Timing("numpy " + m.group(1) + (oneThread ? " (1 thread)" : ""),
                            Integer.parseInt(m.group(2)),
                            Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
                } else if (other.length() < 300) {
                    other.append(s.strip()).append(' ');
                }
            }
        }
        int code = proc.waitFor();
        if (code != 0) {
            String why = other.toString().contains("No module named") ? "python3 has no numpy (pip install numpy)"
                    : "python3 exited with " + code + ": " + other.toString().strip();
            return "numpy not run: " + why;
        }
        return null;
    }
}
