package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress indicator on a command's stderr writer, shown only when a terminal is
 * attached (never in pipes, files or CI), so it cannot mix with results on stdout. One instance
 * per command run; not thread-safe beyond its own synchronised methods.
 */
final class Progress {
    private static final boolean ENABLED = System.console() != null && System.getenv("CI") == null;

    private final PrintWriter err;
    private int lastLength;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    /** Progress written to {@code err} (a command's {@code spec.commandLine().getErr()}). */
    static Progress to(PrintWriter err) {
        return new Progress(err);
    }

    /** Replaces the current line with {@code format} applied to {@code args} (Locale.ROOT). */
    synchronized void note(String format, Object... args) {
        if (!ENABLED) {
            return;
        }
        String line = String.format(Locale.ROOT, format, args);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** Clears the line. */
    synchronized void done() {
        if (ENABLED && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
