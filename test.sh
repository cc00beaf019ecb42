#!/usr/bin/env bash
# Runs every test of JOBS. Installs what the tests need when it is missing (PostgreSQL, Chromium,
# LibreOffice Calc), starts a throwaway PostgreSQL on 127.0.0.1, builds once, runs each test project,
# and ends with one line: "N passed, N failed".
#   ./test.sh                 all tests
#   ./test.sh --filter X      passed to dotnet test (e.g. --filter "FullyQualifiedName~Planner")
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS" "$ROOT/artifacts/screenshots"

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "test.sh: apt-get install ${need[*]} failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# --- a throwaway PostgreSQL cluster, trust auth on 127.0.0.1 only ---
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=${JOBS_TEST_PGPORT:-55432}
while (echo >/dev/tcp/127.0.0.1/$PGPORT) >/dev/null 2>&1; do PGPORT=$((PGPORT+1)); done
PGDATA=$(mktemp -d /tmp/jobs-pg.XXXXXX)
PGRUN() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDATA"
stop_pg() { PGRUN "$PGBIN/pg_ctl -D $PGDATA -m immediate stop" >/dev/null 2>&1; rm -rf "$PGDATA"; }
trap stop_pg EXIT
PGRUN "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null \
  || { echo "test.sh: initdb failed"; echo "0 passed, 1 failed"; exit 1; }
PGRUN "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w start -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\"" >/dev/null \
  || { cat "$PGDATA/server.log"; echo "0 passed, 1 failed"; exit 1; }
export JOBS_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40"
echo "test.sh: PostgreSQL $(basename "$(dirname "$PGBIN")") on 127.0.0.1:$PGPORT"

export JOBS_TEST_ARTIFACTS="$ROOT/artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dotnet build Jobs.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "test.sh: build failed"; echo "0 passed, 1 failed"; exit 1
fi

status=0
# Every test project under tests/ (a project that references the test SDK), so a new one cannot be left out.
projects=$(grep -l 'Microsoft.NET.Test.Sdk' tests/*/*.csproj | xargs -n1 dirname | sort)
for proj in $projects; do
  name=$(basename "$proj")
  echo "test.sh: running $name"
  dotnet test "$proj" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" \
    --results-directory "$RESULTS" "$@" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$c" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$c" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  # Skipped tests: the trx counts them in total but not in executed (its notExecuted counter stays 0 for xunit skips).
  t=$(echo "$c" | sed -n 's/.* total="\([0-9]*\)".*/\1/p'); e=$(echo "$c" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
  n=$(( ${t:-0} - ${e:-0} ))
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# A run that executed nothing (a filter that matches no test, a project that did not load) is a failure, not a pass.
if [ $((passed + failed)) -eq 0 ]; then echo "test.sh: no test ran"; failed=1; fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
