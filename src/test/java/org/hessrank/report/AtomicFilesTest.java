package org.hessrank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Output files get the mode any new file gets here (0666 less the umask), not createTempFile's 0600. */
    @Test
    void writesFilesWithTheUsualMode() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path out = dir.resolve("out.csv");
        AtomicFiles.write(out, "a,b\n");
        assertEquals("a,b\n", Files.readString(out));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(out));
        // replacing an existing file gives the same mode
        AtomicFiles.write(out, "c\n");
        assertEquals(expected, Files.getPosixFilePermissions(out));
        assertEquals(List.of("out.csv", "plain"), names(dir));
    }

    @Test
    void aFailingWriteLeavesNothing() throws IOException {
        Path out = dir.resolve("x.mtx");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(out, (Writer w) -> {
            w.write("partial");
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("x.mtx") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(List.of(), names(dir));
        assertEquals(Set.of(), AtomicFiles.temporaries());
    }

    @Test
    void checksNameTheOptionThePathAndTheCause() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        String isDir = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.checkWritable(dir, "--out"))
                .getMessage();
        assertTrue(isDir.startsWith("--out (" + dir + ") is a directory"), isDir);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.checkWritable(dir.resolve("no/r.csv"), "--out")).getMessage();
        assertTrue(missing.contains("--out (" + dir.resolve("no/r.csv") + "): directory") && missing.contains("does not"
                + " exist"), missing);
        String proc = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.checkWritable(Path.of("/proc/r.csv"), "--out")).getMessage();
        assertTrue(proc.startsWith("--out (/proc/r.csv): cannot create a file in /proc ("), proc);
        assertFalse(proc.contains(".tmp"), proc);
        String notDir = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.checkWritableDirectory(file, "--out")).getMessage();
        assertEquals("--out (" + file + ") exists and is not a directory", notDir);
        AtomicFiles.checkWritableDirectory(dir.resolve("new/deeper"), "--out");
        assertEquals(List.of("f"), names(dir));
    }

    /** A run that fails removes the directories it created, with what it wrote into them. */
    @Test
    void aFailedRunRemovesWhatItCreated() throws IOException {
        AtomicFiles.finish(true);
        Path out = dir.resolve("a/b");
        AtomicFiles.createDirectories(out);
        AtomicFiles.write(out.resolve("r.csv"), "x\n");
        AtomicFiles.finish(false);
        assertEquals(List.of(), names(dir));
        AtomicFiles.createDirectories(out);
        AtomicFiles.write(out.resolve("r.csv"), "x\n");
        AtomicFiles.finish(true);
        assertEquals("x\n", Files.readString(out.resolve("r.csv")));
    }

    /**
     * SIGTERM while a file is written and a directory was created: the shutdown hook removes the
     * temporary file and the directory (a real JVM, {@link Process#destroy} sends SIGTERM).
     */
    @Test
    void sigtermLeavesNoTemporaryFileOrDirectory() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path target = dir.resolve("big.mtx");
        Path created = dir.resolve("proofs/out");
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                InterruptedWriter.class.getName(), target.toString(), created.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = in.readLine();
            assertEquals("writing", line, "the child did not start writing");
            assertEquals(2, names(dir).size(), names(dir).toString()); // the temporary file and proofs/
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the child did not stop on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), names(dir));
    }

    /** The child of {@link #sigtermLeavesNoTemporaryFileOrDirectory}: creates a directory, writes, never finishes. */
    public static final class InterruptedWriter {
        public static void main(String[] args) throws IOException {
            AtomicFiles.createDirectories(Path.of(args[1]));
            AtomicFiles.write(Path.of(args[0]), (Writer w) -> {
                w.write("%%MatrixMarket matrix coordinate integer general\n");
                w.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
