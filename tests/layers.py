#!/usr/bin/env python3
"""The layering test: calls in the library run downward only.

    layers.py [--verbose] ARCHIVE...

Each ARCHIVE is one layer's static library (src/meson.build builds
libmxtls-LAYER.a per folder of src/). The symbols each layer's objects
define and the ones they leave undefined give the call graph between
layers, as nm reads it from the built code: a call, a table of function
pointers filled in, or a variable used all count. The test fails on any
edge that runs upward, or across between stages outside the allowed list,
on any cycle between files (within a layer or across), and on an I/O call
from the pure diagnosis files of check/.
src/README.md explains the rules.

--verbose prints the layer graph and the file graph's cycles.
"""
import collections
import os
import re
import subprocess
import sys

# Lowest first. A layer may call the layers before it in this list, except
# that the stages (resolve .. verify) may call each other only along ALLOWED.
ORDER = ['core', 'resolve', 'connect', 'tls', 'mtasts', 'verify', 'diagnose',
         'report', 'check', 'engine']
STAGES = {'resolve', 'connect', 'tls', 'mtasts', 'verify'}
ALLOWED_ACROSS = {('tls', 'connect'), ('mtasts', 'resolve'), ('verify', 'mtasts')}

# The diagnosis (check/diagnosis.h) is pure: these files run no stage and
# touch no socket, file or clock-driven wait. They may build stage inputs
# (mxtls_tls_params_*, mxtls_verify_input_*) and read results.
PURE_FILES = {'check/diagnosis.c', 'check/diagnosis_ahead.c', 'check/check_state.c', 'check/diagnose_dns.c',
              'check/diagnose_probe.c', 'check/diagnose_cross.c'}
IMPURE = re.compile(r'^(mxtls_(check|check_with|connect|session_close|starttls|resolve_mx|'
                    r'resolve_host|mtasts_check|verify|verify_der|verify_run|explain)|'
                    r'mxtls__wait_\w+|mxtls__resolve\w*|mxtls__probe_run|'
                    r'socket|connect|poll|ppoll|select|epoll_wait|read|write|recv|recvfrom|'
                    r'send|sendto|getaddrinfo|open|fopen|ub_\w+|gnutls_handshake|'
                    r'curl_\w+)$')


def allowed(src, dst):
    if src == dst:
        return True
    if src in STAGES and dst in STAGES:
        return (src, dst) in ALLOWED_ACROSS
    return ORDER.index(dst) < ORDER.index(src)


def layer_of(archive):
    base = os.path.basename(archive)
    name = base[len('libmxtls-'):-len('.a')]
    if name not in ORDER:
        sys.exit('layers.py: %s is not a layer archive (libmxtls-LAYER.a)' % archive)
    return name


def read_archive(archive):
    """{object: (defined symbols, undefined symbols)} of one archive."""
    out = subprocess.run(['nm', '-A', archive], capture_output=True, text=True,
                         check=True).stdout
    objects = collections.defaultdict(lambda: (set(), set()))
    for line in out.splitlines():
        # "ARCHIVE:OBJECT:VALUE TYPE NAME" (meson's archives are thin: OBJECT
        # is a path)
        match = re.match(r'^.*?\.a:(.*?\.o):(.*)$', line)
        if match is None:
            continue
        obj = os.path.basename(match.group(1))
        parts = match.group(2).split()
        if len(parts) == 2 and parts[0] == 'U':
            objects[obj][1].add(parts[1])
        elif len(parts) == 3 and parts[1] in 'TDBRVWGS':
            objects[obj][0].add(parts[2])
    return objects


def file_name(layer, obj):
    # meson names objects LAYER_FILE.c.o
    stem = obj[:-len('.c.o')] if obj.endswith('.c.o') else obj
    if stem.startswith(layer + '_'):
        stem = stem[len(layer) + 1:]
    return '%s/%s.c' % (layer, stem)


def strongly_connected(nodes, edges):
    """Tarjan's algorithm: the components of more than one node."""
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return comps


def main(argv):
    verbose = '--verbose' in argv
    archives = [a for a in argv if a != '--verbose']
    if not archives:
        sys.exit(__doc__)
    definer = {}        # symbol -> file
    undefined = {}      # file -> symbols
    layer_files = collections.defaultdict(list)
    for archive in archives:
        layer = layer_of(archive)
        for obj, (defs, undefs) in read_archive(archive).items():
            f = file_name(layer, obj)
            layer_files[layer].append(f)
            undefined[f] = undefs
            for s in defs:
                definer[s] = f
    missing = [l for l in ORDER if l not in layer_files]
    if missing:
        sys.exit('layers.py: no archive for layer(s) %s' % ', '.join(missing))

    file_edges = collections.defaultdict(set)
    layer_edges = collections.defaultdict(set)   # (src, dst) -> {file -> file: sym}
    for f, syms in undefined.items():
        for s in syms:
            g = definer.get(s)
            if g is None or g == f:
                continue
            file_edges[f].add(g)
            src, dst = f.split('/')[0], g.split('/')[0]
            if src != dst:
                layer_edges[(src, dst)].add('%s -> %s (%s)' % (f, g, s))

    bad = sorted(k for k in layer_edges if not allowed(*k))
    impure = sorted('%s calls %s' % (f, sym) for f in PURE_FILES
                    for sym in undefined.get(f, ()) if IMPURE.match(sym))
    missing_pure = sorted(PURE_FILES - set(undefined))
    cycles = strongly_connected(set(undefined), file_edges)
    # A cycle that spans layers needs an upward edge, and is named as such;
    # one within a layer means two files that should be one, or a third
    # that both use: either way a reader cannot read them bottom-up.
    spanning = [c for c in cycles if len({f.split('/')[0] for f in c}) > 1]
    within = [c for c in cycles if c not in spanning]

    files = sum(len(v) for v in layer_files.values())
    print('layers: %d files in %d layers; %d layer edges, %d of them upward or across; '
          '%d file cycle(s), %d spanning layers' %
          (files, len(ORDER), len(layer_edges), len(bad), len(cycles), len(spanning)))
    if verbose:
        for layer in ORDER:
            calls = sorted(d for (s, d) in layer_edges if s == layer)
            print('  %-9s %2d files, calls %s' % (layer, len(layer_files[layer]),
                                                  ', '.join(calls) or '-'))
        for c in cycles:
            print('  cycle: %s' % ' '.join(c))
    for k in bad:
        print('NOT ALLOWED: %s calls %s:' % k)
        for line in sorted(layer_edges[k]):
            print('    ' + line)
    for c in spanning:
        print('NOT ALLOWED: a cycle across layers: %s' % ' '.join(c))
    for c in within:
        print('NOT ALLOWED: a cycle between files of one layer: %s' % ' '.join(c))
    for line in impure:
        print('NOT ALLOWED: the diagnosis does no I/O, but %s' % line)
    for f in missing_pure:
        print('NOT FOUND: %s (PURE_FILES names a file that is not built)' % f)
    return 1 if bad or cycles or impure or missing_pure else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
