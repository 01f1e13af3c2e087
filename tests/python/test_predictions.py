"""Who can deliver (issue 21): each report's predictions, one per sender
profile, against the lab's fixture domains (with_lab.py --certs --dns --smtp
--https). What is asserted is what the profiles' documented behaviour and
the fixture's fault imply; the real sending Postfix in the sender tests
checks the Postfix profiles against what Postfix actually does."""
import json
import os
import subprocess
import unittest

import mxtls
from mxtls import _lib

from test_check import lab_context

ZONE = "mxtls.test"
MX_SENDERS = ["gmail", "m365", "postfix", "postfix-dane", "postfix-mtasts", "exim",
              "verifying"]


def outcomes(report):
    return {p.sender: p.outcome for p in report.predictions}


def finding_of(report, sender):
    p = next(p for p in report.predictions if p.sender == sender)
    return p.finding.id if p.finding else None


class Profiles(unittest.TestCase):
    """The profiles as data: every fact named, every profile sourced."""

    def test_profiles_and_their_sources(self):
        profiles = mxtls.senders()
        self.assertEqual([p["id"] for p in profiles if p["profile"] == "mx"], MX_SENDERS)
        self.assertEqual([p["id"] for p in profiles if p["profile"] == "submission"],
                         ["gmail-sendas"])
        self.assertEqual(ctypes_size("Sender"), _lib.mxtls_diagnose_struct_size(6))
        self.assertEqual(ctypes_size("Prediction"), _lib.mxtls_diagnose_struct_size(5))
        for p in profiles:
            self.assertGreaterEqual(len(p["sources"]), 4, p["id"])
            self.assertTrue(all(s and "\n" not in s for s in p["sources"]), p["id"])
            for fact in ("sends_sni", "verifies_certificate", "honours_mtasts",
                         "honours_dane", "plaintext_without_starttls",
                         "plaintext_after_tls_failure"):
                self.assertIn(p[fact], ("yes", "no", "with-policy", "later", "unknown"))
        # Mainstream: Gmail, Microsoft 365, Postfix and Exim defaults.
        self.assertEqual({p["id"] for p in profiles if p["mainstream"]},
                         {"gmail", "gmail-sendas", "m365", "postfix", "exim"})
        # What no source settles stays unknown rather than guessed.
        by_id = {p["id"]: p for p in profiles}
        self.assertEqual(by_id["gmail"]["honours_dane"], "unknown")
        self.assertEqual(by_id["m365"]["sends_sni"], "unknown")


def ctypes_size(name):
    import ctypes
    return ctypes.sizeof(getattr(_lib, name))


class Predictions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ctx = lab_context()
        cls.reports = {}

    def check(self, label, profile="mx"):
        if (label, profile) not in self.reports:
            self.reports[(label, profile)] = self.ctx.check("%s.%s" % (label, ZONE), profile)
        return self.reports[(label, profile)]

    def test_healthy_domain_everyone_delivers_over_tls(self):
        r = self.check("healthy")
        self.assertEqual(list(outcomes(r)), MX_SENDERS)
        self.assertEqual(set(outcomes(r).values()), {"tls"}, outcomes(r))
        self.assertTrue(all(p.finding is None for p in r.predictions))

    def test_cdn_alert_47_stops_gmail_not_postfix(self):
        # The first seed: SNI with the _dc-mx name gets alert 47. Gmail sends
        # SNI and does not fall back; Postfix and Exim send none by default.
        r = self.check("cdn")
        got = outcomes(r)
        self.assertEqual(got["gmail"], "defers")
        self.assertIn("alert 47", next(p.detail for p in r.predictions if p.sender == "gmail"))
        self.assertIn(finding_of(r, "gmail"), ("dns.mx-non-ldh", "tls.sni-rejected"))
        for sender in ("postfix", "exim", "postfix-dane", "postfix-mtasts"):
            self.assertEqual(got[sender], "tls", sender)
        # Microsoft does not document whether it sends SNI, and here it decides.
        self.assertEqual(got["m365"], "unknown")

    def test_no_starttls_goes_in_clear_except_for_verifiers(self):
        got = outcomes(self.check("smtp-nostarttls"))
        for sender in ("gmail", "m365", "postfix", "exim"):
            self.assertEqual(got[sender], "plaintext", sender)
        self.assertEqual(got["verifying"], "defers")

    def test_self_signed_stops_only_who_verifies(self):
        r = self.check("cert-selfsigned")
        got = outcomes(r)
        self.assertEqual(got["verifying"], "defers")
        self.assertEqual(finding_of(r, "verifying"), "cert.self-signed")
        for sender in ("gmail", "m365", "postfix", "exim"):
            self.assertEqual(got[sender], "tls", sender)

    def test_stale_tlsa_stops_dane_senders_only(self):
        r = self.check("dane-mismatch")
        got = outcomes(r)
        for sender in ("postfix-dane", "exim", "m365"):
            self.assertEqual(got[sender], "defers", sender)
            self.assertEqual(finding_of(r, sender), "dane.mismatch")
        self.assertEqual(got["postfix"], "tls")
        # Gmail's DANE support is not documented, and here it decides.
        self.assertEqual(got["gmail"], "unknown")

    def test_mtasts_enforce_expired_certificate(self):
        got = outcomes(self.check("sts-expired"))
        for sender in ("gmail", "m365", "postfix-mtasts"):
            self.assertEqual(got[sender], "defers", sender)
        self.assertEqual(got["postfix"], "tls")

    def test_tls_1_0_only(self):
        # Gmail and Postfix offer TLS 1.0; Microsoft 365 never does, and what
        # it does then is not documented.
        got = outcomes(self.check("tls-old"))
        self.assertEqual(got["postfix"], "tls")
        self.assertEqual(got["gmail"], "tls")
        self.assertEqual(got["m365"], "unknown")

    def test_banner_refused_stops_everyone(self):
        got = outcomes(self.check("smtp-banner"))
        self.assertEqual(set(got.values()), {"defers"}, got)

    def test_nxdomain_bounces(self):
        got = outcomes(self.check("nxdomain"))
        self.assertEqual(set(got.values()), {"bounces"}, got)

    def test_send_as(self):
        ok = self.check("smtp", "submission")
        self.assertEqual(outcomes(ok), {"gmail-sendas": "tls"})
        bad = self.check("smtp.sub-wrongname", "submission")
        self.assertEqual(outcomes(bad), {"gmail-sendas": "bounces"})
        self.assertEqual(finding_of(bad, "gmail-sendas"), "cert.name-mismatch")

    def test_json_carries_the_predictions(self):
        r = self.check("cdn")
        doc = json.loads(r.json())
        self.assertEqual([p["sender"] for p in doc["predictions"]], MX_SENDERS)
        gmail = doc["predictions"][0]
        self.assertEqual(gmail["outcome"], "defers")
        self.assertEqual(doc["findings"][gmail["finding"]]["id"], gmail["finding_id"])
        self.assertEqual(r.to_dict()["predictions"][0]["outcome"], "defers")

    def test_text_has_the_table(self):
        text = self.check("cdn").text()
        head = text.split("Problem 1")[0]
        self.assertIn("Who can deliver", head)
        lines = [line for line in head.splitlines() if line.startswith("  Gmail ")]
        self.assertEqual(len(lines), 1, head)
        self.assertIn("defers", lines[0])


class SeverityRule(unittest.TestCase):
    """Issue 21's rule, on every diagnosis fixture domain: no finding is a
    warning or less where a mainstream sender is stopped by it, and none is
    an error where every sender delivers."""

    def test_rule_holds_on_every_fixture(self):
        import sys
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                        "fixtures"))
        from lab import diag
        domains = list(dict.fromkeys(t for t, profile, _ in diag.CASES if profile == "mx"))
        checked = 0
        for r in lab_context().check_many(domains, concurrency=64):
            self.assertIsNone(getattr(r, "error", None), r)
            roots = [f for f in r.root_causes if f.about == "target"]
            delivered = all(p.outcome == "tls" or (p.outcome == "plaintext" and not p.delayed)
                            for p in r.predictions)
            if delivered:
                self.assertEqual([f.id for f in roots if f.severity == "error"], [], r.target)
            for p in r.predictions:
                stopped = p.outcome in ("defers", "bounces")
                if stopped and p.finding is not None and mxtls_sender(p.sender)["mainstream"]:
                    self.assertEqual(p.finding.severity, "error", (r.target, p.sender))
            checked += 1
        self.assertEqual(checked, len(domains))


def mxtls_sender(sender_id):
    return next(p for p in mxtls.senders() if p["id"] == sender_id)


@unittest.skipUnless(os.environ.get("MXTLS_CHECK_BIN"), "needs the mxtls-check CLI")
class Cli(unittest.TestCase):
    def run_cli(self, *args):
        return subprocess.run([os.environ["MXTLS_CHECK_BIN"], *args], capture_output=True,
                              text=True, timeout=120)

    def test_senders_lists_every_profile_with_sources(self):
        out = self.run_cli("--senders")
        self.assertEqual(out.returncode, 0, out.stderr)
        for p in mxtls.senders():
            self.assertIn("%s (%s)" % (p["name"], p["id"]), out.stdout)
        self.assertIn("https://support.google.com/a/answer/9795993", out.stdout)

    def test_bad_sender_names_the_profiles(self):
        out = self.run_cli("--sender", "hotmail", "example.com")
        self.assertEqual(out.returncode, 2)
        self.assertIn("gmail, gmail-sendas", out.stderr)
        out = self.run_cli("--sender", "gmail", "--json", "example.com")
        self.assertEqual(out.returncode, 2)
        self.assertIn("predictions", out.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
