package org.hessrank.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Entry point of the {@code hessrank} command: the one place that touches the JVM's
 * {@code System.out} and {@code System.err}, handing them to the command line as picocli writers.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(HessrankCommand.execute(writer(System.out, "stdout.encoding", "sun.stdout.encoding"),
                writer(System.err, "stderr.encoding", "sun.stderr.encoding"), args));
    }

    /**
     * An auto-flushing writer on {@code stream} in the stream's own encoding: the JDK's
     * {@code stdout.encoding} (Java 19+) or {@code sun.stdout.encoding}, else the default charset,
     * as {@code System.out} itself encodes.
     */
    private static PrintWriter writer(PrintStream stream, String property, String legacyProperty) {
        String name = System.getProperty(property, System.getProperty(legacyProperty));
        Charset charset = name == null || !Charset.isSupported(name) ? Charset.defaultCharset() : Charset.forName(name);
        return new PrintWriter(new OutputStreamWriter(stream, charset), true);
    }
}
