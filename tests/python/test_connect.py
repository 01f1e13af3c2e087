"""Connect and STARTTLS through the ctypes binding, against the lab's real
Postfix (and one fault server), plus ctypes layouts that agree with the C
pins in tests/test-abi-layout.c. Run under with_lab.py --certs --smtp."""
import ctypes
import os
import re
import unittest

import mxtls
from mxtls import _lib

HERE = os.path.dirname(os.path.abspath(__file__))


def split_hostport(value):
    host, _, port = value.rpartition(":")
    return host.strip("[]"), int(port)


def lab(var):
    value = os.environ.get(var)
    if not value:
        raise unittest.SkipTest("%s not set: run under with_lab.py --certs --smtp" % var)
    return split_hostport(value)


class Layouts(unittest.TestCase):
    """One source of truth: the PIN_OFFSET lines of the C layout test."""

    def test_ctypes_structures_match_the_c_pins(self):
        with open(os.path.join(HERE, "..", "test-abi-layout.c")) as f:
            text = f.read()
        classes = {"mxtls_capabilities": _lib.Capabilities,
                   "mxtls_connect_result": _lib.ConnectResult,
                   "mxtls_tls_result": _lib.TlsResult}
        seen = 0
        for ctype, member, offset in re.findall(
                r"PIN_OFFSET\((\w+), (\w+), (\d+)\)", text):
            if ctype in classes:
                self.assertEqual(getattr(classes[ctype], member).offset, int(offset),
                                 "%s.%s" % (ctype, member))
                seen += 1
        for ctype, size in re.findall(r"sizeof\((\w+)\), (\d+)\)", text):
            if ctype in classes:
                self.assertEqual(ctypes.sizeof(classes[ctype]), int(size), ctype)
        self.assertGreater(seen, 70)
        self.assertEqual(_lib.mxtls_connect_result_struct_size(),
                         ctypes.sizeof(_lib.ConnectResult))
        self.assertEqual(_lib.mxtls_tls_result_struct_size(), ctypes.sizeof(_lib.TlsResult))
        self.assertEqual(_lib.mxtls_capabilities_struct_size(),
                         ctypes.sizeof(_lib.Capabilities))
        # Every ctypes field is pinned in C, so neither side can drift alone.
        pinned = set(re.findall(r"PIN_OFFSET\((mxtls_\w+), (\w+),", text))
        for ctype, cls in classes.items():
            for name, _ in cls._fields_:
                self.assertIn((ctype, name), pinned)

    def test_limits(self):
        self.assertEqual(_lib.mxtls_first_bytes_max(), 64)
        self.assertEqual(_lib.mxtls_reply_lines_max(), 64)
        self.assertEqual(mxtls.alert_name(47), "illegal_parameter")


class Postfix(unittest.TestCase):
    def setUp(self):
        self.ctx = mxtls.Context()
        self.ctx.set_timeout_ms(5000)
        self.ctx.helo_name = "probe.mxtls.test"

    def tearDown(self):
        self.ctx.close()

    def check_tls(self, tls):
        self.assertTrue(tls.ok, tls.detail)
        self.assertIn(tls.version_name, ("TLS1.2", "TLS1.3"))
        self.assertTrue(tls.cipher_suite)
        self.assertTrue(tls.group)
        self.assertEqual(len(tls.peer_certs), 2)
        self.assertEqual(tls.peer_certs[0][0], 0x30)
        self.assertIsNone(tls.alert_received_name)
        self.assertFalse(tls.caps.starttls)
        self.assertEqual(tls.ehlo_code, 250)

    def test_port_25_starttls(self):
        host, port = lab("MXTLS_LAB_POSTFIX_SMTP")
        with self.ctx.connect(host, port, server_name="mail.mxtls.test") as s:
            r = s.result
            self.assertTrue(r.ok, r.detail)
            self.assertEqual(r.banner_code, 220)
            self.assertIn("ESMTP", r.banner)
            self.assertTrue(r.caps.starttls)
            self.assertEqual(r.ehlo_lines[0], "mail.mxtls.test")
            self.assertEqual(r.caps.size_limit, 10240000)
            tls = s.starttls()
            self.check_tls(tls)
            self.assertEqual(tls.starttls_code, 220)
            self.assertEqual(tls.sni, "mail.mxtls.test")

    def test_port_587_tls12_no_sni(self):
        host, port = lab("MXTLS_LAB_POSTFIX_SUBMISSION")
        with self.ctx.connect(host, port, server_name="smtp.mxtls.test") as s:
            tls = s.starttls(sni=None, versions=(mxtls.TLS_1_2, mxtls.TLS_1_2))
            self.check_tls(tls)
            self.assertEqual(tls.version, mxtls.TLS_1_2)
            self.assertIsNone(tls.sni)

    def test_port_465_implicit_over_ipv6(self):
        host, port = lab("MXTLS_LAB_POSTFIX6_SMTPS")
        with self.ctx.connect(host, port, mode=mxtls.MODE_IMPLICIT_TLS) as s:
            self.assertTrue(s.result.ok, s.result.detail)
            tls = s.starttls()
            self.check_tls(tls)
            self.assertEqual(tls.banner_code, 220)

    def test_underscore_sni_gets_alert_47(self):
        host, port = lab("MXTLS_LAB_FAULT_SNI_UNDERSCORE")
        with self.ctx.connect(host, port) as s:
            tls = s.starttls(sni="_dc-mx.0123abcd.mxtls.test")
            self.assertEqual(tls.failure, "handshake-failed")
            self.assertEqual(tls.failure_phase, "handshake")
            self.assertEqual(tls.alert_received, 47)
            self.assertEqual(tls.alert_received_name, "illegal_parameter")

    def test_http_on_port_25_is_not_smtp(self):
        host, port = lab("MXTLS_LAB_FAULT_HTTP_400")
        with self.ctx.connect(host, port) as s:
            self.assertFalse(s.open)
            self.assertEqual(s.result.failure, "not-smtp")
            self.assertEqual(s.result.seen, "http")
            self.assertTrue(s.result.first_bytes.startswith(b"HTTP/1.1 400"))
            with self.assertRaises(mxtls.MxtlsError):
                s.starttls()

    def test_policy_refuses_loopback(self):
        host, port = lab("MXTLS_LAB_POSTFIX_SMTP")
        self.ctx.public_only = True
        with self.assertRaises(mxtls.MxtlsError) as cm:
            self.ctx.connect(host, port)
        self.assertEqual(cm.exception.name, "MXTLS_EPOLICY")

    def test_bad_parameters_raise(self):
        host, port = lab("MXTLS_LAB_POSTFIX_SMTP")
        with self.ctx.connect(host, port) as s:
            with self.assertRaises(mxtls.MxtlsError) as cm:
                s.starttls(priority="NORMAL:+BOGUS")
            self.assertEqual(cm.exception.name, "MXTLS_EINVAL")


if __name__ == "__main__":
    unittest.main(verbosity=2)
