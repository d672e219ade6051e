#!/usr/bin/env bash
# FC-O on a family defined by a template: in(d) -> dense(m) -> dense(K), d in 2..5, m in 1..6,
# K in 1..3, N in d+1..30: rank H_O = q*(r + K - q), q = min(r, K, m).
# Expected: HOLDS, tight at every generic draw.
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --template "in({d}) -> dense({m}) -> dense({K})" --vary d=2..5 --vary m=1..6 --vary K=1..3 --samples "{d}+1..30" --part O --bound "min(r,K,m)*(r+K-min(r,K,m))" --exact --tries 100 --seed 1
