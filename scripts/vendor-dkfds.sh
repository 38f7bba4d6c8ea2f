#!/usr/bin/env bash
# Refresh Det Fælles Designsystem (npm package "dkfds") under app/static/vendor/dkfds/.
# Usage: scripts/vendor-dkfds.sh [VERSION]   (default: the version in app/static/vendor/dkfds/VERSION)
# Only the built files the app serves are kept: minified CSS and JS, the woff/woff2 fonts the
# CSS references, the images and icons, and the licence.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/app/static/vendor/dkfds"
version="${1:-$(cat "$dest/VERSION" 2>/dev/null || echo latest)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "dkfds@$version" >/dev/null && tar xzf dkfds-*.tgz)
pkg="$work/package"
actual=$(node -p "require('$pkg/package.json').version")
rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/fonts/IBMPlexSans/complete"
cp "$pkg/dist/css/dkfds.min.css" "$dest/css/"
cp "$pkg/dist/js/dkfds.min.js" "$dest/js/"
cp -r "$pkg/dist/fonts/IBMPlexSans/complete/woff" "$pkg/dist/fonts/IBMPlexSans/complete/woff2" \
  "$dest/fonts/IBMPlexSans/complete/"
cp -r "$pkg/dist/img" "$dest/img"
cp "$pkg/LICENSE.md" "$dest/LICENSE.md"
echo "$actual" > "$dest/VERSION"
echo "Vendored dkfds $actual into ${dest#"$here"/}"
