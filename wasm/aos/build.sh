#!/usr/bin/env bash
# Builds wasm/aos/aos-counter.wasm, CI's own AO JSON-interface process (counter.c), with Debian's emscripten 3.1.6:
# wasm32, standalone (WASI imports only). Debian's emscripten ships a frozen library cache without the wasm64
# libraries, so no memory64 build is made here.
#   wasm/aos/build.sh           rebuild and write the committed .wasm
#   wasm/aos/build.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
# Needs apt (Debian) and root or sudo for the first run (emscripten); later runs reuse it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/aos-counter.wasm"
check=0
[[ "${1:-}" == "--check" ]] && check=1

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! command -v emcc >/dev/null; then
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq emscripten >/dev/null
fi

work="$(mktemp -d /tmp/hb-aos-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$here/counter.c" "$work/"
out="$work/aos-counter.wasm"
# Reproducible: no debug info, build paths mapped away, no timestamps; same inputs give the same bytes.
export SOURCE_DATE_EPOCH=0
(cd "$work" && emcc -O2 -g0 -fno-ident -ffile-prefix-map="$work"=/aos counter.c \
  -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sINITIAL_MEMORY=1MB -sTOTAL_STACK=256KB -sMAXIMUM_MEMORY=4GB \
  -sFILESYSTEM=0 -sEXPORTED_FUNCTIONS=_handle,_malloc,_free --no-entry -o "$out")

if [[ $check -eq 1 ]]; then
  if cmp -s "$out" "$target"; then echo "aos-counter.wasm: rebuilt byte-identical ($(stat -c %s "$out") bytes)"; exit 0; fi
  echo "aos-counter.wasm differs from the rebuild: run wasm/aos/build.sh and commit the result" >&2
  echo "committed: $(sha256sum < "$target")  rebuilt: $(sha256sum < "$out")" >&2
  exit 1
fi
cp "$out" "$target"
echo "wrote $target ($(stat -c %s "$target") bytes, sha256 $(sha256sum < "$target" | cut -c1-16))"
