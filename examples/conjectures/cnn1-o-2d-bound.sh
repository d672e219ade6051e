#!/usr/bin/env bash
# The same expression in 2D as an upper bound, at every drawn point and without the N >= m0*d0 hypothesis.
# Expected: HOLDS (tight at most points, below at the rest).
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family cnn2d --part O --bound "min(K*min(m0*d0, N), q*(m0*k1 + K*d1 - q))" --max-samples 36 --tries 1000 --seed 1
