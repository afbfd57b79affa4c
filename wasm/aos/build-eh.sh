#!/usr/bin/env bash
# Builds wasm/aos/aos-counter-eh.wasm (wasm32) and aos-counter64-eh.wasm (wasm64, memory64, as aos-2 modules are):
# CI's counter process (counter.c) behind a C++ handle() (counter-eh.cpp) built with -fwasm-exceptions, so the module
# holds the legacy exception-handling instructions (try, catch, catch_all, rethrow, delegate) aos-2 modules have.
# Debian's emscripten 3.1.6, standalone; reproducible like build.sh.
#   wasm/aos/build-eh.sh           rebuild and write the committed .wasm files
#   wasm/aos/build-eh.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
# Needs apt (Debian) and root or sudo for the first run (emscripten); later runs reuse it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../reproducible.sh
source "$here/../reproducible.sh"
check=0
[[ "${1:-}" == "--check" ]] && check=1
install_when_missing emcc emscripten

work="$(mktemp -d /tmp/hb-aos-eh-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$here/counter.c" "$here/counter-eh.cpp" "$work/"
# Reproducible: no debug info, build paths mapped away, no timestamps; same inputs give the same bytes.
export SOURCE_DATE_EPOCH=0
flags=(-O2 -g0 -fno-ident -ffile-prefix-map="$work"=/aos)
link=(-sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sINITIAL_MEMORY=1MB -sTOTAL_STACK=256KB -sMAXIMUM_MEMORY=4GB
  -sFILESYSTEM=0 -sEXPORTED_FUNCTIONS=_handle,_malloc,_free --no-entry)
(cd "$work" && emcc "${flags[@]}" -Dhandle=counter_handle -c counter.c -o counter.o \
  && em++ "${flags[@]}" -fwasm-exceptions counter-eh.cpp counter.o "${link[@]}" -o "$work/aos-counter-eh.wasm")
# wasm64 (emcc64, wasm/reproducible.sh). Its log is kept apart: Debian's wasm64 compiler-rt warns of a long-double
# comparison signature the counter never calls.
(cd "$work" && emcc64 "${flags[@]}" -Dhandle=counter_handle -c counter.c -o counter64.o 2> "$work/emcc64.log" \
  && EMCC64_TOOL=em++ emcc64 "${flags[@]}" -fwasm-exceptions counter-eh.cpp counter64.o "${link[@]}" \
    -o "$work/aos-counter64-eh.wasm" 2>> "$work/emcc64.log") || { cat "$work/emcc64.log" >&2; exit 1; }
status=0
deliver "$work/aos-counter-eh.wasm" "$here/aos-counter-eh.wasm" "$check" wasm/aos/build-eh.sh || status=1
deliver "$work/aos-counter64-eh.wasm" "$here/aos-counter64-eh.wasm" "$check" wasm/aos/build-eh.sh || status=1
exit $status
