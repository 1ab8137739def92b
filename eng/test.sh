#!/usr/bin/env bash
# Installs what the tests need, builds the solution and runs every test project.
#   --fast   the inner loop: builds and runs only the projects that need no external tool (unit tests,
#            in-process tests), in about two minutes; installs nothing.
# The last line printed is "N passed, N failed[, N skipped]", totalled over the test projects run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

fast=false
for argument in "$@"; do
  case "$argument" in
    --fast) fast=true ;;
    -h|--help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option '$argument': use --fast, or nothing to run every test" >&2; exit 2 ;;
  esac
done

required_packages=(skopeo umoci runc docker-registry busybox-static debootstrap apache2-utils tar gzip xz-utils zstd bzip2 docker.io podman clang zlib1g-dev)

missing_packages() {
  local package
  for package in "${required_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$package"
    fi
  done
}

install_missing_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: packages needed by the tests are missing: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "Installing test dependencies: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
}

# Prints "passed failed skipped" summed over the counters of the given .trx files.
sum_trx_counters() {
  local passed=0 failed=0 skipped=0 file counters name
  local -A value
  for file in "$@"; do
    counters=$(grep -o '<Counters [^>]*>' "$file" || true)
    for name in total executed passed failed error timeout aborted; do
      value[$name]=$(sed -n "s/.* ${name}=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
      value[$name]=${value[$name]:-0}
    done
    passed=$((passed + value[passed]))
    failed=$((failed + value[failed] + value[error] + value[timeout] + value[aborted]))
    # xunit's skipped tests are counted in total but not in executed.
    skipped=$((skipped + value[total] - value[executed]))
  done
  echo "$passed $failed $skipped"
}

if [[ $fast == false ]]; then
  install_missing_packages
fi

export IMAGEBUILD_TEST_CACHE="${IMAGEBUILD_TEST_CACHE:-${HOME:-/tmp}/.cache/imagebuild-tests}"
mkdir -p "$IMAGEBUILD_TEST_CACHE"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

dotnet build ImageBuild.sln -c Release

if [[ $fast != true ]]; then
  # The CLI tests run dotnet-image as users install it: packed (Native AOT on linux-x64) and installed with
  # `dotnet tool install`. The install is cached by the tool's inputs, so the AOT compile runs once per change.
  IMAGEBUILD_INSTALLED_TOOL="$("$repo_root/eng/install-tool.sh" | tail -n 1)"
  export IMAGEBUILD_INSTALLED_TOOL
  echo "CLI tests run $IMAGEBUILD_INSTALLED_TOOL"
fi

# Each test project writes its .trx into its own TestResults folder, so no two can collide. The fast lane
# leaves out the projects that run external tools (their names end in IntegrationTests).
mapfile -t test_projects < <(grep -rl --include='*.csproj' '<IsTestProject>true</IsTestProject>' tests | sort)
if [[ $fast == true ]]; then
  mapfile -t test_projects < <(printf '%s\n' "${test_projects[@]}" | grep -v 'IntegrationTests\.csproj$')
fi
for project in "${test_projects[@]}"; do
  rm -rf "$(dirname "$project")/TestResults"
done

test_exit=0
if [[ $fast == true ]]; then
  for project in "${test_projects[@]}"; do
    dotnet test "$project" -c Release --no-build --logger "trx" --logger "console;verbosity=minimal" || test_exit=$?
  done
else
  dotnet test ImageBuild.sln -c Release --no-build \
    --logger "trx" \
    --logger "console;verbosity=normal" || test_exit=$?
fi

mapfile -t trx_files < <(find "${test_projects[@]%/*}" -path '*/TestResults/*.trx' | sort)
read -r passed failed skipped < <(sum_trx_counters "${trx_files[@]}")

status=0
if [[ $test_exit -ne 0 ]]; then
  echo "dotnet test exited with code $test_exit" >&2
  status=1
fi
if [[ ${#trx_files[@]} -ne ${#test_projects[@]} ]]; then
  echo "expected one test result file per test project (${#test_projects[@]}), found ${#trx_files[@]}" >&2
  status=1
fi
if [[ $((passed + failed)) -eq 0 ]]; then
  echo "no test ran" >&2
  status=1
fi
if [[ $failed -gt 0 ]]; then
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
