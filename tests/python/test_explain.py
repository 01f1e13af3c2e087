"""mxtls.explain() and Context.explain() through the ctypes binding: pasted
error texts turned into Python objects, and the diagnose structs' ctypes
layout agreeing with the C pins (tests/test-abi-layout.c). No lab needed."""
import ctypes
import json
import os
import re
import unittest

import mxtls
from mxtls import _lib

HERE = os.path.dirname(os.path.abspath(__file__))

GMAIL_47 = ("TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
            "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_ILLEGAL_PARAMETER: "
            "SSL alert number 47")


class Explain(unittest.TestCase):
    def test_gmail_alert_47(self):
        e = mxtls.explain(GMAIL_47)
        self.assertIsInstance(e, mxtls.Explanation)
        self.assertTrue(e.recognised)
        self.assertEqual(e.source, "gmail")
        self.assertEqual((e.alert, e.alert_name, e.alert_sender),
                         (47, "illegal_parameter", "server"))
        ids = [f.id for f in e.likely_causes]
        self.assertEqual(ids[0], "tls.sni-rejected")
        self.assertIn("dns.mx-non-ldh", ids)
        self.assertIn("net.proxied", ids)
        self.assertIn("mxtls-check", e.suggested_check)

    def test_starttls_error_71_is_not_alert_71(self):
        e = mxtls.explain(GMAIL_47)
        self.assertNotEqual(e.alert, 71)
        self.assertNotIn("tls.no-shared-cipher", [f.id for f in e.likely_causes])
        self.assertIn("not TLS alert 71", e.explanation)
        # Gmail's "(71)" alone names no alert at all.
        e = mxtls.explain("TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71)")
        self.assertNotEqual(e.alert, 71)

    def test_likely_causes_are_findings_with_remedies(self):
        for f in mxtls.explain(GMAIL_47).likely_causes:
            self.assertIsInstance(f, mxtls.Finding)
            self.assertGreaterEqual(len(f.remedies), 2, f.id)
            self.assertTrue(all(isinstance(r, str) and r for r in f.remedies))
            self.assertIn(f.severity, ("info", "warning", "error"))
            self.assertTrue(f.summary)
            self.assertIsNone(f.caused_by)
            self.assertTrue(f.is_root_cause)
            self.assertEqual(_lib.mxtls_finding_code_of(f.id.encode()), f.code)
        sni = mxtls.explain(GMAIL_47).likely_causes[0]
        self.assertEqual((sni.severity, sni.stage), ("error", "starttls"))
        self.assertTrue(sni.references)

    def test_gibberish_is_not_recognised(self):
        e = mxtls.explain("my mail is broken, please help")
        self.assertFalse(e.recognised)
        self.assertEqual(e.likely_causes, [])
        self.assertIsNone(e.alert)
        self.assertIsNone(e.alert_name)
        self.assertIn("did not recognise", e.summary)
        self.assertIn("Paste the whole", str(e))

    def test_other_texts(self):
        e = mxtls.explain("host mx.example.org[192.0.2.2] said: 454 4.7.0 TLS not "
                          "available due to local problem")
        self.assertEqual(e.smtp_code, 454)
        self.assertEqual([f.id for f in e.likely_causes], ["smtp.starttls-refused"])
        e = mxtls.explain("postfix/smtpd[9]: warning: TLS library problem: error:0A000418:"
                          "SSL routines::tlsv1 alert unknown ca:SSL alert number 48:")
        self.assertEqual((e.alert, e.alert_sender), (48, "client"))
        e = mxtls.explain("The recipient server did not accept our requests to connect. "
                          "[mx1.example.com. 104.16.1.1: timed out]")
        self.assertEqual(e.host, "mx1.example.com")
        self.assertEqual(e.likely_causes[0].host, "mx1.example.com")

    def test_a_text_past_64_kib_says_it_was_cut(self):
        # The cause sits past what is read: the explanation says the text
        # was cut, not that nothing in it names a cause. Exactly 64 KiB
        # with the cause at its end is read whole (the near miss).
        cause = "certificate has expired"
        e = mxtls.explain("z" * 65536 + cause)
        self.assertTrue(e.truncated)
        self.assertFalse(e.recognised)
        self.assertIn("first 64 KiB", e.summary)
        self.assertTrue(json.loads(e.json())["truncated"])
        self.assertTrue(e.to_dict()["truncated"])
        e = mxtls.explain("z" * (65536 - len(cause)) + cause)
        self.assertFalse(e.truncated)
        self.assertEqual(e.likely_causes[0].id, "cert.expired")
        self.assertFalse(json.loads(e.json())["truncated"])

    def test_str_is_the_library_rendering(self):
        text = str(mxtls.explain(GMAIL_47))
        self.assertIn("Most likely cause 1:", text)
        self.assertIn("  1. ", text)
        self.assertIn("To find out for sure, run: mxtls-check", text)

    def test_non_str_input_raises_type_error(self):
        for bad in (None, b"SSL alert number 47", 47, ["x"]):
            with self.assertRaises(TypeError):
                mxtls.explain(bad)
        with self.assertRaises(ValueError):
            mxtls.explain("alert\0 47")

    def test_context_explain_matches_the_module_level_one(self):
        with mxtls.Context() as ctx:
            e = ctx.explain(GMAIL_47)
            self.assertEqual(e.to_dict(), mxtls.explain(GMAIL_47).to_dict())
            with self.assertRaises(TypeError):
                ctx.explain(123)
        with self.assertRaises(ValueError):   # closed
            ctx.explain(GMAIL_47)

    def test_to_dict_is_plain_data(self):
        d = mxtls.explain(GMAIL_47).to_dict()
        self.assertEqual(json.loads(json.dumps(d)), d)
        self.assertEqual(d["likely_causes"][0]["id"], "tls.sni-rejected")

    def test_struct_size_guard(self):
        # A library whose explanation ended before suggested_check: the binding
        # must not read it or what follows, and sees no causes.
        out = ctypes.POINTER(_lib.Explanation)()
        self.assertEqual(_lib.mxtls_explain(None, GMAIL_47.encode(), ctypes.byref(out)), 0)
        try:
            real = out.contents.struct_size
            self.assertEqual(real, ctypes.sizeof(_lib.Explanation))
            out.contents.struct_size = _lib.Explanation.suggested_check.offset
            e = mxtls.Explanation.from_c(out)
            self.assertEqual(e.likely_causes, [])
            self.assertIsNone(e.suggested_check)
            self.assertEqual(e.alert, 47)
            out.contents.struct_size = real
        finally:
            _lib.mxtls_explanation_free(out)


class Layout(unittest.TestCase):
    """The diagnose Structures against the C pins and the library's sizes."""

    CLASSES = {"mxtls_finding": _lib.Finding, "mxtls_explanation": _lib.Explanation,
               "mxtls_buffer": _lib.Buffer, "mxtls_probe": _lib.Probe,
               "mxtls_report": _lib.Report}

    def test_ctypes_structures_match_the_c_pins(self):
        with open(os.path.join(HERE, "..", "test-abi-layout.c")) as f:
            text = f.read()
        pins = re.findall(r"PIN_OFFSET\((\w+), (\w+), (\d+)\)", text)
        pinned = {(t, m) for t, m, _ in pins}
        for ctype, member, offset in pins:
            if ctype in self.CLASSES:
                self.assertEqual(getattr(self.CLASSES[ctype], member).offset, int(offset),
                                 "%s.%s" % (ctype, member))
        sizes = dict(re.findall(r"sizeof\((\w+)\), (\d+)\)", text))
        for ctype, cls in self.CLASSES.items():
            self.assertEqual(ctypes.sizeof(cls), int(sizes[ctype]), ctype)
            for name, _ in cls._fields_:
                self.assertIn((ctype, name), pinned)

    def test_sizes_match_the_library(self):
        if getattr(_lib.mxtls_diagnose_struct_size, "missing", False):
            self.skipTest("this libmxtls has no mxtls_diagnose_struct_size")
        for which, cls in _lib.DIAGNOSE_STRUCTS.items():
            self.assertEqual(ctypes.sizeof(cls), _lib.mxtls_diagnose_struct_size(which),
                             cls.__name__)
        self.assertEqual(_lib.mxtls_diagnose_struct_size(7), 0)

    def test_live_structs_carry_their_size(self):
        out = ctypes.POINTER(_lib.Explanation)()
        self.assertEqual(_lib.mxtls_explain(None, GMAIL_47.encode(), ctypes.byref(out)), 0)
        try:
            self.assertEqual(out.contents.likely_causes[0].contents.struct_size,
                             ctypes.sizeof(_lib.Finding))
            buf = ctypes.POINTER(_lib.Buffer)()
            self.assertEqual(_lib.mxtls_explanation_text(out, ctypes.byref(buf)), 0)
            self.assertEqual(buf.contents.struct_size, ctypes.sizeof(_lib.Buffer))
            _lib.mxtls_buffer_free(buf)
        finally:
            _lib.mxtls_explanation_free(out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
