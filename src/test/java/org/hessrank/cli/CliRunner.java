package org.hessrank.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Runs the command line in-process with its own writers (picocli's setOut/setErr), capturing stdout and stderr. */
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

    /** Runs {@code hessrank args} with stdout and stderr written to strings. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HessrankCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Parses {@code args} into {@code command} (a picocli command object, which gets string
     * writers), then runs {@code body} on it: for calling a command's methods directly.
     */
    static <T> Run capture(T command, ToIntFunction<T> body, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.parseArgs(args);
        int code = body.applyAsInt(command);
        return new Run(code, out.toString(), err.toString());
    }
}
