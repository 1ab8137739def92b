#!/usr/bin/env bash
# Installs what the tests need, builds the solution and runs every test project.
# The last line printed is "N passed, N failed[, N skipped]", totalled over all test projects.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

required_packages=(skopeo umoci runc docker-registry busybox-static debootstrap apache2-utils)

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

# Prints "passed failed skipped" summed over the counters of every .trx file in $1.
sum_trx_counters() {
  local results_dir=$1 passed=0 failed=0 skipped=0 file counters value name
  for file in "$results_dir"/*.trx; do
    [[ -e $file ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$file" || true)
    for name in passed failed error timeout aborted notExecuted; do
      value=$(sed -n "s/.* ${name}=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
      value=${value:-0}
      case $name in
        passed) passed=$((passed + value)) ;;
        notExecuted) skipped=$((skipped + value)) ;;
        *) failed=$((failed + value)) ;;
      esac
    done
  done
  echo "$passed $failed $skipped"
}

install_missing_packages

export IMAGEBUILD_TEST_CACHE="${IMAGEBUILD_TEST_CACHE:-$HOME/.cache/imagebuild-tests}"
mkdir -p "$IMAGEBUILD_TEST_CACHE"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

dotnet build ImageBuild.sln -c Release

results_dir="$repo_root/artifacts/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

test_exit=0
dotnet test ImageBuild.sln -c Release --no-build \
  --results-directory "$results_dir" \
  --logger "trx;LogFilePrefix=results" \
  --logger "console;verbosity=normal" || test_exit=$?

trx_count=$(find "$results_dir" -maxdepth 1 -name '*.trx' | wc -l)
read -r passed failed skipped < <(sum_trx_counters "$results_dir")

status=0
if [[ $test_exit -ne 0 ]]; then
  echo "dotnet test exited with code $test_exit" >&2
  status=1
fi
if [[ $trx_count -eq 0 || $((passed + failed)) -eq 0 ]]; then
  echo "no test ran" >&2
  status=1
fi
if [[ $failed -gt 0 ]]; then
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
