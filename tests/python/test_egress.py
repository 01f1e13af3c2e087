"""A blocked outgoing port 25 is confirmed on the reference hosts, not
guessed: mxtls-check run as a user runs it ($MXTLS_CHECK_BIN), behind real
nftables rules.

Runs inside tests/fixtures/egress_netns.sh (a network namespace of its own,
where this test is root and may change the firewall) under with_lab.py
--certs --dns --smtp. Each case sets its rules on the namespace's output
hook, which loopback traffic passes too, and removes them afterwards:

  - every port-25 connect dropped, or rejected with a TCP reset, the
    reference host's too: net.egress-blocked, about the environment, and
    exit status 3
  - only the domain's MX address dropped; the reference host answers: the
    domain's own net.timeout, no egress finding
  - every port-25 connect dropped but no reference hosts: no egress finding
    (it cannot be confirmed, and is never guessed)
  - a batch of 8 domains on one context: the reference host is connected to
    once (an nftables counter on its SYNs), and every report has the verdict
"""
import json
import os
import subprocess
import unittest

import mxtls

from test_cli import lab, lab_options, run

ZONE = "mxtls.test"
REFERENCE = "ref-open." + ZONE            # lab/diag.py: answers on port 25
# lab/diag.py domains whose one MX host answers on port 25 (index 67..74)
DOMAINS = ["cert-selfsigned", "cert-untrusted", "cert-chain", "cert-expired",
           "cert-notyet", "cert-expiring", "cert-weakkey", "cert-sha1"]
TARGET = DOMAINS[0] + "." + ZONE
TIMEOUT = "2"                              # seconds per stage: drops wait it out

INSIDE = os.environ.get("MXTLS_EGRESS_NETNS") == "1"


def nft(*rules):
    """Replace the namespace's rules with one output chain holding rules."""
    subprocess.run(["nft", "flush", "ruleset"], check=True)
    if not rules:
        return
    script = "table inet egress {\n chain out {\n  type filter hook output priority 0;\n"
    script += "".join("  %s\n" % r for r in rules) + " }\n}\n"
    subprocess.run(["nft", "-f", "-"], input=script, text=True, check=True)


def counter_packets():
    """Packets counted by the one counter rule of the chain."""
    out = subprocess.run(["nft", "-j", "list", "ruleset"], capture_output=True, text=True,
                         check=True).stdout
    for item in json.loads(out)["nftables"]:
        for expr in item.get("rule", {}).get("expr", []):
            if "counter" in expr:
                return expr["counter"]["packets"]
    raise AssertionError("no counter rule: " + out)


def address(host):
    return lab("MXTLS_LAB_DIAG_ADDR_" + host.upper().replace(".", "_").replace("-", "_"))


@unittest.skipUnless(INSIDE, "runs inside tests/fixtures/egress_netns.sh")
class EgressConfirmed(unittest.TestCase):
    def tearDown(self):
        nft()

    def check(self, *args, reference=REFERENCE, target=TARGET):
        r = run(*(lab_options() + ["--timeout", TIMEOUT, "--reference-hosts", reference,
                                   "--json", target]))
        self.assertIn(r.returncode, (0, 1, 3), r.stderr)
        return r, json.loads(r.stdout)

    def finding(self, doc, fid):
        found = [f for f in doc["findings"] if f["id"] == fid]
        return found[0] if found else None

    def assert_blocked(self, r, doc, symptom):
        ids = [f["id"] for f in doc["findings"]]
        egress = self.finding(doc, "net.egress-blocked")
        self.assertIsNotNone(egress, ids)
        self.assertIn(REFERENCE, egress["evidence"])
        self.assertIn(symptom, ids)
        # about where the check ran, not the domain: exit status 3
        self.assertEqual(egress["about"], "environment")
        self.assertEqual(self.finding(doc, symptom)["about"], "environment")
        self.assertEqual(r.returncode, 3, r.stdout)

    def test_drop_confirmed_on_reference(self):
        nft("tcp dport 25 drop")
        r, doc = self.check()
        self.assert_blocked(r, doc, "net.timeout")
        self.assertIn("timed out", self.finding(doc, "net.egress-blocked")["evidence"])

    def test_reset_confirmed_on_reference(self):
        nft("tcp dport 25 reject with tcp reset")
        r, doc = self.check()
        self.assert_blocked(r, doc, "net.refused")
        self.assertIn("refused", self.finding(doc, "net.egress-blocked")["evidence"])

    def test_reference_answers_so_the_domain_is_to_blame(self):
        nft("ip daddr %s tcp dport 25 drop" % address("mx.cert-selfsigned"))
        r, doc = self.check()
        ids = [f["id"] for f in doc["findings"]]
        self.assertNotIn("net.egress-blocked", ids)
        self.assertIn("net.timeout", ids)
        self.assertEqual(r.returncode, 1, r.stdout)

    def test_no_reference_hosts_no_guess(self):
        nft("tcp dport 25 drop")
        r, doc = self.check(reference="")
        ids = [f["id"] for f in doc["findings"]]
        self.assertNotIn("net.egress-blocked", ids)
        self.assertIn("net.timeout", ids)
        self.assertEqual(r.returncode, 1, r.stdout)

    def test_library_call_with_the_context_keyword(self):
        """mxtls_check() through the binding, reference_hosts as a keyword."""
        nft("tcp dport 25 drop")
        dns = lab("MXTLS_LAB_DNS")
        with mxtls.Context(forwarder=dns, stub_zones={ZONE: dns},
                           trust_anchor_file=lab("MXTLS_LAB_TRUST_ANCHOR"),
                           reference_hosts=[REFERENCE], timeout_ms=2000) as ctx:
            self.assertEqual(ctx.reference_hosts, (REFERENCE,))
            ids = [f.id for f in ctx.check(TARGET).findings]
            self.assertIn("net.egress-blocked", ids)
            ctx.reference_hosts = []
            ids = [f.id for f in ctx.check(TARGET).findings]
            self.assertNotIn("net.egress-blocked", ids)
            self.assertIn("net.timeout", ids)

    def test_batch_probes_the_reference_once(self):
        # Every MX dropped on 25; the reference host counted and let through.
        nft("ip daddr %s tcp dport 25 tcp flags syn counter accept" % address("ref-open"),
            "tcp dport 25 drop")
        targets = ["%s.%s\n" % (d, ZONE) for d in DOMAINS]
        r = run(*(lab_options() + ["--timeout", TIMEOUT, "--reference-hosts", REFERENCE,
                                   "--concurrency", "8", "--batch", "-"]),
                stdin="".join(targets), timeout=300)
        docs = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual(len(docs), len(DOMAINS), r.stderr)
        for doc in docs:
            ids = [f["id"] for f in doc["findings"]]
            self.assertIn("net.timeout", ids, doc["target"])
            self.assertNotIn("net.egress-blocked", ids, doc["target"])
            self.assertEqual(doc["verdict"], "error", doc["target"])
        self.assertEqual(counter_packets(), 1)

    def test_batch_shares_the_blocked_verdict(self):
        nft("tcp dport 25 drop")
        targets = ["%s.%s\n" % (d, ZONE) for d in DOMAINS]
        r = run(*(lab_options() + ["--timeout", TIMEOUT, "--reference-hosts", REFERENCE,
                                   "--concurrency", "8", "--batch", "-"]),
                stdin="".join(targets), timeout=300)
        docs = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual(len(docs), len(DOMAINS), r.stderr)
        for doc in docs:
            egress = self.finding(doc, "net.egress-blocked")
            self.assertIsNotNone(egress, doc["target"])
            self.assertIn(REFERENCE, egress["evidence"])
            self.assertEqual(egress["about"], "environment")
        self.assertEqual(r.returncode, 3, r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
