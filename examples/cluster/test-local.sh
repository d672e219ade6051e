#!/usr/bin/env bash
# Simulates the cluster runs of examples/cluster/ on this machine, with the quick profile, and
# checks that the merged outputs equal the unsharded quick run byte for byte.
#
#   examples/cluster/test-local.sh            # from the repository root; a few minutes
#   examples/cluster/test-local.sh --fresh    # also compare with a fresh unsharded quick run
#
# 1. Slurm: runs proofs-check.slurm as array tasks 0..2 of 3 (SLURM_ARRAY_TASK_ID etc. set by
#    hand; no SLURM_ARRAY_JOB_ID, so task 0 submits no merge job), then `proofs-check.slurm --merge 3`.
# 2. Kubernetes: parses proofs-check-job.yaml (needs python3 with PyYAML; skipped with a note
#    without it), checks the Indexed Job, runs its shard command for JOB_COMPLETION_INDEX = 0, 1
#    with SHARDS=2 and its merge command, on a temporary directory standing for the volume.
# Both merges must give results.csv and results.jsonl identical to proofs-check/expected/quick/
# (the committed unsharded quick run, which ProofsCheckQuickTest holds to a fresh run), and a
# REPORT.md identical but for its version line, with the same results checksum.
# Exit 0 when all hold, 1 when an output differs, 2 on bad usage.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
fresh=0
case "${1:-}" in
  "") ;;
  --fresh) fresh=1 ;;
  *) echo "test-local.sh: unknown option '$1' (use --fresh or nothing)" >&2; exit 2 ;;
esac
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
expected="$root/proofs-check/expected/quick"
failed=0

same() {  # same NAME EXPECTED_DIR ACTUAL_DIR
  local f
  for f in results.csv results.jsonl; do
    cmp -s "$2/$f" "$3/$f" || { echo "FAIL $1: $f differs from $2/$f" >&2; failed=1; }
  done
  if ! diff -q <(grep -v '^- hessrank ' "$2/REPORT.md") <(grep -v '^- hessrank ' "$3/REPORT.md") >/dev/null; then
    echo "FAIL $1: REPORT.md differs from $2/REPORT.md (beyond the version line)" >&2; failed=1
  fi
  local a b
  a="$(grep -o 'SHA-256): `[0-9a-f]*`' "$2/REPORT.md")"; b="$(grep -o 'SHA-256): `[0-9a-f]*`' "$3/REPORT.md")"
  [[ -n "$a" && "$a" == "$b" ]] || { echo "FAIL $1: results checksum '$b', expected '$a'" >&2; failed=1; }
}

bash -n "$here/proofs-check.slurm"

# 1. Slurm job array, n = 3
n=3
for ((i = 0; i < n; i++)); do
  env -u SLURM_ARRAY_JOB_ID SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$n SLURM_ARRAY_TASK_MIN=0 \
    SLURM_ARRAY_TASK_MAX=$((n - 1)) PROOFS_CHECK_ROOT="$root" PROOFS_CHECK_OUT="$tmp/slurm" \
    PROOFS_CHECK_PROFILE=quick bash "$here/proofs-check.slurm" >/dev/null
done
PROOFS_CHECK_ROOT="$root" PROOFS_CHECK_OUT="$tmp/slurm" bash "$here/proofs-check.slurm" --merge $n >/dev/null
same "slurm array 0-$((n - 1)) + merge" "$expected" "$tmp/slurm/merged"

# 2. Kubernetes Indexed Job, n = 2
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$here/proofs-check-job.yaml" "$tmp" <<'PY'
import os, sys, yaml
docs = {d["metadata"]["name"]: d for d in yaml.safe_load_all(open(sys.argv[1]))}
shards, merge = docs["proofs-check-shards"], docs["proofs-check-merge"]
spec = shards["spec"]
assert spec["completionMode"] == "Indexed", spec
env = {e["name"]: e["value"] for e in spec["template"]["spec"]["containers"][0]["env"]}
menv = {e["name"]: e["value"] for e in merge["spec"]["template"]["spec"]["containers"][0]["env"]}
n = int(env["SHARDS"])
assert spec["completions"] == spec["parallelism"] == n == int(menv["SHARDS"]), (spec, env, menv)
for doc in (shards, merge):
    vols = doc["spec"]["template"]["spec"]["volumes"]
    assert vols[0]["persistentVolumeClaim"]["claimName"] == docs["proofs-check-shared"]["metadata"]["name"]
for name, doc in (("shard", shards), ("merge", merge)):
    cmd = doc["spec"]["template"]["spec"]["containers"][0]["command"]
    assert cmd[:2] == ["bash", "-c"], cmd
    open(os.path.join(sys.argv[2], name + ".sh"), "w").write(cmd[2])
PY
  mkdir -p "$tmp/k8s"
  ln -s "$root" "$tmp/k8s/hessrank"
  n=2
  for ((i = 0; i < n; i++)); do
    JOB_COMPLETION_INDEX=$i SHARDS=$n PROFILE=quick SHARED="$tmp/k8s" bash -n "$tmp/shard.sh"
    JOB_COMPLETION_INDEX=$i SHARDS=$n PROFILE=quick SHARED="$tmp/k8s" bash "$tmp/shard.sh" >/dev/null
  done
  SHARDS=$n SHARED="$tmp/k8s" POLL_SECONDS=1 bash "$tmp/merge.sh" >/dev/null
  same "kubernetes indexed job 0-$((n - 1)) + merge" "$expected" "$tmp/k8s/out/merged"
else
  echo "test-local.sh: python3 with PyYAML not found (pip install pyyaml): the Kubernetes manifest was not simulated" >&2
fi

# 3. optionally, a fresh unsharded run
if [[ $fresh == 1 ]]; then
  "$root/proofs-check/run" --quick --out "$tmp/whole" >/dev/null
  same "fresh unsharded quick run" "$tmp/whole" "$tmp/slurm/merged"
fi

if [[ $failed == 0 ]]; then
  echo "test-local.sh: ok (merged shards equal the unsharded quick run)"
fi
exit $failed
