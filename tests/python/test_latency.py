"""One check as fast as its slowest probe (issue 17), at internet latency.

A delaying proxy (tests/fixtures/latency_proxy.py, lab/latency.py) adds
DELAY_MS to every chunk in each direction between mxtls-check
($MXTLS_CHECK_BIN) and the lab's latency.mxtls.test: three MX hosts of two
addresses each, and the DNS server in front of them. The check is run twice,
with its probes one after the other (--probes-at-once 1, as before issue 17)
and side by side (the default), and the test asserts:

- both give the same findings and probes;
- side by side, the check takes at most 1.5 x (its DNS time + one probe),
  where one probe is the one-by-one run's time per probe (its wall time
  less its DNS time, over its probes).

The figures are printed, before and after (bench/latency.py measures more).
The proxy is stopped by PID, also when an assertion fails.
"""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from lab import latency  # noqa: E402

from test_cli import binary, child_env  # noqa: E402

DELAY_MS = 50


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
        proxy = latency.Proxy(DELAY_MS)
        try:
            serial, _ = latency.check(binary(), child_env(), proxy, "--probes-at-once", "1")
            parallel, _ = latency.check(binary(), child_env(), proxy)
        finally:
            proxy.stop()
        self.assertEqual(shape(parallel), shape(serial))
        self.assertEqual(parallel["verdict"], "ok", [f["id"] for f in parallel["findings"]])
        primaries = [p for p in parallel["probes"] if p["purpose"] == "primary"]
        self.assertEqual(len(primaries), 6)
        one_probe = latency.per_probe_ms(serial)
        floor = parallel["dns"]["elapsed_ms"] + one_probe
        print("# %d ms each way; %d addresses, %d probes" % (DELAY_MS, len(primaries),
                                                             len(serial["probes"])))
        print("# one after the other: %d ms (DNS %d ms, %.0f ms a probe)"
              % (serial["elapsed_ms"], serial["dns"]["elapsed_ms"], one_probe))
        print("# side by side:        %d ms (DNS %d ms): %.2f x (DNS + one probe)"
              % (parallel["elapsed_ms"], parallel["dns"]["elapsed_ms"],
                 parallel["elapsed_ms"] / floor))
        self.assertLessEqual(parallel["elapsed_ms"], 1.5 * floor)


if __name__ == "__main__":
    unittest.main(verbosity=2)
