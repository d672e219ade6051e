/**
 * Output formats: JSON objects for machine-readable results. Pure formatting: nothing here
 * computes a rank or rounds a number it is given (doubles print with 6 significant digits;
 * ranks and counts are integers and print exactly).
 */
package org.hessrank.report;
