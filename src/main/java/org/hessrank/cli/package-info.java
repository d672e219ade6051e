/**
 * The {@code hessrank} command line (picocli). Results go to stdout, diagnostics and progress
 * to stderr. Exit codes: 0 success, 1 a check failed (e.g. a witness did not verify, a
 * statement was violated), 2 bad input (one line on stderr, no output file written).
 */
package org.hessrank.cli;
