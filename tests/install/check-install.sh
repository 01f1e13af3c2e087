#!/bin/sh
# A user's view of `meson install` to /usr/local on a bare system: no
# LD_LIBRARY_PATH, no PYTHONPATH, no PKG_CONFIG_PATH, nothing set.
#
# In a private mount namespace (the machine itself is not touched) /usr/local
# is an empty tmpfs and /etc an overlay (ldconfig writes /etc/ld.so.cache).
# There the build is installed with a plain `meson install`, and then, under
# `env -i PATH=/usr/bin:/bin`:
#   - the README's C quick start, built with only
#     `cc hello.c $(pkg-config --cflags --libs mxtls)`, starts and runs
#     (so ldconfig ran: ld.so does not search /usr/local/lib/<triplet>
#     without its cache);
#   - mxtls.pc's Libs.private names every library libmxtls links;
#   - /usr/bin/python3 imports the installed package, which loads the
#     installed libmxtls.so.1;
#   - `man -w mxtls_verify` and `man -w mxtls_verify_run` find the page.
# Needs root (mount namespaces); exits 77 (skip) otherwise, and for a
# sanitized build, whose library no plain program can load.
#
# usage: check-install.sh BUILD SRC PREFIX SANITIZE
set -eu
if [ "${1:-}" = --inside ]; then
  shift
  build=$1 src=$2 prefix=$3 work=$4
  mount -t tmpfs tmpfs /usr/local
  mkdir -p "$work/etc-upper" "$work/etc-work"
  mount -t overlay overlay \
    -o "lowerdir=/etc,upperdir=$work/etc-upper,workdir=$work/etc-work" /etc
  meson install -C "$build" --no-rebuild --quiet >"$work/install.log" 2>&1 \
    || { cat "$work/install.log"; echo "meson install failed"; exit 1; }
  ldconfig -p | grep -q "libmxtls\.so\.1 .*=> /usr/local/" \
    || { cat "$work/install.log"; echo "meson install did not run ldconfig"; exit 1; }
  # Everything below runs as a user's shell would, with a bare environment.
  bare() { (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$@"); }
  want=$(sed -n "s/^  version: '\([^']*\)',/\1/p" "$src/meson.build")

  # The README's C quick start, from the installed files alone.
  awk '/^```c$/ { inb = 1; buf = ""; next }
       /^```$/  { if (inb && buf ~ /\/\* hello\.c \*\//) { printf "%s", buf; found = 1; exit }
                  inb = 0; next }
       inb      { buf = buf $0 "\n" }
       END      { exit !found }' "$src/README.md" >"$work/hello.c" \
    || { echo "README.md has no \`\`\`c block with /* hello.c */"; exit 1; }
  bare sh -c 'cc -o hello hello.c $(pkg-config --cflags --libs mxtls)' \
    || { echo "the README's quick start does not build against the installed mxtls"; exit 1; }
  out=$(bare ./hello 2>&1) \
    || { echo "$out"; echo "the README's quick start does not run (did ldconfig run?)"; exit 1; }
  echo "$out" | grep -qx "mxtls $want" \
    || { echo "$out"; echo "the quick start did not print 'mxtls $want'"; exit 1; }
  lib=$(bare sh -c 'ldd ./hello' | awk '/libmxtls\.so\.1/ { print $3 }')
  case $lib in
    /usr/local/*) ;;
    *) echo "hello loads libmxtls from '$lib', not from /usr/local"; exit 1 ;;
  esac
  soname=$(objdump -p "$lib" | awk '/SONAME/ { print $2 }')
  [ "$soname" = libmxtls.so.1 ] || { echo "soname is '$soname', want libmxtls.so.1"; exit 1; }

  # Libs.private: each DT_NEEDED library of libmxtls (but libc and the
  # loader) is what one -lNAME of `pkg-config --static --libs` links.
  static=$(bare pkg-config --static --libs mxtls)
  provided=""
  for l in $static; do
    case $l in -l*) ;; *) continue ;; esac
    f=$(cc -print-file-name="lib${l#-l}.so")
    [ -e "$f" ] && provided="$provided $(objdump -p "$f" | awk '/SONAME/ { print $2 }')"
  done
  for needed in $(objdump -p "$lib" | awk '/NEEDED/ { print $2 }'); do
    case $needed in libc.so.*|ld-linux*) continue ;; esac
    case " $provided " in
      *" $needed "*) ;;
      *) echo "libmxtls needs $needed, which mxtls.pc's Libs.private leaves out: $static"
         exit 1 ;;
    esac
  done

  # The Python package, from a plain python3 in a directory with no
  # python/ or build tree beside it (unless the build has -Dpython=false).
  if [ -n "$(find /usr/local -path '*/mxtls/__init__.py' 2>/dev/null)" ]; then
    py=$(bare python3 -c 'import mxtls
print(mxtls.version())
print([l.split()[-1] for l in open("/proc/self/maps") if "libmxtls" in l][0])
print(mxtls.__file__)' 2>&1) || { echo "$py"; echo "python3 cannot import the installed mxtls"; exit 1; }
    set -- $py
    [ "$1" = "$want" ] || { echo "$py"; echo "the installed Python package says '$1'"; exit 1; }
    case $2 in /usr/local/*) ;; *) echo "python loaded '$2', not the installed library"; exit 1 ;; esac
    case $3 in /usr/local/*) ;; *) echo "python imported '$3', not the installed package"; exit 1 ;; esac
    pyinfo="python3 imports $3 ($2)"
  else
    pyinfo="(python binding not built)"
  fi

  # The man pages, where man looks by default.
  if [ -d /usr/local/share/man/man3 ]; then
    page=$(bare man -w mxtls_verify) \
      || { echo "man -w mxtls_verify finds nothing"; exit 1; }
    bare man -w mxtls_verify_run >/dev/null \
      || { echo "man -w mxtls_verify_run (a link to mxtls_verify(3)) finds nothing"; exit 1; }
  else
    page="(docs not built)"
  fi
  echo "ok: installed to $prefix; quick start prints 'mxtls $want' with $lib;" \
       "Libs.private covers libmxtls's NEEDED; $pyinfo; man: $page"
  exit 0
fi

build=$1 src=$2 prefix=$3 sanitize=${4:-}
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the install test needs root (it installs into /usr/local inside a mount namespace)"
  exit 77
fi
if [ -n "$sanitize" ] && [ "$sanitize" != none ]; then
  echo "SKIP: a $sanitize build's library needs the sanitizer runtime in every program that loads it"
  exit 77
fi
if [ "$prefix" != /usr/local ]; then
  echo "SKIP: the build's prefix is $prefix; the test installs to /usr/local only"
  exit 77
fi
command -v unshare >/dev/null || { echo "SKIP: no unshare (util-linux)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unshare --mount --propagation private sh "$0" --inside "$build" "$src" "$prefix" "$work"
