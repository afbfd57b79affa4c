#!/usr/bin/env bash
# Builds the test modules of the legacy exception-handling translation (legacy-eh.wat, decoder-coverage.wat) with
# Debian's wabt (wat2wasm --enable-exceptions writes the legacy try/catch/delegate/rethrow encoding).
#   wasm/eh/build.sh           rebuild and write the committed .wasm files
#   wasm/eh/build.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
# Needs apt (Debian) and root or sudo for the first run (wabt); later runs reuse it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
check=0
[[ "${1:-}" == "--check" ]] && check=1

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! command -v wat2wasm >/dev/null; then
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq wabt >/dev/null
fi

work="$(mktemp -d /tmp/hb-eh-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# module: the wat2wasm features it needs (legacy exceptions are wabt's --enable-exceptions)
declare -A features=(
  [legacy-eh]="--enable-exceptions"
  [decoder-coverage]="--enable-exceptions --enable-memory64 --enable-tail-call"
)
status=0
for name in legacy-eh decoder-coverage; do
  out="$work/$name.wasm"
  target="$here/$name.wasm"
  # shellcheck disable=SC2086 # the feature flags are words
  wat2wasm ${features[$name]} "$here/$name.wat" -o "$out"
  if [[ $check -eq 1 ]]; then
    if cmp -s "$out" "$target"; then echo "$name.wasm: rebuilt byte-identical ($(stat -c %s "$out") bytes)"; continue; fi
    echo "$name.wasm differs from the rebuild: run wasm/eh/build.sh and commit the result" >&2
    echo "committed: $(sha256sum < "$target")  rebuilt: $(sha256sum < "$out")" >&2
    status=1
    continue
  fi
  cp "$out" "$target"
  echo "wrote $target ($(stat -c %s "$target") bytes, sha256 $(sha256sum < "$target" | cut -c1-16))"
done
exit $status
