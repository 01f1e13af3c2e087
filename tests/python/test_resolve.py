"""The resolve stage through ctypes, against the lab's signed zones
(with_lab.py --dns): results read in Python, struct_size honoured, and the
ctypes Structures agreeing with the C layout."""
import ctypes
import os
import socket
import subprocess
import sys
import unittest

import mxtls
from mxtls import _lib

LAB_ZONE = os.environ.get("MXTLS_LAB_DNS_ZONE")


def lab_context(dns=None):
    ctx = mxtls.Context()
    ctx.add_stub_zone(LAB_ZONE, dns or os.environ["MXTLS_LAB_DNS"])
    ctx.trust_anchor_file = os.environ["MXTLS_LAB_TRUST_ANCHOR"]
    ctx.proxy_ranges_file = os.environ["MXTLS_LAB_PROXY_RANGES"]
    ctx.set_timeout_ms(5000, mxtls.STAGE_RESOLVE)
    return ctx


@unittest.skipUnless(LAB_ZONE, "needs the lab DNS (run under with_lab.py --dns)")
class ResolveThroughCtypes(unittest.TestCase):
    def setUp(self):
        self.ctx = lab_context()

    def tearDown(self):
        self.ctx.close()

    def test_raw_result_struct_size(self):
        out = ctypes.POINTER(_lib.ResolveResult)()
        self.assertEqual(_lib.mxtls_resolve_mx(self.ctx._ctx, b"secure.mxtls.test",
                                               ctypes.byref(out)), 0)
        try:
            r = out.contents
            self.assertEqual(r.struct_size, ctypes.sizeof(_lib.ResolveResult))
            self.assertTrue(_lib.has_member(out, _lib.ResolveResult, "detail"))
            self.assertEqual(r.n_hosts, 3)
            host = r.hosts[0].contents
            self.assertEqual(host.struct_size, ctypes.sizeof(_lib.MxHost))
            self.assertEqual(host.name, b"mx1.secure.mxtls.test")
            self.assertEqual(host.tlsa[0].contents.struct_size, ctypes.sizeof(_lib.Tlsa))
            self.assertEqual(host.addresses[0].contents.struct_size,
                             ctypes.sizeof(_lib.Address))
            self.assertEqual(r.mx.contents.struct_size, ctypes.sizeof(_lib.DnsLookup))
            # A library whose result ended before `detail` would lack it.
            r.struct_size = _lib.ResolveResult.detail.offset
            self.assertFalse(_lib.has_member(out, _lib.ResolveResult, "detail"))
            r.struct_size = ctypes.sizeof(_lib.ResolveResult)
        finally:
            _lib.mxtls_resolve_result_free(out)

    def test_resolver_health(self):
        # The lab's nsd carries DNSSEC; its unsigned twin strips it, and then
        # nothing is bogus, only indeterminate (issue 15).
        r = self.ctx.resolve_mx("bogus.mxtls.test")
        self.assertEqual((r.resolver_health, r.dnssec), ("dnssec", "bogus"))
        self.assertIn("validated", r.resolver_detail)
        stripping = mxtls.Context()
        try:
            stripping.add_stub_zone(LAB_ZONE, os.environ["MXTLS_LAB_DNS_NODNSSEC"])
            stripping.trust_anchor_file = os.environ["MXTLS_LAB_TRUST_ANCHOR"]
            stripping.root_hints_file = os.environ["MXTLS_LAB_ROOT_HINTS_BLOCKED"]
            r = stripping.resolve_mx("bogus.mxtls.test")
            self.assertEqual((r.outcome, r.dnssec), ("NOERROR", "indeterminate"))
            self.assertEqual(r.resolver_health, "no-dnssec")
            self.assertIn("no DNSKEY rrset", r.resolver_detail)
            self.assertEqual(r.hosts[0].addresses[0].dnssec, "indeterminate")
            self.assertEqual((r.resolver_validates, r.recursion), (False, "blocked"))
        finally:
            stripping.close()

    def test_secure_domain(self):
        r = self.ctx.resolve_mx("secure.mxtls.test")
        self.assertEqual((r.outcome, r.dnssec), ("NOERROR", "secure"))
        self.assertEqual([h.preference for h in r.hosts], [10, 20, 30])
        self.assertEqual(r.hosts[0].addresses[0].text, os.environ["MXTLS_LAB_ADDR_MX1_SECURE"])
        self.assertEqual(r.hosts[0].addresses[1].text, "::1")
        t = r.hosts[0].tlsa[0]
        self.assertEqual((t.usage, t.selector, t.matching_type, len(t.data), t.dnssec),
                         (3, 1, 1, 32, "secure"))
        self.assertTrue(r.mta_sts.valid)
        self.assertEqual(r.tlsrpt.rua[0], "mailto:tlsrpt@mxtls.test")
        self.assertEqual(r.n_queries, 13)  # and the anchor's DNSKEY, once per context

    def test_a_newer_librarys_dns_transport_reads_by_number(self):
        # A library newer than this binding may report a transport the
        # binding has no name for: reading the setting must not fail.
        from mxtls import _context
        real = _context._lib.mxtls_ctx_get_dns_transport
        try:
            _context._lib.mxtls_ctx_get_dns_transport = lambda handle: 2
            self.assertEqual(self.ctx.dns_transport, "transport-2")
            _context._lib.mxtls_ctx_get_dns_transport = lambda handle: 1
            self.assertEqual(self.ctx.dns_transport, "tcp")
        finally:
            _context._lib.mxtls_ctx_get_dns_transport = real
        self.assertEqual(self.ctx.dns_transport, "udp")

    def test_dns_over_tcp_reaches_a_tcp_only_server(self):
        # TCP-only paths to the lab's nsd and to its DNSSEC-stripping twin
        # (the latency proxy with no delay and no UDP listener): "tcp"
        # resolves through them, and the probes that examine a resolver
        # that strips DNSSEC ask over TCP too; "udp" gets nothing.
        self.assertEqual(self.ctx.dns_transport, "udp")
        with self.assertRaises(ValueError):
            self.ctx.dns_transport = "TCP "
        with self.assertRaises(TypeError):
            self.ctx.dns_transport = 1
        ports = []
        for _ in range(2):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                ports.append(s.getsockname()[1])
        argv = [sys.executable, os.path.join(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))), "fixtures", "latency_proxy.py"), "--delay-ms", "0"]
        for port, var in zip(ports, ("MXTLS_LAB_DNS", "MXTLS_LAB_DNS_NODNSSEC")):
            argv += ["--tcp", "127.0.0.1:%d=%s" % (port, os.environ[var].replace("@", ":"))]
        proxy = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 text=True)
        try:
            self.assertEqual(proxy.stdout.readline().strip(), "ready")
            for transport in ("tcp", "udp"):
                ctx = lab_context("127.0.0.1@%d" % ports[0])
                stripping = lab_context("127.0.0.1@%d" % ports[1])
                try:
                    for c in (ctx, stripping):
                        c.dns_transport = transport
                        self.assertEqual(c.dns_transport, transport)
                        c.root_hints_file = os.environ["MXTLS_LAB_ROOT_HINTS_BLOCKED"]
                        c.set_timeout_ms(3000 if transport == "tcp" else 1000,
                                         mxtls.STAGE_RESOLVE)
                    r = ctx.resolve_mx("secure.mxtls.test")
                    s = stripping.resolve_mx("bogus.mxtls.test")
                    if transport == "tcp":
                        self.assertEqual((r.outcome, r.dnssec, len(r.hosts)),
                                         ("NOERROR", "secure", 3))
                        self.assertEqual((s.outcome, s.resolver_health, s.resolver_validates),
                                         ("NOERROR", "no-dnssec", False))
                        self.assertIn("does not validate (no AD bit)", s.resolver_detail)
                    else:
                        self.assertEqual((r.outcome, len(r.hosts)), ("TIMEOUT", 0))
                        self.assertEqual((s.outcome, len(s.hosts)), ("TIMEOUT", 0))
                finally:
                    ctx.close()
                    stripping.close()
        finally:
            proxy.kill()
            proxy.wait(timeout=10)
            proxy.stdout.close()

    def test_findings_as_python_values(self):
        self.assertEqual(self.ctx.resolve_mx("bogus.mxtls.test").dnssec, "bogus")
        self.assertIn("cdn-origin", self.ctx.resolve_mx("cdn.mxtls.test").hosts[0].flags)
        r = self.ctx.resolve_mx("proxied.mxtls.test")
        self.assertEqual(r.hosts[0].addresses[0].proxy_provider, "labcdn")
        self.assertTrue(self.ctx.resolve_mx("nullmx.mxtls.test").null_mx)
        r = self.ctx.resolve_mx("b\u00fccher.mxtls.test")
        self.assertEqual(r.a_label, "xn--bcher-kva.mxtls.test")
        r = self.ctx.resolve_host("mail.submit.mxtls.test", 587)
        self.assertEqual(r.hosts[0].tlsa_name, "_587._tcp.mail.submit.mxtls.test")

    def test_bad_input_raises_einval(self):
        for bad in ("", "a..b", "192.0.2.1", "x" * 64 + ".test"):
            with self.assertRaises(mxtls.MxtlsError) as cm:
                self.ctx.resolve_mx(bad)
            self.assertEqual(cm.exception.name, "MXTLS_EINVAL")
            self.assertTrue(cm.exception.detail)


class ResolveLayout(unittest.TestCase):
    """Sizes and offsets agree with the C library (LP64 pins as in test-abi-layout.c)."""

    def test_sizes_match_the_library(self):
        for which, cls in _lib.RESOLVE_STRUCTS.items():
            self.assertEqual(ctypes.sizeof(cls), _lib.mxtls_resolve_struct_size(which),
                             cls.__name__)

    def test_pinned_offsets(self):
        R = _lib.ResolveResult
        for name, offset in {"query": 8, "port": 24, "mx": 40, "n_hosts": 56, "hosts": 64,
                             "mta_sts": 72, "limits_hit": 88, "elapsed_ms": 96,
                             "detail": 104}.items():
            self.assertEqual(getattr(R, name).offset, offset, name)
        H = _lib.MxHost
        for name, offset in {"preference": 16, "flags": 20, "addresses": 40,
                             "tlsa_lookup": 88}.items():
            self.assertEqual(getattr(H, name).offset, offset, name)
        self.assertEqual(_lib.Tlsa.data_len.offset, 8)
        self.assertEqual(_lib.DnsLookup.elapsed_ms.offset, 56)


if __name__ == "__main__":
    unittest.main(verbosity=2)
