package org.hessrank.cli;

/**
 * The exit codes of every {@code hessrank} command, named in one place. Commands return them from
 * {@code call()}; {@link HessrankCommand#execute} maps bad input (a parameter error, or an
 * {@code IllegalArgumentException}, {@code IllegalStateException}, {@code ArithmeticException} or
 * {@code IOException} from a command) to {@link #BAD_INPUT} after one line on stderr.
 */
public final class ExitCodes {
    /** Success: every applicable statement holds (or the command has nothing to check). */
    public static final int OK = 0;
    /**
     * A finding: a statement is violated, a conjecture refuted, or a check failed (a witness did
     * not verify). Results are printed in full.
     */
    public static final int VIOLATED = 1;
    /** Bad input: one line on stderr, no result on stdout, no output file written. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }

    /** {@link #VIOLATED} when {@code violated}, else {@link #OK}. */
    public static int of(boolean violated) {
        return violated ? VIOLATED : OK;
    }
}
