#!/usr/bin/env bash
# Builds wasm/aos/aos-counter-eh.wasm: CI's counter process (counter.c) behind a C++ handle() (counter-eh.cpp) built
# with -fwasm-exceptions, so the module holds the legacy exception-handling instructions (try, catch, catch_all,
# rethrow, delegate) aos-2 modules have. Debian's emscripten 3.1.6, wasm32, standalone; reproducible like build.sh.
#   wasm/aos/build-eh.sh           rebuild and write the committed .wasm
#   wasm/aos/build-eh.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/aos-counter-eh.wasm"
check=0
[[ "${1:-}" == "--check" ]] && check=1

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! command -v emcc >/dev/null; then
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq emscripten >/dev/null
fi

work="$(mktemp -d /tmp/hb-aos-eh-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$here/counter.c" "$here/counter-eh.cpp" "$work/"
out="$work/aos-counter-eh.wasm"
export SOURCE_DATE_EPOCH=0
flags=(-O2 -g0 -fno-ident -ffile-prefix-map="$work"=/aos)
(cd "$work" && emcc "${flags[@]}" -Dhandle=counter_handle -c counter.c -o counter.o \
  && em++ "${flags[@]}" -fwasm-exceptions counter-eh.cpp counter.o \
    -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sINITIAL_MEMORY=1MB -sTOTAL_STACK=256KB -sMAXIMUM_MEMORY=4GB \
    -sFILESYSTEM=0 -sEXPORTED_FUNCTIONS=_handle,_malloc,_free --no-entry -o "$out")

if [[ $check -eq 1 ]]; then
  if cmp -s "$out" "$target"; then echo "aos-counter-eh.wasm: rebuilt byte-identical ($(stat -c %s "$out") bytes)"; exit 0; fi
  echo "aos-counter-eh.wasm differs from the rebuild: run wasm/aos/build-eh.sh and commit the result" >&2
  echo "committed: $(sha256sum < "$target")  rebuilt: $(sha256sum < "$out")" >&2
  exit 1
fi
cp "$out" "$target"
echo "wrote $target ($(stat -c %s "$target") bytes, sha256 $(sha256sum < "$target" | cut -c1-16))"
