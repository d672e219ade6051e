#!/usr/bin/env bash
# LCN-F: a locally connected layer (no weight sharing) + FC readout, rank H_F = 2*m*d1*min(m0*k, K, N).
# Expected: HOLDS, tight at every generic point.
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family local1d --part F --bound "2*m*d1*min(m0*k, K, N)" --exact --tries 400 --max-params 300 --seed 1
