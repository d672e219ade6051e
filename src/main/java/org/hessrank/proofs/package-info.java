/**
 * proofs-check: the reproducibility artifact. Re-derives every statement of docs/theorems.md and the
 * papers' rank figures exactly, from fixed seeds, and writes REPORT.md, results.csv,
 * results.jsonl and SVG figures.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The plan ({@link org.hessrank.proofs.Plan}) is a fixed list of jobs per profile; a shard
 *       i/n runs the jobs with index ≡ i (mod n). The outputs are a function of the result lines
 *       alone ({@link org.hessrank.proofs.Report}), so merging shards gives the same files as one
 *       run, byte for byte.</li>
 *   <li>Ranks are modular: certified lower bounds with a stated failure probability; verdicts
 *       come from {@code verify}. Timings are kept out of the results (a separate timings.csv).</li>
 *   <li>Errors: {@code IllegalArgumentException} naming the shard, file or line.</li>
 * </ul>
 * Sits above {@code verify}; knows nothing of the CLI.
 */
package org.hessrank.proofs;
