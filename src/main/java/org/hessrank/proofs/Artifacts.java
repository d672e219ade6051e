package org.hessrank.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import org.hessrank.report.AtomicFiles;

/**
 * Runs a profile (whole or one shard) into a directory, and merges shard directories. A shard
 * directory holds its own {@code results.jsonl}, {@code timings.csv} and {@code shard.properties};
 * a whole run or a merge holds the full report.
 */
public final class Artifacts {
    private Artifacts() {
    }

    /** Runs shard {@code shard} of {@code shards} (0/1 for the whole profile) into {@code dir}. */
    public static void run(Profile profile, int shard, int shards, Path dir, String version, Consumer<String> progress)
            throws IOException {
        AtomicFiles.checkWritableDirectory(dir, "output directory");
        List<Runner.Output> outputs = Runner.run(profile, shard, shards, progress);
        AtomicFiles.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        StringBuilder timings = new StringBuilder("index,id,seconds\n");
        for (Runner.Output o : outputs) {
            lines.add(o.line());
            timings.append(o.job().index()).append(',').append(o.job().id()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", o.seconds())).append('\n');
        }
        AtomicFiles.write(dir.resolve("timings.csv"), timings.toString());
        if (shards == 1) {
            Report.of(lines, profile.name().toLowerCase(Locale.ROOT), version).write(dir);
            return;
        }
        AtomicFiles.write(dir.resolve("results.jsonl"), String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        Properties p = new Properties();
        p.setProperty("profile", profile.name());
        p.setProperty("shard", Integer.toString(shard));
        p.setProperty("shards", Integer.toString(shards));
        p.setProperty("jobs", Integer.toString(Plan.jobs(profile).size()));
        StringBuilder sb = new StringBuilder();
        for (String key : new String[] {"profile", "shard", "shards", "jobs"}) {
            sb.append(key).append('=').append(p.getProperty(key)).append('\n');
        }
        AtomicFiles.write(dir.resolve("shard.properties"), sb.toString());
    }

    /**
     * Merges shard directories into {@code out}: checks that they come from one profile and one
     * split and cover every job exactly once, then writes the full report.
     *
     * @throws IllegalArgumentException naming the directory when a shard is missing, repeated or
     *     inconsistent
     */
    public static void merge(List<Path> shardDirs, Path out, String version) throws IOException {
        if (shardDirs.isEmpty()) {
            throw new IllegalArgumentException("shard directories must not be empty");
        }
        String profile = null;
        int shards = -1;
        int jobs = -1;
        boolean[] seen = null;
        List<String> lines = new ArrayList<>();
        List<String> timings = new ArrayList<>();
        for (Path d : shardDirs) {
            Path props = d.resolve("shard.properties");
            if (!Files.isRegularFile(props)) {
                throw new IllegalArgumentException("shard directory (" + d + ") has no shard.properties");
            }
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            String pr = p.getProperty("profile");
            int n = Integer.parseInt(p.getProperty("shards", "-1"));
            int i = Integer.parseInt(p.getProperty("shard", "-1"));
            int j = Integer.parseInt(p.getProperty("jobs", "-1"));
            if (profile == null) {
                profile = pr;
                shards = n;
                jobs = j;
                seen = new boolean[n];
            } else if (!profile.equals(pr) || shards != n || jobs != j) {
                throw new IllegalArgumentException("shard directory (" + d + ") is from profile " + pr + " split " + n
                        + ", not " + profile + " split " + shards);
            }
            if (i < 0 || i >= n || seen[i]) {
                throw new IllegalArgumentException("shard directory (" + d + "): shard " + i + "/" + n
                        + (i >= 0 && i < n ? " given twice" : " out of range"));
            }
            seen[i] = true;
            for (String line : Files.readAllLines(d.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            Path t = d.resolve("timings.csv");
            if (Files.isRegularFile(t)) {
                List<String> tl = Files.readAllLines(t, StandardCharsets.UTF_8);
                timings.addAll(tl.subList(Math.min(1, tl.size()), tl.size()));
            }
        }
        for (int i = 0; i < shards; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("shard " + i + "/" + shards + " is missing");
            }
        }
        if (lines.size() != jobs) {
            throw new IllegalArgumentException("shards hold " + lines.size() + " results, the plan has " + jobs);
        }
        AtomicFiles.createDirectories(out);
        Report.of(lines, Profile.valueOf(profile).name().toLowerCase(Locale.ROOT), version).write(out);
        timings.sort((a, b) -> Integer.compare(Integer.parseInt(a.split(",")[0]), Integer.parseInt(b.split(",")[0])));
        AtomicFiles.write(out.resolve("timings.csv"), "index,id,seconds\n" + String.join("\n", timings)
                + (timings.isEmpty() ? "" : "\n"));
    }
}
