#!/usr/bin/env bash
# FC-F at generic points: rank H_F = 2q*sum(hidden) + 2q*s - L*q^2 [NBH21].
# expect-exit: 0
# expect-output: DISCOVERED q*(2*s + 2*sum(hidden) - q*L)
cd "$(dirname "$0")"
../../hessrank discover --family fc --part F --check-tries 40
