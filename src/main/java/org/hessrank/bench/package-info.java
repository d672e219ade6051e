/**
 * Benchmarks: the research harnesses behind {@code hessrank bench} (the rank engines side by side
 * on random low-rank integer matrices, {@link org.hessrank.bench.EngineBench}) and
 * {@code hessrank bench-scale} (the three Hessian ranks end to end at growing sizes, each
 * (case, method) in a fresh JVM with a heap cap, {@link org.hessrank.bench.ScaleBench}), and
 * beside them the papers' own pipeline, JAX float64 + numpy SVD, as a Python child
 * ({@link org.hessrank.bench.PapersPipeline}).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Seeded: the matrices, points and ranks are reproducible; times and peak memory are
 *       measurements of this machine and are not.</li>
 *   <li>Nothing is printed: rows go to the caller's listener as soon as they are known, progress
 *       lines to another; the CLI formats them.</li>
 *   <li>A method is skipped, never started, when its extrapolated time or estimated memory is over
 *       the limit; a failed child is reported in its row, not thrown.</li>
 *   <li>The papers' pipeline is optional: when Python, JAX or the script is missing,
 *       {@code PapersPipeline.missing()} says why (with {@code pip install "jax[cpu]"}); a run that
 *       fails or refuses its spec becomes a "not run" row, never an exception of the bench.</li>
 *   <li>Errors: {@code IllegalArgumentException} naming the value; {@code IOException} from
 *       starting a child JVM.</li>
 * </ul>
 * Sits above {@code exact}, {@code numeric}, {@code net} and {@code hessian}, below the CLI;
 * knows nothing of the CLI (the child JVM's command line is the caller's).
 */
package org.hessrank.bench;
