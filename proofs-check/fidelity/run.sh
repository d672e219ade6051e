#!/usr/bin/env bash
# Fidelity study (issue 7): float64 vs exact vs high-precision Hessian ranks.
# Runs from a fresh clone: the launcher builds the jar if needed. Writes CSV, Markdown and SVG
# files next to this script. Seeded: a rerun writes the same files (timings aside).
# Takes about 5-6 minutes on 2 cores (most of it in the float64 depth sweep's SVDs at p ~ 800
# and in 60-digit tanh Hessians).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seed="${SEED:-1}"
digits="${DIGITS:-60}"
for study in cross-entropy nonlinear float64; do
  echo "fidelity study $study ..." >&2
  start=$(date +%s)
  "$root/hessrank" fidelity study "$study" --out "$here" --seed "$seed" --precision "$digits"
  echo "  done in $(( $(date +%s) - start )) s" >&2
done
