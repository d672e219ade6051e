#!/usr/bin/env bash
# FC-O carried over naively to a square activation: in(d) -> dense(m) -> pow(2) -> dense(K).
# Expected: REFUTED; the draw is shrunk variable by variable to the smallest net that breaks the
# bound, in(2) -> dense(2) -> pow(2) -> dense(1) with N = 3 (rank H_O 3, not 2).
# expect-exit: 1
# expect-output: smallest draw: d=2 m=2 K=1 N=3
# expect-output: REFUTED (violated): predicted 2, measured 3
cd "$(dirname "$0")"
../../hessrank conjecture --template "in({d}) -> dense({m}) -> pow(2) -> dense({K})" --vary d=2..5 --vary m=1..6 --vary K=1..3 --samples "{d}+1..30" --part O --bound "min(r,K,m)*(r+K-min(r,K,m))" --tries 100 --seed 1
