package org.hessrank.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code hessrank} command; subcommands do the work. */
@Command(name = "hessrank", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Exact Hessian ranks of linear networks, checked against the theorems of [NBH21] and [SHS23].",
        subcommands = {CommandLine.HelpCommand.class})
public final class HessrankCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Runs the command line and returns the exit code (0 ok, 1 violation, 2 bad input). */
    public static int execute(String... args) {
        return new CommandLine(new HessrankCommand()).execute(args);
    }
}
