package org.hessrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hessrank.proofs.Artifacts;
import org.hessrank.proofs.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hessrank proofs-check} and {@code hessrank proofs-merge}: the reproducibility artifact. */
@Command(name = "proofs-check", mixinStandardHelpOptions = true,
        description = {"Re-derive every docs/theorems.md statement and the papers' rank figures exactly, from fixed seeds.",
            "Writes REPORT.md, results.csv, results.jsonl, timings.csv and figures/*.svg into --out.",
            "--shard i/n runs only the jobs with index = i (mod n), for cluster schedulers (Slurm job arrays,"
                + " Kubernetes indexed jobs); join the shard directories with 'hessrank proofs-merge'.",
            "Exit codes: 0 ok (even with violations: they are findings, reported in the report), 2 bad input."})
public final class ProofsCheckCommand implements Callable<Integer> {
    private static final Pattern SHARD = Pattern.compile("(\\d+)/(\\d+)");

    @Option(names = "--profile", defaultValue = "quick", description = "quick | full (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run shard i of n (0-based).")
    String shard;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        Profile p = parseProfile(profile);
        int i = 0;
        int n = 1;
        if (shard != null) {
            Matcher m = SHARD.matcher(shard.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("--shard (" + shard + ") must look like i/n, e.g. 0/4");
            }
            i = Integer.parseInt(m.group(1));
            n = Integer.parseInt(m.group(2));
            if (n < 1 || i >= n) {
                throw new IllegalArgumentException("--shard (" + shard + ") must have 0 <= i < n");
            }
        }
        org.hessrank.report.AtomicFiles.checkWritableDirectory(output.out, "--out");
        long t0 = System.nanoTime();
        Progress progress = output.format.progress();
        Artifacts.run(p, i, n, output.out, versionLine(), phase -> progress.note("%s", phase));
        progress.done();
        output.summary(p.name().toLowerCase(Locale.ROOT), i, n, (System.nanoTime() - t0) / 1e9);
        return ExitCodes.OK;
    }

    /**
     * What proofs-check and proofs-merge write: the directory ({@code --out}, the same option in
     * both) and the one-line summary on stdout in {@code --format}.
     */
    static final class Output {
        @Option(names = "--out", defaultValue = "proofs-check/out", description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        FormatOption format;

        /**
         * The one-line summary on the command's stdout, in its {@code --format}; the checksum is
         * that of the full results (absent for a shard). Reads REPORT.md once: O(its size).
         */
        void summary(String profile, int shard, int shards, double seconds) throws java.io.IOException {
            PrintWriter stdout = format.out();
            Path report = out.resolve("REPORT.md");
            String checksum = null;
            if (shards == 1 && java.nio.file.Files.isRegularFile(report)) {
                for (String line : java.nio.file.Files.readAllLines(report)) {
                    int at = line.indexOf("(SHA-256): `");
                    if (at >= 0) {
                        checksum = line.substring(at + 12, line.lastIndexOf('`'));
                    }
                }
            }
            switch (format.get()) {
                case json -> stdout.println(org.hessrank.report.Json.object().put("profile", profile)
                        .put("shard", shard).put("shards", shards).put("out", out.toString()).put("checksum", checksum)
                        .put("seconds", seconds));
                case csv -> {
                    stdout.println(org.hessrank.report.Csv.row("profile", "shard", "shards", "out", "checksum",
                            "seconds"));
                    stdout.println(org.hessrank.report.Csv.row(profile, shard, shards, out, checksum, seconds));
                }
                default -> stdout.printf(Locale.ROOT, "proofs-check %s%s: wrote %s in %.1f s%s%n", profile,
                        shards > 1 ? " shard " + shard + "/" + shards : "", out, seconds,
                        checksum == null ? "" : " (results SHA-256 " + checksum + ")");
            }
        }
    }

    static Profile parseProfile(String s) {
        try {
            return Profile.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile (" + s + ") must be quick or full");
        }
    }

    static String versionLine() {
        return "hessrank " + VersionProvider.version() + ", commit " + VersionProvider.commit();
    }

    /** {@code hessrank proofs-merge}: joins shard directories into one report. */
    @Command(name = "proofs-merge", mixinStandardHelpOptions = true,
            description = {"Join the directories written by 'hessrank proofs-check --shard i/n' into one report,"
                    + " identical to a single-machine run. Checks that every shard is present once.",
                "Exit codes: 0 ok, 2 bad input (a shard missing, repeated or from another profile)."})
    public static final class Merge implements Callable<Integer> {
        @Parameters(paramLabel = "SHARD_DIR", arity = "1..*", description = "Shard output directories.")
        List<Path> shards;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            org.hessrank.report.AtomicFiles.checkWritableDirectory(output.out, "--out");
            long t0 = System.nanoTime();
            Artifacts.merge(shards, output.out, versionLine());
            output.summary("merged", 0, 1, (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        }
    }
}
