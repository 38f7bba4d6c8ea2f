#!/usr/bin/env bash
# Refresh the vendored axe-core used by the browser accessibility tests.
# Usage: scripts/vendor-axe.sh [VERSION]   (default: the version in the VERSION file)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/tests/browser/vendor/axe-core"
version="${1:-$(sed -n 's/^axe-core \([0-9.]*\).*/\1/p' "$dest/VERSION")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "axe-core@$version" >/dev/null && tar xzf axe-core-*.tgz)
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$dest/"
printf 'axe-core %s (npm), vendored for the accessibility tests only; never served by the app.\nRefresh: scripts/vendor-axe.sh\n' "$version" > "$dest/VERSION"
echo "axe-core $version -> $dest"
