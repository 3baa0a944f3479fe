#!/usr/bin/env bash
# A newcomer's first run, checked: the README's commands on a fresh clone of the current commit in a temporary
# folder (no build output, no node_modules; NuGet packages come from the machine's cache). Three runs of
# scripts/run.sh on free ports, each stopped another way: SIGTERM to the run command (fresh clone), SIGTERM to the
# collector (already built), Ctrl+C (SIGINT to the command's process group). After each: no process of the clone
# is left, every report scripts/send-example.sh sent is in a completed .ndjson.gz file, and `git status` of the
# clone is empty. Prints the clone-to-ready times. Usage: scripts/check-first-run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
clone=$work/telemetry
failures=0

# Processes of the clone: those whose working directory lies in it (the collector, Redis in .data/redis, a build).
clone_pids() {
  local proc cwd
  for proc in /proc/[0-9]*; do
    cwd=$(readlink "$proc/cwd" 2>/dev/null) || continue
    if [[ $cwd == "$clone" || $cwd == "$clone"/* ]]; then
      echo "${proc#/proc/}"
    fi
  done
}

# The collector: the child of scripts/run.sh that runs Telemetry.Server.dll (from /proc: procps may be missing).
collector_pid() {
  local proc stat ppid
  for proc in /proc/[0-9]*; do
    stat=$(cat "$proc/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    read -r _ ppid _ <<<"$stat"
    if [[ $ppid == "$run_pid" && $(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null) == *Telemetry.Server.dll* ]]; then
      echo "${proc#/proc/}"
    fi
  done
}

cleanup() {
  local pid
  for pid in $(clone_pids); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAILED: $*"
  failures=$((failures + 1))
}

now_ms() { date +%s%3N; }

# A loopback port nothing listens on.
used_ports=" "
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    [[ $used_ports == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      used_ports+="$port "
      echo "$port"
      return
    fi
  done
}

# The HTTP status of GET <path> on the loopback port, without curl (a fresh machine may not have it).
http_status() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
    read -r -t 5 _ status _ <&3 && echo "$status"
  ) 2>/dev/null || true
}

# Starts scripts/run.sh in the clone in its own process group (as a terminal would), with SIGINT at its default
# disposition (a background job of a script would inherit it ignored) so that Ctrl+C can be simulated.
start_run() {
  grpc_port=$(free_port)
  operations_port=$(free_port)
  intake_port=$(free_port)
  redis_port=$(free_port)
  log=$work/run-$1.log
  (cd "$clone" && TELEMETRY_REDIS_PORT=$redis_port exec setsid env --default-signal=INT scripts/run.sh \
    --urls "http://127.0.0.1:$grpc_port" "--Kestrel:Endpoints:Operations:Url=http://127.0.0.1:$operations_port" \
    "--Kestrel:Endpoints:Intake:Url=http://127.0.0.1:$intake_port") \
    >"$log" 2>&1 &
  run_pid=$!
}

# Waits (at most $1 seconds) until /readyz answers 200 while the run command is alive.
wait_ready() {
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    [[ $(http_status "$operations_port" /readyz) == 200 ]] && return 0
    kill -0 "$run_pid" 2>/dev/null || break
    sleep 0.25
  done
  echo "--- $log"
  tail -n 40 "$log"
  return 1
}

# Waits (at most $1 seconds) until the run command has exited.
wait_exit() {
  local deadline=$((SECONDS + $1))
  while kill -0 "$run_pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.25
  done
  if kill -0 "$run_pid" 2>/dev/null; then
    fail "scripts/run.sh still runs $1 s after it was asked to stop"
    return 1
  fi
  wait "$run_pid" || true
}

# Sends the README's example report; sets report to its report_id when the collector accepted it.
send_example() {
  local answer
  report=
  answer=$(cd "$clone" && scripts/send-example.sh "127.0.0.1:$grpc_port" 2>&1) || true
  if [[ $answer != *REPORT_OUTCOME_ACCEPTED* ]]; then
    fail "scripts/send-example.sh was not accepted: $answer"
    return 0
  fi
  report=$(sed -nE 's/.*"reportId": *"([^"]+)".*/\1/p' <<<"$answer" | head -n 1)
}

# Not grep -q: it would stop reading at the first match, and zcat's broken pipe would fail the pipeline.
stored_in_completed_file() {
  find "$clone/.data/reports" -name '*.ndjson.gz' ! -name '.*' -exec zcat {} + 2>/dev/null | grep -F "$1" >/dev/null
}

# What every stop must leave: no process, every report in a completed file, no open segment, a clean tree.
check_stopped() {
  local how=$1 pids pid report_id before=$failures
  shift
  wait_exit 60 || return 0
  pids=$(clone_pids)
  for pid in $pids; do
    fail "$how left a process of the clone: $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)"
  done
  [[ -z $(http_status "$operations_port" /healthz) ]] || fail "$how left the collector answering"
  (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && fail "$how left Redis listening on $redis_port"
  for report_id in "$@"; do
    stored_in_completed_file "$report_id" || fail "$how: report $report_id is in no completed .ndjson.gz file"
  done
  [[ -z $(find "$clone/.data/reports" -name '*.tmp') ]] || fail "$how left an open segment"
  [[ -z $(git -C "$clone" status --porcelain) ]] || fail "$how left the clone's tree changed: $(git -C "$clone" status --porcelain)"
  grep -qF "Listening: gRPC on http://127.0.0.1:$grpc_port (HTTP/2), operations on http://127.0.0.1:$operations_port (/healthz, /readyz, /metrics), intake on http://127.0.0.1:$intake_port" "$log" ||
    fail "$how: the collector did not log the addresses it bound"
  ! grep -q 'Overriding address' "$log" || fail "$how: Kestrel warned that it overrides the --urls address"
  ((failures > before)) || echo "first run: $how stopped everything cleanly"
}

# 1. Fresh clone, then SIGTERM to the run command.
started=$(now_ms)
git clone -q --no-hardlinks "$root" "$clone"
git -C "$clone" checkout -q --detach "$(git -C "$root" rev-parse HEAD)"
start_run fresh
if wait_ready 600; then
  fresh_ms=$(($(now_ms) - started))
  echo "first run: clone to ready in $((fresh_ms / 1000)).$((fresh_ms % 1000 / 100)) s (fresh clone; target 120 s)"
  send_example
  kill -TERM "$run_pid"
  check_stopped "SIGTERM to scripts/run.sh" ${report:+"$report"}
else
  fail "the fresh clone's collector never became ready"
fi

# 2. Already built; the report must become visible while the collector runs (the open file closes when idle);
# then SIGTERM to the collector itself.
started=$(now_ms)
start_run built
if wait_ready 120; then
  built_ms=$(($(now_ms) - started))
  echo "first run: start to ready in $((built_ms / 1000)).$((built_ms % 1000 / 100)) s (already built; target 10 s)"
  send_example
  deadline=$((SECONDS + 60))
  until [[ -z $report ]] || stored_in_completed_file "$report" || ((SECONDS > deadline)); do sleep 0.5; done
  [[ -z $report ]] || stored_in_completed_file "$report" || fail "report $report was not in a completed file within 60 s while the collector ran"
  collector=$(collector_pid)
  if [[ -n $collector ]]; then
    kill -TERM "$collector"
    check_stopped "SIGTERM to the collector" ${report:+"$report"}
  else
    fail "no collector process under scripts/run.sh"
  fi
else
  fail "the built collector never became ready"
fi

# 3. Ctrl+C: SIGINT to the run command's whole process group, as a terminal sends it.
start_run interrupted
if wait_ready 120; then
  send_example
  kill -INT -- "-$run_pid"
  check_stopped "Ctrl+C" ${report:+"$report"}
else
  fail "the collector never became ready for the Ctrl+C run"
fi

if ((failures)); then
  echo "first run: $failures failure(s)"
  exit 1
fi
echo "first run: ok"
