#!/usr/bin/env python3
"""The library's manual pages against the library (meson test man-pages).

  - Every function page has NAME, SYNOPSIS, DESCRIPTION, RETURN VALUE,
    ERRORS, THREAD SAFETY, EXAMPLE and SEE ALSO.
  - Every exported symbol (src/libmxtls.map, and nm -D of the built library)
    is named in the NAME line of exactly one page, and appears in that
    page's SYNOPSIS; no page names a function the library does not export.
    doc/meson.build installs each name as a .so link to its page, so
    `man mxtls_verify_run` opens mxtls_verify(3).
  - Every page a SEE ALSO names exists.
  - debian/libmxtls1.symbols lists exactly the exports.
  - Every EXAMPLE compiles against the public headers, with -std=c11
    -pedantic -Wall -Wextra -Werror, and links with the built library; those
    that need no network (RUN) also run and exit 0. mxtls(3)'s snippets of
    each stage, put together in order, compile as one program too.

usage: check-man.py SRC BUILD LIBRARY CC [CFLAGS...]
"""
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import tempfile

# Examples that need no network and no arguments: they are run too, and
# must exit 0.
RUN = {"mxtls_ctx_new", "mxtls_strerror", "mxtls_address_parse", "mxtls_explain",
       "mxtls_sender_count"}

SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "RETURN VALUE", "ERRORS",
            "THREAD SAFETY", "EXAMPLE", "SEE ALSO"]


def sections(text):
    out, name = {}, None
    for line in text.splitlines():
        m = re.match(r'\.SH\s+"?([^"]*)"?\s*$', line)
        if m:
            name = m.group(1)
            out[name] = []
        elif name is not None:
            out[name].append(line)
    return out


def unroff(line):
    """A line of an .EX block as C source."""
    line = line.replace(r"\e", "\0").replace(r"\-", "-").replace(r"\&", "")
    line = line.replace(r"\(aq", "'").replace(r"\(dq", '"')
    return line.replace("\0", "\\")


def example_source(lines):
    src, inside = [], False
    for line in lines:
        if line.startswith(".EX"):
            inside = True
        elif line.startswith(".EE"):
            inside = False
        elif inside:
            src.append(unroff(line))
    return "\n".join(src) + "\n"


def main():
    src, build, library, cc = sys.argv[1:5]
    cflags = [f for f in sys.argv[5:] if f]
    errors = []
    pages = sorted(glob.glob(os.path.join(src, "doc", "*.3")))
    exports = set(re.findall(r"^\s+(mxtls_\w+);", open(os.path.join(src, "src", "libmxtls.map")).read(),
                             re.M))
    nm = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True,
                        check=True).stdout
    dynamic = {l.split()[-1].split("@")[0] for l in nm.splitlines() if " T " in l or " D " in l}
    dynamic = {s for s in dynamic if s.startswith("mxtls_")}
    for s in sorted(dynamic ^ exports):
        errors.append("%s: in %s" % (s, "nm -D only" if s in dynamic else "libmxtls.map only"))

    listed = open(os.path.join(src, "doc", "meson.build")).read()
    for page in pages:
        if "'%s'" % os.path.basename(page) not in listed:
            errors.append("%s is not in doc/meson.build's man3: not installed" % page)
    documented = {}
    all_names = set()
    examples = []
    see_also = []
    for page in pages:
        base = os.path.basename(page)[:-2]
        text = open(page).read()
        secs = sections(text)
        for s in SECTIONS:
            if s not in secs:
                errors.append("%s(3): no %s section" % (base, s))
        name_line = " ".join(secs.get("NAME", []))
        names = [n.strip() for n in name_line.split(r"\-")[0].split(",") if n.strip()]
        if base not in names:
            errors.append("%s(3): its NAME line does not start with %s" % (base, base))
        synopsis = "\n".join(secs.get("SYNOPSIS", []))
        for n in names:
            all_names.add(n)
            if n == "mxtls":
                continue
            if n in documented:
                errors.append("%s: named by %s(3) and %s(3)" % (n, documented[n], base))
            documented[n] = base
            if n not in exports:
                errors.append("%s(3) names %s, which the library does not export" % (base, n))
            if not re.search(r"\b%s\(" % re.escape(n), synopsis):
                errors.append("%s(3): %s is in NAME but not in the SYNOPSIS" % (base, n))
        for line in secs.get("SEE ALSO", []):
            m = re.match(r"\.BR\s+(\S+)\s+\((\d)\)", line)
            if m and m.group(1).startswith("mxtls"):
                see_also.append((base,) + m.groups())
        if "EXAMPLE" in secs:
            examples.append((base, example_source(secs["EXAMPLE"])))
        if "STAGES" in secs:
            # mxtls(3)'s snippets, one per stage, in order, make one program.
            examples.append((base + "-stages", "#include <mxtls/mxtls.h>\nint main(void)\n{\n"
                             + example_source(secs["STAGES"]) + "    return 0;\n}\n"))
    for base, ref, sec in see_also:
        if not os.path.exists(os.path.join(src, "doc", "%s.%s" % (ref, sec))) \
                and not (sec == "3" and ref in all_names):
            errors.append("%s(3): SEE ALSO %s(%s) is no page" % (base, ref, sec))
    for s in sorted(exports - set(documented)):
        errors.append("%s is exported but no manual page names it" % s)

    symfile = os.path.join(src, "debian", "libmxtls1.symbols")
    if os.path.exists(symfile):
        listed = set(re.findall(r"^ (mxtls_\w+)@MXTLS_", open(symfile).read(), re.M))
        for s in sorted(listed ^ exports):
            errors.append("%s: %s" % (s, "in debian/libmxtls1.symbols only" if s in listed
                                      else "missing from debian/libmxtls1.symbols"))

    incs = ["-I", os.path.join(src, "include"), "-I", os.path.join(build, "include")]
    with tempfile.TemporaryDirectory() as tmp:
        def compile_one(item):
            base, code = item
            c = os.path.join(tmp, base + ".c")
            with open(c, "w") as f:
                f.write(code)
            cmd = [cc, "-std=c11", "-pedantic", "-Wall", "-Wextra", "-Werror",
                   "-D_POSIX_C_SOURCE=200809L"] + incs + cflags + \
                  ["-o", os.path.join(tmp, base), c, library,
                   "-Wl,-rpath," + os.path.dirname(os.path.abspath(library))]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0 or base not in RUN:
                return base, r.returncode, r.stdout + r.stderr
            run = subprocess.run([os.path.join(tmp, base)], capture_output=True, text=True,
                                 timeout=60)
            if run.returncode != 0:
                return base, run.returncode, "it ran and exited %d:\n%s%s" % (
                    run.returncode, run.stdout, run.stderr)
            return base, 0, ""
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            for base, rc, out in pool.map(compile_one, examples):
                if rc != 0:
                    errors.append("%s(3): the EXAMPLE fails: %s" % (base, out))
    for e in errors:
        print(e)
    print("%d pages, %d examples compiled, %d exports documented; %d problems"
          % (len(pages), len(examples), len(documented), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
