#!/usr/bin/env bash
# The test command (README): installs what the tests need when it is missing, runs every test once,
# and ends with one line "N passed, N failed" read from vitest's JSON report.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: a real redis-server for BullMQ (the tests start and stop it themselves),
# postgresql for the PostgreSQL event store, chromium and a CJK font for the dashboard's browser tests (test/web) and the evaluation PDF, poppler-utils to read that PDF back.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# PostgreSQL server binaries for the postgres event store's tests (they initdb a throw-away cluster themselves).
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
# LibreOffice (headless) prints the XLSX / DOCX reports to PDF in test/evaluation/filed-documents.spec.ts; core + writer + calc is enough
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-core libreoffice-writer libreoffice-calc)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]} …"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "missing ${missing[*]}: install them (sudo apt-get install -y ${missing[*]}) and run again" >&2
  fi
fi

[ -d node_modules ] || npm ci

# The structure is guarded like behaviour: the typecheck and the import boundaries (.dependency-cruiser.cjs) count as checks.
structure_failed=0
echo "typecheck …"
npm run -s typecheck || structure_failed=$((structure_failed + 1))
echo "import boundaries …"
npm run -s lint:boundaries || structure_failed=$((structure_failed + 1))

report=.vitest-results.json
rm -f "$report"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?

if [ -f "$report" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
    // A file that fails outside its tests (a beforeAll, an import) leaves its tests skipped: it counts as a failure
    const failedFiles = (r.testResults || []).filter((file) => file.status === "failed" && !(file.assertionResults || []).some((test) => test.status === "failed")).length;
    const failed = r.numFailedTests + failedFiles + Number(process.argv[2]);
    console.log(`${r.numPassedTests + 2 - Number(process.argv[2])} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$PWD/$report" "$structure_failed"
else
  echo "0 passed, $((1 + structure_failed)) failed"
  [ $status -eq 0 ] && status=1
fi
[ $structure_failed -gt 0 ] && [ $status -eq 0 ] && status=1
exit $status
