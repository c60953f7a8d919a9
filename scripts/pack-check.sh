#!/usr/bin/env bash
# The package as users get it: `npm pack`, a global install of the tarball into a temporary prefix with
# install scripts blocked (so better-sqlite3 has no native build), then `conform --version`, `conform
# standards`, `conform template` and `conform validate` of the bundled sample from that install, and
# a store command saying what it needs. Builds first only when dist/ is older than a source file (in
# .ci/run, npm test has just built it); the pack itself then skips `prepack`.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() { echo "pack-check: $*" >&2; exit 1; }

if [[ ! -f dist/src/cli/main.js ]] || [[ -n "$(find src scripts -name '*.ts' -newer dist/src/cli/main.js | head -n 1)" ]]; then npm run --silent build; fi
tarball="$(npm pack --silent --ignore-scripts --pack-destination "$tmp" | tail -n 1)"
[[ -f "$tmp/$tarball" ]] || fail "npm pack made no tarball"
listing="$(tar tzf "$tmp/$tarball")"
for wanted in package/bin/conform.js package/dist/src/cli/main.js package/standards/patient-demographics/standard.yaml \
  package/src/web/templates/layout.njk package/src/validation/health-formats.ts package/README.md; do
  grep -qx "$wanted" <<<"$listing" || fail "the tarball lacks $wanted"
done
if grep -qE '^package/(test|scripts|docs|\.ci)/|\.map$' <<<"$listing"; then fail "the tarball holds files that do not run: $(grep -E '^package/(test|scripts|docs|\.ci)/|\.map$' <<<"$listing" | head -3)"; fi
echo "pack-check: $tarball, $(wc -l <<<"$listing") files, packed in $(($(date +%s) - started)) s"

npm install -g --prefix "$tmp/prefix" --ignore-scripts --prefer-offline --no-audit --no-fund "$tmp/$tarball" >/dev/null
conform="$tmp/prefix/bin/conform"
[[ -x "$conform" ]] || fail "the install has no bin/conform"
cd "$tmp" # nothing from the clone is reachable from here

version="$("$conform" --version)"
[[ "$version" == "$(node -p "require('$OLDPWD/package.json').version")" ]] || fail "conform --version printed '$version'"
"$conform" standards | grep -q '^emergency-care-attendance  ' || fail "conform standards does not list emergency-care-attendance"
"$conform" template emergency-care-attendance --out template.csv >/dev/null
"$conform" validate template.csv --standard emergency-care-attendance >/dev/null || fail "the template does not validate"

status=0
"$conform" validate "$OLDPWD/test/fixtures/emergency-care-attendance-sample.csv" --standard emergency-care-attendance@3.0.0 --output junit >junit.xml || status=$?
[[ $status -eq 1 ]] || fail "validating the sample exited $status, not 1 (six invalid records)"
grep -q '<testsuite name="emergency-care-attendance@3.0.0 ' junit.xml || fail "no JUnit test suite in the report"
[[ "$(grep -c '<failure ' junit.xml)" -eq 6 ]] || fail "the JUnit report does not have six failures"

status=0
CONFORM_DATA_DIR="$tmp/data" "$conform" tokens create --role admin --name pack-check >/dev/null 2>err.txt || status=$?
[[ $status -eq 2 ]] && grep -q 'npm rebuild better-sqlite3' err.txt || fail "without better-sqlite3's build, a store command should exit 2 saying what to do (exit $status)"

echo "pack-check: passed in $(($(date +%s) - started)) s (installed $tarball with scripts blocked; --version, standards, template, validate)"
