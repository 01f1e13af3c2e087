#!/bin/sh
# The Debian route, as a mail admin takes it: build the packages from the
# source tree with dpkg-buildpackage, install them with dpkg, and use them
# with nothing set in the environment.
#
# 1. The tracked files of SRC (as they are in the work tree, so uncommitted
#    edits count; the tree itself stays clean) are exported to a scratch
#    directory, and `dpkg-buildpackage -us -uc -b` builds there with
#    DEB_BUILD_OPTIONS="nocheck noddebs parallel=2" (the suites run in scripts/test,
#    not twice). The build's wall time is printed.
# 2. In a private mount namespace whose /usr, /etc and /var are overlays
#    (the machine's own dpkg database and files are never touched, so there
#    is nothing to purge afterwards, pass or fail), `dpkg -i` installs
#    libmxtls1, libmxtls-dev, mxtls and python3-mxtls, and then, under
#    `env -i PATH=/usr/bin:/bin`:
#      python3 -c 'import mxtls; print(mxtls.version())'
#      man -w mxtls_verify; man -w mxtls_verify_run (a link to that page)
#      cc hello.c $(pkg-config --cflags --libs mxtls) && ./hello
#        (the README's C quick start)
#      mxtls-check --version
#    and that the report schema is in /usr/share/doc/mxtls, uncompressed, and
#    the bash completion where bash-completion looks.
# Needs root; exits 77 (skip) otherwise, or without dpkg-buildpackage.
#
# usage: check-deb.sh SRC
set -eu
if [ "${1:-}" = --inside ]; then
  src=$2 work=$3
  for d in usr etc var; do
    mkdir -p "$work/ov/$d-upper" "$work/ov/$d-work"
    mount -t overlay overlay \
      -o "lowerdir=/$d,upperdir=$work/ov/$d-upper,workdir=$work/ov/$d-work" "/$d"
  done
  debs=$(ls "$work"/libmxtls1_*.deb "$work"/libmxtls-dev_*.deb "$work"/mxtls_*.deb \
            "$work"/python3-mxtls_*.deb)
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive dpkg -i $debs >"$work/dpkg-i.log" 2>&1 \
    || { cat "$work/dpkg-i.log"; echo "dpkg -i failed"; exit 1; }
  bare() { (cd "$work/run" && env -i PATH=/usr/bin:/bin HOME="$work/run" "$@"); }
  mkdir -p "$work/run"
  want=$(dpkg-query -W -f '${Version}' libmxtls1)

  py=$(bare python3 -c 'import mxtls; print(mxtls.version()); print(mxtls.__file__)' 2>&1) \
    || { echo "$py"; echo "python3 cannot import mxtls from python3-mxtls"; exit 1; }
  set -- $py
  [ "$1" = "$want" ] || { echo "$py"; echo "python3-mxtls says '$1', want '$want'"; exit 1; }
  case $2 in /usr/lib/python3/dist-packages/mxtls/*) ;;
    *) echo "imported '$2', not the package's module"; exit 1 ;; esac

  for page in mxtls_verify mxtls_verify_run mxtls; do
    bare man -w "$page" >/dev/null || { echo "man -w $page finds nothing"; exit 1; }
  done
  bare man mxtls_verify_run 2>/dev/null | grep -q 'mxtls_verify_run' \
    || { echo "man mxtls_verify_run does not show the verify page"; exit 1; }

  awk '/^```c$/ { inb = 1; buf = ""; next }
       /^```$/  { if (inb && buf ~ /\/\* hello\.c \*\//) { printf "%s", buf; found = 1; exit }
                  inb = 0; next }
       inb      { buf = buf $0 "\n" }
       END      { exit !found }' "$src/README.md" >"$work/run/hello.c"
  bare sh -c 'cc -o hello hello.c $(pkg-config --cflags --libs mxtls)' \
    || { echo "the README's quick start does not build with libmxtls-dev"; exit 1; }
  out=$(bare ./hello 2>&1) || { echo "$out"; echo "the quick start does not run"; exit 1; }
  echo "$out" | grep -qx "mxtls $want" \
    || { echo "$out"; echo "the quick start did not print 'mxtls $want'"; exit 1; }
  lib=$(bare sh -c 'ldd ./hello' | awk '/libmxtls\.so\.1/ { print $3 }')
  [ "$(readlink -f "$lib")" = "$(readlink -f "/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/libmxtls.so.1")" ] \
    || { echo "hello loads '$lib', not libmxtls1's library"; exit 1; }

  [ -f /usr/share/doc/mxtls/report-schema.json ] \
    || { echo "mxtls does not ship /usr/share/doc/mxtls/report-schema.json uncompressed"; exit 1; }
  [ -f /usr/share/bash-completion/completions/mxtls-check ] \
    || { echo "mxtls does not ship the bash completion of mxtls-check"; exit 1; }

  cli=$(bare mxtls-check --version 2>&1) || { echo "$cli"; echo "mxtls-check --version failed"; exit 1; }
  echo "ok: python3 imports $2 ($1); man -w mxtls_verify: $(bare man -w mxtls_verify);" \
       "quick start prints 'mxtls $want' with $lib; $cli"
  exit 0
fi

src=$1
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the package test needs root (dpkg -i inside a mount namespace)"
  exit 77
fi
for tool in dpkg-buildpackage dh unshare; do
  command -v "$tool" >/dev/null || { echo "SKIP: no $tool (sh scripts/setup installs it)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ver=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
tree=$work/mxtls-$ver
mkdir -p "$tree"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked and new files as they are now (deleted and ignored ones left out).
  git -C "$src" ls-files -z --cached --others --exclude-standard | (cd "$src" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) \
    | tar -C "$src" --null -T - -cf - | tar -C "$tree" -xf -
else
  tar -C "$src" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$tree" -xf -
fi
start=$(date +%s)
if ! (cd "$tree" && DEB_BUILD_OPTIONS="nocheck noddebs parallel=2" DEB_BUILD_PROFILES=nocheck \
        dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1); then
  tail -n 60 "$work/build.log"
  echo "dpkg-buildpackage failed"
  exit 1
fi
echo "dpkg-buildpackage -us -uc -b: $(( $(date +%s) - start )) s;" \
     "built: $(cd "$work" && ls ./*.deb | sed 's,^\./,,' | tr '\n' ' ')"
if grep -E '^dpkg-gensymbols: warning' "$work/build.log"; then
  echo "debian/libmxtls1.symbols does not match the library's exports"
  exit 1
fi
unshare --mount --propagation private sh "$0" --inside "$src" "$work"
