package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress indicator on a command's stderr writer, shown only when stderr is a
 * terminal (never in pipes, files or CI), so it cannot mix with results on stdout; stdout may be
 * redirected ({@code hessrank rank ... > out.txt} still shows progress). One instance per command
 * run; not thread-safe beyond its own synchronised methods.
 */
final class Progress {
    private static final boolean ENABLED = enabled(stderrTarget(), System.console() != null, System.getenv("CI"));

    private final PrintWriter err;
    private int lastLength;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    /**
     * Whether to show progress: not under CI (a set {@code CI} variable); else whether stderr is a
     * terminal device, read from {@code stderrTarget} (where /proc/self/fd/2 points: /dev/pts/N,
     * /dev/ttyN or /dev/console); where that is unknown (null: no /proc), from
     * {@code consoleAttached} ({@code System.console() != null}, which needs stdout a terminal too).
     */
    static boolean enabled(String stderrTarget, boolean consoleAttached, String ci) {
        if (ci != null) {
            return false;
        }
        if (stderrTarget == null) {
            return consoleAttached;
        }
        return stderrTarget.startsWith("/dev/pts/") || stderrTarget.startsWith("/dev/tty")
                || stderrTarget.equals("/dev/console");
    }

    /** Where file descriptor 2 points (Linux /proc), or null where that cannot be read. */
    private static String stderrTarget() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
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
