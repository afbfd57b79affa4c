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
