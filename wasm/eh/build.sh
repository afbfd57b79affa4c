#!/usr/bin/env bash
# Builds wasm/eh/legacy-eh.wasm, the test module of the legacy exception-handling translation (legacy-eh.wat), with
# Debian's wabt (wat2wasm --enable-exceptions writes the legacy try/catch/delegate/rethrow encoding).
#   wasm/eh/build.sh           rebuild and write the committed .wasm
#   wasm/eh/build.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
# Needs apt (Debian) and root or sudo for the first run (wabt); later runs reuse it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/legacy-eh.wasm"
check=0
[[ "${1:-}" == "--check" ]] && check=1

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! command -v wat2wasm >/dev/null; then
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq wabt >/dev/null
fi

work="$(mktemp -d /tmp/hb-eh-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
out="$work/legacy-eh.wasm"
wat2wasm --enable-exceptions "$here/legacy-eh.wat" -o "$out"

if [[ $check -eq 1 ]]; then
  if cmp -s "$out" "$target"; then echo "legacy-eh.wasm: rebuilt byte-identical ($(stat -c %s "$out") bytes)"; exit 0; fi
  echo "legacy-eh.wasm differs from the rebuild: run wasm/eh/build.sh and commit the result" >&2
  echo "committed: $(sha256sum < "$target")  rebuilt: $(sha256sum < "$out")" >&2
  exit 1
fi
cp "$out" "$target"
echo "wrote $target ($(stat -c %s "$target") bytes, sha256 $(sha256sum < "$target" | cut -c1-16))"
