package org.hessrank.proofs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.report.Json;
import org.hessrank.theory.Catalogue;
import org.hessrank.verify.CaseResult;
import org.hessrank.verify.MeasuredPoint;
import org.hessrank.verify.Shrinker;
import org.hessrank.verify.Verdict;
import org.hessrank.verify.Verifier;

/**
 * Runs the jobs of a profile (or of one shard of it) and returns one JSON line per job, in plan
 * order. Ranks are modular (certified lower bounds; every line carries its failure probability);
 * verdicts come from {@link Verifier}. A violated statement on a random case is shrunk with
 * {@link Shrinker} and the smallest failing case is recorded with its reproducing command.
 * Timings are returned separately: they are not results and would break exact comparisons.
 */
public final class Runner {
    /** One job's result line and its wall-clock time. */
    public record Output(Job job, String line, double seconds) {
    }

    private Runner() {
    }

    /**
     * Runs the jobs with {@code index % shards == shard}.
     *
     * @throws IllegalArgumentException unless 0 <= shard < shards
     */
    public static List<Output> run(Profile profile, int shard, int shards, Consumer<String> progress) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard (" + shard + "/" + shards + ") must satisfy 0 <= i < n");
        }
        Verifier verifier = Verifier.of(Catalogue.all());
        List<Job> jobs = Plan.jobs(profile);
        List<Output> out = new ArrayList<>();
        int mine = 0;
        for (Job job : jobs) {
            if (job.index() % shards == shard) {
                mine++;
            }
        }
        int done = 0;
        for (Job job : jobs) {
            if (job.index() % shards != shard) {
                continue;
            }
            progress.accept(String.format(Locale.ROOT, "job %d/%d %s", ++done, mine, job.id()));
            long t0 = System.nanoTime();
            String line = job.isCase() ? runCase(profile, job, verifier) : runFigurePoint(job, verifier);
            out.add(new Output(job, line, (System.nanoTime() - t0) / 1e9));
        }
        return out;
    }

    private static String runFigurePoint(Job job, Verifier verifier) {
        Architecture arch = Architecture.parse(job.spec());
        LoweredNetwork net = arch.lower();
        PointOptions options = PointOptions.defaults().withSamples(job.samples()).withSeed(job.seed());
        Verifier.Checked checked = verifier.check(arch, net, options, job.points(), phase -> { });
        Observations m = checked.observations();
        Map<Part, Integer> ranks = new EnumMap<>(Part.class);
        double failure = 0;
        for (Part part : Part.hessianParts()) {
            ranks.put(part, m.rank(part));
            failure = Math.max(failure, m.failureProbability(part));
        }
        return line(job, arch, m.parameters(), ranks, failure, checked.verdicts(), null).toString();
    }

    private static String runCase(Profile profile, Job job, Verifier verifier) {
        CaseResult result;
        try {
            result = verifier.verify(job.testCase());
        } catch (IllegalStateException e) {
            // no differentiable point: every draw hit a zero ReLU pre-activation; recorded, not measured
            Architecture arch = job.testCase().architecture();
            return line(job, arch, arch.parameterCount(), unmeasured(), 0, List.of(), null)
                    .put("skipped", e.getMessage()).toString();
        }
        Architecture arch = job.testCase().architecture();
        Map<Part, Integer> ranks = unmeasured();
        double failure = 0;
        for (MeasuredPoint m : result.measurements()) {
            for (Part part : Part.hessianParts()) {
                ranks.merge(part, m.rank(part), Math::max);
                failure = Math.max(failure, m.failureProbability(part));
            }
        }
        Json counterexample = null;
        for (Verdict v : result.verdicts()) {
            if (v.outcome() == Verdict.Outcome.VIOLATED && counterexample == null) {
                String id = v.id();
                Shrinker.Result shrunk = Shrinker.shrink(job.testCase(), c -> verifier.verify(c).verdict(id)
                        .map(w -> w.outcome() == Verdict.Outcome.VIOLATED).orElse(false),
                        Plan.generatorOf(profile, job.testCase()));
                counterexample = Json.object().put("statement", id).put("command", shrunk.minimal().command())
                        .put("parameters", shrunk.minimal().parameters()).put("evidence", v.evidence());
            }
        }
        return line(job, arch, arch.parameterCount(), ranks, failure, result.verdicts(), counterexample).toString();
    }

    /** −1 for every Hessian part: nothing measured. */
    private static Map<Part, Integer> unmeasured() {
        Map<Part, Integer> ranks = new EnumMap<>(Part.class);
        for (Part part : Part.hessianParts()) {
            ranks.put(part, -1);
        }
        return ranks;
    }

    private static Json line(Job job, Architecture arch, int parameters, Map<Part, Integer> ranks, double failure,
            List<Verdict> verdicts, Json counterexample) {
        List<Json> statements = new ArrayList<>();
        for (Verdict v : verdicts) {
            statements.add(Json.object().put("id", v.id()).put("target", v.statement().target().targetName())
                    .put("kind", v.statement().kind().name().toLowerCase(Locale.ROOT))
                    .put("provenance", v.statement().provenance().name().toLowerCase(Locale.ROOT))
                    .put("predicted", v.predicted()).put("measured", v.measured()).put("verdict", v.outcome().label()));
        }
        Json j = Json.object().put("index", job.index()).put("id", job.id()).put("figure", job.figure())
                .put("x", job.x()).put("arch", arch.spec()).put("samples", job.samples()).put("seed", job.seed())
                .put("points", job.points()).put("parameters", parameters)
                .put("rank", Json.object().put("O", ranks.get(Part.O)).put("F", ranks.get(Part.F)).put("L", ranks.get(Part.L)))
                .put("grade", "certified-lower-bound")
                .put("failureProbability", String.format(Locale.ROOT, "%.2e", failure))
                .put("statements", statements);
        if (counterexample != null) {
            j.put("counterexample", counterexample);
        }
        return j;
    }
}
