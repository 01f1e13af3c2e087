#!/usr/bin/env python3
"""The composed path gives mxtls_check()'s findings, for every fixture.

    compose_same.py MXTLS_CHECK MXTLS_COMPOSE

Runs inside with_lab.py --certs --dns --smtp --https. For each target of
tests/fixtures/lab/diag.py's CASES, runs mxtls-check --json (mxtls_check())
and examples/compose.c (the stage functions driven by mxtls_diagnosis_*)
and asserts that both reports have the same verdict, the same findings
(id, severity, host, address, port, summary, evidence, and which root cause
explains each), and the same probes (purpose, address, port, mode, SNI,
TLS version, and what each stage saw). Times are left out, and so is the
order of addresses and TXT strings, which the DNS server varies between any
two runs.

The composed path runs one probe after the other, while mxtls_check() runs
the probes of a target with several addresses side by side (lanes, which
run follow-ups ahead of the diagnosis): so this is also the test that the
side-by-side report is the one-by-one report. It fails unless at least
MIN_SIDE_BY_SIDE targets had two or more primary probes.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures'))
from lab import diag  # noqa: E402

TIMES = re.compile(r'\b\d+ ms\b')
MIN_SIDE_BY_SIDE = 8


def lab_args():
    e = os.environ
    return ['--resolver', e['MXTLS_LAB_DNS'],
            '--stub', e['MXTLS_LAB_DNS_ZONE'] + '=' + e['MXTLS_LAB_DNS'],
            '--trust-anchor', e['MXTLS_LAB_TRUST_ANCHOR'],
            '--ca-file', e['MXTLS_LAB_CERTS'] + '/root.pem',
            '--proxy-ranges', e['MXTLS_LAB_PROXY_RANGES'], '--timeout', '3']


def untimed(text):
    return TIMES.sub('N ms', text) if isinstance(text, str) else text


def finding_key(f, findings):
    cause = f.get('caused_by')
    root = findings[cause]['id'] if isinstance(cause, int) else None
    return tuple(untimed(f.get(k)) for k in
                 ('id', 'severity', 'host', 'address', 'port', 'summary', 'evidence')) + (root,)


def without_times(value):
    """value with every *_ms member (and the bytes a handshake makes up)
    dropped, and "N ms" in texts evened out."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items()
                if not (k.endswith('_ms') and k not in ('not_before_ms', 'not_after_ms'))
                and k != 'first_bytes'}   # a TLS record's random bytes
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return untimed(value)


def probe_key(p):
    """Everything the probe saw, but its place in the DNS answer's order."""
    return json.dumps(without_times({k: v for k, v in p.items()
                                     if k not in ('host_index', 'address_index')}),
                      sort_keys=True)


def summary(doc):
    findings = doc['findings']
    return {
        'verdict': doc['verdict'],
        'n_root_causes': doc.get('n_root_causes', doc.get('root_causes')),
        'findings': sorted(map(repr, (finding_key(f, findings) for f in findings))),
        'probes': sorted(map(repr, (probe_key(p) for p in doc['probes']))),
    }


def run(binary, target, profile):
    argv = [binary, '--json'] + lab_args() + (['--submission'] if profile == 'submission' else [])
    out = subprocess.run(argv + [target], capture_output=True, text=True, timeout=300)
    try:
        return out.returncode, json.loads(out.stdout)
    except ValueError:
        return out.returncode, {'error': out.stderr.strip()}


def compare(check_bin, compose_bin, target, profile):
    """The differences of one pair of runs; a pair that differs runs once
    more, and only a difference both times counts: on a loaded machine a
    3 s timeout may run out in one run and not the other (the MTA-STS fetch
    of healthy.mxtls.test did, once), while a real difference between the
    two paths shows every time."""
    problems, primaries = compare_once(check_bin, compose_bin, target, profile)
    if problems:
        problems, primaries = compare_once(check_bin, compose_bin, target, profile)
    return problems, primaries


def compare_once(check_bin, compose_bin, target, profile):
    """The differences, and how many primary probes mxtls_check() made."""
    (rc1, a), (rc2, b) = run(check_bin, target, profile), run(compose_bin, target, profile)
    if 'error' in a or 'error' in b:
        return ['%s %s: no report (%s / %s)' % (profile, target, a.get('error'),
                                                b.get('error'))], 0
    primaries = sum(1 for p in a['probes'] if p.get('purpose') == 'primary')
    sa, sb = summary(a), summary(b)
    problems = []
    if rc1 != rc2:
        problems.append('exit %d vs %d' % (rc1, rc2))
    for key in sa:
        if sa[key] != sb[key]:
            only_a = [x for x in sa[key] if x not in sb[key]] if isinstance(sa[key], list) else sa[key]
            only_b = [x for x in sb[key] if x not in sa[key]] if isinstance(sb[key], list) else sb[key]
            problems.append('%s differs:\n      mxtls_check only: %.600s\n      composed only:    %.600s'
                            % (key, only_a, only_b))
    return ['%s %s: %s' % (profile, target, p) for p in problems], primaries


def main():
    check_bin, compose_bin = sys.argv[1], sys.argv[2]
    targets = sorted({(t, p) for t, p, _ in diag.CASES if not t.startswith('net-unreachable')})
    failures = []
    side_by_side = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [pool.submit(compare, check_bin, compose_bin, t, p) for t, p in targets]
        for (target, profile), job in zip(targets, jobs):
            problems, primaries = job.result()
            failures += problems
            side_by_side += primaries >= 2
            print('%s %s %s: %s' % ('not ok' if problems else 'ok', profile, target,
                                    'differs' if problems else 'same findings and probes'))
    for f in failures:
        print('  ' + f)
    print('%d of %d targets give the same findings' % (len(targets) - len(
        {f.split(':')[0] for f in failures}), len(targets)))
    print('%d targets had two or more primary probes, run side by side' % side_by_side)
    if side_by_side < MIN_SIDE_BY_SIDE:
        print('not ok: fewer than %d targets ran probes side by side' % MIN_SIDE_BY_SIDE)
        return 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
