#!/usr/bin/env bash
# Packs what users install into artifacts/packages (or $PACK_OUTPUT):
#   ImageBuild.Cli.VERSION.nupkg            the tool's pointer package (names the RID packages below)
#   ImageBuild.Cli.linux-x64.VERSION.nupkg  dotnet-image compiled to a native executable (Native AOT)
#   ImageBuild.Cli.any.VERSION.nupkg        the framework-dependent fallback for every other platform
#   ImageBuild.Tasks.VERSION.nupkg          the MSBuild tasks (ReadyToRun-compiled) and, for linux-x64, the native
#                                           dotnet-image they run publishes in (compiled again unless
#                                           -p:ImageBuildNativeTool=EXE names one built from the same sources)
# then `dotnet tool install -g ImageBuild.Cli --add-source artifacts/packages` installs the native tool on linux-x64.
#
#   eng/pack.sh                                   # version from Directory.Build.props
#   eng/pack.sh cli                               # only the tool (or: tasks)
#   PACK_VERSION=0.1.0-dev.1 PACK_OUTPUT=/tmp/p eng/pack.sh
#
# Native AOT needs clang and zlib1g-dev (apt-get install clang zlib1g-dev); it cannot cross-compile to another OS,
# and an arm64 build needs an arm64 toolchain and sysroot, so only the RIDs that build on this machine are packed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
output="${PACK_OUTPUT:-$repo_root/artifacts/packages}"
mkdir -p "$output"
output="$(cd "$output" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

properties=("-p:PackageOutputPath=$output/")
if [[ -n "${PACK_VERSION:-}" ]]; then properties+=("-p:Version=$PACK_VERSION"); fi
pack() { dotnet pack "$@" -c Release -nologo -v quiet -nodeReuse:false "${properties[@]}" >&2; }

for tool in clang; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing, and Native AOT needs it: apt-get install clang zlib1g-dev" >&2; exit 1; }
done

what="${1:-all}"
case "$what" in all|cli|tasks) ;; *) echo "usage: eng/pack.sh [all|cli|tasks]" >&2; exit 2 ;; esac
if [[ "$what" != tasks ]]; then
  echo "==> packing ImageBuild.Cli (pointer, linux-x64 native, any) into $output" >&2
  pack src/ImageBuild.Cli
  pack src/ImageBuild.Cli -r linux-x64
  pack src/ImageBuild.Cli -r any -p:PublishAot=false
fi
if [[ "$what" != cli ]]; then
  echo "==> packing ImageBuild.Tasks into $output" >&2
  pack src/ImageBuild.Tasks
fi
ls "$output"/ImageBuild.*.nupkg >&2
