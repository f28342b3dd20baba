#!/usr/bin/env bash
# Grafana's plugin compatibility check (the same check create-plugin's `is-compatible` workflow runs): for each of
# the three plugin entry points, @grafana/levitate compares every @grafana/data|ui|runtime API the module (and what it
# imports) uses between the version we build against and the newest published one. A changed or removed API fails;
# type-only changes we have judged safe are listed, one by one with the reason, in .levignore.js.
# TARGETS overrides the packages compared against (default: the newest of each).
set -uo pipefail
cd "$(dirname "$0")/.."

targets=${TARGETS:-@grafana/data,@grafana/ui,@grafana/runtime}
failed=()
for entry in src/module.tsx src/datasource/module.ts src/panel/module.ts; do
  echo "::: levitate is-compatible ${entry} against ${targets}"
  if ! npx --no-install levitate is-compatible --path "${entry}" --target "${targets}"; then
    failed+=("${entry}")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Not compatible with ${targets}: ${failed[*]}" >&2
  exit 1
fi
echo "All three plugin modules are compatible with ${targets}"
