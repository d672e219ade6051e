#!/usr/bin/env bash
# FCB-O: deep linear FC with a bias in every layer, rank H_O = K*r~ - (K - q)*max(r~ - 1 - q, 0).
# Expected: HOLDS, tight at every generic point.
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family fc-bias --part O --bound "K*rt - (K - q)*max(rt - 1 - q, 0)" --exact --tries 400 --max-params 300 --seed 1
