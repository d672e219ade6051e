package org.hessrank.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes whole files atomically: a temporary file in the same directory, then a rename. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target}; on failure no partial file is left.
     *
     * @throws IllegalArgumentException if the target's directory does not exist
     */
    public static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output directory (" + dir + ") does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Checks up front that {@code target}'s directory exists, before any work is done. */
    public static void checkWritable(Path target, String option) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " directory (" + dir + ") does not exist");
        }
    }
}
