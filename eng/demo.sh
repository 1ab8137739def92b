#!/usr/bin/env bash
# The main job on a fresh machine, with no registry and no internet:
#   1. make (or reuse) a local .NET runtime base image, dotnet-runtime-local:MAJOR.MINOR, from this machine's runtime;
#   2. `dotnet publish -t:PublishImage` samples/hello onto it, into the local store (layered, reproducible), and
#      into the local Docker daemon too when one answers;
#   3. `dotnet image ls`;
#   4. run the image with `docker run` when a daemon answers, else with runc when it is there.
# Build errors (of the tool or the sample) are shown as they are.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
work="$repo_root/artifacts/demo"
store="${DOTNET_IMAGE_STORE:-$work/store}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "==> building the dotnet-image tool and packing ImageBuild.Tasks"
source "$repo_root/eng/tools.sh"
image() { dotnet "$repo_root/src/ImageBuild.Cli/bin/Release/net10.0/dotnet-image.dll" --store "$store" "$@"; }

runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
base_image="dotnet-runtime-local:${runtime_version%.*}"
if image inspect "$base_image" >/dev/null 2>&1; then
  echo "==> reusing the base image $base_image"
else
  echo "==> making the base image $base_image from this machine's .NET runtime"
  rootfs="$work/rootfs"
  rm -rf "$rootfs"
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  mkdir -p "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App" "$rootfs/usr/share/dotnet/host" "$rootfs/tmp"
  cp "$dotnet_root/dotnet" "$rootfs/usr/share/dotnet/"
  cp -r "$dotnet_root/host/fxr" "$rootfs/usr/share/dotnet/host/"
  cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App/"
  # The shared libraries the runtime links against, copied from this machine with their paths.
  find "$rootfs/usr/share/dotnet" -type f \( -name '*.so' -o -name dotnet \) -exec ldd {} + 2>/dev/null \
    | grep -v ':$' | grep -oE '/[^ ]+\.so[^ ]*' | sort -u | while read -r lib; do
        mkdir -p "$rootfs$(dirname "$lib")"
        cp -L "$lib" "$rootfs$lib"
      done
  if [[ -x /bin/busybox ]]; then
    mkdir -p "$rootfs/bin"
    cp /bin/busybox "$rootfs/bin/busybox"
    ln -sf busybox "$rootfs/bin/sh"
  fi
  image import "$rootfs" "$base_image" \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV PATH=/usr/share/dotnet:/bin' \
    --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1'
  rm -rf "$rootfs"
fi

echo "==> dotnet publish samples/hello -t:PublishImage"
dotnet publish samples/hello -t:PublishImage -c Release -nologo -v minimal \
  "-p:ImageBuildTasksVersion=$tasks_version" \
  "-p:ContainerBaseImage=$base_image" \
  "-p:ContainerImageStore=$store" \
  -p:ContainerImageTag=1.0

echo "==> dotnet image ls"
image ls

image_ref="docker.io/library/hello-imagebuild:1.0"
if command -v docker >/dev/null && docker image inspect hello-imagebuild:1.0 >/dev/null 2>&1; then
  echo "==> docker run --rm hello-imagebuild:1.0"
  docker run --rm --network none hello-imagebuild:1.0
elif command -v umoci >/dev/null && command -v runc >/dev/null && [[ $(id -u) -eq 0 ]]; then
  echo "==> running $image_ref with runc"
  bundle="$work/bundle"
  rm -rf "$bundle"
  umoci unpack --image "$store:$image_ref" "$bundle" >/dev/null
  sed -i 's/"terminal": true/"terminal": false/' "$bundle/config.json"
  runc run --bundle "$bundle" "imagebuild-demo-$$"
  rm -rf "$bundle"
else
  echo "(runc, umoci or root not available: skipping the run; 'sudo apt-get install runc umoci' to see it)"
fi
