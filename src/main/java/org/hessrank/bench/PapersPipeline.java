package org.hessrank.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * The papers' own float64 pipeline, JAX Hessians ranked by numpy's SVD, run as a Python child
 * process: {@code examples/python/papers_pipeline.py} (docs/benchmarks.md "Side by side with the
 * papers' pipeline"). It takes deep linear networks {@code in(d) -> dense(m1) -> ... -> dense(K)}
 * only, draws its own Gaussian point and prints one JSON line with the three ranks, its time
 * and its peak resident memory; {@link ScaleBench} runs it beside the exact methods.
 *
 * <p>Immutable. {@link #locate} costs one Python start (without importing JAX);
 * {@link #run} one Python process, O(p³) time and about 5·8·p² bytes.
 */
public final class PapersPipeline {
    /** The method name in bench-scale's table. */
    public static final String METHOD = "jax-numpy";

    /** What the method is, for the table's legend. */
    public static final String LABEL = "JAX float64 + numpy SVD (papers' pipeline)";

    /** The script, relative to the repository root. */
    public static final String SCRIPT = "examples/python/papers_pipeline.py";

    /** How to install what the script needs. */
    public static final String INSTALL = "pip install \"jax[cpu]\"";

    /**
     * A reference (p, seconds) for the time estimate before the first run: p = 1,880 in 6.6 s on
     * an idle 2-core machine of the kind of docs/benchmarks.md (issue 15); the time grows like p³
     * (6.6 s at 1,880 and about 1,900 s at 11,640 there).
     */
    static final double[] REFERENCE = {1880, 6.6};

    /** Whether bench-scale runs the pipeline: when found, always (else exit 2), never. */
    public enum Mode {
        AUTO, ON, OFF;

        /**
         * The mode of an option value {@code auto}, {@code on} or {@code off}.
         *
         * @throws IllegalArgumentException naming {@code option} and the value otherwise
         */
        public static Mode of(String option, String value) {
            for (Mode m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(option + " (" + value + ") must be auto, on or off");
        }
    }

    /** One run: the ranks of H_O, H_F, H_L and the script's timings (seconds) and peak RSS (GiB). */
    public record Result(int rankO, int rankF, int rankL, double buildSeconds, double rankSeconds, double seconds,
            double cpuSeconds, double peakGiB) {
    }

    private final String python;
    private final Path script;
    private final String missing;

    private PapersPipeline(String python, Path script, String missing) {
        this.python = python;
        this.script = script;
        this.missing = missing;
    }

    /**
     * The pipeline with {@code python} and {@code script}, available when the script exists and
     * {@code python} finds the modules jax and numpy ({@code importlib.util.find_spec}, which does
     * not import them: well under a second) within a minute; otherwise {@link #missing()} says
     * why, with how to install it.
     */
    public static PapersPipeline locate(String python, Path script) {
        if (!Files.isRegularFile(script)) {
            return new PapersPipeline(python, script, "script " + script + " not found");
        }
        try {
            Process proc = new ProcessBuilder(python, "-c", "import importlib.util as u, sys;"
                    + " sys.exit(0 if u.find_spec('jax') and u.find_spec('numpy') else 1)").redirectErrorStream(true)
                    .start();
            proc.getOutputStream().close();
            lines(proc.getInputStream());
            if (!proc.waitFor(60, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return new PapersPipeline(python, script, python + " did not answer in 60 s");
            }
            return new PapersPipeline(python, script, proc.exitValue() == 0 ? null
                    : python + " with jax not found; " + INSTALL);
        } catch (IOException e) {
            return new PapersPipeline(python, script, python + " not found; " + INSTALL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PapersPipeline(python, script, "interrupted while looking for jax");
        }
    }

    /**
     * The script in the repository this class was loaded from ({@code target/hessrank.jar} or
     * {@code target/classes} under the root), else under the working directory.
     */
    public static Path defaultScript() {
        try {
            Path from = Path.of(PapersPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = from; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(SCRIPT);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of(SCRIPT);
    }

    /** Why the pipeline cannot run (with how to install it), or empty when it can. */
    public Optional<String> missing() {
        return Optional.ofNullable(missing);
    }

    /** The script run. */
    public Path script() {
        return script;
    }

    /**
     * Whether the script takes {@code spec}: a vector input and plain dense layers only (no bias,
     * not frozen), the deep linear networks of [NBH21]. O(spec length).
     */
    public static boolean takes(String spec) {
        Architecture a = Architecture.parse(spec);
        if (a.input().kind() != Shape.Kind.VECTOR) {
            return false;
        }
        for (Layer layer : a.layers()) {
            if (!(layer instanceof Layer.Dense d) || d.bias() || d.frozen()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why the pipeline is not started at {@code p} parameters, or null: memory about 5·8·p² bytes
     * (H_O, H_F, H_L, the Jacobian and the SVD's copy) against {@code memoryBytes}; time scaled by
     * p³ against {@code maxSeconds}, from {@code last} (p, seconds) when its p is at least 1,000
     * (below that JAX's start and compilation, a few seconds, hide the p³ term), else from
     * {@link #REFERENCE}.
     */
    static String skipReason(int p, double[] last, double maxSeconds, double memoryBytes) {
        double bytes = 5.0 * 8 * p * (double) p;
        if (bytes > 0.8 * memoryBytes) {
            return String.format(Locale.ROOT, "skipped: needs ~%.0f GiB (of %.0f GiB)", bytes / (1L << 30),
                    memoryBytes / (1L << 30));
        }
        double[] base = last != null && last[0] >= 1000 ? last : REFERENCE;
        double est = base[1] * Math.pow(p / base[0], 3);
        if (est > maxSeconds) {
            return String.format(Locale.ROOT, "skipped: est. %.0f s > --max-seconds", est);
        }
        return null;
    }

    /**
     * Runs the script on {@code spec} with {@code samples} samples and {@code seed}.
     *
     * @throws IllegalStateException if the pipeline is {@link #missing()}
     * @throws IOException if the script fails (its last line on stderr is the message) or prints
     *     no result line
     */
    public Result run(String spec, int samples, long seed) throws IOException, InterruptedException {
        if (missing != null) {
            throw new IllegalStateException("papers' pipeline not available: " + missing);
        }
        Process proc = new ProcessBuilder(python, script.toString(), "--arch", spec, "--samples",
                Integer.toString(samples), "--seed", Long.toString(seed)).start();
        proc.getOutputStream().close();
        List<String> err = new ArrayList<>();
        Thread errReader = new Thread(() -> err.addAll(lines(proc.getErrorStream())), "papers-pipeline-stderr");
        errReader.start();
        List<String> out = lines(proc.getInputStream());
        int code = proc.waitFor();
        errReader.join();
        if (code != 0 || out.isEmpty()) {
            String why = "exit " + code;
            for (String line : err) {
                if (line.startsWith("papers_pipeline: ")) {
                    why = line.substring("papers_pipeline: ".length());
                }
            }
            throw new IOException(why);
        }
        Map<String, String> r = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\": (\"[^\"]*\"|[-+0-9.eE]+)").matcher(out.get(out.size() - 1));
        while (m.find()) {
            r.put(m.group(1), m.group(2));
        }
        try {
            return new Result(Integer.parseInt(r.get("rank_O")), Integer.parseInt(r.get("rank_F")),
                    Integer.parseInt(r.get("rank_L")), Double.parseDouble(r.get("build_seconds")),
                    Double.parseDouble(r.get("rank_seconds")), Double.parseDouble(r.get("seconds")),
                    Double.parseDouble(r.get("cpu_seconds")), Double.parseDouble(r.get("peak_gib")));
        } catch (RuntimeException e) {
            throw new IOException("unexpected output: " + out.get(out.size() - 1), e);
        }
    }

    /** Total physical memory in bytes from /proc/meminfo, or 16 GiB where it cannot tell. */
    static double physicalMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 16.0 * (1L << 30);
        }
        return 16.0 * (1L << 30);
    }

    private static List<String> lines(InputStream in) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                out.add(line);
            }
        } catch (IOException e) {
            out.add("papers_pipeline: reading its output failed: " + e.getMessage());
        }
        return out;
    }
}
