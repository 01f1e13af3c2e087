"""One check as fast as its slowest probe (issue 17), at internet latency.

A delaying proxy (tests/fixtures/latency_proxy.py) adds DELAY_MS to every
chunk in each direction between mxtls-check ($MXTLS_CHECK_BIN) and the
lab's latency.mxtls.test: three MX hosts of two addresses each, and the DNS
server in front of them. The check is run twice, with its probes one after
the other (--probes-at-once 1, as before issue 17) and side by side (the
default), and the test asserts:

- both give the same findings and probes;
- side by side, the check takes at most 1.5 x (its DNS time + one probe),
  where one probe is the one-by-one run's time per probe (its wall time
  less its DNS time, over its probes).

The figures are printed, before and after. The proxy is stopped by PID,
also when an assertion fails.
"""
import json
import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from lab import diag  # noqa: E402
from lab.proc import lab_addr  # noqa: E402

from test_cli import binary, child_env  # noqa: E402

DELAY_MS = 50
TARGET = "latency.mxtls.test"
HOSTS = ("MX1", "MX2", "MX3")


def addresses():
    out = []
    for h in HOSTS:
        out += os.environ["MXTLS_LAB_DIAG_ADDR_%s_LATENCY" % h].split()
    return out


class Proxy:
    """The latency proxy in front of the hosts' port 25 and of nsd."""

    def __init__(self):
        first = addresses()[0]
        net = first.rsplit(".", 1)[0]
        self.dns = lab_addr(diag.LATENCY_DNS_HOST, net)
        upstream = os.environ["MXTLS_LAB_DNS"].replace("@", ":")
        argv = [sys.executable, os.path.join(HERE, "..", "fixtures", "latency_proxy.py"),
                "--delay-ms", str(DELAY_MS),
                "--udp", "%s:53=%s" % (self.dns, upstream),
                "--tcp", "%s:53=%s" % (self.dns, upstream)]
        for a in addresses():
            argv += ["--tcp", "%s:25=%s:2525" % (a, a)]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            self.stop()
            raise AssertionError("latency proxy did not start: %s %s"
                                 % (line, self.proc.stderr.read()))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()


def check(proxy, *extra):
    e = os.environ
    argv = [binary(), "--json", "--resolver", proxy.dns,
            "--stub", "%s=%s" % (e["MXTLS_LAB_DNS_ZONE"], proxy.dns),
            "--trust-anchor", e["MXTLS_LAB_TRUST_ANCHOR"],
            "--ca-file", e["MXTLS_LAB_CERTS"] + "/root.pem",
            "--proxy-ranges", e["MXTLS_LAB_PROXY_RANGES"], "--reference-hosts", "",
            *extra, TARGET]
    t0 = time.monotonic()
    r = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=child_env())
    wall = (time.monotonic() - t0) * 1000
    doc = json.loads(r.stdout)
    return doc, wall


def shape(doc):
    """The findings, and the probes by host: which of a host's addresses
    comes first, and so gets the no-SNI follow-up, is the DNS server's
    choice in each run."""
    findings = sorted((f["id"], f.get("address") or "", f["severity"]) for f in doc["findings"])
    probes = sorted((p["purpose"], p.get("host") or "", p.get("sni") or "")
                    for p in doc["probes"])
    return doc["verdict"], findings, probes


class Latency(unittest.TestCase):
    def test_side_by_side_takes_one_probe_not_all(self):
        proxy = Proxy()
        try:
            serial, serial_wall = check(proxy, "--probes-at-once", "1")
            parallel, parallel_wall = check(proxy)
        finally:
            proxy.stop()
        self.assertEqual(shape(parallel), shape(serial))
        self.assertEqual(parallel["verdict"], "ok", [f["id"] for f in parallel["findings"]])
        primaries = [p for p in parallel["probes"] if p["purpose"] == "primary"]
        self.assertEqual(len(primaries), 6)
        n = len(serial["probes"])
        one_probe = (serial["elapsed_ms"] - serial["dns"]["elapsed_ms"]) / n
        bound = 1.5 * (parallel["dns"]["elapsed_ms"] + one_probe)
        print("# %d ms each way; %d addresses, %d probes" % (DELAY_MS, len(primaries), n))
        print("# one after the other: %d ms (DNS %d ms, %.0f ms a probe)"
              % (serial["elapsed_ms"], serial["dns"]["elapsed_ms"], one_probe))
        print("# side by side:        %d ms (DNS %d ms): %.2f x (DNS + one probe), "
              "%.1f x faster" % (parallel["elapsed_ms"], parallel["dns"]["elapsed_ms"],
                                 parallel["elapsed_ms"] / (bound / 1.5),
                                 serial["elapsed_ms"] / parallel["elapsed_ms"]))
        print("# process wall: %.0f ms and %.0f ms" % (serial_wall, parallel_wall))
        self.assertLessEqual(parallel["elapsed_ms"], bound)


if __name__ == "__main__":
    unittest.main(verbosity=2)
