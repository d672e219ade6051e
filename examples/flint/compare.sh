#!/usr/bin/env bash
# Exact rank, hessrank against FLINT 2.9, side by side in one run (docs/benchmarks.md,
# "Exact rank against FLINT"). Not part of the Maven build.
#
#   examples/flint/compare.sh [RUNS] [N] [RANK]      (defaults 5 2000 500)
#
# Builds flint_rank and gen_lowrank (needs gcc, FLINT and GMP: apt-get install libflint-dev),
# writes a seeded N x N integer matrix of rank RANK (gen_lowrank, seed 1) to a temporary
# Matrix Market file, then alternates RUNS times: `hessrank matrix-rank --method modular FILE`
# in a fresh JVM and flint_rank on the same file mod the very prime hessrank drew (a random
# 49-bit prime, seed 1). Prints each run and a table of medians: the rank computation alone
# (hessrank's "seconds", i.e. reduction mod p plus elimination; FLINT's nmod_mat_rank) and the
# whole process (wall clock and CPU time, user + system, JVM start and file reading included;
# hessrank uses both cores, FLINT one).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
n="${2:-2000}"
r="${3:-500}"
make -s -C "$here" flint_rank gen_lowrank
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
file="$work/lowrank-$n-$r.mtx"
"$here/gen_lowrank" "$n" "$n" "$r" 1 > "$file"
[[ -f "$root/target/hessrank.jar" ]] || "$root/hessrank" --version > /dev/null
jar="$root/target/hessrank.jar"
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); matrix $n x $n of rank $r (gen_lowrank seed 1), $runs runs"
hr_rank=(); hr_total=(); hr_cpu=(); fl_rank=(); fl_total=(); fl_cpu=()
timed() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@"; }
wall() { cut -d' ' -f1 "$work/time"; }
cpu() { awk '{print $2 + $3}' "$work/time"; }
for ((k = 1; k <= runs; k++)); do
  json=$(timed java ${HESSRANK_JAVA_OPTS:--Xmx16g} -jar "$jar" matrix-rank --method modular --format json "$file")
  rank=$(sed -E 's/.*"rank":([0-9]+).*/\1/' <<< "$json")
  prime=$(sed -E 's/.*"primes":\[([0-9]+)\].*/\1/' <<< "$json")
  secs=$(sed -E 's/.*"seconds":([0-9.eE+-]+).*/\1/' <<< "$json")
  hr_rank+=("$secs"); hr_total+=("$(wall)"); hr_cpu+=("$(cpu)")
  echo "run $k hessrank rank=$rank prime=$prime rank_s=$secs process_s=${hr_total[-1]} process_cpu_s=${hr_cpu[-1]}"
  line=$(timed "$here/flint_rank" "$file" "$prime")
  fl_rank+=("$(sed -E 's/.*rank_s=([0-9.]+).*/\1/' <<< "$line")"); fl_total+=("$(wall)"); fl_cpu+=("$(cpu)")
  echo "run $k $line process_s=${fl_total[-1]} process_cpu_s=${fl_cpu[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
hr=$(median "${hr_rank[@]}"); fl=$(median "${fl_rank[@]}")
ht=$(median "${hr_total[@]}"); ft=$(median "${fl_total[@]}")
hc=$(median "${hr_cpu[@]}"); fc=$(median "${fl_cpu[@]}")
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %10s %10s %14s\n' "median of $runs fresh processes" "rank s" "process s" "process cpu s"
printf '%-34s %10.3f %10.3f %14.3f\n' "hessrank matrix-rank (modular)" "$hr" "$ht" "$hc"
printf '%-34s %10.3f %10.3f %14.3f\n' "FLINT nmod_mat_rank" "$fl" "$ft" "$fc"
printf '%-34s %10.2f %10.2f %14.2f\n' "hessrank / FLINT" "$(echo "$hr / $fl" | bc -l)" "$(echo "$ht / $ft" | bc -l)" \
  "$(echo "$hc / $fc" | bc -l)"
