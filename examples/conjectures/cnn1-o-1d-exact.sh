#!/usr/bin/env bash
# CNN1-O with an FC readout, 1D, as an exact formula where N >= m0*d0 (the hypothesis the catalogue needs).
# Expected: HOLDS, tight at every generic point.
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family cnn1d --part O --bound "min(K*min(m0*d0, N), q*(m0*k1 + K*d1 - q))" --where "N >= m0*d0" --exact --max-samples 36 --tries 1000 --seed 1
