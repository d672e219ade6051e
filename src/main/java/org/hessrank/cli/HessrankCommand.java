package org.hessrank.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code hessrank} command; subcommands do the work. */
@Command(name = "hessrank", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Exact Hessian ranks of linear networks, checked against the theorems of [NBH21] and [SHS23].",
            "Results on stdout, diagnostics and progress on stderr (progress only when stderr is a terminal);"
                + " every command takes --format text|json|csv.",
            "Exit codes: 0 ok, 1 a statement violated (or a check failed), 2 bad input."},
        subcommands = {RankCommand.class, CheckCommand.class, ConjectureCommand.class, DiscoverCommand.class, SweepCommand.class, HessianCommand.class,
            MatrixRankCommand.class, BenchCommand.class, ScaleBenchCommand.class, FidelityCommand.class,
            ProofsCheckCommand.class, ProofsCheckCommand.Merge.class, CommandLine.HelpCommand.class})
public final class HessrankCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command given: the usage on stderr, exit {@link ExitCodes#BAD_INPUT}. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("hessrank: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    private static String oneLine(Exception ex) {
        String msg = ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException) {
            msg = "no such file: " + msg;
        } else if (ex instanceof java.nio.file.AccessDeniedException) {
            msg = "access denied: " + msg;
        }
        return org.hessrank.exact.Echo.message((msg == null ? ex.getClass().getSimpleName() : msg).replace('\n', ' '));
    }

    /**
     * Runs the command line with results written to {@code out} and diagnostics, progress and
     * usage to {@code err}; returns the exit code ({@link ExitCodes}). Flushes both writers and
     * closes neither.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        boolean keep = false;
        try {
            int code = cl.execute(args);
            keep = code != ExitCodes.BAD_INPUT;
            return code;
        } finally {
            org.hessrank.report.AtomicFiles.finish(keep);
            out.flush();
            err.flush();
        }
    }

    /**
     * The command tree with its handlers: bad input (a parameter error, or an
     * {@code IllegalArgumentException}, {@code IOException}, {@code IllegalStateException} or
     * {@code ArithmeticException} from a command) prints one line on stderr and exits
     * {@link ExitCodes#BAD_INPUT}; any other exception propagates.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HessrankCommand());
        cl.setResourceBundle(new FormatOption.Descriptions());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof IllegalStateException || ex instanceof ArithmeticException) {
                commandLine.getErr().println("hessrank: " + oneLine(ex));
                return ExitCodes.BAD_INPUT;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            ex.getCommandLine().getErr().println("hessrank: " + oneLine(ex) + " (see --help)");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }
}
