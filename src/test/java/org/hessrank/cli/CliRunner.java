package org.hessrank.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the command line in-process, capturing stdout and stderr. */
final class CliRunner {
    record Run(int code, String out, String err) {
        /** The first integer value of a JSON key, e.g. {@code "rank":12}. */
        long jsonLong(String key) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?\\d+)").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no integer key " + key + " in " + out);
            }
            return Long.parseLong(m.group(1));
        }

        /** The integer value of {@code key} inside the object of {@code object}, e.g. "O" → "rank". */
        long jsonLong(String object, String key) {
            int at = out.indexOf("\"" + object + "\":{");
            if (at < 0) {
                throw new AssertionError("no object " + object + " in " + out);
            }
            Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?\\d+)").matcher(out);
            if (!m.find(at)) {
                throw new AssertionError("no key " + key + " after " + object + " in " + out);
            }
            return Long.parseLong(m.group(1));
        }

        String jsonString(String key) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\"([^\"]*)\"").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no string key " + key + " in " + out);
            }
            return m.group(1);
        }
    }

    private CliRunner() {
    }

    static Run run(String... args) {
        try {
            return capture(() -> HessrankCommand.execute(args));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code body} with stdout and stderr captured. */
    static synchronized Run capture(java.util.concurrent.Callable<Integer> body) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = body.call();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
