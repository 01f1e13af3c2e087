#!/bin/sh
# Header hygiene: the umbrella header compiles alone as strict C99 and as C++,
# and every public header compiles on its own (libinput's test-build-pedantic,
# libgit2's headertest).
set -eu
srcinc=$1 buildinc=$2 cc=${3:-cc} cxx=${4:-c++}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags="-I$srcinc -I$buildinc -Wall -Wextra -Werror"
printf '#include <mxtls/mxtls.h>\nint main(void) { return mxtls_version() == 0; }\n' > "$tmp/c99.c"
"$cc" -std=c99 -pedantic $flags -c "$tmp/c99.c" -o "$tmp/c99.o"
cp "$tmp/c99.c" "$tmp/cxx.cpp"
"$cxx" -std=c++11 -pedantic $flags -c "$tmp/cxx.cpp" -o "$tmp/cxx.o"
n=0
for h in "$srcinc"/mxtls/*.h; do
  name=$(basename "$h")
  printf '#include <mxtls/%s>\n#include <mxtls/%s>\n' "$name" "$name" > "$tmp/one.c"
  "$cc" -std=c99 -pedantic $flags -c "$tmp/one.c" -o "$tmp/one.o"
  n=$((n + 1))
done
ok_msg="ok: mxtls.h as C99 and C++11; $n headers alone and twice"
# Public headers include only <stddef.h>, <stdint.h> and each other, so a
# binding needs nothing but ours.
if grep -h '^#include' "$srcinc"/mxtls/*.h | grep -v -e '<stddef.h>' -e '<stdint.h>' -e '"[a-z]*\.h"' -e '"mxtls/version\.h"'; then
  echo "a public header includes something other than stddef.h, stdint.h or our own"
  exit 1
fi
echo "$ok_msg; includes clean"
