#!/usr/bin/env bash
# FCB-F: rank H_F = 2 qt sum(M) + 2 qt st - L qt^2 + (L-2) qt + sum_{j=2..L-1} 2 (M_j - qt) [min(M_1..M_{j-1}) < min(rt, K, M_j..M_{L-1})]
# (the Iverson bracket is a comparison, which gives 1 or 0).
# Expected: HOLDS, tight at every generic point.
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family fc-bias --part F --bound "2*qt*sum(hidden) + 2*qt*st - L*qt*qt + (L-2)*qt + sum(j = 2..L-1, 2*(hidden(j) - qt)*(min(i = 1..j-1, hidden(i)) < min(rt, K, min(i = j..L-1, hidden(i)))))" --exact --tries 400 --max-params 300 --seed 1
