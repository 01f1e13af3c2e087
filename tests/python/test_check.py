"""Context.check() through the ctypes binding, against the lab's real signed
zones, Postfix, fault servers and HTTPS (with_lab.py --certs --dns --smtp
--https): reports as Python objects, to_dict()/to_json(), the library's own
renderings, errors, and the progress callback."""
import ctypes
import json
import os
import unittest

import mxtls
from mxtls import _lib, diagnose

HAVE_CHECK = not getattr(_lib.mxtls_check_with, "missing", False)


def lab_env(var):
    value = os.environ.get(var)
    if not value:
        raise unittest.SkipTest("%s not set: run under with_lab.py --certs --dns --smtp --https"
                                % var)
    return value


def lab_context():
    """A context configured as the C lab tests configure theirs."""
    zone = lab_env("MXTLS_LAB_DNS_ZONE")
    dns = lab_env("MXTLS_LAB_DNS")
    return mxtls.Context(
        forwarder=dns,
        stub_zones={zone: dns},
        trust_anchor_file=lab_env("MXTLS_LAB_TRUST_ANCHOR"),
        ca_file=os.path.join(lab_env("MXTLS_LAB_CERTS"), "root.pem"),
        proxy_ranges_file=lab_env("MXTLS_LAB_PROXY_RANGES"),
        helo_name="probe.mxtls.test",
        timeout_ms=10000)


def ids(report):
    return [f.id for f in report.findings]


class ProgressWithoutALab(unittest.TestCase):
    """The callback wrapper, called through its real C thunk."""

    def test_lines_reach_the_callable(self):
        seen = []
        p = diagnose._Progress(seen.append)
        p.c_fn(None, b"mx1.example.com [192.0.2.7]:25: STARTTLS")
        p.c_fn(None, "caf\u00e9".encode())
        self.assertEqual(seen, ["mx1.example.com [192.0.2.7]:25: STARTTLS", "caf\u00e9"])
        self.assertIsNone(p.error)

    def test_an_exception_is_kept_not_raised(self):
        calls = []

        def bad(line):
            calls.append(line)
            raise RuntimeError("boom")

        p = diagnose._Progress(bad)
        p.c_fn(None, b"one")      # returns normally: nothing crosses into C
        p.c_fn(None, b"two")      # not called again once it has raised
        self.assertEqual(calls, ["one"])
        self.assertIsInstance(p.error, RuntimeError)


@unittest.skipUnless(HAVE_CHECK, "this libmxtls has no mxtls_check_with")
class Arguments(unittest.TestCase):
    def setUp(self):
        self.ctx = mxtls.Context()

    def tearDown(self):
        self.ctx.close()

    def test_bad_profile_and_types(self):
        with self.assertRaises(ValueError):
            self.ctx.check("example.test", profile="delivery")
        with self.assertRaises(TypeError):
            self.ctx.check("example.test", profile=1)
        with self.assertRaises(TypeError):
            self.ctx.check(b"example.test")
        with self.assertRaises(TypeError):
            self.ctx.check("example.test", port="25")
        with self.assertRaises(TypeError):
            self.ctx.check("example.test", implicit_tls=1)
        with self.assertRaises(TypeError):
            self.ctx.check("example.test", progress="print")

    def test_options_the_library_refuses(self):
        for kwargs, name in (({"port": 70000}, "MXTLS_ERANGE"), ({"family": 5}, "MXTLS_EINVAL")):
            with self.assertRaises(mxtls.MxtlsError, msg=kwargs) as cm:
                self.ctx.check("example.test", **kwargs)
            self.assertEqual(cm.exception.name, name)

    def test_bad_target_is_einval_with_detail(self):
        for bad in ("", "a..b", "x" * 64 + ".test"):
            with self.assertRaises(mxtls.MxtlsError, msg=bad) as cm:
                self.ctx.check(bad)
            self.assertEqual(cm.exception.name, "MXTLS_EINVAL")
            self.assertTrue(cm.exception.detail, bad)


@unittest.skipUnless(HAVE_CHECK, "this libmxtls has no mxtls_check_with")
class ChecksInTheLab(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ctx = lab_context()
        cls.secure = cls.ctx.check("secure.mxtls.test")

    @classmethod
    def tearDownClass(cls):
        cls.ctx.close()

    def test_secure_domain_with_tlsa_that_does_not_match(self):
        r = self.secure
        self.assertIsInstance(r, mxtls.Report)
        self.assertEqual((r.target, r.profile, r.domain), ("secure.mxtls.test", "mx",
                                                           "secure.mxtls.test"))
        self.assertEqual(r.verdict, "error")
        self.assertFalse(r.ok)
        self.assertTrue(r.strict)                   # DNSSEC-secure TLSA
        self.assertTrue(any(i.startswith("dane.") for i in ids(r)), ids(r))
        self.assertTrue(r.summary)
        self.assertGreater(r.elapsed_ms, 0)
        self.assertEqual(r.resolve.a_label, "secure.mxtls.test")
        self.assertEqual([h.name for h in r.resolve.hosts],
                         ["mx1.secure.mxtls.test", "mx2.secure.mxtls.test",
                          "mx3.secure.mxtls.test"])
        primary = [p for p in r.probes if p.purpose == "primary"]
        self.assertTrue(primary)
        for p in primary:
            self.assertEqual((p.port, p.mode), (25, "starttls"))
            self.assertIsNotNone(p.connect)
            host = r.resolve.hosts[p.host_index]
            self.assertEqual(host.name, p.host)
            self.assertEqual(host.addresses[p.address_index].text, p.address)
        handshaken = [p for p in primary if p.tls is not None and p.tls.ok]
        self.assertTrue(handshaken)
        self.assertTrue(all(p.verify is not None for p in handshaken))

    def test_findings_and_their_causes(self):
        r = self.secure
        self.assertTrue(r.root_causes)
        self.assertEqual(r.findings[:len(r.root_causes)], r.root_causes)
        for i, f in enumerate(r.findings):
            self.assertIsInstance(f, mxtls.Finding)
            self.assertIn(f.severity, ("info", "warning", "error"))
            self.assertTrue(f.remedies or f.severity == "info", f.id)
            if f.caused_by is not None:
                self.assertIs(f.cause, r.findings[f.caused_by])
                self.assertIn(f, r.symptoms_of(f.cause))
                self.assertLess(f.caused_by, i)
                self.assertFalse(f.is_root_cause, f.id)
                # The cause is explained by nothing itself. It is a root
                # cause unless it stops no sender, and so is info: the IPv6
                # address of mx1.secure refuses, but every sender goes on to
                # IPv4 (net.family-mismatch).
                self.assertIsNone(f.cause.caused_by, f.id)
                if f.cause.severity == "info":
                    self.assertNotIn(f.cause, r.root_causes)
                else:
                    self.assertIn(f.cause, r.root_causes)
        self.assertIn(("net.family-mismatch", "info", "net.refused"),
                      [(f.cause.id, f.cause.severity, f.id) for f in r.findings if f.cause])

    def test_to_json_round_trips(self):
        r = self.secure
        d = r.to_dict()
        self.assertEqual(json.loads(r.to_json()), d)
        self.assertEqual(json.loads(r.to_json(indent=2)), d)
        self.assertEqual(d["verdict"], "error")
        self.assertEqual(d["findings"][0]["id"], r.findings[0].id)
        self.assertEqual(len(d["probes"]), len(r.probes))
        # issue 18: to_dict() is the JSON document (dns, not resolve)
        self.assertEqual(d, json.loads(r.json()))
        self.assertEqual(d["dns"]["a_label"], "secure.mxtls.test")

    def test_library_renderings(self):
        r = self.secure
        doc = json.loads(r.json())
        self.assertEqual(doc["schema"], "mxtls-report/1")
        json.loads(r.json(transcript=True))
        self.assertIn(r.summary, r.text())
        self.assertGreater(len(r.text(transcript=True)), len(r.text()))
        self.assertEqual(str(r), r.text())

    def test_raw_report_and_struct_size_guard(self):
        out = ctypes.POINTER(_lib.Report)()
        self.assertEqual(_lib.mxtls_check_with(self.ctx._ctx, b"cdn.mxtls.test", 1, None,
                                               ctypes.byref(out)), 0)
        try:
            r = out.contents
            self.assertEqual(r.struct_size, ctypes.sizeof(_lib.Report))
            self.assertEqual(r.probes[0].contents.struct_size, ctypes.sizeof(_lib.Probe))
            self.assertEqual(r.findings[0].contents.struct_size, ctypes.sizeof(_lib.Finding))
            whole = mxtls.Report.from_c(out)
            self.assertEqual(whole.findings[0].id, "dns.mx-non-ldh")
            self.assertEqual([p.purpose for p in whole.probes], ["primary", "no-sni", "ldh-sni"])
            self.assertEqual(r.n_root_causes, len(whole.root_causes))
            # A library whose report ended before `summary` lacks it and
            # elapsed_ms: the binding reads neither.
            r.struct_size = _lib.Report.summary.offset
            old = mxtls.Report.from_c(out)
            self.assertIsNone(old.summary)
            self.assertIsNone(old.elapsed_ms)
            self.assertEqual(old.verdict, whole.verdict)
            r.struct_size = ctypes.sizeof(_lib.Report)
        finally:
            _lib.mxtls_report_free(out)

    def test_null_mx(self):
        r = self.ctx.check("nullmx.mxtls.test")
        self.assertIn("dns.null-mx", ids(r))
        self.assertTrue(r.resolve.null_mx)
        self.assertEqual(r.probes, [])

    def test_nonexistent_domain(self):
        r = self.ctx.check("no-such-name.mxtls.test")
        self.assertIn("dns.nxdomain", ids(r))
        self.assertEqual(r.verdict, "error")
        self.assertEqual(r.resolve.outcome, "NXDOMAIN")

    def test_submission_to_postfix(self):
        lines = []
        addr = lab_env("MXTLS_LAB_POSTFIX")
        r = self.ctx.check(addr, profile="submission", progress=lines.append)
        self.assertEqual((r.profile, r.target), ("submission", addr))
        # diagnose.h says resolve is NULL for an address target; the first
        # mxtls_check gives resolve_host()'s one-host result instead. Either
        # way it must not name another address.
        if r.resolve is not None:
            self.assertEqual([a.text for h in r.resolve.hosts for a in h.addresses], [addr])
        ports = {p.port for p in r.probes if p.purpose == "primary"}
        self.assertTrue(ports & {587, 465}, ports)
        good = [p for p in r.probes if p.tls is not None and p.tls.ok]
        self.assertTrue(good)
        self.assertTrue(all(p.tls.version_name in ("TLS1.2", "TLS1.3") for p in good))
        self.assertEqual(json.loads(r.to_json()), r.to_dict())
        # The progress callback saw the check as it went.
        self.assertTrue(lines)
        self.assertTrue(all(isinstance(line, str) and line for line in lines))
        self.assertTrue(any(addr in line for line in lines), lines)

    def test_one_port_and_implicit_tls(self):
        addr = lab_env("MXTLS_LAB_POSTFIX")
        r = self.ctx.check(addr, profile="submission", port=465, implicit_tls=True)
        primary = [p for p in r.probes if p.purpose == "primary"]
        self.assertTrue(primary)
        self.assertEqual({(p.port, p.mode) for p in primary}, {(465, "implicit-tls")})

    def test_raising_callback_reraises_after_the_call(self):
        class Stop(Exception):
            pass

        calls = []

        def progress(line):
            calls.append(line)
            raise Stop(line)

        with self.assertRaises(Stop):
            self.ctx.check("nullmx.mxtls.test", progress=progress)
        self.assertEqual(len(calls), 1)
        # The context is fine afterwards.
        self.assertIn("dns.null-mx", ids(self.ctx.check("nullmx.mxtls.test")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
