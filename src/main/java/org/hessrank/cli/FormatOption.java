package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.ListResourceBundle;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shared {@code --format text|json|csv} option, mixed into every command that prints a
 * result ({@code @Mixin FormatOption format}). Every such command accepts the three values of
 * {@link Format}; an unknown value is a parameter error (exit {@link ExitCodes#BAD_INPUT}).
 *
 * <p>The option's help text is the same everywhere except where a command says what its formats
 * hold; those variants are in {@link Descriptions}, keyed by the qualified command name as
 * picocli's resource bundles are.
 *
 * <p>It also holds where the result goes: the writers of the command it is mixed into
 * ({@link #out()}, {@link #err()}), so that a command declares its output once, here, rather
 * than a {@code @Spec} of its own beside this option.
 */
public final class FormatOption {
    @Option(names = "--format", defaultValue = "text", description = "text | json | csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The chosen format (default {@link Format#text}). */
    public Format get() {
        return format;
    }

    /** The command's result writer (stdout, or what {@link HessrankCommand#execute} was given). O(1). */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** The command's writer for diagnostics and progress (stderr). O(1). */
    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** A progress line on {@link #err()} (shown only on a terminal). O(1). */
    Progress progress() {
        return Progress.to(err());
    }

    /**
     * Per-command descriptions of {@code --format} (picocli looks up {@code <qualified command
     * name>.format} before the annotation's text). Installed on the root command by
     * {@link HessrankCommand#commandLine()}.
     */
    public static final class Descriptions extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            String summary = "Summary on stdout: text | json | csv (default: ${DEFAULT-VALUE}).";
            return new Object[][] {
                {"hessrank.sweep.format", "text | json | csv on stdout (default: ${DEFAULT-VALUE})."},
                {"hessrank.bench.format",
                    "text (table) | json (one object per size) | csv (default: ${DEFAULT-VALUE})."},
                {"hessrank.bench-scale.format",
                    "text (table and scaling fit) | json (one object per run) | csv (default: ${DEFAULT-VALUE})."},
                {"hessrank.fidelity.study.format",
                    "Summary on stdout (the files written): text | json | csv (default: ${DEFAULT-VALUE})."},
                {"hessrank.proofs-check.format", summary},
                {"hessrank.proofs-merge.format", summary},
            };
        }
    }
}
