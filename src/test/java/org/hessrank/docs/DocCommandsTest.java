package org.hessrank.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hessrank.cli.HessrankCommand;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every command shown in a {@code ```console} block of README.md and docs/*.md through the
 * command line, in-process, and checks its exit code and output against the lines shown under it.
 *
 * <p>The conventions (documented in docs/README.md, "Executed documentation"):
 * <ul>
 * <li>a line {@code $ ./hessrank ARGS} (or {@code $ hessrank ARGS}) is a command; the lines after it,
 *     up to the next {@code $ } line or the end of the block, are its expected output: stdout, then
 *     stderr;</li>
 * <li>a last line {@code [exit N]} is the expected exit code; without it the exit code must be 0;</li>
 * <li>{@code …} (U+2026) inside a line matches any text (times, memory); a line that is only
 *     {@code …} matches any number of lines, none included; trailing spaces and trailing blank lines
 *     are ignored;</li>
 * <li>the commands of one block run in one fresh scratch directory: an argument that is a bare file
 *     name ending in .csv, .svg, .mtx, .json, .jsonl or .txt names a file there, and the directory's
 *     path is removed from the output.</li>
 * </ul>
 * Long-running examples are shown in {@code ```text} blocks instead, with the machine they ran on.
 */
class DocCommandsTest {
    static final String PLACEHOLDER = "\u2026";
    private static final Pattern EXIT = Pattern.compile("\\[exit (\\d+)]");
    private static final Pattern SCRATCH_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\.(csv|svg|mtx|json|jsonl|txt)");

    record Command(String where, String line, List<String> args, List<String> expected, int exitCode) {
    }

    record Example(String where, List<Command> commands) {
    }

    /** Every console block of the documentation, each as the list of its commands. */
    static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        for (Path file : MarkdownBlocks.documentationFiles()) {
            for (MarkdownBlocks.Block b : MarkdownBlocks.blocks(file, "console")) {
                out.add(new Example(b.where(0), commands(b)));
            }
        }
        return out;
    }

    static List<Command> commands(MarkdownBlocks.Block b) {
        List<Command> commands = new ArrayList<>();
        List<String> lines = b.lines();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.startsWith("$ ")) {
                throw new AssertionError(b.where(i) + ": a console block must start with a '$ ' command line: " + line);
            }
            String where = b.where(i);
            StringBuilder command = new StringBuilder(line.substring(2).strip());
            while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                command.setLength(command.length() - 1);
                command.append(' ').append(lines.get(++i).strip());
            }
            i++;
            List<String> expected = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).startsWith("$ ")) {
                expected.add(stripEnd(lines.get(i)));
                i++;
            }
            dropTrailingBlanks(expected);
            int exit = 0;
            if (!expected.isEmpty()) {
                Matcher m = EXIT.matcher(expected.get(expected.size() - 1));
                if (m.matches()) {
                    exit = Integer.parseInt(m.group(1));
                    expected.remove(expected.size() - 1);
                    dropTrailingBlanks(expected);
                }
            }
            List<String> words = words(command.toString(), where);
            if (words.isEmpty() || !(words.get(0).equals("./hessrank") || words.get(0).equals("hessrank"))) {
                throw new AssertionError(where + ": only hessrank commands can be executed: " + command);
            }
            commands.add(new Command(where, command.toString(), words.subList(1, words.size()), expected, exit));
        }
        return commands;
    }

    @Test
    void theDocumentationHasExecutedExamples() {
        List<Example> examples = examples();
        long commands = examples.stream().mapToLong(e -> e.commands().size()).sum();
        assertTrue(commands >= 10, "expected at least 10 executed commands in README.md and docs/*.md, found " + commands);
        assertTrue(examples.stream().anyMatch(e -> e.where().startsWith("README.md:")),
                "README.md has no console block (its worked example should be one)");
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandRunsAsShown() {
        return examples().stream().map(e -> DynamicTest.dynamicTest(e.where(), () -> runExample(e)));
    }

    private static void runExample(Example e) throws IOException {
        Path scratch = Files.createTempDirectory("hessrank-docs");
        try {
            for (Command c : e.commands()) {
                List<String> args = new ArrayList<>();
                for (String a : c.args()) {
                    args.add(SCRATCH_FILE.matcher(a).matches() ? scratch.resolve(a).toString() : a);
                }
                Run run = Run.of(args.toArray(String[]::new));
                String prefix = scratch.toString() + java.io.File.separator;
                List<String> actual = new ArrayList<>();
                for (String l : (run.out() + run.err()).replace(prefix, "").split("\r?\n", -1)) {
                    actual.add(stripEnd(l));
                }
                dropTrailingBlanks(actual);
                String report = c.where() + ": $ " + c.line() + "\n--- expected (exit " + c.exitCode() + ")\n"
                        + String.join("\n", c.expected()) + "\n--- actual (exit " + run.code() + ")\n"
                        + String.join("\n", actual);
                assertEquals(c.exitCode(), run.code(), report);
                assertTrue(matches(c.expected(), actual), report);
            }
        } finally {
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Whether {@code actual} matches the {@code expected} lines with their placeholders. */
    static boolean matches(List<String> expected, List<String> actual) {
        List<Pattern> patterns = new ArrayList<>();
        for (String line : expected) {
            patterns.add(line.strip().equals(PLACEHOLDER) ? null : linePattern(line));
        }
        return matches(patterns, 0, actual, 0, new HashMap<>());
    }

    private static boolean matches(List<Pattern> p, int i, List<String> a, int j, Map<Long, Boolean> memo) {
        long key = ((long) i << 32) | j;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean result;
        if (i == p.size()) {
            result = j == a.size();
        } else if (p.get(i) == null) {
            result = matches(p, i + 1, a, j, memo) || (j < a.size() && matches(p, i, a, j + 1, memo));
        } else {
            result = j < a.size() && p.get(i).matcher(a.get(j)).matches() && matches(p, i + 1, a, j + 1, memo);
        }
        memo.put(key, result);
        return result;
    }

    static Pattern linePattern(String line) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        int at;
        while ((at = line.indexOf(PLACEHOLDER, from)) >= 0) {
            regex.append(Pattern.quote(line.substring(from, at))).append(".*");
            from = at + PLACEHOLDER.length();
        }
        regex.append(Pattern.quote(line.substring(from)));
        return Pattern.compile(regex.toString());
    }

    /** Splits a shell command line into words: '...' and "..." quoting, backslash escapes; no pipes or redirections. */
    static List<String> words(String command, String where) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int k = 0; k < command.length(); k++) {
            char ch = command.charAt(k);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && k + 1 < command.length() && "\"\\$`".indexOf(command.charAt(k + 1)) >= 0) {
                    w.append(command.charAt(++k));
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && k + 1 < command.length()) {
                w.append(command.charAt(++k));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if ("|&;<>`".indexOf(ch) >= 0) {
                throw new AssertionError(where + ": shell syntax is not supported in executed examples ('" + ch + "'): "
                        + command);
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new AssertionError(where + ": unclosed quote: " + command);
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    private static String stripEnd(String s) {
        return s.stripTrailing();
    }

    private static void dropTrailingBlanks(List<String> lines) {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
    }

    /** One in-process run of the command line, stdout and stderr through picocli's writers. */
    record Run(int code, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = HessrankCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(code, out.toString(), err.toString());
        }
    }
}
