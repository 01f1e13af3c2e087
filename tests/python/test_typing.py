"""mypy --strict over the Python package (issue 18: typed throughout, with a
py.typed marker), and over a small program that uses it as a user would:
the types it sees are the ones the docstrings promise. Debian's mypy."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, "python"))

USER = '''
import asyncio
from typing import List, Optional
import mxtls

def causes(ctx: mxtls.Context, domain: str) -> List[str]:
    report: mxtls.Report = ctx.check(domain)
    ok: bool = report.ok
    elapsed: Optional[float] = report.elapsed
    return [f.id or "" for f in report.root_causes if f.severity >= mxtls.Severity.WARNING]

async def one(domain: str) -> mxtls.Report:
    return await mxtls.check(domain)

def timeouts(ctx: mxtls.Context) -> float:
    ctx.timeout = 2.5
    return ctx.timeout

try:
    mxtls.version()
except mxtls.LibraryNotFound as e:
    status: Optional[int] = e.status
'''

MISTAKE = '''
import mxtls
x: int = mxtls.version()
'''


def mypy():
    path = shutil.which("mypy", path="/usr/bin") or shutil.which("mypy")
    if path is None:
        raise unittest.SkipTest("mypy is not installed (Debian package mypy; scripts/setup)")
    return path


class Strict(unittest.TestCase):
    def run_mypy(self, *args):
        with tempfile.TemporaryDirectory() as cache:
            return subprocess.run([mypy(), "--strict", "--cache-dir", cache,
                                   "--no-error-summary"] + list(args),
                                  capture_output=True, text=True, timeout=300, cwd=PYTHON_DIR,
                                  env=dict(os.environ, MYPYPATH=PYTHON_DIR))

    def test_package_is_strict_clean(self):
        self.assertTrue(os.path.exists(os.path.join(PYTHON_DIR, "mxtls", "py.typed")))
        r = self.run_mypy("-p", "mxtls")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_a_user_program_type_checks_and_a_mistake_does_not(self):
        with tempfile.TemporaryDirectory() as tmp:
            good = os.path.join(tmp, "user.py")
            bad = os.path.join(tmp, "mistake.py")
            with open(good, "w") as f:
                f.write(USER)
            with open(bad, "w") as f:
                f.write(MISTAKE)
            r = self.run_mypy(good)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = self.run_mypy(bad)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("Incompatible types in assignment", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
