package org.hessrank.cli;

import picocli.CommandLine;

/** Version from the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HessrankCommand.class.getPackage().getImplementationVersion();
        return new String[] {"hessrank " + (v == null ? "development build" : v)};
    }
}
