#!/bin/sh
# The library exports exactly the symbols in the version script, each
# versioned MXTLS_1.0 (libinput's symbols-leak-test). A helper that forgot
# `static`, or an export missing from the map, fails here.
set -eu
lib=$1 map=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Symbols the map declares, from its global: sections.
sed -n 's/^[[:space:]]*\(mxtls_[A-Za-z0-9_]*\);.*/\1/p' "$map" | sort -u > "$tmp/map"
# What the library defines and exports (name@@version), dropping the version node itself.
nm -D --defined-only --with-symbol-versions "$lib" | awk '{print $3}' \
  | grep -v -E '^MXTLS_[0-9.]+(@@MXTLS_[0-9.]+)?$' | sort -u > "$tmp/exported"
status=0
if grep -v '@@MXTLS_1\.0$' "$tmp/exported" >/dev/null; then
  echo "exported symbols outside MXTLS_1.0 or not prefixed mxtls_:"; grep -v '@@MXTLS_1\.0$' "$tmp/exported"
  status=1
fi
sed 's/@@.*//' "$tmp/exported" | sort -u > "$tmp/names"
if grep -v '^mxtls_' "$tmp/names" >/dev/null; then
  echo "exported symbols without the mxtls_ prefix:"; grep -v '^mxtls_' "$tmp/names"; status=1
fi
if ! diff -u "$tmp/map" "$tmp/names"; then
  echo "the exports (+) differ from the version script (-)"; status=1
fi
[ $status -eq 0 ] && echo "ok: $(wc -l < "$tmp/names") symbols, all mxtls_*@@MXTLS_1.0"
exit $status
