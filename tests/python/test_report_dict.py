"""Report.to_dict() is the JSON document, key for key, on real lab reports,
and validates against doc/report-schema.json; root_causes counts only real
causes; the async single check; python3 -m mxtls against the lab (issue 18).
Runs under with_lab.py --certs --dns --smtp --https."""
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import unittest

import mxtls

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import validate_report  # noqa: E402  (tests/validate_report.py)

from test_check import lab_context, lab_env  # noqa: E402

SCHEMA = validate_report.load_schema()
DOMAINS = ["healthy.mxtls.test", "cdn.mxtls.test", "secure.mxtls.test", "nullmx.mxtls.test",
           "nosuchdomain.mxtls.test", "bogus.mxtls.test"]


def differences(a, b, path="$"):
    """Where two JSON values differ, key for key (types included: 1 != True)."""
    if type(a) is not type(b):
        return ["%s: %r (%s) != %r (%s)" % (path, a, type(a).__name__, b, type(b).__name__)]
    if isinstance(a, dict):
        out = ["%s: key %r only in to_dict()" % (path, k) for k in a.keys() - b.keys()]
        out += ["%s: key %r only in json()" % (path, k) for k in b.keys() - a.keys()]
        if list(a) != list(b) and not out:
            out.append("%s: keys in another order" % path)
        for k in a.keys() & b.keys():
            out += differences(a[k], b[k], "%s.%s" % (path, k))
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return ["%s: %d items != %d" % (path, len(a), len(b))]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y,
                                                                              "%s[%d]" % (path, i))]
    return [] if a == b else ["%s: %r != %r" % (path, a, b)]


class ToDict(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ctx = lab_context()
        cls.reports = {d: cls.ctx.check(d) for d in DOMAINS}
        cls.reports["smtp.mxtls.test"] = cls.ctx.check("smtp.mxtls.test", "submission")

    @classmethod
    def tearDownClass(cls):
        cls.ctx.close()

    def test_to_dict_equals_the_json_document_key_for_key(self):
        for target, r in self.reports.items():
            for transcript in (False, True):
                d = r.to_dict(transcript=transcript)
                doc = json.loads(r.json(transcript=transcript))
                self.assertEqual(differences(d, doc), [], (target, transcript))
                self.assertEqual(validate_report.validate(d, SCHEMA), [], target)
            self.assertEqual(json.loads(r.to_json(indent=2)), r.to_dict())
            d = r.to_dict()
            self.assertEqual([f.to_dict() for f in r.findings], d["findings"])
            self.assertEqual([p.to_dict() for p in r.probes], d["probes"])
            self.assertEqual([p.to_dict() for p in r.predictions], d["predictions"])
            d["findings"].clear()                 # a copy: the report is untouched
            self.assertEqual(len(r.to_dict()["findings"]), len(r.findings))

    def test_fields_agree_with_the_document(self):
        for target, r in self.reports.items():
            d = r.to_dict()
            self.assertEqual((d["target"], d["verdict"], d["profile"]),
                             (r.target, r.verdict, r.profile))
            self.assertIsInstance(r.verdict, mxtls.Verdict)
            self.assertIsInstance(r.profile, mxtls.Profile)
            self.assertIsInstance(r.elapsed, float)
            self.assertEqual(d["elapsed_ms"], r.elapsed_ms)
            self.assertEqual(d["root_causes"], len(r.root_causes), target)
            for f, fd in zip(r.findings, d["findings"]):
                self.assertEqual((fd["id"], fd["severity"], fd["caused_by"]),
                                 (f.id, f.severity, f.caused_by))
            for p in r.probes:
                if p.connect is not None and p.connect.connect_time is not None:
                    self.assertIsInstance(p.connect.connect_time, float)

    def test_root_causes_are_only_real_causes(self):
        healthy = self.reports["healthy.mxtls.test"]
        self.assertEqual(healthy.verdict, mxtls.Verdict.OK)
        self.assertEqual(healthy.root_causes, [])
        self.assertEqual(healthy.to_dict()["root_causes"], 0)
        self.assertIn("tls.ok", [f.id for f in healthy.findings])
        for target, r in self.reports.items():
            self.assertEqual(r.findings[:len(r.root_causes)], r.root_causes, target)
            for f in r.root_causes:
                self.assertNotEqual(f.severity, mxtls.Severity.INFO, (target, f.id))
        cdn = self.reports["cdn.mxtls.test"]
        self.assertEqual([f.id for f in cdn.root_causes], ["dns.mx-non-ldh"])


class AsyncCheck(unittest.TestCase):
    def test_async_check_gives_the_same_report(self):
        async def main():
            with lab_context() as ctx:
                ticks = 0

                async def ticker():
                    nonlocal ticks
                    while True:
                        await asyncio.sleep(0.01)
                        ticks += 1
                task = asyncio.ensure_future(ticker())
                report = await mxtls.check("cdn.mxtls.test", ctx=ctx)
                again = await mxtls.check("healthy.mxtls.test", ctx=ctx)  # context is free
                task.cancel()
                with self.assertRaises(mxtls.UsageError) as cm:
                    await mxtls.check("a..b", ctx=ctx)
                return report, again, ticks, cm.exception
        report, again, ticks, error = asyncio.run(main())
        self.assertIsInstance(report, mxtls.Report)
        self.assertEqual(report.verdict, mxtls.Verdict.ERROR)
        self.assertEqual([f.id for f in report.root_causes], ["dns.mx-non-ldh"])
        self.assertEqual(again.verdict, mxtls.Verdict.OK)
        self.assertGreater(ticks, 0)              # the loop ran during the checks
        self.assertEqual(error.name, "MXTLS_EINVAL")


def fault(key):
    value = lab_env("MXTLS_LAB_FAULT_" + key)
    host, _, port = value.rpartition(":")
    return host.strip("[]"), int(port)


class Transcript(unittest.TestCase):
    """The exact bytes of the dialogue, kept in the results (exchanges), at
    most mxtls_transcript_max() per session, and cut where it says."""

    def setUp(self):
        self.ctx = mxtls.Context(timeout=5.0, helo_name="probe.mxtls.test")

    def tearDown(self):
        self.ctx.close()

    def test_the_bytes_of_a_starttls_dialogue(self):
        with self.ctx.connect(*fault("GOOD")) as s:
            c = s.result
            self.assertEqual([e.direction for e in c.exchanges], ["received", "sent", "received"])
            self.assertTrue(c.exchanges[0].data.startswith(b"220 "))
            self.assertTrue(c.exchanges[0].data.endswith(b"\r\n"))
            self.assertEqual(c.exchanges[1].data, b"EHLO probe.mxtls.test\r\n")
            self.assertFalse(any(e.over_tls for e in c.exchanges))
            t = s.starttls()
        self.assertTrue(t.ok, t.detail)
        self.assertEqual(t.exchanges[0].data, b"STARTTLS\r\n")
        self.assertFalse(t.exchanges[0].over_tls)
        inside = [e for e in t.exchanges if e.over_tls]
        self.assertEqual(inside[0].data, b"EHLO probe.mxtls.test\r\n")
        self.assertFalse(t.transcript_truncated)

    def test_a_banner_that_never_ends_is_kept_as_sent(self):
        # (the reply parser gives up at 64 lines, before the 8 KiB cap,
        # which test-smtp's transcript_records_turns_up_to_the_cap covers)
        with self.ctx.connect(*fault("ENDLESS_BANNER")) as s:
            c = s.result
        self.assertEqual(c.reply_error, "too-many-lines")
        data = b"".join(e.data for e in c.exchanges)
        self.assertTrue(data.startswith(b"220-fault.mxtls.test endless banner line 0\r\n"))
        self.assertLessEqual(len(data), 8192)
        from mxtls import _lib
        self.assertEqual(_lib.mxtls_transcript_max(), 8192)


class ModuleMain(unittest.TestCase):
    def test_python_m_mxtls_checks_like_the_cli(self):
        args = ["--resolver", lab_env("MXTLS_LAB_DNS"),
                "--stub", "%s=%s" % (lab_env("MXTLS_LAB_DNS_ZONE"), lab_env("MXTLS_LAB_DNS")),
                "--trust-anchor", lab_env("MXTLS_LAB_TRUST_ANCHOR"),
                "--ca-file", os.path.join(lab_env("MXTLS_LAB_CERTS"), "root.pem"),
                "--proxy-ranges", lab_env("MXTLS_LAB_PROXY_RANGES")]
        env = dict(os.environ)   # LD_PRELOAD too: the child loads the same library
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.json")
            r = subprocess.run([sys.executable, "-m", "mxtls"] + args +
                               ["--json", "-o", out, "cdn.mxtls.test"],
                               capture_output=True, text=True, timeout=120, env=env)
            self.assertEqual(r.returncode, 1, r.stderr)
            with open(out) as f:
                doc = json.load(f)
            self.assertEqual(validate_report.validate(doc, SCHEMA), [])
            self.assertEqual(doc["verdict"], "error")
        r = subprocess.run([sys.executable, "-m", "mxtls"] + args +
                           ["--quiet", "healthy.mxtls.test"],
                           capture_output=True, text=True, timeout=120, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "healthy.mxtls.test: OK, no problems found (mx profile)\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
