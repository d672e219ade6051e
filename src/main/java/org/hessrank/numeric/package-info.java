/**
 * Floating-point ranks, as the papers measured them. Nothing here is exact: every result is
 * graded {@link org.hessrank.exact.Grade#NUMERICAL_ESTIMATE}. Depends only on {@code exact}.
 */
package org.hessrank.numeric;
