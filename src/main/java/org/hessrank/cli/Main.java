package org.hessrank.cli;

/** Entry point of the {@code hessrank} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(HessrankCommand.execute(args));
    }
}
