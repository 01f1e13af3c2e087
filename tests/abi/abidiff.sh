#!/bin/sh
# Compare the built library with the committed ABI baseline (abidw output).
# Added symbols are fine; any other change (a struct that grew, a member that
# moved, a changed signature, a removed symbol) fails, unless abi/suppressions
# says why it is compatible (e.g. members appended to a library-allocated,
# size-guarded result struct).
#
#   abidiff.sh LIB PUBLIC_HEADERS_DIR BASELINE SUPPRESSIONS
#   abidiff.sh --update LIB PUBLIC_HEADERS_DIR BASELINE   (rewrite the baseline)
set -eu
if [ "$1" = --update ]; then
  shift
  abidw --headers-dir "$2" --no-corpus-path --short-locs --drop-private-types \
        --out-file "$3" "$1"
  echo "baseline written to $3: record why in CHANGELOG.md"
  exit 0
fi
lib=$1 headers=$2 baseline=$3 suppressions=$4
set +e
abidiff --no-added-syms --headers-dir2 "$headers" --drop-private-types \
        --suppressions "$suppressions" \
        "$baseline" "$lib"
rc=$?
set -e
# abidiff's exit status is a bit field: 1 error, 2 usage, 4 change, 8 incompatible.
if [ $rc -ne 0 ]; then
  echo "abidiff status $rc: the ABI differs from $baseline (bits: 1 error, 2 usage, 4 change, 8 incompatible)"
  exit 1
fi
echo "ok: ABI compatible with $(basename "$baseline")"
