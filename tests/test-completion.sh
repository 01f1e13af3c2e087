#!/bin/bash
# The bash completion of mxtls-check (examples/completion/mxtls-check):
# sourced in a bash of its own, its function gives the expected words for a
# few command lines. Needs bash only, not the bash-completion package.
#   test-completion.sh COMPLETION_FILE MXTLS_CHECK_BINARY
set -u
file=$1 bin=$2
# shellcheck disable=SC1090
. "$file" || { echo "not ok: cannot source $file"; exit 1; }
complete -p mxtls-check >/dev/null || { echo "not ok: no completion for mxtls-check"; exit 1; }
failed=0
n=0
# expect "WORDS..." -- "EXPECTED" : completes the last word of WORDS
expect()
{
    local expected=$1; shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_WORDS[0]=$bin
    COMPREPLY=()
    _mxtls_check
    local got
    got=""
    [ ${#COMPREPLY[@]} -gt 0 ] && got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
    n=$((n + 1))
    if [ "$got" = "$expected" ]; then
        echo "ok $n - ${*:2}"
    else
        echo "not ok $n - ${*:2}: got '$got', expected '$expected'"
        failed=1
    fi
}
expect "--format " mxtls-check --form
expect "csv " mxtls-check --format c
expect "always auto " mxtls-check --color a
expect "never " mxtls-check --progress=n
expect "--quiet " mxtls-check --qu
expect "--submission " mxtls-check --subm
expect "postfix postfix-dane postfix-mtasts " mxtls-check --sender post
expect "587 " mxtls-check --port 58
expect "" mxtls-check --sni x
dir=$(mktemp -d)
touch "$dir/report.txt"
expect "$dir/report.txt " mxtls-check -o "$dir/rep"
rm -rf "$dir"
# Every long option --help lists is offered: an option added to the program
# and forgotten here fails.
options=$(COMP_WORDS=("$bin" "--"); COMP_CWORD=1; COMPREPLY=(); _mxtls_check
          printf '%s\n' "${COMPREPLY[@]}")
for opt in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    n=$((n + 1))
    if printf '%s\n' "$options" | grep -qx -- "$opt"; then
        echo "ok $n - --help's $opt is completed"
    else
        echo "not ok $n - --help lists $opt, the completion does not offer it"
        failed=1
    fi
done
echo "1..$n"
exit $failed
