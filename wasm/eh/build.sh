#!/usr/bin/env bash
# Builds the test modules of the legacy exception-handling translation (legacy-eh.wat, decoder-coverage.wat) with
# Debian's wabt (wat2wasm --enable-exceptions writes the legacy try/catch/delegate/rethrow encoding).
#   wasm/eh/build.sh           rebuild and write the committed .wasm files
#   wasm/eh/build.sh --check   rebuild into a temporary folder and fail when the bytes differ from the committed ones
# Needs apt (Debian) and root or sudo for the first run (wabt); later runs reuse it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../reproducible.sh
source "$here/../reproducible.sh"
check=0
[[ "${1:-}" == "--check" ]] && check=1
install_when_missing wat2wasm wabt

work="$(mktemp -d /tmp/hb-eh-wasm.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# module: the wat2wasm features it needs
declare -A features=(
  [legacy-eh]="--enable-exceptions"
  [decoder-coverage]="--enable-exceptions --enable-memory64 --enable-tail-call"
)
status=0
for name in legacy-eh decoder-coverage; do
  # shellcheck disable=SC2086 # the feature flags are words
  wat2wasm ${features[$name]} "$here/$name.wat" -o "$work/$name.wasm"
  deliver "$work/$name.wasm" "$here/$name.wasm" "$check" wasm/eh/build.sh || status=1
done
exit $status
