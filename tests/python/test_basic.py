"""The ctypes binding against the real libmxtls.so.1: loading, version,
errors carrying the status name, options, and struct layouts that agree with
the C library's."""
import ctypes
import os
import sys
import tempfile
import unittest

import mxtls
from mxtls import _lib


class LoadingAndVersion(unittest.TestCase):
    def test_version_matches_the_library(self):
        self.assertEqual(mxtls.version(), _lib.mxtls_version_string().decode())
        number = _lib.mxtls_version()
        major, minor, patch = (int(x) for x in mxtls.version().split("."))
        self.assertEqual(number, (major << 16) | (minor << 8) | patch)

    def test_loads_the_library_named_in_the_environment(self):
        self.assertEqual(os.path.realpath(_lib.lib._name),
                         os.path.realpath(os.environ["MXTLS_LIBRARY"]))

    def test_missing_library_is_a_clear_error(self):
        # issue 18: the import works without the library; the first call
        # that needs it raises LibraryNotFound, an MxtlsError.
        import subprocess
        env = dict(os.environ, MXTLS_LIBRARY="/nonexistent/libmxtls.so.1")
        r = subprocess.run([sys.executable, "-c", "import mxtls; mxtls.version()"], env=env,
                           capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("LibraryNotFound", r.stderr)
        self.assertIn("MXTLS_LIBRARY", r.stderr)


class Errors(unittest.TestCase):
    def test_error_carries_status_name_and_detail(self):
        with mxtls.Context() as ctx:
            with self.assertRaises(mxtls.MxtlsError) as cm:
                ctx.set_timeout_ms(0)
            self.assertEqual(cm.exception.name, "MXTLS_ERANGE")
            self.assertEqual(cm.exception.status, 6)
            self.assertIn("600000", cm.exception.detail)
            with self.assertRaises(mxtls.MxtlsError) as cm:
                ctx.ca_file = "/nonexistent/ca.pem"
            self.assertEqual(cm.exception.name, "MXTLS_ENOENT")
            self.assertIn("/nonexistent/ca.pem", str(cm.exception))

    def test_closed_context_raises_instead_of_crashing(self):
        ctx = mxtls.Context()
        ctx.close()
        ctx.close()
        with self.assertRaises(ValueError):
            ctx.helo_name


class Options(unittest.TestCase):
    def test_properties_round_trip(self):
        with mxtls.Context() as ctx:
            self.assertEqual(ctx.helo_name, "localhost")
            ctx.helo_name = "probe.example.org"
            self.assertEqual(ctx.helo_name, "probe.example.org")
            ctx.timeout_ms = 2500
            self.assertEqual(ctx.get_timeout_ms(mxtls.STAGE_VERIFY), 2500)
            ctx.set_timeout_ms(100, mxtls.STAGE_RESOLVE)
            self.assertEqual(ctx.get_timeout_ms(mxtls.STAGE_RESOLVE), 100)
            ctx.use_forwarder("127.0.0.1@5353")
            self.assertEqual((ctx.resolver_mode, ctx.forwarder), ("forwarder", "127.0.0.1@5353"))
            ctx.use_recursion()
            self.assertEqual(ctx.resolver_mode, "recursive")
            self.assertIsNone(ctx.ca_file)
            ctx.public_only = True
            self.assertTrue(ctx.public_only)

    def test_stage_timeouts_and_keywords(self):
        with mxtls.Context(connect_timeout_ms=1500, starttls_timeout_ms=2500,
                           helo_name="probe.example.org", public_only=True,
                           forwarder="127.0.0.1@5353",
                           stub_zones={"example.test": "127.0.0.2@5300"}) as ctx:
            self.assertEqual((ctx.connect_timeout_ms, ctx.starttls_timeout_ms),
                             (1500, 2500))
            self.assertEqual(ctx.resolve_timeout_ms, 10000)   # untouched default
            ctx.verify_timeout_ms = 700
            self.assertEqual(ctx.get_timeout_ms(mxtls.STAGE_VERIFY), 700)
            self.assertEqual(ctx.helo_name, "probe.example.org")
            self.assertTrue(ctx.public_only)
            self.assertEqual(ctx.address_policy, mxtls.ADDR_PUBLIC_ONLY)
            self.assertEqual((ctx.resolver_mode, ctx.forwarder), ("forwarder", "127.0.0.1@5353"))
        with self.assertRaises(TypeError):
            mxtls.Context(no_such_option=1)
        with self.assertRaises(TypeError):
            mxtls.Context(trust_anchors="example.test. DS 1 13 2 AB")

    def test_wrong_types_raise_type_error(self):
        import pathlib
        with mxtls.Context() as ctx:
            for name, bad in (("helo_name", 42), ("ca_file", 1.5), ("connect_timeout_ms", "9"),
                              ("timeout_ms", True), ("public_only", 1),
                              ("address_policy", "public"), ("forwarder", 5353),
                              ("proxy_ranges_file", ["x"])):
                with self.assertRaises(TypeError, msg=name):
                    setattr(ctx, name, bad)
            with self.assertRaises(TypeError):
                ctx.add_stub_zone("example.test", 53)
            with self.assertRaises(ValueError):
                ctx.helo_name = "a\0b"
            self.assertEqual(ctx.helo_name, "localhost")     # unchanged
            ctx.ca_dir = pathlib.Path(os.path.dirname(os.path.abspath(__file__)))
            self.assertEqual(ctx.ca_dir, os.path.dirname(os.path.abspath(__file__)))

    def test_refused_values_raise_with_the_c_detail(self):
        with mxtls.Context() as ctx:
            for name, bad in (("helo_name", "bad name!"), ("forwarder", "not-an-address"),
                              ("address_policy", 7), ("resolve_timeout_ms", 600001),
                              ("trust_anchor_file", "/nonexistent/root.key")):
                with self.assertRaises(mxtls.MxtlsError, msg=name) as cm:
                    setattr(ctx, name, bad)
                self.assertTrue(cm.exception.detail or name == "address_policy", name)
            with self.assertRaises(mxtls.MxtlsError) as cm:
                ctx.timeout_ms = -1                         # would wrap in uint32
            self.assertEqual(cm.exception.name, "MXTLS_ERANGE")
            with self.assertRaises(mxtls.MxtlsError) as cm:
                ctx.timeout_ms = 2 ** 32 + 5                # would wrap to 5
            self.assertEqual(cm.exception.name, "MXTLS_ERANGE")
            self.assertEqual(ctx.helo_name, "localhost")
            self.assertEqual(ctx.resolve_timeout_ms, 10000)

    def test_public_only_policy_and_proxy_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".ranges", delete=False) as f:
            f.write("127.66.0.0/16 labcdn\n")
        try:
            with mxtls.Context() as ctx:
                ctx.proxy_ranges_file = f.name
                a = ctx.parse_address("127.66.1.2")
                self.assertEqual((a.scope, a.proxy_provider, a.policy_allowed),
                                 ("loopback", "labcdn", True))
                ctx.public_only = True
                self.assertFalse(ctx.parse_address("::ffff:10.1.1.1").policy_allowed)
                self.assertTrue(ctx.parse_address("8.8.8.8").policy_allowed)
                with self.assertRaises(mxtls.MxtlsError) as cm:
                    ctx.parse_address("mail.example.com")
                self.assertEqual(cm.exception.name, "MXTLS_EINVAL")
        finally:
            os.unlink(f.name)


class Layout(unittest.TestCase):
    """The ctypes Structures must match the C structs byte for byte."""

    def test_address_structure_matches_c(self):
        A = _lib.Address
        self.assertEqual(ctypes.sizeof(A), _lib.mxtls_address_struct_size())
        pinned = {"struct_size": 0, "family": 4, "text": 8, "bytes": 16, "scope": 32,
                  "dnssec": 36, "proxy_provider": 40, "policy_allowed": 48}
        for name, offset in pinned.items():
            self.assertEqual(getattr(A, name).offset, offset, name)
        self.assertEqual(ctypes.sizeof(A), 56)

    def test_struct_size_guard(self):
        out = ctypes.POINTER(_lib.Address)()
        with mxtls.Context() as ctx:
            self.assertEqual(_lib.mxtls_address_parse(ctx._ctx, b"192.0.2.1",
                                                      ctypes.byref(out)), 0)
        try:
            self.assertEqual(out.contents.struct_size, ctypes.sizeof(_lib.Address))
            self.assertTrue(_lib.has_member(out, _lib.Address, "policy_allowed"))
            # A library whose struct ended before policy_allowed lacks it:
            out.contents.struct_size = _lib.Address.policy_allowed.offset
            self.assertFalse(_lib.has_member(out, _lib.Address, "policy_allowed"))
        finally:
            _lib.mxtls_address_free(out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
