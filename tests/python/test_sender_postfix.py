"""Ground truth for issue 21: what a real sending Postfix does with every
diagnosis fixture domain (lab/diag.py CASES with profile "mx"), under five
sender policies (lab/sender.py):

    A  may, no SNI (Postfix defaults)      D  secure: lab root, MX host name
    B  may, SNI = MX host name (Gmail)     E  may + MTA-STS policy service
    C  dane (DNSSEC-validated lookups)

One message goes to every (domain, profile) at once; the test then reads the
sending Postfix's log. It prints the table (domain x profile):

    TLS     delivered over TLS          defer   deferred (4xx, timeout, ...)
    PLAIN   delivered without TLS       bounce  bounced (5xx, NXDOMAIN, null MX)
    ?       no status line before the deadline

and, with MXTLS_SENDER_VERBOSE=1, each cell's TLS and reason. Only the first
delivery attempt is made (no retries), and the timeouts are shortened
(lab/sender.py TIMEOUTS), so "defer" is what the first attempt did.

It asserts only the facts below (EXPECTED), which follow from Postfix's
documented behaviour and were measured on Debian 12's Postfix 3.7; the rest
of the table is printed for mxtls's predictions to be compared against.

Run: meson test -C BUILD python-sender-postfix --verbose
  or with_lab.py --certs --dns --smtp --https --sender -- python3 THIS
"""
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from lab import diag, sender  # noqa: E402

LAB = os.environ.get("MXTLS_LAB_SENDER_DIR")
FACTOR = max(1, int(os.environ.get("MXTLS_TEST_TIME_FACTOR", "1") or 1))
ZONE = "mxtls.test"

# domain (without .mxtls.test) -> outcome per profile A..E, in the table's
# short words. Timing-independent rows only.
T, P, DEF, B = "TLS", "PLAIN", "defer", "bounce"
EXPECTED = {
    # every profile delivers over TLS
    "healthy": (T, T, T, T, T),
    # the Cloudflare-like _dc-mx origin answers SNI with alert 47: only the
    # senders that send SNI fail (B), and D, which cannot verify a
    # certificate that names no "_dc-mx" host; DANE without TLSA sends no SNI
    "cdn": (T, DEF, T, DEF, T),
    # DNS: a definite "no" bounces, a failure to get an answer defers
    "nxdomain": (B,) * 5,
    "nullmx": (B,) * 5,
    "dangling": (B,) * 5,
    "lame": (DEF,) * 5,
    "bogus": (DEF,) * 5,
    # nobody gets through
    "net-refused": (DEF,) * 5,
    "smtp-banner": (DEF,) * 5,
    "smtp-http": (DEF,) * 5,
    "tls-alert": (DEF,) * 5,
    "tls-nocipher": (DEF,) * 5,
    "tls-handshake": (DEF,) * 5,
    # no STARTTLS: opportunistic senders deliver in plaintext, D defers
    "smtp-nostarttls": (P, P, P, DEF, P),
    "smtp-masked": (P, P, P, DEF, P),
    "smtp-454": (P, P, P, DEF, P),
    # TLS 1.0 only: only D (TLS 1.2 and up for mandatory TLS) fails
    "tls-old": (T, T, T, DEF, T),
    # a certificate defect stops only the sender that verifies it
    "cert-selfsigned": (T, T, T, DEF, T),
    "cert-untrusted": (T, T, T, DEF, T),
    "cert-chain": (T, T, T, DEF, T),
    "cert-name": (T, T, T, DEF, T),
    "cert-expired": (T, T, T, DEF, T),
    "cert-notyet": (T, T, T, DEF, T),
    "cert-nosni": (T, T, T, DEF, T),
    # ... and with an MTA-STS enforce policy, E verifies it too
    "sts-expired": (T, T, T, DEF, DEF),
    # DANE: only the DANE sender fails
    "dane-mismatch": (T, T, DEF, T, T),
    "dane-bogus": (T, T, DEF, T, T),
    # MTA-STS: the policy does not list the MX host: only E fails; a policy
    # that cannot be had is no policy
    "sts-missingmx": (T, T, T, T, DEF),
    "sts-notfound": (T, T, T, T, T),
    "sts-invalid": (T, T, T, T, T),
    "sts-wrongcert": (T, T, T, T, T),
    # AAAA ::1 besides a working IPv4 address: nothing listens on [::1]:25
    # (the lab's receiving Postfix uses other ports there), so the sender
    # goes on to the IPv4 address
    "net-family": (T, T, T, T, T),
}


def mx_domains():
    return list(dict.fromkeys(t for t, profile, _ in diag.CASES if profile == "mx"))


@unittest.skipUnless(LAB, "needs with_lab.py --certs --dns --smtp --https --sender")
class GroundTruth(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.domains = mx_domains()
        t0 = time.monotonic()
        cls.results = sender.Sender.from_env().send_many(
            [(d, p) for d in cls.domains for p in sender.PROFILES], timeout=150 * FACTOR)
        cls.seconds = time.monotonic() - t0
        print("\n%s\n(%d deliveries in %.0f s; profiles: %s)" % (
            sender.table(cls.results, cls.domains), len(cls.results), cls.seconds,
            "; ".join("%s %s" % kv for kv in sender.PROFILE_TEXT.items())), flush=True)
        if os.environ.get("MXTLS_SENDER_VERBOSE"):
            for (d, p), r in sorted(cls.results.items()):
                print("%-30s %s %-19s %-18s %s" % (d, p, r["outcome"], r["tls"] or "-",
                                                   r["reason"]))

    def row(self, name):
        d = "%s.%s" % (name, ZONE)
        return tuple(sender.SHORT[self.results[(d, p)]["outcome"]] for p in sender.PROFILES)

    def test_every_delivery_has_a_result(self):
        missing = [k for k, r in self.results.items() if r["outcome"] == "no-result"]
        self.assertEqual(missing, [])

    def test_expected_rows(self):
        for name, want in EXPECTED.items():
            with self.subTest(domain=name):
                got = self.row(name)
                detail = {p: self.results[("%s.%s" % (name, ZONE), p)]["reason"]
                          for p, g, w in zip(sender.PROFILES, got, want) if g != w}
                self.assertEqual(got, want, detail)

    def test_healthy_is_verified_where_it_can_be(self):
        d = "healthy." + ZONE
        for p in "CDE":          # DANE, the lab CA, MTA-STS's "secure"
            self.assertTrue((self.results[(d, p)]["tls"] or "").startswith("Verified"),
                            (p, self.results[(d, p)]))

    def test_cdn_fails_on_sni_alert47(self):
        r = self.results[("cdn." + ZONE, "B")]
        self.assertIn("handshake failure", r["reason"])
        self.assertTrue(any("alert number 47" in line for line in r["log"]), r["log"])


# The mxtls profile that predicts each policy (B, Postfix with SNI, is no
# profile of its own: Gmail's is the sender that sends SNI).
PREDICTED_BY = {"A": "postfix", "C": "postfix-dane", "D": "verifying", "E": "postfix-mtasts"}

# Where mxtls cannot say what Postfix does, and says "unknown" rather than
# guess: (domain, policy) -> (what Postfix did, what mxtls says), and why.
NOT_SEEN = {
    # an MX written as an address ("MX 10 127.0.0.42"): RFC 5321 5.1 says it
    # is no host name, mxtls does not connect to it (dns.mx-ip-literal), and
    # Postfix takes it as an address
    **{("iplit.mxtls.test", p): ("defer", "?") for p in "ACDE"},
}


def first_attempt(prediction):
    """What the first attempt of a predicted delivery shows, in the table's
    words: a delivery that needs a retry defers first."""
    if prediction.outcome in ("tls", "plaintext") and prediction.delayed:
        return DEF
    return {"tls": T, "plaintext": P, "defers": DEF, "bounces": B}.get(prediction.outcome,
                                                                      "?")


@unittest.skipUnless(LAB, "needs with_lab.py --certs --dns --smtp --https --sender")
class PredictionsMatchPostfix(unittest.TestCase):
    """Issue 21: on every fixture domain, the Postfix profiles' predictions
    are what the real Postfix did."""

    @classmethod
    def setUpClass(cls):
        sys.path.insert(0, HERE)
        import mxtls
        from test_check import lab_env
        if not hasattr(GroundTruth, "results"):
            GroundTruth.setUpClass()
        cls.results = GroundTruth.results
        zone, dns = lab_env("MXTLS_LAB_DNS_ZONE"), lab_env("MXTLS_LAB_DNS")
        # 15 s per stage: smtp-slow's banner comes after 11 s, and Postfix,
        # which waits minutes for it, delivers
        ctx = mxtls.Context(forwarder=dns, stub_zones={zone: dns},
                            trust_anchor_file=lab_env("MXTLS_LAB_TRUST_ANCHOR"),
                            ca_file=os.path.join(lab_env("MXTLS_LAB_CERTS"), "root.pem"),
                            proxy_ranges_file=lab_env("MXTLS_LAB_PROXY_RANGES"),
                            helo_name="probe.mxtls.test", timeout_ms=15000)
        # all at once, through the batch engine, as the sends were
        cls.reports = {}
        for r in ctx.check_many(mx_domains(), concurrency=64):
            if getattr(r, "error", None):
                raise AssertionError("mxtls could not check %r: %s" % (r.target, r.error))
            cls.reports[r.target] = r

    def test_postfix_profiles_predict_what_postfix_did(self):
        wrong = []
        for d, report in sorted(self.reports.items()):
            by_sender = {p.sender: p for p in report.predictions}
            for policy, profile in PREDICTED_BY.items():
                did = sender.SHORT[self.results[(d, policy)]["outcome"]]
                said = first_attempt(by_sender[profile])
                if did != said and NOT_SEEN.get((d, policy)) != (did, said):
                    wrong.append("%s %s (%s): Postfix %s, mxtls %s: %s / %s" % (
                        d, policy, profile, did, said, by_sender[profile].detail,
                        self.results[(d, policy)]["reason"]))
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))


if __name__ == "__main__":
    unittest.main(verbosity=2)
