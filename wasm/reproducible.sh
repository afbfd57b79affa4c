# Shared by the module build scripts that commit what they build (source it): install a Debian tool when missing,
# and hand a fresh build over: with --check compare it with the committed file byte for byte, else replace that file.

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# install_when_missing COMMAND DEBIAN-PACKAGE: apt-get installs the package unless COMMAND is on the PATH.
install_when_missing() {
  command -v "$1" >/dev/null && return
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "$2" >/dev/null
}

# deliver BUILT COMMITTED CHECK SCRIPT: CHECK=1 fails (status 1) when BUILT differs from COMMITTED, naming SCRIPT as
# the way to refresh it; CHECK=0 copies BUILT over COMMITTED.
deliver() {
  local built="$1" committed="$2" check="$3" script="$4" name
  name="$(basename "$committed")"
  if [[ $check -eq 1 ]]; then
    if cmp -s "$built" "$committed"; then echo "$name: rebuilt byte-identical ($(stat -c %s "$built") bytes)"; return 0; fi
    echo "$name differs from the rebuild: run $script and commit the result" >&2
    echo "committed: $(sha256sum < "$committed")  rebuilt: $(sha256sum < "$built")" >&2
    return 1
  fi
  cp "$built" "$committed"
  echo "wrote $committed ($(stat -c %s "$committed") bytes, sha256 $(sha256sum < "$committed" | cut -c1-16))"
}

# emcc64 ARGS...: emcc (or em++ when EMCC64_TOOL=em++) for wasm64. Debian ships a frozen library cache without the
# wasm64 libraries: they are built once into a cache of their own (EM_CACHE, a few minutes), from the library sources
# Debian ships, with a config that unfreezes it; Node.js (which emcc runs the module in) needs
# --experimental-wasm-memory64 where emcc 3.1.6 passes a flag newer Node.js no longer knows. The config and the
# Node.js wrapper live at a fixed path beside the cache: emcc clears its cache when its config changes.
emcc64() {
  local cache64="${HB_EMSCRIPTEN_WASM64_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hb-emscripten-wasm64}"
  local conf64="$cache64.config"
  mkdir -p "$cache64" "$conf64"
  sed "s/^FROZEN_CACHE = .*/FROZEN_CACHE = False/; s#^NODE_JS = .*#NODE_JS = '$conf64/node-memory64'#" \
    "$(dirname "$(readlink -f "$(command -v emcc)")")/.emscripten" > "$conf64/emscripten-wasm64.py.new"
  # Rewritten only when it changed: emcc clears its cache when the config file is newer.
  if cmp -s "$conf64/emscripten-wasm64.py.new" "$conf64/emscripten-wasm64.py"; then rm "$conf64/emscripten-wasm64.py.new"
  else mv "$conf64/emscripten-wasm64.py.new" "$conf64/emscripten-wasm64.py"; fi
  cat > "$conf64/node-memory64" <<'NODE'
#!/usr/bin/env bash
args=()
for a in "$@"; do if [[ "$a" == "--experimental-wasm-bigint" ]]; then args+=(--experimental-wasm-memory64); else args+=("$a"); fi; done
exec node "${args[@]}"
NODE
  chmod +x "$conf64/node-memory64"
  EM_CONFIG="$conf64/emscripten-wasm64.py" EM_CACHE="$cache64" "${EMCC64_TOOL:-emcc}" "$@" -sMEMORY64=1
}
