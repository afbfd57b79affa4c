#!/usr/bin/env bash
# Builds src/HyperBeam.Lua/Engine/lua53.wasm: Lua 5.3.6 (Debian's lua5.3 source package) and our glue (hb_lua.c),
# compiled with Debian's emscripten 3.1.6 into a standalone WebAssembly module.
#   wasm/lua/build.sh           rebuild and write the committed .wasm
#   wasm/lua/build.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
# Needs apt (Debian) and root or sudo for the first run (a deb-src line, emscripten); later runs reuse what is there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="$repo/src/HyperBeam.Lua/Engine/lua53.wasm"
check=0
[[ "${1:-}" == "--check" ]] && check=1

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# A deb-src line for the same mirror the deb lines use (deb822 .sources or one-line sources.list).
ensure_deb_src() {
  if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then return; fi
  local deb822 oneline
  deb822="$(grep -lsE '^Types:.*\bdeb\b' /etc/apt/sources.list.d/*.sources | head -n1 || true)"
  if [[ -n "$deb822" ]]; then
    # Only the first stanza (the main archive), with deb-src as its type.
    awk 'BEGIN{RS="";ORS="\n\n"} NR==1{sub(/Types:[^\n]*/,"Types: deb-src"); print}' "$deb822" \
      | sudo_if_needed tee /etc/apt/sources.list.d/hb-deb-src.sources >/dev/null
  else
    oneline="$(grep -hsE '^deb ' /etc/apt/sources.list | head -n1)"
    [[ -n "$oneline" ]] || { echo "build.sh: no Debian apt source to derive a deb-src line from" >&2; exit 1; }
    echo "deb-src${oneline#deb}" | sudo_if_needed tee /etc/apt/sources.list.d/hb-deb-src.list >/dev/null
  fi
  sudo_if_needed apt-get update -qq
}

if ! command -v emcc >/dev/null; then
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq emscripten >/dev/null
fi
ensure_deb_src
command -v dpkg-source >/dev/null || DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq dpkg-dev >/dev/null

work="$(mktemp -d /tmp/hb-lua-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq lua5.3 >/dev/null 2>&1) || (cd "$work" && apt-get source lua5.3)
src="$(find "$work" -maxdepth 2 -type d -name 'lua5.3-*' | head -n1)/src"
[[ -f "$src/lvm.c" ]] || { echo "build.sh: lua5.3 sources not found under $work" >&2; exit 1; }
grep -q '"5.3.6"\|LUA_VERSION_RELEASE	"6"\|LUA_VERSION_RELEASE "6"' "$src/lua.h" || { echo "build.sh: expected Lua 5.3.6" >&2; exit 1; }

# Lua's core and the base/coroutine/table/string/math/utf8/os libraries; no io, no loadlib, no debug.
files=(lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject lopcodes lparser lstate lstring ltable ltm
       lundump lvm lzio lauxlib lbaselib lcorolib lmathlib lstrlib ltablib lutf8lib loslib)
sources=()
for f in "${files[@]}"; do sources+=("$src/$f.c"); done
cp "$here/hb_lua.c" "$here/hb_imports.js" "$work/"
# Debian's luaconf.h names module paths by multiarch triplet; none are searched here (no loadlib).
echo '#define DEB_HOST_MULTIARCH "wasm32-emscripten"' > "$work/lua5.3-deb-multiarch.h"

out="$work/lua53.wasm"
# -w: Lua's own sources warn under clang (no effect on the code). Reproducible: no debug info, build paths mapped away, no timestamps (Debian ships emscripten with a frozen, prebuilt library cache); same inputs give the same bytes.
export SOURCE_DATE_EPOCH=0
(cd "$work" && emcc -O2 -g0 -w -std=gnu99 -DLUA_COMPAT_5_2 \
  -ffile-prefix-map="$work"=/lua -ffile-prefix-map="$src"=/lua/src -fno-ident \
  -I"$src" -I"$work" "${sources[@]}" hb_lua.c --js-library hb_imports.js \
  -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sINITIAL_MEMORY=2MB -sTOTAL_STACK=1MB -sMAXIMUM_MEMORY=4GB \
  -sFILESYSTEM=0 -sSUPPORT_LONGJMP=emscripten --no-entry -o "$out")

if [[ $check -eq 1 ]]; then
  if cmp -s "$out" "$target"; then echo "lua53.wasm: rebuilt byte-identical ($(stat -c %s "$out") bytes)"; exit 0; fi
  echo "lua53.wasm differs from the rebuild: run wasm/lua/build.sh and commit the result" >&2
  echo "committed: $(sha256sum < "$target")  rebuilt: $(sha256sum < "$out")" >&2
  exit 1
fi
mkdir -p "$(dirname "$target")"
cp "$out" "$target"
echo "wrote $target ($(stat -c %s "$target") bytes, sha256 $(sha256sum < "$target" | cut -c1-16))"
