#!/usr/bin/env bash
# Compares `dotnet publish -t:PublishImage` (ImageBuild.Tasks) with the .NET SDK's `dotnet publish -t:PublishContainer`
# on the same app, the same base image and the same local registry, and the native `dotnet image` with docker and
# skopeo (eng/bench/native.sh: start-up, push, pull, a large self-contained publish, a 1 GiB layer), and writes the
# tables into docs/benchmarks.md.
#
#   eng/bench/run.sh                 # 3 runs per scenario (median)
#   BENCH_SUITES=native eng/bench/run.sh      # only one part (publish, native)
#   BENCH_RUNS=5 eng/bench/run.sh
#   BENCH_OUTPUT=/tmp/b.md eng/bench/run.sh   # write somewhere else than docs/benchmarks.md
#   BENCH_KEEP=1 eng/bench/run.sh    # keep the work folder (publish logs, registry log) for a look
#
# Every run is one `dotnet publish` under /usr/bin/time -v with build servers disabled and shut down between runs.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
runs="${BENCH_RUNS:-3}"
output="${BENCH_OUTPUT:-$repo_root/docs/benchmarks.md}"
store="${DOTNET_IMAGE_STORE:-$repo_root/artifacts/demo/store}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
suites=" ${BENCH_SUITES:-publish native} "
(( runs >= 2 )) || { echo "BENCH_RUNS must be at least 2 (reproducibility compares two cold publishes)" >&2; exit 2; }

if [[ ! -x /usr/bin/time ]]; then
  echo "==> installing GNU time" >&2
  apt-get install -y time >/dev/null
fi
if [[ "$suites" == *" native "* ]] && ! command -v hyperfine >/dev/null; then
  echo "==> installing hyperfine" >&2
  apt-get install -y hyperfine >/dev/null
fi
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
[[ -x /usr/bin/docker-registry ]] || { echo "docker-registry is missing: apt-get install docker-registry" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/imagebuild-bench.XXXXXX")"
registry_pid=""
dockerd_pid=""
cleanup() {
  for pid in "$registry_pid" "$dockerd_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" && wait "$pid" 2>/dev/null || true
    fi
  done
  dotnet build-server shutdown >/dev/null 2>&1 || true
  # The registry's names for the base die with the registry; the shared store keeps only the local ones.
  for reference in ${base:-} ${multi_base:-}; do image rm "$reference" >/dev/null 2>&1 || true; done
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "==> kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------- registry
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
mkdir -p "$work/registry"
cat >"$work/registry/config.yml" <<EOF
version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: $work/registry/storage
  delete:
    enabled: false
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $registry
  secret: imagebuild-bench-secret
EOF
registry_log="$work/registry/registry.log"
/usr/bin/docker-registry serve "$work/registry/config.yml" >"$registry_log" 2>&1 </dev/null &
registry_pid=$!
for _ in $(seq 100); do
  curl -fsS "http://$registry/v2/" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://$registry/v2/" >/dev/null || { echo "docker-registry did not start:" >&2; cat "$registry_log" >&2; exit 1; }
echo "==> docker-registry serving on $registry" >&2
# The SDK treats localhost as insecure (plain HTTP); 127.0.0.1 is listed to be sure, and ours treats loopback alike.
export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"

# ---------------------------------------------------------------------------------------------- tools and base
echo "==> building the dotnet-image tool and packing ImageBuild.Tasks" >&2
source "$repo_root/eng/tools.sh"
# The tool as users install it: packed and installed (native on linux-x64), cached per sources by eng/install-tool.sh.
tool="$("$repo_root/eng/install-tool.sh" | tail -n 1)"
image() { "$tool" --store "$store" "$@"; }

runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
local_base="dotnet-runtime-local:${runtime_version%.*}"
if ! image inspect "$local_base" >/dev/null 2>&1; then
  echo "==> making $local_base (eng/demo.sh does it; the app run there is not needed here)" >&2
  # demo.sh makes the base first; its publish of samples/hello into the store is cheap next to the bench.
  DOTNET_IMAGE_STORE="$store" "$repo_root/eng/demo.sh" >/dev/null
fi
base="$registry/dotnet/runtime:${runtime_version%.*}"
image tag "$local_base" "$base" >/dev/null
image push "$base" >/dev/null 2>&1
echo "==> pushed $local_base to $base" >&2

# Two RIDs need a base for both platforms, and this machine has only an x64 runtime: the arm64 entry is the same
# files with a config that says linux/arm64. Its images would not run on arm64; the build and push work is the
# same as with a real arm64 runtime of that size, which is what is measured.
arm64_base="$local_base-arm64-label"
if ! image inspect "$arm64_base" >/dev/null 2>&1; then
  image unpack "$local_base" "$work/rootfs-arm64" >/dev/null
  image import "$work/rootfs-arm64" "$arm64_base" --platform linux/arm64 \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV PATH=/usr/share/dotnet:/bin' \
    --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1' >/dev/null
  rm -rf "$work/rootfs-arm64"
fi
multi_base="$registry/dotnet/runtime:${runtime_version%.*}-multi"
image manifest create "$multi_base" "$base" "$arm64_base" >/dev/null
image push "$multi_base" >/dev/null 2>&1
echo "==> pushed a linux/amd64 + linux/arm64 index to $multi_base" >&2

# ---------------------------------------------------------------------------------------------- the app
# samples/hello plus two NuGet packages (already in this machine's NuGet cache), so that layering by how often
# files change has something to split: package assemblies change rarely, the app's own on every edit.
make_app() { # DIR WITH_IMAGEBUILD
  local dir="$1"
  mkdir -p "$dir"
  local tasks_reference=""
  if [[ "$2" == yes ]]; then
    tasks_reference="<PackageReference Include=\"ImageBuild.Tasks\" Version=\"$tasks_version\" PrivateAssets=\"all\" />"
  fi
  cat >"$dir/hello.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <InvariantGlobalization>true</InvariantGlobalization>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
    <PackageReference Include="Spectre.Console" Version="0.49.1" />
    $tasks_reference
  </ItemGroup>
</Project>
EOF
  cp samples/hello/Program.cs "$dir/Program.cs"
  cat >>"$dir/Program.cs" <<'EOF'
Console.WriteLine(Newtonsoft.Json.JsonConvert.SerializeObject(new { name }));
Spectre.Console.AnsiConsole.MarkupLine("[green]ok[/]");
EOF
  cp "$dir/Program.cs" "$dir/Program.cs.pristine"
  cat >"$dir/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="local" value="$repo_root/artifacts/packages" />
  </packageSources>
</configuration>
EOF
}
make_app "$work/sdk" no
make_app "$work/ours" yes

# ---------------------------------------------------------------------------------------------- native tool
: >"$work/native.md"
if [[ "$suites" == *" native "* ]]; then
  source "$repo_root/eng/bench/native.sh"
fi

# ---------------------------------------------------------------------------------------------- measuring
results="$work/results.tsv" # tool scenario run seconds maxrss_kb blobs bytes digest status
: >"$results"
errors="$work/errors.txt"
: >"$errors"

# Requests answered so far are in the log once a marker request's line is there (the line follows the answer).
settle_log() {
  local marker="settle=$RANDOM$RANDOM"
  curl -fsS "http://$registry/v2/?$marker" >/dev/null || true
  for _ in $(seq 50); do grep -q "$marker" "$registry_log" && return; sleep 0.1; done
}

# Blob uploads completed between two log offsets: count and bytes (sizes read from the registry's storage).
uploads_since() { # OFFSET -> "COUNT BYTES"
  local count=0 bytes=0 digest size
  while read -r digest; do
    size=$(stat -c %s "$work/registry/storage/docker/registry/v2/blobs/sha256/${digest:0:2}/$digest/data" 2>/dev/null || echo 0)
    count=$((count + 1)); bytes=$((bytes + size))
  done < <(tail -c +"$(($1 + 1))" "$registry_log" \
             | grep -oE '"PUT /v2/[^ ]*/blobs/uploads/[^ ]*digest=sha256%3A[0-9a-f]{64}[^ ]* HTTP/[0-9.]+" 201' \
             | grep -oE 'sha256%3A[0-9a-f]{64}' | sed 's/sha256%3A//')
  echo "$count $bytes"
}

manifest_digest() { # REPOSITORY TAG
  curl -fsSI "http://$registry/v2/$1/manifests/$2" \
    -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}

# One publish: TOOL SCENARIO RUN REPOSITORY TAG [extra msbuild args...]
measure() {
  local tool="$1" scenario="$2" run="$3" repository="$4" tag="$5"
  shift 5
  local dir="$work/$tool" target=PublishContainer
  [[ "$tool" == ours ]] && target=PublishImage
  local extra=()
  [[ "$tool" == ours ]] && extra+=("-p:ContainerImageStore=$work/store-ours-$run")
  dotnet build-server shutdown >/dev/null 2>&1 || true
  settle_log
  local offset
  offset=$(stat -c %s "$registry_log")
  local log="$work/log-$tool-$scenario-$run.txt" status=ok
  if ! /usr/bin/time -v -o "$work/time.txt" \
      dotnet publish "$dir/hello.csproj" -t:$target -c Release -nologo -v minimal --disable-build-servers \
        -p:UseSharedCompilation=false \
        "-p:ContainerRegistry=$registry" "-p:ContainerRepository=$repository" \
        "-p:ContainerBaseImage=$base" "-p:ContainerImageTag=$tag" \
        "${extra[@]}" "$@" >"$log" 2>&1; then
    status=failed
    { echo "### $tool $scenario (run $run)"; grep -E 'error|Error' "$log" | sort -u | head -5; echo; } >>"$errors"
  fi
  local seconds rss
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  settle_log
  local uploads digest=""
  uploads=$(uploads_since "$offset")
  if [[ "$status" == ok && "$scenario" != tarball ]]; then digest=$(manifest_digest "$repository" "$tag"); fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$scenario" "$run" "$seconds" "$rss" \
    "${uploads% *}" "${uploads#* }" "${digest:--}" "$status" >>"$results"
  echo "    $tool $scenario #$run: ${seconds}s, max RSS ${rss} KB, blobs ${uploads% *} (${uploads#* } B), $status" >&2
}

for run in $(seq "$runs"); do
  [[ "$suites" == *" publish "* ]] || break
  echo "==> run $run of $runs" >&2
  for tool in sdk ours; do
    dir="$work/$tool"
    repository="bench/$tool-$run"
    rm -rf "$dir/bin" "$dir/obj" "$work/store-ours-$run"
    cp "$dir/Program.cs.pristine" "$dir/Program.cs"
    # cold: clean bin/obj, empty layer cache (ours), a repository the registry has not seen.
    measure "$tool" cold "$run" "$repository" v1
    echo "Console.WriteLine(\"edit $run\");" >>"$dir/Program.cs"
    measure "$tool" code-change "$run" "$repository" v1
    measure "$tool" nothing-changed "$run" "$repository" v1
    if [[ "$tool" == sdk ]]; then
      measure "$tool" tarball "$run" "$repository" v1 "-p:ContainerArchiveOutputPath=$work/$tool-$run.tar"
    else
      measure "$tool" tarball "$run" "$repository" v1 "-p:ContainerImageOutput=docker-archive:$work/$tool-$run.tar"
    fi
    measure "$tool" two-rid "$run" "$repository-multi" v1 "-p:ContainerBaseImage=$multi_base" \
      '-p:ContainerRuntimeIdentifiers="linux-x64;linux-arm64"' '-p:RuntimeIdentifiers="linux-x64;linux-arm64"'
  done
done

# ---------------------------------------------------------------------------------------------- report
column_of() { # TOOL SCENARIO FIELD(1-based in results.tsv) -> values of successful runs
  awk -F'\t' -v t="$1" -v s="$2" -v f="$3" '$1 == t && $2 == s && $9 == "ok" { print $f }' "$results"
}
failures_of() { awk -F'\t' -v t="$1" -v s="$2" '$1 == t && $2 == s && $9 != "ok"' "$results" | wc -l; }
cell() { # TOOL SCENARIO FIELD
  if (( $(failures_of "$1" "$2") > 0 )); then echo "failed"; else column_of "$1" "$2" "$3" | median; fi
}
reproducible() { # TOOL: do the cold publishes of runs 1 and 2 (same source, clean obj) give one digest?
  local a b
  a=$(awk -F'\t' -v t="$1" '$1 == t && $2 == "cold" && $3 == 1 { print $8 }' "$results")
  b=$(awk -F'\t' -v t="$1" '$1 == t && $2 == "cold" && $3 == 2 { print $8 }' "$results")
  if [[ "$a" == - || "$b" == - ]]; then echo "n/a"; elif [[ "$a" == "$b" ]]; then echo "yes"; else echo "no"; fi
}

table="$work/table.md"
{
  echo "| Scenario | PublishContainer median s | PublishImage median s | Ratio (SDK/ours) | Peak RSS SDK MB | Peak RSS ours MB | Blobs uploaded SDK (MB) | Blobs uploaded ours (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for scenario in cold code-change nothing-changed tarball two-rid; do
    s_sec=$(cell sdk "$scenario" 4); o_sec=$(cell ours "$scenario" 4)
    ratio="-"
    if [[ "$s_sec" =~ ^[0-9.]+$ && "$o_sec" =~ ^[0-9.]+$ ]]; then ratio=$(awk -v a="$s_sec" -v b="$o_sec" 'BEGIN { printf "%.2f", a / b }'); fi
    mb() { [[ "$1" =~ ^[0-9.]+$ ]] && awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' || echo "$1"; }
    bytes_mb() { [[ "$1" =~ ^[0-9.]+$ ]] && awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }' || echo "$1"; }
    blobs() { local c b; c=$(cell "$1" "$scenario" 6); b=$(cell "$1" "$scenario" 7); [[ "$c" == failed ]] && echo failed || echo "$c ($(bytes_mb "$b"))"; }
    echo "| $scenario | $s_sec | $o_sec | $ratio | $(mb "$(cell sdk "$scenario" 5)") | $(mb "$(cell ours "$scenario" 5)") | $(blobs sdk) | $(blobs ours) |"
  done
  echo
  echo "Same digest from two cold publishes of the same source (runs 1 and 2): PublishContainer **$(reproducible sdk)**, PublishImage **$(reproducible ours)**."
} >"$table"

{
  echo "### Raw runs"
  echo
  echo "| Tool | Scenario | Run | Wall s | Max RSS KB | Blobs | Bytes | Digest | Status |"
  echo "|---|---|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' '{ d = ($8 == "-") ? "-" : substr($8, 1, 19); printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, d, $9 }' "$results"
  if [[ -s "$errors" ]]; then
    echo
    echo "### Errors (first lines of each failed run)"
    echo
    echo '```'
    cat "$errors"
    echo '```'
  fi
} >"$work/raw.md"

machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sm), .NET SDK $(dotnet --version)"
date_now="$(date -u '+%Y-%m-%d %H:%M UTC')"
# The prose around the table lives in eng/bench/benchmarks.template.md; the script fills in what it measured.
awk -v table="$table" -v raw="$work/raw.md" -v native="$work/native.md" -v machine="$machine" -v date="$date_now" -v runs="$runs" '
  /^@TABLE@$/ { while ((getline line < table) > 0) print line; next }
  /^@NATIVE@$/ { while ((getline line < native) > 0) print line; next }
  /^@RAW@$/ { while ((getline line < raw) > 0) print line; next }
  { gsub(/@MACHINE@/, machine); gsub(/@DATE@/, date); gsub(/@RUNS@/, runs); print }
' "$repo_root/eng/bench/benchmarks.template.md" >"$output"
echo "==> wrote $output" >&2
cat "$table"
