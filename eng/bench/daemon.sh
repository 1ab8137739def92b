#!/usr/bin/env bash
# Publish-to-daemon: `dotnet publish -t:PublishImage -p:LocalRegistry=Docker` (ImageBuild.Tasks) against the .NET SDK's
# `dotnet publish -t:PublishContainer -p:LocalRegistry=Docker` on the same app, base (from a local registry) and daemon,
# and writes the medians and ratios into the "Publish into the local Docker daemon" section of docs/benchmarks.md.
#
#   eng/bench/daemon.sh                      # 3 runs per scenario (median); a private dockerd unless DOCKER_HOST is set
#   BENCH_RUNS=5 eng/bench/daemon.sh
#   BENCH_OUTPUT=/tmp/b.md eng/bench/daemon.sh
#
# Scenarios: cold (the daemon lacks the image, fresh obj/), code change (one source line), nothing changed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
runs="${BENCH_RUNS:-3}"
output="${BENCH_OUTPUT:-$repo_root/docs/benchmarks.md}"
store="${DOTNET_IMAGE_STORE:-$repo_root/artifacts/demo/store}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
[[ -x /usr/bin/docker-registry ]] || { echo "docker-registry is missing: apt-get install docker-registry" >&2; exit 2; }
command -v docker >/dev/null || { echo "the docker CLI is missing (the SDK loads through it): apt-get install docker.io" >&2; exit 2; }

work="$(mktemp -d /tmp/ibdb.XXXXXX)"   # short: a unix socket path is limited to 107 bytes
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  dotnet build-server shutdown >/dev/null 2>&1 || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

if [[ -z "${DOCKER_HOST:-}" ]]; then
  dockerd --host "unix://$work/docker.sock" --data-root "$work/root" --exec-root "$work/exec" --pidfile "$work/pid" \
    --storage-driver vfs --iptables=false --ip6tables=false --bridge=none >"$work/dockerd.log" 2>&1 &
  pids+=($!)
  export DOCKER_HOST="unix://$work/docker.sock"
  for _ in $(seq 300); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
fi
docker version >/dev/null || { echo "no Docker daemon answers at $DOCKER_HOST" >&2; exit 1; }
daemon_version="$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
echo "==> Docker $daemon_version at $DOCKER_HOST" >&2

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
mkdir -p "$work/registry"
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n' "$work/registry/storage" "$registry" >"$work/registry/config.yml"
/usr/bin/docker-registry serve "$work/registry/config.yml" >"$work/registry.log" 2>&1 </dev/null &
pids+=($!)
for _ in $(seq 100); do curl -fsS "http://$registry/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"

source "$repo_root/eng/tools.sh"
image() { dotnet "$repo_root/src/ImageBuild.Cli/bin/Release/net10.0/dotnet-image.dll" --store "$store" "$@"; }
runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
local_base="dotnet-runtime-local:${runtime_version%.*}"
image inspect "$local_base" >/dev/null 2>&1 || DOTNET_IMAGE_STORE="$store" DOCKER_HOST="unix://$work/none.sock" "$repo_root/eng/demo.sh" >/dev/null
base="$registry/dotnet/runtime:${runtime_version%.*}"
image copy "store:$local_base" "$base" >/dev/null 2>&1

make_app() { # DIR WITH_IMAGEBUILD
  mkdir -p "$1"
  local reference=""
  [[ "$2" == yes ]] && reference="<PackageReference Include=\"ImageBuild.Tasks\" Version=\"$tasks_version\" PrivateAssets=\"all\" />"
  cat >"$1/hello.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <InvariantGlobalization>true</InvariantGlobalization>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
    $reference
  </ItemGroup>
</Project>
XML
  printf 'Console.WriteLine(Newtonsoft.Json.JsonConvert.SerializeObject(new { hello = "daemon" }));\n' >"$1/Program.cs"
  printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /><add key="local" value="%s" /></packageSources></configuration>\n' "$repo_root/artifacts/packages" >"$1/nuget.config"
}
make_app "$work/sdk" no
make_app "$work/ours" yes

results="$work/results.tsv"
: >"$results"
publish() { # TOOL SCENARIO RUN
  local dir="$work/$1" target=PublishContainer repository="bench-$1"
  local extra=()
  if [[ "$1" == ours ]]; then target=PublishImage; extra+=("-p:ContainerImageStore=$work/store-$3"); fi
  dotnet build-server shutdown >/dev/null 2>&1 || true
  local start end
  start=$(date +%s.%N)
  dotnet publish "$dir/hello.csproj" -t:$target -c Release -nologo -v minimal --disable-build-servers -p:UseSharedCompilation=false \
    -p:LocalRegistry=Docker "-p:ContainerBaseImage=$base" "-p:ContainerRepository=$repository" -p:ContainerImageTag=1 \
    "${extra[@]}" >"$work/log-$1-$2-$3.txt" 2>&1 || { cat "$work/log-$1-$2-$3.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  docker run --rm --network none "$repository:1" >/dev/null || { echo "$repository:1 does not run after $1 $2" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(echo "$end - $start" | bc)" >>"$results"
}

for run in $(seq "$runs"); do
  for tool in sdk ours; do
    docker image rm -f "bench-$tool:1" >/dev/null 2>&1 || true
    rm -rf "$work/$tool/obj" "$work/$tool/bin"
    publish "$tool" cold "$run"
    sed -i "s/hello = \"[^\"]*\"/hello = \"run $run\"/" "$work/$tool/Program.cs"
    publish "$tool" "code change" "$run"
    publish "$tool" "nothing changed" "$run"
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
table="$work/table.md"
{
  echo "<!-- daemon-bench:start -->"
  echo "## Publish into the local Docker daemon"
  echo
  echo "\`eng/bench/daemon.sh\`, $(date -u +%Y-%m-%d), median of $runs runs, Docker $daemon_version, $(nproc) cores; the same console app"
  echo "(one NuGet package), the same base from a loopback registry, \`-p:LocalRegistry=Docker\` for both; wall-clock seconds of"
  echo "the whole \`dotnet publish\` (build included), then \`docker run\` checks the image. Ratio: SDK time / ours."
  echo
  echo "| scenario | PublishContainer (s) | PublishImage (s) | ratio |"
  echo "|---|---|---|---|"
  for scenario in cold "code change" "nothing changed"; do
    sdk=$(awk -F'\t' -v s="$scenario" '$1 == "sdk" && $2 == s { print $4 }' "$results" | median)
    ours=$(awk -F'\t' -v s="$scenario" '$1 == "ours" && $2 == s { print $4 }' "$results" | median)
    printf '| %s | %.1f | %.1f | %.2fx |\n' "$scenario" "$sdk" "$ours" "$(echo "$sdk / $ours" | bc -l)"
  done
  echo "<!-- daemon-bench:end -->"
} >"$table"

if grep -q '<!-- daemon-bench:start -->' "$output" 2>/dev/null; then
  python3 - "$output" "$table" <<'PY'
import re, sys
doc, table = open(sys.argv[1]).read(), open(sys.argv[2]).read().rstrip("\n")
open(sys.argv[1], "w").write(re.sub(r"<!-- daemon-bench:start -->.*?<!-- daemon-bench:end -->", lambda _: table, doc, flags=re.S))
PY
else
  { echo; cat "$table"; } >>"$output"
fi
cat "$table"
