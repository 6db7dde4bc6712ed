#!/usr/bin/env bash
# Runs every OwnersVote test on this machine: installs what the tests need (Debian packages,
# NuGet packages), builds in Release, runs all test projects, and ends with the line
# "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
mkdir -p .test-out

scripts/install-test-deps.sh || { echo "0 passed, 1 failed (installing test dependencies failed)"; exit 1; }
dotnet restore OwnersVote.slnx --locked-mode || { echo "0 passed, 1 failed (dotnet restore failed)"; exit 1; }
dotnet build OwnersVote.slnx -c Release --no-restore || { echo "0 passed, 1 failed (build failed)"; exit 1; }

dotnet test --solution OwnersVote.slnx -c Release --no-build --no-progress 2>&1 | tee .test-out/test.log
status=${PIPESTATUS[0]}

# The Microsoft Testing Platform prints a summary block: "total: N / failed: N / succeeded: N / skipped: N".
summary() { sed -n "s/^ *$1: *\([0-9][0-9]*\) *$/\1/p" .test-out/test.log | tail -n 1; }
passed=$(summary succeeded)
failed=$(summary failed)
skipped=$(summary skipped)
if [ -z "$passed" ]; then
  echo "0 passed, 1 failed (no test summary: the test run did not complete)"
  exit 1
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  # A project that crashed or ran zero tests fails the run without failing a single test.
  failed=1
fi
if [ "${failed:-0}" -gt 0 ]; then
  # Repeated here, next to the summary: a long run's app logs push the first report out of sight.
  echo "Failed tests (first 30 lines of each report, at most 10 reports):"
  awk '/^failed / { n++; left = 30 } n <= 10 && left > 0 { print; left-- }' .test-out/test.log
fi
echo "${passed} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ]
