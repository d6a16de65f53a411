#!/usr/bin/env bash
# npm test: typecheck, lint, build, then unit, integration and e2e tests with
# the keyring, PostgreSQL and Chromium they need (see scripts/with-services.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/check-system.mjs
echo "== typecheck" && npm run -s typecheck
echo "== lint" && npm run -s lint
echo "== build" && npm run -s build
echo "== unit + integration + e2e"
bash scripts/with-services.sh bash -c 'npx vitest run && npx playwright test --pass-with-no-tests'
