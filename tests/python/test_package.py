"""The Python package as a Python user meets it (issue 18), without a lab:
pip installs it offline from pyproject.toml with Debian's setuptools, it
imports without the library and fails on first use with a clear MxtlsError,
its exceptions, enums and dataclasses, its docstrings render in pydoc, and
`python3 -m mxtls` runs."""
import ctypes
import dataclasses
import os
import pydoc
import shutil
import subprocess
import sys
import tempfile
import unittest

import mxtls
from mxtls import _lib, errors

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.join(HERE, os.pardir, os.pardir, "python")
SYSTEM_PYTHON = "/usr/bin/python3"


def child_env(**changes):
    # A sanitized build's LD_PRELOAD and ASAN_OPTIONS stay: the child
    # python3 loads the same instrumented library.
    env = dict(os.environ)
    for k, v in changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


class PipInstall(unittest.TestCase):
    def test_pip_installs_offline_and_finds_the_library(self):
        with tempfile.TemporaryDirectory() as tmp:
            # A copy: pip builds in the source tree it is given.
            src = os.path.join(tmp, "src")
            shutil.copytree(PYTHON_DIR, src, ignore=shutil.ignore_patterns(
                "__pycache__", "build", "*.egg-info", ".mypy_cache"))
            target = os.path.join(tmp, "site")
            r = subprocess.run([SYSTEM_PYTHON, "-m", "pip", "install", "--no-build-isolation",
                                "--no-index", "--no-deps", "--quiet", "--target", target, src],
                               capture_output=True, text=True, timeout=120,
                               env=child_env(PIP_DISABLE_PIP_VERSION_CHECK="1"))
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            for name in ("__init__.py", "py.typed", "__main__.py"):
                self.assertTrue(os.path.exists(os.path.join(target, "mxtls", name)), name)
            code = ("import mxtls, sys; print(mxtls.__file__); print(mxtls.version()); "
                    "print(mxtls.__version__)")
            r = subprocess.run([SYSTEM_PYTHON, "-c", code], capture_output=True, text=True,
                               cwd=tmp, timeout=60,
                               env=child_env(PYTHONPATH=target,
                                             MXTLS_LIBRARY=os.environ["MXTLS_LIBRARY"]))
            self.assertEqual(r.returncode, 0, r.stderr)
            where, lib_version, py_version = r.stdout.split()
            self.assertTrue(where.startswith(target), where)
            self.assertEqual(lib_version, mxtls.version())
            self.assertEqual(py_version, mxtls.version())


class LazyImport(unittest.TestCase):
    """import mxtls with no library findable succeeds; the first use raises."""

    def run_without_library(self, code):
        env = child_env(MXTLS_LIBRARY="/nonexistent/libmxtls.so.1")
        return subprocess.run([SYSTEM_PYTHON, "-c", code], capture_output=True, text=True,
                              env=env, timeout=60)

    def test_import_works_and_first_use_raises(self):
        code = """
import mxtls, pydoc
assert mxtls.__version__
pydoc.render_doc(mxtls.Report)                 # docs build without the library
for call in (mxtls.version, mxtls.Context, lambda: mxtls.explain("x")):
    try:
        call()
    except mxtls.LibraryNotFound as e:
        assert isinstance(e, mxtls.MxtlsError) and isinstance(e, OSError), type(e)
        assert "MXTLS_LIBRARY" in str(e), e
        print("raised", e.name)
    else:
        raise SystemExit("no error")
"""
        r = self.run_without_library(code)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split("\n")[:3], ["raised LibraryNotFound"] * 3)

    def test_module_main_without_library_exits_3(self):
        r = self.run_without_library("import runpy, sys; sys.argv=['mxtls', 'example.test'];"
                                     "runpy.run_module('mxtls', run_name='__main__')")
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("LibraryNotFound", r.stderr)


class Exceptions(unittest.TestCase):
    def test_status_table_matches_the_library(self):
        for status, (name, text) in errors.STATUS_NAMES.items():
            self.assertEqual(_lib.mxtls_status_name(status).decode(), name)
            self.assertEqual(_lib.mxtls_strerror(status).decode(), text)
        self.assertEqual(_lib.mxtls_status_name(len(errors.STATUS_NAMES)).decode(),
                         "MXTLS_UNKNOWN")

    def test_one_class_per_family(self):
        families = {1: mxtls.UsageError, 3: mxtls.UsageError, 6: mxtls.UsageError,
                    8: mxtls.UsageError, 7: mxtls.PolicyError, 9: mxtls.ResolutionError,
                    10: mxtls.TlsError, 11: mxtls.ConnectionFailure, 2: mxtls.InternalError}
        for status, cls in families.items():
            e = mxtls.error_for(status, "why")
            self.assertIs(type(e), cls)
            self.assertIsInstance(e, mxtls.MxtlsError)
            self.assertEqual((e.status, e.detail), (status, "why"))
        self.assertIsInstance(mxtls.error_for(1), ValueError)

    def test_library_errors_raise_their_family(self):
        with mxtls.Context() as ctx:
            with self.assertRaises(mxtls.UsageError) as cm:
                ctx.timeout = 0.0
            self.assertEqual(cm.exception.name, "MXTLS_ERANGE")
            with self.assertRaises(mxtls.UsageError):
                ctx.ca_file = "/nonexistent/ca.pem"
            with self.assertRaises(mxtls.UsageError) as cm:
                ctx.check("a..b")
            self.assertEqual(cm.exception.name, "MXTLS_EINVAL")
            ctx.public_only = True
            with self.assertRaises(mxtls.PolicyError):
                ctx.connect("127.0.0.1", 25)


class TypesAndTimes(unittest.TestCase):
    def test_timeouts_are_float_seconds(self):
        with mxtls.Context(timeout=2.5, check_timeout=30) as ctx:
            self.assertEqual(ctx.timeout, 2.5)
            self.assertIsInstance(ctx.timeout, float)
            self.assertEqual(ctx.connect_timeout_ms, 2500)   # the earlier name
            self.assertEqual(ctx.check_timeout, 30.0)
            ctx.resolve_timeout = 0.25
            self.assertEqual(ctx.get_timeout(mxtls.STAGE_RESOLVE), 0.25)
            with self.assertRaises(TypeError):
                ctx.timeout = "5"

    def test_enums_are_their_names(self):
        self.assertEqual(mxtls.Verdict.ERROR, "error")
        self.assertEqual(f"{mxtls.Severity.WARNING}", "warning")
        self.assertEqual(str(mxtls.Profile.SUBMISSION), "submission")
        self.assertLess(mxtls.Severity.INFO, mxtls.Severity.ERROR)
        self.assertEqual(mxtls.Status.EPOLICY.code, 7)
        self.assertIs(mxtls.Status.of(1), mxtls.Status.EINVAL)
        self.assertEqual(mxtls.Verdict.parse("newer"), "newer")   # kept, not lost

    def test_results_are_dataclasses(self):
        for cls in (mxtls.Report, mxtls.Finding, mxtls.Probe, mxtls.Prediction,
                    mxtls.Explanation, mxtls.ResolveResult, mxtls.MxHost, mxtls.Address,
                    mxtls.ConnectResult, mxtls.TlsResult, mxtls.Sender,
                    mxtls.verify.Verdict, mxtls.verify.Cert, mxtls.verify.StsPolicy):
            self.assertTrue(dataclasses.is_dataclass(cls), cls)
        e = mxtls.explain("TLS Negotiation failed ... SSL alert number 47")
        self.assertIsInstance(e.likely_causes[0].severity, mxtls.Severity)
        with mxtls.Context() as ctx:
            a = ctx.parse_address("104.16.1.1")
        self.assertEqual(a.proxy_provider, "cloudflare")
        self.assertEqual(dataclasses.asdict(a)["text"], "104.16.1.1")


class Docs(unittest.TestCase):
    def test_pydoc_renders_every_public_name(self):
        text = pydoc.render_doc(mxtls, renderer=pydoc.plaintext)
        self.assertIn("find out why a mail server fails TLS", text)
        for name in mxtls.__all__:
            obj = getattr(mxtls, name)
            if callable(obj) and not isinstance(obj, int):
                self.assertTrue(obj.__doc__, name)
                pydoc.render_doc(obj, renderer=pydoc.plaintext)
        for method in (mxtls.Context.check, mxtls.Report.to_dict, mxtls.check):
            self.assertIn("Returns" if method is not mxtls.Report.to_dict else "JSON",
                          pydoc.render_doc(method, renderer=pydoc.plaintext))


class ModuleMain(unittest.TestCase):
    def run_main(self, *args):
        return subprocess.run([SYSTEM_PYTHON, "-m", "mxtls"] + list(args), capture_output=True,
                              text=True, timeout=60, env=child_env())

    def test_help_and_explain(self):
        r = self.run_main("--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("--submission", r.stdout)
        r = self.run_main("--explain", "SSL alert number 47")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("alert 47", r.stdout)
        r = self.run_main("a..b")
        self.assertEqual(r.returncode, 2)
        self.assertIn("a..b", r.stderr)
        r = self.run_main()
        self.assertEqual(r.returncode, 2)


class StructSizes(unittest.TestCase):
    def test_ctypes_report_matches(self):
        self.assertEqual(ctypes.sizeof(_lib.Report), _lib.mxtls_diagnose_struct_size(0))


if __name__ == "__main__":
    unittest.main(verbosity=2)
