package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.hessrank.net.CustomLayer;
import org.hessrank.net.LayerJars;
import org.hessrank.net.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --layers JAR}: the example jar the build packs (target/hessrank-example-layers.jar, from
 * examples/java and examples/layers-jar) registers {@code depthwise} and {@code dilated}; their
 * ranks agree with the built-in conv layers they equal; bad jars exit 2 with one line naming the jar.
 */
public class LayersOptionTest {
    static final Path EXAMPLE_JAR = Path.of("target", "hessrank-example-layers.jar");

    private static long[] ranks(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "rank";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--format";
        all[args.length + 2] = "json";
        CliRunner.Run r = CliRunner.run(all);
        assertEquals(0, r.code(), r.err());
        return new long[] {r.jsonLong("parameters"), r.jsonLong("O", "rank"), r.jsonLong("F", "rank"),
            r.jsonLong("L", "rank")};
    }

    @Test
    void exampleJarLayersRankLikeTheBuiltInConvTheyEqual() {
        assertTrue(Files.isRegularFile(EXAMPLE_JAR), EXAMPLE_JAR + " is built by mvn (process-test-classes)");
        String jar = EXAMPLE_JAR.toString();
        // a dilated conv with dilation 1 is conv(m, k); a depthwise conv on one channel is conv(1, k)
        long[] dilated = ranks("--layers", jar, "--arch", "in(2,7) -> dilated(3,k=2) -> dense(2)", "--samples", "9");
        long[] conv = ranks("--arch", "in(2,7) -> conv(3,k=2) -> dense(2)", "--samples", "9");
        assertEquals(java.util.Arrays.toString(conv), java.util.Arrays.toString(dilated));
        long[] depthwise = ranks("--layers", jar, "--arch", "in(1,8) -> depthwise(k=3) -> dense(2)", "--samples", "6");
        long[] conv1 = ranks("--arch", "in(1,8) -> conv(1,k=3) -> dense(2)", "--samples", "6");
        assertEquals(java.util.Arrays.toString(conv1), java.util.Arrays.toString(depthwise));
        assertTrue(conv[1] > 0 && conv1[1] > 0);
    }

    @Test
    void everySpecCommandTakesLayersAndTheReproduceCommandKeepsThem(@TempDir Path dir) throws IOException {
        String jar = EXAMPLE_JAR.toString();
        CliRunner.Run sweep = CliRunner.run("sweep", "--layers", jar, "--arch", "in(1,{n}) -> depthwise(k=2) -> dense(1)",
                "--vary", "n=3..4");
        assertEquals(0, sweep.code(), sweep.err());
        Path mtx = dir.resolve("h.mtx");
        CliRunner.Run hessian = CliRunner.run("hessian", "--layers", jar, "--arch", "in(1,3) -> depthwise(k=2) -> dense(1)",
                "--part", "O", "--out", mtx.toString());
        assertEquals(0, hessian.code(), hessian.err());
        // p = 2 kernel taps + 2 readout weights
        assertTrue(Files.readAllLines(mtx).stream().anyMatch(l -> l.startsWith("4 4 ")), Files.readString(mtx));
        CliRunner.Run fidelity = CliRunner.run("fidelity", "point", "--layers", jar, "--arch",
                "in(1,3) -> depthwise(k=2) -> dense(1)");
        assertEquals(0, fidelity.code(), fidelity.err());
        // channels times positions bounds rank H_O of a depthwise layer with one output: refuted, and
        // both printed commands carry --layers
        CliRunner.Run c = CliRunner.run("conjecture", "--layers", jar, "--template",
                "in({c},{n}) -> depthwise(k={k}) -> dense(1)", "--vary", "c=1..3", "--vary", "n=3..6", "--vary", "k=1..3",
                "--part", "O", "--bound", "k", "--tries", "30");
        assertEquals(1, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("--layers \"" + jar + "\"\n  rerun:"), c.out());
        assertTrue(c.out().contains("--tries 30 --seed 1 --layers \"" + jar + "\"\n"), c.out());
    }

    /** A jar holding only a services file that lists {@code providers} (classes of the test class path). */
    private static Path jar(Path dir, String name, String... providers) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(os)) {
            j.putNextEntry(new JarEntry(LayerJars.SERVICE));
            j.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return p;
    }

    /** A provider named like a built-in layer. */
    public static final class Dense implements CustomLayer {
        public Dense() {
        }

        @Override
        public String name() {
            return "dense";
        }

        @Override
        public String spec() {
            return "dense";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return in.size();
        }

        @Override
        public long[] apply(Shape in, long[] theta, long[] h) {
            long[] y = new long[h.length];
            for (int i = 0; i < h.length; i++) {
                y[i] = theta[i] * h[i];
            }
            return y;
        }

        @Override
        public CustomLayer create(org.hessrank.net.LayerArguments args) {
            return this;
        }
    }

    /** A provider that does not override {@code create}. */
    public static final class NoFactory implements CustomLayer {
        public NoFactory() {
        }

        @Override
        public String name() {
            return "nofactory";
        }

        @Override
        public String spec() {
            return "nofactory";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return in.size();
        }

        @Override
        public long[] apply(Shape in, long[] theta, long[] h) {
            return h.clone();
        }
    }

    private static void badJar(String expected, Path... jars) {
        String[] args = new String[jars.length * 2 + 3];
        args[0] = "rank";
        for (int i = 0; i < jars.length; i++) {
            args[1 + 2 * i] = "--layers";
            args[2 + 2 * i] = jars[i].toString();
        }
        args[args.length - 2] = "--arch";
        args[args.length - 1] = "in(3) -> dense(2)";
        CliRunner.Run r = CliRunner.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("hessrank: --layers "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void badJarsExitTwoWithOneLineNamingTheJar(@TempDir Path dir) throws IOException {
        badJar("nope.jar: no such file", dir.resolve("nope.jar"));
        badJar(dir + ": not a regular file", dir);
        Path text = Files.writeString(dir.resolve("text.jar"), "not a zip");
        badJar("text.jar: not a readable jar", text);
        Path empty = dir.resolve("empty.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(empty))) {
            j.putNextEntry(new JarEntry("README"));
            j.closeEntry();
        }
        badJar("empty.jar: no META-INF/services/org.hessrank.net.CustomLayer in the jar", empty);
        badJar("none.jar: META-INF/services/org.hessrank.net.CustomLayer lists no provider", jar(dir, "none.jar"));
        badJar("builtin.jar: layer name (dense) is built in", jar(dir, "builtin.jar", Dense.class.getName()));
        badJar("nofactory.jar: provider " + NoFactory.class.getName() + " does not override CustomLayer.create",
                jar(dir, "nofactory.jar", NoFactory.class.getName()));
        badJar("missing.jar: ", jar(dir, "missing.jar", "org.example.NoSuchLayer"));
        Path a = jar(dir, "a.jar", "org.hessrank.examples.layers.DepthwiseConv1d");
        Path b = jar(dir, "b.jar", "org.hessrank.examples.layers.DepthwiseConv1d");
        badJar("b.jar: layer name (depthwise) is also given by " + a, a, b);
    }
}
