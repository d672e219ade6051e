package org.hessrank.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hessrank.net.LayerJars;
import picocli.CommandLine.Option;

/**
 * {@code --layers JAR} (repeatable), for every command that takes a spec ({@code @Mixin LayersOption
 * layers}): loads the jars' {@code CustomLayer}s ({@link LayerJars}) before the spec is parsed, and
 * gives the options back for a printed reproducing command.
 */
final class LayersOption {
    @Option(names = "--layers", paramLabel = "JAR",
            description = "A jar of custom layers, registered through java.util.ServiceLoader from its"
                    + " META-INF/services/org.hessrank.net.CustomLayer. Repeatable. See%n"
                    + "docs/custom-layers.md")
    List<Path> jars = new ArrayList<>();

    /**
     * Registers the jars' layers (nothing without {@code --layers}).
     *
     * @throws IllegalArgumentException naming the bad jar
     */
    void load() {
        if (!jars.isEmpty()) {
            LayerJars.load(jars);
        }
    }

    /** {@code  --layers "a.jar" --layers "b.jar"} (with a leading blank), or "" without jars. */
    String reproduce() {
        StringBuilder sb = new StringBuilder();
        for (Path p : jars) {
            sb.append(" --layers \"").append(p).append('"');
        }
        return sb.toString();
    }
}
