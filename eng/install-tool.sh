#!/usr/bin/env bash
# Packs dotnet-image with eng/pack.sh and installs it with `dotnet tool install --tool-path`, the way a user gets
# it, into a cache folder keyed by the tool's inputs; prints the installed executable's path as the last line.
# The tests run that executable (IMAGEBUILD_INSTALLED_TOOL), so what users get is what is tested, and the Native
# AOT compile (a minute or two) happens once per change of the sources, not once per test run.
#
#   tool="$(eng/install-tool.sh | tail -n 1)"
#
# The cache is $IMAGEBUILD_TEST_CACHE (default ~/.cache/imagebuild-tests)/installed-tool/HASH; the newest three are kept.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
cache_root="${IMAGEBUILD_TEST_CACHE:-${HOME:-/tmp}/.cache/imagebuild-tests}/installed-tool"
mkdir -p "$cache_root"

# Everything the tool is built from: its sources and those of the projects it references, the build settings, this
# script and the pack script. bin/ and obj/ are outputs.
inputs_hash="$(
  { find src -type f -not -path '*/bin/*' -not -path '*/obj/*' -not -path 'src/ImageBuild.Tasks/*' | LC_ALL=C sort
    printf '%s\n' Directory.Build.props Directory.Packages.props global.json nuget.config eng/pack.sh eng/install-tool.sh
  } | while read -r file; do printf '%s\n' "$file"; sha256sum <"$file"; done | sha256sum | cut -c1-16
)"
version="0.1.0-dev.$inputs_hash"
target="$cache_root/$inputs_hash"
executable="$target/bin/dotnet-image"

exec 9>"$cache_root/.lock"
flock 9
if [[ ! -x "$executable" ]]; then
  rm -rf "$target"
  PACK_VERSION="$version" PACK_OUTPUT="$target/packages" "$repo_root/eng/pack.sh" cli
  # The tool-path install keeps its own copy of the package; no other source is asked for ImageBuild.Cli.
  dotnet tool install ImageBuild.Cli --version "$version" --tool-path "$target/bin" \
    --add-source "$target/packages" --ignore-failed-sources >&2
  # Newest first; the older installs go, so the cache does not grow with every change.
  ls -1dt "$cache_root"/*/ | tail -n +4 | xargs -r rm -rf
fi
flock -u 9
echo "$executable"
