#!/usr/bin/env bash
# Installs the build into a scratch prefix, then builds and runs consumers
# with find_package(purring CONFIG) and with pkg-config.
# Usage: run.sh BUILD_DIR WORK_DIR
set -euo pipefail
build_dir=$1
work_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work_dir"
mkdir -p "$work_dir"
prefix="$work_dir/prefix"

cmake --install "$build_dir" --prefix "$prefix" > "$work_dir/install.log"
libdir=$(dirname "$(find "$prefix" -name 'libpurring.so' | head -n 1)")
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

echo "== find_package(purring CONFIG)"
cmake -S "$here" -B "$work_dir/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release > "$work_dir/configure.log"
cmake --build "$work_dir/cmake-build" -j2 > "$work_dir/build.log"
"$work_dir/cmake-build/consumer_cpp"
"$work_dir/cmake-build/consumer_c"

echo "== pkg-config purring"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pkg-config --exists --print-errors purring
cc -std=c99 -pedantic -Wall -Wextra -Werror "$here/consumer_c.c" \
   $(pkg-config --cflags --libs purring) -o "$work_dir/consumer_pkgconfig"
"$work_dir/consumer_pkgconfig"

echo "== the installed header alone, strict C99"
cc -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only \
   -I"$prefix/include" -x c - <<'C'
#include <purring.h>
int main(void) { return purring_abi_version() == PURRING_ABI_VERSION ? 0 : 1; }
C

echo "== exported symbols: purring_* only"
bad=$(nm -D --defined-only "$libdir/libpurring.so" | awk '{print $3}' \
      | grep -v '^purring_' || true)
if [ -n "$bad" ]; then
  echo "unexpected exported symbols:"; echo "$bad"; exit 1
fi
echo "consumers OK"
