#!/usr/bin/env bash
# Builds CI's own AO JSON-interface process (counter.c) with Debian's emscripten 3.1.6:
#   aos-counter.wasm               wasm32, standalone (WASI imports only)
#   aos-counter64.wasm             wasm64 (memory64), standalone. Debian ships a frozen library cache without the
#                                  wasm64 libraries: this builds them once into a cache of its own (EM_CACHE, a few
#                                  minutes), from the library sources Debian ships, with a config that unfreezes it;
#                                  Node.js (which emcc runs the module in) needs --experimental-wasm-memory64 where emcc
#                                  3.1.6 passes a flag newer Node.js no longer knows.
#   aos-counter-emscripten2.wasm   wasm32 for emscripten's JS glue, the way @permaweb/ao-loader loads format
#                                  wasm32-unknown-emscripten2 (env imports, the stack-check exports that glue calls, an
#                                  empty main): one module both ao-loader and this node run, for the differential tests
#                                  and the bench.
#   wasm/aos/build.sh           rebuild and write the committed .wasm files
#   wasm/aos/build.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
# Needs apt (Debian) and root or sudo for the first run (emscripten); later runs reuse it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../reproducible.sh
source "$here/../reproducible.sh"
target="$here/aos-counter.wasm"
check=0
[[ "${1:-}" == "--check" ]] && check=1

install_when_missing emcc emscripten

work="$(mktemp -d /tmp/hb-aos-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$here/counter.c" "$work/"
out="$work/aos-counter.wasm"
flags=(-O2 -g0 -fno-ident -ffile-prefix-map="$work"=/aos counter.c
  -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sINITIAL_MEMORY=1MB -sTOTAL_STACK=256KB -sMAXIMUM_MEMORY=4GB
  -sFILESYSTEM=0 -sEXPORTED_FUNCTIONS=_handle,_malloc,_free --no-entry)
# Reproducible: no debug info, build paths mapped away, no timestamps; same inputs give the same bytes.
export SOURCE_DATE_EPOCH=0
(cd "$work" && emcc "${flags[@]}" -o "$out")

# The glue variant: emcc writes its JS beside the .wasm (unused here); its JS optimizer needs Debian's acorn, which a
# node from elsewhere (NodeSource) does not find on its own.
mkdir -p "$work/glue"
(cd "$work/glue" && NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs" emcc -O2 -g0 -fno-ident \
  -ffile-prefix-map="$work"=/aos -DAO_LOADER_ENTRY ../counter.c \
  -sALLOW_MEMORY_GROWTH -sINITIAL_MEMORY=1MB -sTOTAL_STACK=256KB -sMAXIMUM_MEMORY=4GB -sFILESYSTEM=0 \
  -sSTACK_OVERFLOW_CHECK=1 -sEXPORTED_FUNCTIONS=_handle,_main,_malloc,_free -o counter.js)
glue_out="$work/glue/counter.wasm"

# wasm64: the same source and flags (emcc64, wasm/reproducible.sh).
out64="$work/aos-counter64.wasm"
(cd "$work" && emcc64 "${flags[@]}" -o "$out64" 2> "$work/emcc64.log") || { cat "$work/emcc64.log" >&2; exit 1; }

# Compares (--check) or writes each module (deliver, wasm/reproducible.sh); any difference fails the check.
failed=0
deliver "$out" "$target" "$check" wasm/aos/build.sh || failed=1
deliver "$glue_out" "$here/aos-counter-emscripten2.wasm" "$check" wasm/aos/build.sh || failed=1
deliver "$out64" "$here/aos-counter64.wasm" "$check" wasm/aos/build.sh || failed=1
exit $failed
