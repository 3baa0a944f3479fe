#!/usr/bin/env bash
# Runs every test suite of the repository and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

setup_started=$SECONDS
scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
echo "test: set-up took $((SECONDS - setup_started)) s"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

passed=0
failed=0
exit_code=0

# NUnit suites: one TRX file per test project.
dotnet test Telemetry.sln --no-restore --logger trx --results-directory "$results" \
  --blame-hang-timeout 5m -- NUnit.NumberOfTestWorkers=2
dotnet_status=$?
for trx in "$results"/*.trx; do
  [[ -e $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
done
if ((dotnet_status != 0)); then
  exit_code=1
  # A build failure or a crashed test host leaves no failed test behind; count it so the line shows it.
  ((failed == 0)) && failed=1
fi

# The generated clients' suites (Go, Python, TypeScript, Java), against a collector this script starts.
clients/test.sh --live 2>&1 | tee "$results/clients.txt"
clients_summary=$(tail -n 1 "$results/clients.txt")
if [[ $clients_summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  passed=$((passed + BASH_REMATCH[1]))
  failed=$((failed + BASH_REMATCH[2]))
  ((BASH_REMATCH[2] == 0)) || exit_code=1
else
  failed=$((failed + 1))
  exit_code=1
fi

# The fault suite's short form: one result per fault, against a collector and a Redis of its own.
scripts/chaos.sh 2>&1 | tee "$results/chaos.txt"
chaos_summary=$(tail -n 1 "$results/chaos.txt")
if [[ $chaos_summary =~ ^chaos:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  passed=$((passed + BASH_REMATCH[1]))
  failed=$((failed + BASH_REMATCH[2]))
  ((BASH_REMATCH[2] == 0)) || exit_code=1
else
  failed=$((failed + 1))
  exit_code=1
fi

echo "$passed passed, $failed failed"
exit $exit_code
