package org.hessrank.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Version from the jar manifest and the git commit recorded at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hessrank " + version() + " (commit " + commit() + ")"};
    }

    /** The project version, or {@code development build} outside a jar. */
    public static String version() {
        String v = HessrankCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** The git commit the classes were built from (with {@code -dirty} for uncommitted changes), or {@code unknown}. */
    public static String commit() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/hessrank-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id.full", "unknown");
            return "true".equals(p.getProperty("git.dirty")) ? id + "-dirty" : id;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
