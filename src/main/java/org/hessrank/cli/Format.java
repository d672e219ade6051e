package org.hessrank.cli;

/** Output formats shared by the commands. */
public enum Format {
    text, json, csv
}
