#!/usr/bin/env bash
# Old collector against new in the same run, with the same load.
#
#   scripts/bench-ingest-vs.sh <git-rev> [--new <git-rev>] [--rounds N] [benchmark options...]
#   scripts/bench-ingest-vs.sh dd872be --rounds 3 --seconds 5
#
# Builds <git-rev>'s collector in Release in a worktree outside the repository (kept for the next run under
# $BENCH_VS_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/telemetry-bench-vs/<commit>), builds the working tree's
# collector and benchmark in Release (with --new, those of another commit, in a worktree too: for when the working
# tree is in the middle of something else), then runs that one benchmark binary against each collector in turn
# (see scripts/bench-ingest.sh for what a run measures). Rounds go old-new, new-old, old-new, ... so that drift on the
# machine (warming caches, other work) weighs on both alike. Prints the median of each figure per collector and
# new/old: the health-check ceiling (h2load), unary and streaming ingestion, and where the CPU went per report.
# A fall of more than 10% in an ingestion figure is flagged, not failed (as the benchmark treats its targets).
#
# Benchmark options after <git-rev> override the short defaults below (one run per collector per round; each run
# takes about 45 s with them, so 3 rounds take about 5 minutes); --collector is the script's. Every benchmark run is
# bounded by the benchmark's own limits and by a 10-minute timeout here. Logs stay in the cache folder.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/bench-ingest-vs.sh <git-rev> [--new <git-rev>] [--rounds N] [benchmark options...]" >&2
  exit 2
}

[[ $# -ge 1 && $1 != -* ]] || usage
rev=$1
shift
new_rev=
rounds=3
bench_args=(--runs 1 --seconds 5 --warm-up-seconds 2 --paced-seconds 3 --h2load-requests 100000 --xadd-requests 50000)
while [[ $# -gt 0 ]]; do
  case $1 in
    --new)
      [[ -n ${2:-} ]] || usage
      new_rev=$2
      shift 2
      ;;
    --rounds)
      [[ ${2:-} =~ ^[1-9]$|^10$ ]] || { echo "bench-ingest-vs: --rounds must be 1 to 10" >&2; exit 2; }
      rounds=$2
      shift 2
      ;;
    --collector | --summary-line)
      echo "bench-ingest-vs: $1 is set by the script" >&2
      exit 2
      ;;
    *)
      bench_args+=("$1")
      shift
      ;;
  esac
done

for tool in git dotnet redis-server redis-benchmark redis-cli h2load timeout; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-ingest-vs: $tool is missing; run scripts/setup.sh (Debian redis-server, nghttp2-client)" >&2
    exit 1
  fi
done

cache=${BENCH_VS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/telemetry-bench-vs}
mkdir -p "$cache"

# Prints the folder of a worktree of <git-rev>, detached so that no branch is held; one left by an earlier run is
# reused.
worktree_of() {
  local commit
  commit=$(git rev-parse --verify --quiet "$1^{commit}") || { echo "bench-ingest-vs: $1 is not a commit" >&2; exit 2; }
  if [[ $(git -C "$cache/$commit" rev-parse HEAD 2>/dev/null || true) != "$commit" ]]; then
    git worktree prune
    rm -rf "${cache:?}/$commit"
    git worktree add --detach --quiet "$cache/$commit" "$commit" >&2
  fi
  echo "$cache/$commit"
}

old_tree=$(worktree_of "$rev")
short=$(git -C "$old_tree" rev-parse --short HEAD)
new_tree=$PWD
new_name="working tree"
if [[ -n $new_rev ]]; then
  new_tree=$(worktree_of "$new_rev")
  new_name=$(git -C "$new_tree" rev-parse --short HEAD)
fi

echo "bench-ingest-vs: building $short's collector in $old_tree" >&2
dotnet build "$old_tree/src/Telemetry.Server" -c Release -v quiet -nologo >&2
echo "bench-ingest-vs: building the collector and benchmark of the $new_name ($new_tree)" >&2
dotnet build "$new_tree/src/Telemetry.Server" -c Release -v quiet -nologo >&2
dotnet build "$new_tree/benchmarks/Telemetry.Ingestion.Benchmarks" -c Release -v quiet -nologo >&2

old_dll=$old_tree/src/Telemetry.Server/bin/Release/net10.0/Telemetry.Server.dll
new_dll=$new_tree/src/Telemetry.Server/bin/Release/net10.0/Telemetry.Server.dll
bench_dll=$new_tree/benchmarks/Telemetry.Ingestion.Benchmarks/bin/Release/net10.0/Telemetry.Ingestion.Benchmarks.dll
logs=$cache/logs/$(date +%Y%m%d-%H%M%S)
mkdir -p "$logs"
summaries=$logs/summaries
: >"$summaries"

run() { # side round
  local side=$1 round=$2 dll log
  [[ $side == old ]] && dll=$old_dll || dll=$new_dll
  log=$logs/round$round-$side.log
  echo "bench-ingest-vs: round $round of $rounds, $side collector ($log)" >&2
  if ! timeout --kill-after=10s 600 dotnet "$bench_dll" --collector "$dll" --summary-line "${bench_args[@]}" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "bench-ingest-vs: the benchmark failed against the $side collector; see $log" >&2
    exit 1
  fi
  local line
  line=$(grep '^summary ' "$log" | tail -n 1)
  echo "bench-ingest-vs:   ${line#summary }" >&2
  echo "$side $round ${line#summary }" >>"$summaries"
}

for ((round = 1; round <= rounds; round++)); do
  if ((round % 2 == 1)); then
    run old "$round"
    run new "$round"
  else
    run new "$round"
    run old "$round"
  fi
done

echo
echo "Old $short ($old_dll) against new $new_name ($new_dll),"
echo "same benchmark, $rounds round(s); median of the rounds."
echo "Benchmark options: ${bench_args[*]}"
echo "Logs: $logs"
echo
awk -v old="$short" '
  # One summary line per run: side, round, then key=value pairs.
  {
    side = $1
    for (i = 3; i <= NF; i++) {
      split($i, kv, "=")
      n = ++count[side, kv[1]]
      value[side, kv[1], n] = kv[2]
      raw[side, kv[1]] = raw[side, kv[1]] (n > 1 ? " " : "") kv[2]
    }
  }
  function median(side, key,    n, i, j, t, a) {
    n = count[side, key]
    if (n == 0) return ""
    for (i = 1; i <= n; i++) a[i] = value[side, key, i] + 0
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  # higher: whether a larger value is better; flag: whether a fall of more than 10% is flagged.
  function row(label, key, higher, flag,    o, n, ratio, note) {
    o = median("old", key); n = median("new", key)
    ratio = o > 0 ? n / o : 0
    note = sprintf("%+.1f%%", (ratio - 1) * 100)
    if (flag) note = note (ratio < 0.90 ? "  FALLS MORE THAN 10%" : "  ok (no fall over 10%)")
    printf "%-38s %14s %14s %8.3f  %s\n", label, fmt(o), fmt(n), ratio, note
    rounds_text = rounds_text sprintf("%-38s old: %s | new: %s\n", label, raw["old", key], raw["new", key])
  }
  # Thousands separated by commas, as the benchmark prints them (mawk has no %\047d).
  function fmt(v,    s) {
    if (v < 1000) return sprintf("%.2f", v)
    s = sprintf("%.0f", v)
    while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
    return s
  }
  END {
    printf "%-38s %14s %14s %8s  %s\n", "figure (median)", "old " old, "new", "new/old", "change"
    printf "%-38s %14s %14s %8s  %s\n", "--------------------------------------", "--------------", "--------------", "--------", "------"
    row("health Check, h2load ceiling (/s)", "health_check", 1, 0)
    row("unary ingest (reports/s)", "unary", 1, 1)
    row("streaming ingest (reports/s)", "stream", 1, 1)
    print ""
    print "where the time goes (lower is better unless marked /s):"
    row("collector CPU us per health Check", "health_check_collector_us", 0, 0)
    row("collector CPU us per unary report", "unary_collector_us", 0, 0)
    row("collector CPU us per streamed report", "stream_collector_us", 0, 0)
    row("redis CPU us per unary report", "unary_redis_us", 0, 0)
    row("redis CPU us per streamed report", "stream_redis_us", 0, 0)
    row("health Check, benchmark client (/s)", "client_health_check", 1, 0)
    row("unary latency p50 (ms)", "unary_p50_ms", 0, 0)
    row("unary latency p99 (ms)", "unary_p99_ms", 0, 0)
    row("stream send->ack p50 (ms)", "stream_p50_ms", 0, 0)
    row("stream send->ack p99 (ms)", "stream_p99_ms", 0, 0)
    row("RSS at paced rate (MiB)", "steady_rss_mib", 0, 0)
    print ""
    print "per round, in round order:"
    printf "%s", rounds_text
  }
' "$summaries"
