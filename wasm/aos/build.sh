#!/usr/bin/env bash
# Builds wasm/aos/aos-counter.wasm, CI's own AO JSON-interface process (counter.c), with Debian's emscripten 3.1.6:
# wasm32, standalone (WASI imports only). Debian's emscripten ships a frozen library cache without the wasm64
# libraries, so no memory64 build is made here.
# Also wasm/aos/aos-counter-emscripten2.wasm: the same process built for emscripten's JS glue, the way
# @permaweb/ao-loader loads format wasm32-unknown-emscripten2 (env imports, the stack-check exports that glue calls, an
# empty main): one module both ao-loader and this node run, for the differential tests and the bench.
#   wasm/aos/build.sh           rebuild and write the committed .wasm files
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
# The glue variant: emcc writes its JS beside the .wasm (unused here); its JS optimizer needs Debian's acorn, which a
# node from elsewhere (NodeSource) does not find on its own.
glue_target="$here/aos-counter-emscripten2.wasm"
mkdir -p "$work/glue"
(cd "$work/glue" && NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs" emcc -O2 -g0 -fno-ident \
  -ffile-prefix-map="$work"=/aos -DAO_LOADER_ENTRY ../counter.c \
  -sALLOW_MEMORY_GROWTH -sINITIAL_MEMORY=1MB -sTOTAL_STACK=256KB -sMAXIMUM_MEMORY=4GB -sFILESYSTEM=0 \
  -sSTACK_OVERFLOW_CHECK=1 -sEXPORTED_FUNCTIONS=_handle,_main,_malloc,_free -o counter.js)
glue_out="$work/glue/counter.wasm"

if [[ $check -eq 1 ]]; then
  status=0
  for pair in "$out:$target" "$glue_out:$glue_target"; do
    built="${pair%%:*}" committed="${pair#*:}"
    if cmp -s "$built" "$committed"; then echo "$(basename "$committed"): rebuilt byte-identical ($(stat -c %s "$built") bytes)"; continue; fi
    echo "$(basename "$committed") differs from the rebuild: run wasm/aos/build.sh and commit the result" >&2
    echo "committed: $(sha256sum < "$committed")  rebuilt: $(sha256sum < "$built")" >&2
    status=1
  done
  exit $status
fi
cp "$out" "$target"
cp "$glue_out" "$glue_target"
for written in "$target" "$glue_target"; do
  echo "wrote $written ($(stat -c %s "$written") bytes, sha256 $(sha256sum < "$written" | cut -c1-16))"
done
