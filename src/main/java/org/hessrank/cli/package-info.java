/**
 * The {@code hessrank} command line (picocli): thin commands that parse options, call the
 * library, and print. Results go to stdout, diagnostics and progress to stderr (progress only on
 * a terminal), always through picocli's writers ({@code spec.commandLine().getOut()} and
 * {@code getErr()}); only {@link org.hessrank.cli.Main} touches the JVM's standard streams,
 * handing them to the command line as writers. Every command that prints a result takes
 * the shared {@code --format text|json|csv} ({@link org.hessrank.cli.FormatOption}).
 *
 * <p>Exit codes ({@link org.hessrank.cli.ExitCodes}): 0 success, 1 a check failed (e.g. a
 * witness did not verify, a statement was violated), 2 bad input (one line on stderr, no output
 * file written).
 *
 * <p>Research harnesses live below the CLI: {@code org.hessrank.bench} ({@code bench},
 * {@code bench-scale}) and {@code org.hessrank.fidelity} ({@code fidelity}, {@code rank --numeric}).
 */
package org.hessrank.cli;
