package org.hessrank.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Output files and directories, all or nothing:
 * <ul>
 *   <li>{@link #write} writes a whole file through a temporary file {@code .NAME.<random>.tmp} in
 *       the same directory, then renames it over the target: on failure no partial file is left.
 *       Files get the usual mode (0666 less the umask, typically 0644), whatever writes them.</li>
 *   <li>{@link #checkWritable} checks an output path before any work is done: it is not a
 *       directory, its directory exists, and a file can be created there; messages name the
 *       option, the path and the cause.</li>
 *   <li>{@link #createDirectories} creates an output directory and remembers what this run
 *       created. A shutdown hook (SIGINT, SIGTERM, {@code System.exit}) deletes every temporary
 *       file still being written, and the files and directories created by a run that has not
 *       {@link #finish finished}: an interrupted run leaves nothing behind.</li>
 * </ul>
 * Cost: a write is O(size of the text); the registry is O(1) per file. Thread-safe.
 */
public final class AtomicFiles {
    /** Temporary files being written now. */
    private static final Set<Path> TEMPORARIES = new LinkedHashSet<>();
    /** Directories the current run created (outermost first), and files it wrote into them. */
    private static final List<Path> CREATED = new ArrayList<>();
    private static boolean hooked;

    private AtomicFiles() {
    }

    /** Writes the content of a file; may throw what writing throws. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target}; on failure no partial file is left.
     *
     * @throws IllegalArgumentException if the target is a directory or its directory does not exist
     * @throws IOException naming the path and the cause, if the file cannot be written
     */
    public static void write(Path target, String text) throws IOException {
        write(target, out -> out.write(text));
    }

    /**
     * Writes what {@code content} writes (UTF-8, buffered) to {@code target}, through a temporary
     * file that is flushed to disk and renamed over the target; on failure, or when the JVM is
     * stopped meanwhile, no partial or temporary file is left.
     *
     * @throws IllegalArgumentException if the target is a directory or its directory does not exist
     * @throws IOException naming the path and the cause, if the file cannot be written
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = requireDirectory(target, "output file");
        Path tmp = null;
        OutputStream stream = null;
        for (int attempt = 0; stream == null; attempt++) {
            tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            register(tmp);
            try {
                // no file attributes: the mode is 0666 less the umask, like any file a program creates
                stream = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                unregister(tmp);
                if (attempt >= 9) {
                    throw e;
                }
            } catch (IOException e) {
                unregister(tmp);
                throw new IOException("cannot write output file " + target + ": " + cause(e), e);
            }
        }
        try {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            noteWritten(abs);
        } catch (IOException e) {
            throw new IOException("cannot write output file " + target + ": " + cause(e), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } finally {
                unregister(tmp);
            }
        }
    }

    /**
     * Checks up front, before any work is done, that {@code target} can be written: it is not a
     * directory, its directory exists, an existing file there is a writable regular file, and a
     * file can be created in the directory (which catches read-only places such as /proc).
     *
     * @param option the option that named the path, for messages, e.g. {@code --out}
     * @throws IllegalArgumentException naming the option, the path and the cause
     */
    public static void checkWritable(Path target, String option) {
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(option + " (" + target + ") is a directory; give a file name");
        }
        Path dir = requireDirectory(target, option);
        if (Files.exists(target) && (!Files.isRegularFile(target) || !Files.isWritable(target))) {
            throw new IllegalArgumentException(option + " (" + target + ") exists and is not a writable regular file");
        }
        probe(dir, option + " (" + target + ")");
    }

    /**
     * Checks up front that {@code dir} can be an output directory: it is a directory (or does not
     * exist yet and its nearest existing ancestor is a directory) and files can be created in it.
     *
     * @throws IllegalArgumentException naming the option, the path and the cause
     */
    public static void checkWritableDirectory(Path dir, String option) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " (" + dir + ") exists and is not a directory");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " (" + dir + "): " + existing + " is not a directory");
        }
        probe(existing, option + " (" + dir + ")");
    }

    /**
     * Creates {@code dir} and its missing parents, remembering those this run created: they are
     * removed again (with the files written into them) if the JVM stops before {@link #finish}.
     *
     * @throws IOException naming the directory and the cause
     */
    public static void createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            synchronized (AtomicFiles.class) {
                hook();
                CREATED.add(p);
            }
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                synchronized (AtomicFiles.class) {
                    CREATED.remove(p);
                }
                if (!Files.isDirectory(p)) {
                    throw new IOException("cannot create output directory " + dir + ": " + p + " exists and is not a"
                            + " directory", e);
                }
            } catch (IOException e) {
                synchronized (AtomicFiles.class) {
                    CREATED.remove(p);
                }
                throw new IOException("cannot create output directory " + dir + ": " + cause(e), e);
            }
        }
    }

    /**
     * Ends a run: with {@code keep}, what it created stays; without (the run failed), the
     * directories it created are removed with the files written into them. Temporary files are
     * never left either way.
     */
    public static void finish(boolean keep) {
        synchronized (AtomicFiles.class) {
            if (!keep) {
                removeCreated();
            }
            CREATED.clear();
        }
    }

    /** Deletes every temporary file and created directory (the shutdown hook's work). Package-private for tests. */
    static synchronized void cleanUp() {
        for (Path tmp : TEMPORARIES) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException e) {
                // best effort while the JVM stops
            }
        }
        TEMPORARIES.clear();
        removeCreated();
        CREATED.clear();
    }

    /** The temporary files being written now (for tests). */
    static synchronized Set<Path> temporaries() {
        return Set.copyOf(TEMPORARIES);
    }

    private static void removeCreated() {
        for (int i = CREATED.size() - 1; i >= 0; i--) {
            Path p = CREATED.get(i);
            if (Files.isRegularFile(p)) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            } else {
                try (var children = Files.list(p)) {
                    // a directory this run created holds only what this run wrote (listed after it)
                    if (children.findAny().isEmpty()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException | RuntimeException e) {
                    // best effort
                }
            }
        }
    }

    private static synchronized void register(Path tmp) {
        hook();
        TEMPORARIES.add(tmp);
    }

    private static synchronized void unregister(Path tmp) {
        TEMPORARIES.remove(tmp);
    }

    /** A file written into a directory this run created is removed with it. */
    private static synchronized void noteWritten(Path file) {
        Path parent = file.getParent();
        for (Path dir : CREATED) {
            if (parent != null && parent.normalize().startsWith(dir)) {
                CREATED.add(file);
                return;
            }
        }
    }

    private static void hook() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::cleanUp, "hessrank-cleanup"));
        }
    }

    private static Path requireDirectory(Path target, String what) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException(what + " (" + target + ") must name a file");
        }
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(what + " (" + target + ") is a directory; give a file name");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " (" + target + "): directory " + dir + " does not exist");
        }
        return dir;
    }

    /** Creates and deletes a file in {@code dir}, turning a failure into a message about {@code what}. */
    private static void probe(Path dir, String what) {
        Path p = dir.resolve(".hessrank-probe." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            register(p);
            Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + ": cannot create a file in " + dir + " (" + cause(e) + ")");
        } finally {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // nothing was created
            }
            unregister(p);
        }
    }

    /** The cause of an I/O failure in words: "permission denied", "read-only file system", ... */
    private static String cause(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
