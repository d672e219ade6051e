package org.hessrank.cli;

/**
 * A one-line progress indicator on stderr, shown only when a terminal is attached (never in
 * pipes, files or CI), so it cannot mix with results on stdout.
 */
final class Progress {
    private static final boolean ENABLED = System.console() != null && System.getenv("CI") == null;
    private static int lastLength;

    private Progress() {
    }

    static synchronized void note(String format, Object... args) {
        if (!ENABLED) {
            return;
        }
        String line = String.format(java.util.Locale.ROOT, format, args);
        System.err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        System.err.flush();
        lastLength = line.length();
    }

    static synchronized void done() {
        if (ENABLED && lastLength > 0) {
            System.err.print("\r" + " ".repeat(lastLength) + "\r");
            System.err.flush();
            lastLength = 0;
        }
    }
}
