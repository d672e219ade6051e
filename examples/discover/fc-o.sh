#!/usr/bin/env bash
# FC-O rediscovered from data alone: rank H_O = q*(r + K - q) [NBH21].
# expect-exit: 0
# expect-output: DISCOVERED q*(K + r - q)
cd "$(dirname "$0")"
../../hessrank discover --family fc --part O --check-tries 40
