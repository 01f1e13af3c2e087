#!/usr/bin/env python3
"""The latency benchmark: one check of a multi-address domain at internet
round trips, probes one after the other (as before issue 17) and side by
side. Run inside the lab:

    with_lab.py --certs --dns --smtp -- python3 bench/latency.py MXTLS_CHECK [--runs N]

latency.mxtls.test (three MX hosts of two addresses each) sits behind
tests/fixtures/latency_proxy.py, which holds every chunk DELAY ms in each
direction, and optionally holds the SMTP greeting longer (as postscreen's
greet wait does). For each case it prints the median wall time of a check
(the report's elapsed_ms), its DNS time, the time per probe of the one-by-one
run, and the ratio of the side-by-side check to DNS + one probe (target:
at most 1.5). Figures are shown, not enforced; tests/python/test_latency.py
holds the target.
"""
import argparse
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "fixtures"))
from lab import latency  # noqa: E402

CASES = [(25, 0), (50, 0), (150, 0), (50, 1000)]   # (ms each way, greeting delay ms)


def measure(binary, delay, greet, runs):
    proxy = latency.Proxy(delay, greet)
    try:
        rows = {"one by one": [], "side by side": []}
        for _ in range(runs):
            rows["one by one"].append(latency.check(binary, dict(os.environ), proxy,
                                                    "--probes-at-once", "1")[0])
            rows["side by side"].append(latency.check(binary, dict(os.environ), proxy)[0])
    finally:
        proxy.stop()
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print("Latency: latency.mxtls.test, 3 MX hosts x 2 addresses, medians of %d runs"
          % args.runs)
    print("%-22s %-13s %8s %8s %10s %10s %8s" % ("path (each way)", "probes", "check",
                                                "DNS", "per probe", "speed-up", "ratio"))
    for delay, greet in CASES:
        rows = measure(args.binary, delay, greet, args.runs)
        serial = rows["one by one"]
        per_probe = statistics.median(latency.per_probe_ms(d) for d in serial)
        base = statistics.median(d["elapsed_ms"] for d in serial)
        label = "%d ms%s" % (delay, ", greet %d ms" % greet if greet else "")
        for name, docs in rows.items():
            wall = statistics.median(d["elapsed_ms"] for d in docs)
            dns = statistics.median(d["dns"]["elapsed_ms"] for d in docs)
            print("%-22s %-13s %6d ms %6d ms %7.0f ms %9.1fx %7.2fx"
                  % (label, name, wall, dns, per_probe, base / wall, wall / (dns + per_probe)))
    print("ratio: the check's time over DNS + one probe (target for side by side: <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
