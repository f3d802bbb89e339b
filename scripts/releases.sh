#!/bin/sh
# Builds each earlier release (a git tag vX.Y.Z) into <dir>/v/X.Y.Z/, once: a folder that
# exists is kept, as a published release never changes. The pages workflow runs it, caches
# <dir>, and then `RELEASES=<dir> make site` publishes them beside the latest, so embed
# code copied from any release keeps showing that release's numbers.
#   scripts/releases.sh [dir, default releases]
set -eu
cd "$(dirname "$0")/.."
out=${1:-releases}
current=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
mkdir -p "$out/v"
for tag in $(git tag --list 'v[0-9]*.[0-9]*.[0-9]*'); do
  v=${tag#v}
  if [ "$v" = "$current" ] || [ -d "$out/v/$v" ]; then
    continue
  fi
  tree=$(mktemp -d)
  git worktree add --detach "$tree" "$tag"
  (cd "$tree" && SETUP_BROWSERS=no make site)
  # Releases from before versioned folders have the site at the root only.
  if [ -d "$tree/site/v/$v" ]; then
    cp -r "$tree/site/v/$v" "$out/v/$v"
  else
    cp -r "$tree/site" "$out/v/$v"
  fi
  git worktree remove --force "$tree"
  echo "built release $v into $out/v/$v"
done
