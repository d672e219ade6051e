#!/usr/bin/env bash
# FCB-L, a relational conjecture: rank H_L = rank H_O + rank H_F - qt*(2*st - qt - 1), with HO, HF the measured ranks.
# Expected: HOLDS, tight at every generic point.
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family fc-bias --part L --bound "HO + HF - qt*(2*st - qt - 1)" --exact --tries 400 --max-params 300 --seed 1
