# Sourced by eng/demo.sh and eng/bench/run.sh (from the repository root): builds the dotnet-image tool and packs
# ImageBuild.Tasks into artifacts/packages. Sets tasks_version.
# Quiet when it works; a failed build shows its errors instead of ending the script without a word.
if ! build_log="$(dotnet build src/ImageBuild.Cli -c Release -v quiet -nologo 2>&1)"; then
  echo "$build_log" >&2
  echo "error: building src/ImageBuild.Cli failed (errors above)" >&2
  exit 1
fi
# A version per content of the task sources and of the native dotnet-image it carries, so a changed task never hides
# behind a cached package.
tasks_version="0.1.0-dev.$(find src/ImageBuild src/ImageBuild.Tasks src/ImageBuild.Cli src/ImageBuild.Templates -type f \( -name '*.cs' -o -name '*.props' -o -name '*.targets' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' | sort | xargs cat | sha1sum | cut -c1-12)"
if [[ ! -f "artifacts/packages/ImageBuild.Tasks.$tasks_version.nupkg" ]]; then
  # The package carries the native dotnet-image; eng/install-tool.sh compiles it once per change of its sources.
  native_tool="$(readlink -f "$(eng/install-tool.sh | tail -n 1)")"
  if ! pack_log="$(dotnet pack src/ImageBuild.Tasks -c Release -v quiet -nologo "-p:Version=$tasks_version" "-p:ImageBuildNativeTool=$native_tool" 2>&1)"; then
    echo "$pack_log" >&2
    echo "error: packing src/ImageBuild.Tasks failed (errors above)" >&2
    exit 1
  fi
fi
