# Sourced by eng/bench/run.sh (from the repository root, with $work, $registry, $base, $runs and $tool set): the
# targets of issue 12, each against the tool users would otherwise reach for, written as markdown to $work/native.md.
#   start-up   `dotnet image --version` and `ls` of a 20-image store vs `docker image ls` on a private local daemon
#   transfer   push with every blob present vs skopeo; pull of a 100 MB 3-layer image vs `skopeo copy` to an OCI layout
#   large      the image step of `dotnet publish --no-build` of a >100 MB self-contained web app vs PublishContainer
#   memory     peak RSS of a build of one 1 GiB layer
# Quick commands are timed by hyperfine (warm-up runs, then medians); the rest run under GNU time.

native_md="$work/native.md"
: >"$native_md"
hyperfine_runs=$(( runs < 10 ? 10 : runs ))

# hyperfine NAME... -- COMMAND... ; prints "name median_ms" lines from its JSON.
measure_quick() { # JSON_FILE [hyperfine args...]
  local json="$1"; shift
  hyperfine --style none --warmup 3 --runs "$hyperfine_runs" -N --export-json "$json" "$@" >/dev/null 2>&1
}
quick_rows() { # JSON_FILE -> "| command | median ms | min ms | max ms |" rows
  python3 - "$1" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("| `%s` | %.1f | %.1f | %.1f |" % (r["command"], r["median"] * 1000, r["min"] * 1000, r["max"] * 1000))
EOF
}
quick_median() { # JSON_FILE INDEX -> median seconds
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
short() { sed -e "s#$work/##g" -e "s#$tool#dotnet-image#g" -e "s#$registry#REGISTRY#g"; }

# ---------------------------------------------------------------------------------------------- start-up
echo "==> start-up: 20-image store, private dockerd" >&2
store20="$work/store20"
docker_dir="$work/dockerd"
mkdir -p "$docker_dir"
dockerd --host "unix://$docker_dir/docker.sock" --data-root "$docker_dir/root" --exec-root "$docker_dir/exec" \
  --pidfile "$docker_dir/pid" --storage-driver vfs --iptables=false --ip6tables=false --bridge=none \
  >"$docker_dir/log" 2>&1 </dev/null &
dockerd_pid=$!
docker_cli() { docker -H "unix://$docker_dir/docker.sock" "$@"; }
for _ in $(seq 150); do docker_cli version >/dev/null 2>&1 && break; sleep 0.2; done
docker_cli version >/dev/null || { echo "dockerd did not start:" >&2; tail "$docker_dir/log" >&2; exit 1; }
for i in $(seq 20); do
  mkdir -p "$work/rootfs20/$i/etc"
  echo "image $i" >"$work/rootfs20/$i/etc/name"
  "$tool" --store "$store20" import "$work/rootfs20/$i" "bench/img$i:1" >/dev/null
  tar -C "$work/rootfs20/$i" -cf "$work/rootfs20/$i.tar" .
  docker_cli import "$work/rootfs20/$i.tar" "bench/img$i:1" >/dev/null
done
framework_dll="$repo_root/src/ImageBuild.Cli/bin/Release/net10.0/dotnet-image.dll"
measure_quick "$work/startup.json" \
  "$tool --version" \
  "$tool --store $store20 ls" \
  "docker -H unix://$docker_dir/docker.sock image ls" \
  "dotnet $framework_dll --store $store20 ls" \
  "skopeo --version"
kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null || true
{
  echo "## Start-up: \`--version\` and \`ls\` of a 20-image store vs \`docker image ls\`"
  echo
  echo "hyperfine, 3 warm-up runs then $hyperfine_runs runs, no shell. docker is the 28.x CLI talking to a private dockerd"
  echo "(vfs, no bridge) holding the same 20 images; the framework-dependent row is the portable \`any\` package's"
  echo "\`dotnet-image.dll\` under \`dotnet\` (what every platform without a native package gets, and what the tool was before)."
  echo
  echo "| Command | Median ms | Min ms | Max ms |"
  echo "|---|---:|---:|---:|"
  quick_rows "$work/startup.json" | short
  echo
  echo "Ratios (docker image ls / ours, above 1 means ours is faster): \`--version\` $(ratio "$(quick_median "$work/startup.json" 2)" "$(quick_median "$work/startup.json" 0)"),"
  echo "\`ls\` $(ratio "$(quick_median "$work/startup.json" 2)" "$(quick_median "$work/startup.json" 1)"); native vs framework-dependent \`ls\`: $(ratio "$(quick_median "$work/startup.json" 3)" "$(quick_median "$work/startup.json" 1)")x faster."
  echo
} >>"$native_md"

# ---------------------------------------------------------------------------------------------- transfer
echo "==> transfer: 100 MB 3-layer image, push with all blobs present, pull" >&2
tstore="$work/transfer-store"
pull_ref="$registry/bench/pull100:1"
for layer in a b c; do
  mkdir -p "$work/layers/$layer"
  head -c 34000000 /dev/urandom >"$work/layers/$layer/data.bin"
done
"$tool" --store "$tstore" build --from scratch --layer "$work/layers/a:/a" --layer "$work/layers/b:/b" --layer "$work/layers/c:/c" -t "$pull_ref" >/dev/null
"$tool" --store "$tstore" push "$pull_ref" >/dev/null 2>&1
measure_quick "$work/push.json" \
  "$tool --store $tstore push $pull_ref" \
  "skopeo copy --quiet --dest-tls-verify=false oci:$tstore:$pull_ref docker://$pull_ref"
hyperfine --style none --warmup 1 --runs "$runs" -N --export-json "$work/pull.json" \
  --prepare "rm -rf $work/pull-store $work/pull-oci" \
  "$tool --store $work/pull-store pull $pull_ref" \
  "skopeo copy --quiet --src-tls-verify=false docker://$pull_ref oci:$work/pull-oci:pulled" >/dev/null 2>&1
{
  echo "## Transfer: push with every blob present, pull of a 100 MB 3-layer image"
  echo
  echo "Three layers of 34 MB of random bytes (incompressible), in the local \`docker-registry\` over plain HTTP."
  echo "Push: the image is already in the registry, so both only check blobs and put the manifest (skopeo reads our"
  echo "store as the OCI layout it is). Pull: into an empty store (ours) or an empty OCI layout (skopeo), $runs runs."
  echo
  echo "| Command | Median ms | Min ms | Max ms |"
  echo "|---|---:|---:|---:|"
  quick_rows "$work/push.json" | short
  quick_rows "$work/pull.json" | short
  echo
  echo "Ours / skopeo (below 1.2 meets the target): push $(ratio "$(quick_median "$work/push.json" 0)" "$(quick_median "$work/push.json" 1)"), pull $(ratio "$(quick_median "$work/pull.json" 0)" "$(quick_median "$work/pull.json" 1)")."
  echo
} >>"$native_md"

# ---------------------------------------------------------------------------------------------- large publish
echo "==> large: publish --no-build of a self-contained web app" >&2
make_large_app() { # DIR WITH_IMAGEBUILD
  local dir="$1" tasks_reference=""
  mkdir -p "$dir"
  [[ "$2" == yes ]] && tasks_reference="<PackageReference Include=\"ImageBuild.Tasks\" Version=\"$tasks_version\" PrivateAssets=\"all\" />"
  cat >"$dir/large.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
    <SelfContained>true</SelfContained>
    <InvariantGlobalization>true</InvariantGlobalization>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
    $tasks_reference
  </ItemGroup>
</Project>
EOF
  cat >"$dir/Program.cs" <<'EOF'
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => Newtonsoft.Json.JsonConvert.SerializeObject(new { hello = "large" }));
app.Run();
EOF
  cp "$work/ours/nuget.config" "$dir/nuget.config"
}
large_results="$work/large.tsv" # tool scenario run wall_s task_ms rss_kb status
: >"$large_results"
measure_large() { # TOOL SCENARIO RUN REPOSITORY
  local tool_name="$1" scenario="$2" run="$3" repository="$4" dir="$work/large-$1" target=PublishContainer task=CreateNewImage extra=()
  if [[ "$tool_name" == ours ]]; then target=PublishImage; task=BuildContainerImage; extra+=("-p:ContainerImageStore=$work/large-store-$run"); fi
  dotnet build-server shutdown >/dev/null 2>&1 || true
  local log="$work/log-large-$tool_name-$scenario-$run.txt" status=ok
  /usr/bin/time -v -o "$work/time-large.txt" dotnet publish "$dir/large.csproj" --no-build -t:$target -c Release -nologo \
    -v minimal -clp:PerformanceSummary --disable-build-servers \
    "-p:ContainerRegistry=$registry" "-p:ContainerRepository=$repository" "-p:ContainerBaseImage=$base" "-p:ContainerImageTag=v1" \
    "${extra[@]}" >"$log" 2>&1 || status=failed
  local seconds rss task_ms
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time-large.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time-large.txt")
  # The task's own time from MSBuild's performance summary ("  1234 ms  TaskName  1 calls"); 0 when it was skipped.
  task_ms=$(awk -v t="$task" '$3 == t && $2 == "ms" { print $1; exit }' "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool_name" "$scenario" "$run" "$seconds" "${task_ms:-0}" "$rss" "$status" >>"$large_results"
  echo "    large $tool_name $scenario #$run: ${seconds}s, task ${task_ms:-0} ms, $status" >&2
}
for tool_name in sdk ours; do
  make_large_app "$work/large-$tool_name" "$([[ $tool_name == ours ]] && echo yes || echo no)"
done
for run in $(seq "$runs"); do
  for tool_name in sdk ours; do
    dir="$work/large-$tool_name"
    rm -rf "$dir/bin" "$dir/obj" "$work/large-store-$run"
    dotnet publish "$dir/large.csproj" -c Release -nologo -v quiet --disable-build-servers >/dev/null
    measure_large "$tool_name" cold "$run" "bench/large-$tool_name-$run"
    echo "app.MapGet(\"/edit$run\", () => \"edit\");" >>"$dir/Program.cs"
    sed -i 's/^app.Run();$//' "$dir/Program.cs"; echo 'app.Run();' >>"$dir/Program.cs"
    dotnet publish "$dir/large.csproj" -c Release -nologo -v quiet --disable-build-servers >/dev/null
    measure_large "$tool_name" code-change "$run" "bench/large-$tool_name-$run"
    measure_large "$tool_name" nothing-changed "$run" "bench/large-$tool_name-$run"
  done
done
publish_dir="$work/large-ours/bin/Release/net10.0/linux-x64/publish"
large_files=$(find "$publish_dir" -type f | wc -l)
large_mb=$(du -sm "$publish_dir" | cut -f1)
large_cell() { # TOOL SCENARIO FIELD
  awk -F'\t' -v t="$1" -v s="$2" -v f="$3" '$1 == t && $2 == s && $7 == "ok" { print $f }' "$large_results" | median
}
{
  echo "## Image step of \`dotnet publish --no-build\` on a large self-contained app"
  echo
  echo "A self-contained (linux-x64) ASP.NET Core app with Newtonsoft.Json: $large_files files, $large_mb MB published. Each"
  echo "scenario is one \`dotnet publish --no-build -t:PublishImage|PublishContainer\` to the local registry after an"
  echo "untimed \`dotnet publish\` that builds; the task column is the image task alone (\`BuildContainerImage\` vs the SDK's"
  echo "\`CreateNewImage\`, from \`-clp:PerformanceSummary\`), the wall column the whole command. cold: empty layer cache"
  echo "(ours) and a new repository; code-change: one line added to Program.cs, built, then published; nothing-changed: again."
  echo "$runs runs, medians."
  echo
  echo "| Scenario | SDK task ms | ours task ms | ours/SDK task | SDK wall s | ours wall s |"
  echo "|---|---:|---:|---:|---:|---:|"
  for scenario in cold code-change nothing-changed; do
    s_task=$(large_cell sdk "$scenario" 5); o_task=$(large_cell ours "$scenario" 5)
    echo "| $scenario | $s_task | $o_task | $(ratio "$o_task" "$s_task") | $(large_cell sdk "$scenario" 4) | $(large_cell ours "$scenario" 4) |"
  done
  echo
  echo "<details><summary>Raw runs</summary>"
  echo
  echo "| Tool | Scenario | Run | Wall s | Task ms | Max RSS KB | Status |"
  echo "|---|---|---:|---:|---:|---:|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$large_results"
  echo
  echo "</details>"
  echo
} >>"$native_md"

# ---------------------------------------------------------------------------------------------- memory
echo "==> memory: a 1 GiB layer" >&2
mkdir -p "$work/gig"
head -c 1073741824 /dev/urandom >"$work/gig/data.bin"
/usr/bin/time -v -o "$work/time-gig.txt" "$tool" --store "$work/gig-store" build "$work/gig" --from scratch -t gig:1 --timings >"$work/gig.log" 2>&1
gig_rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time-gig.txt")
gig_wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time-gig.txt")
rm -rf "$work/gig" "$work/gig-store"
{
  echo "## Memory: one 1 GiB layer"
  echo
  echo "\`dotnet image build DIR --from scratch\` of a folder holding one 1 GiB file of random bytes (incompressible),"
  echo "under GNU time: peak RSS **$gig_rss MB** (target: under 150 MB), ${gig_wall} s wall. Its phases:"
  echo "\`$(grep '^timings: build' "$work/gig.log" | sed 's/^timings: build: //')\`."
  echo
} >>"$native_md"
