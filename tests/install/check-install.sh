#!/bin/sh
# A user's view of an installed mxtls: `meson install` into a scratch prefix,
# then build a C program with only `pkg-config --cflags --libs mxtls` and run
# it, and import the installed Python package.
set -eu
build=$1 src=$2 extra_cflags=${3:-}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >/dev/null
pc=$(find "$dest" -name mxtls.pc | head -n 1)
[ -n "$pc" ] || { echo "mxtls.pc was not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
# The .pc file is relative to ${prefix}; point it at the scratch prefix.
prefix=$dest$(pkg-config --variable=prefix mxtls)
pc() { pkg-config --define-variable=prefix="$prefix" "$@" mxtls; }
flags=$(pc --cflags --libs)
cc -o "$dest/version" "$src/examples/version.c" $flags $extra_cflags
libdir=$(pc --variable=libdir)
got=$(LD_LIBRARY_PATH=$libdir "$dest/version")
want=$(sed -n "s/^  version: '\([^']*\)',/\1/p" "$src/meson.build")
[ "$got" = "mxtls $want" ] || { echo "installed program printed '$got', want 'mxtls $want'"; exit 1; }
soname=$(objdump -p "$libdir/libmxtls.so" | awk '/SONAME/ {print $2}')
[ "$soname" = libmxtls.so.1 ] || { echo "soname is '$soname', want libmxtls.so.1"; exit 1; }
pydir=$(dirname "$(find "$dest" -path '*/mxtls/__init__.py' | head -n 1)")
pyver=$(cd / && PYTHONPATH=$(dirname "$pydir") MXTLS_LIBRARY=$libdir/libmxtls.so.1 \
        /usr/bin/python3 -c 'import mxtls; print(mxtls.version())')
[ "$pyver" = "$want" ] || { echo "installed Python package says '$pyver'"; exit 1; }
echo "ok: installed; pkg-config build prints '$got'; soname $soname; python $pyver"
