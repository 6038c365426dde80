#!/usr/bin/env bash
# make audit-deps: known vulnerabilities in the Python and npm dependencies.
# pip-audit asks the PyPI / OSV vulnerability database and npm audit asks the npm registry. Where
# neither can be reached (a closed network) it says so clearly and exits 0: "not checked" is not
# "no vulnerabilities". Not part of `make test`: run it in CI jobs that have the network, and
# before every release (docs/security.md).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

echo "== Python dependencies (pip-audit) =="
if out=$(timeout 120 .venv/bin/pip-audit --progress-spinner off --timeout 15 2>&1); then
  skipped=$(grep -c "could not be audited" <<<"$out" || true)
  if [ "$skipped" -gt 0 ]; then
    # pip-audit says "No known vulnerabilities found" even when it could look nothing up.
    grep -v "could not be audited" <<<"$out" | grep -v "^Name \|^---" || true
    echo "$skipped packages could not be looked up in the vulnerability database (the package"
    echo "index here does not serve it): those dependencies were NOT checked."
  else
    echo "$out"
  fi
else
  code=$?
  if grep -qiE "connection|resolve|timed out|network|max retries|temporary failure|unreachable" <<<"$out" || [ "$code" = 124 ]; then
    echo "Could not reach the vulnerability database: the Python dependencies were NOT checked."
  else
    echo "$out"
    status=1
  fi
fi

echo "== npm dependencies (npm audit) =="
if [ -f frontend/package-lock.json ] && command -v npm >/dev/null; then
  if out=$(cd frontend && timeout 60 npm audit --omit=dev 2>&1); then
    echo "$out"
  elif grep -qiE "ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network|audit endpoint" <<<"$out" || [ $? = 124 ]; then
    echo "Could not reach the npm audit service: the npm dependencies were NOT checked."
  else
    echo "$out"
    status=1
  fi
else
  echo "No frontend/package-lock.json or no npm: the npm dependencies were not checked."
fi
exit $status
