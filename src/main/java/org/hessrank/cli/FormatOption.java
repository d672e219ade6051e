package org.hessrank.cli;

import java.util.ListResourceBundle;
import picocli.CommandLine.Option;

/**
 * The shared {@code --format text|json|csv} option, mixed into every command that prints a
 * result ({@code @Mixin FormatOption format}). Every such command accepts the three values of
 * {@link Format}; an unknown value is a parameter error (exit {@link ExitCodes#BAD_INPUT}).
 *
 * <p>The option's help text is the same everywhere except where a command says what its formats
 * hold; those variants are in {@link Descriptions}, keyed by the qualified command name as
 * picocli's resource bundles are.
 */
public final class FormatOption {
    @Option(names = "--format", defaultValue = "text", description = "text | json | csv (default: ${DEFAULT-VALUE}).")
    Format format;

    /** The chosen format (default {@link Format#text}). */
    public Format get() {
        return format;
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
