#!/usr/bin/env bash
# The main job on a fresh machine, with no registry and no internet: publish the sample .NET app,
# make an image of it in the local store, list the store, and run the image with runc when it is there.
#
# Until the builder lands (append layers onto a base image), the image is a single layer made with
# `dotnet image import` from a small root filesystem: this machine's .NET runtime, the shared
# libraries it needs, busybox when installed, and the published app.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
work="$repo_root/artifacts/demo"
store="${DOTNET_IMAGE_STORE:-$work/store}"
image_ref="${DEMO_IMAGE:-hello-imagebuild:1.0}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "==> building the dotnet-image tool"
dotnet build src/ImageBuild.Cli -c Release -v quiet -nologo >/dev/null
image() { dotnet "$repo_root/src/ImageBuild.Cli/bin/Release/net10.0/dotnet-image.dll" --store "$store" "$@"; }

echo "==> publishing samples/hello"
rm -rf "$work/rootfs"
mkdir -p "$work/rootfs/app" "$work/rootfs/tmp"
dotnet publish samples/hello -c Release -o "$work/rootfs/app" -v quiet -nologo >/dev/null

echo "==> assembling a root filesystem with this machine's .NET runtime"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
mkdir -p "$work/rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App" "$work/rootfs/usr/share/dotnet/host"
cp "$dotnet_root/dotnet" "$work/rootfs/usr/share/dotnet/"
cp -r "$dotnet_root/host/fxr" "$work/rootfs/usr/share/dotnet/host/"
cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$work/rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App/"
# The shared libraries the runtime links against, copied from this machine with their paths.
find "$work/rootfs/usr/share/dotnet" -type f \( -name '*.so' -o -name dotnet \) -exec ldd {} + 2>/dev/null \
  | grep -v ':$' | grep -oE '/[^ ]+\.so[^ ]*' | sort -u | while read -r lib; do
      mkdir -p "$work/rootfs$(dirname "$lib")"
      cp -L "$lib" "$work/rootfs$lib"
    done
if [[ -x /bin/busybox ]]; then
  mkdir -p "$work/rootfs/bin"
  cp /bin/busybox "$work/rootfs/bin/busybox"
  ln -sf busybox "$work/rootfs/bin/sh"
fi

echo "==> dotnet image import -> $image_ref"
image import "$work/rootfs" "$image_ref" \
  --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
  --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1' \
  --change 'WORKDIR /app' \
  --change 'ENTRYPOINT ["/usr/share/dotnet/dotnet", "/app/hello.dll"]'

echo "==> dotnet image ls"
image ls

if command -v umoci >/dev/null && command -v runc >/dev/null && [[ $(id -u) -eq 0 ]]; then
  echo "==> running $image_ref with runc"
  bundle="$work/bundle"
  rm -rf "$bundle"
  umoci unpack --image "$store:docker.io/library/$image_ref" "$bundle" >/dev/null
  sed -i 's/"terminal": true/"terminal": false/' "$bundle/config.json"
  runc run --bundle "$bundle" "imagebuild-demo-$$"
  rm -rf "$bundle"
else
  echo "(runc, umoci or root not available: skipping the run; 'sudo apt-get install runc umoci' to see it)"
fi
