"""mxtls-check's output conveniences (issue 18): -o FILE, --quiet,
--progress, --color and NO_COLOR, --format csv (also in --batch), the
mxtls-error/1 schema, and root_causes counting only real causes. The CLI as
a user runs it ($MXTLS_CHECK_BIN), against the lab (with_lab.py --certs
--dns --smtp --https)."""
import csv
import io
import json
import os
import pty
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import validate_report  # noqa: E402  (tests/validate_report.py)

from test_cli import binary, child_env, lab_options, run  # noqa: E402

ERROR_SCHEMA = validate_report.load_schema(validate_report.ERROR_SCHEMA)
REPORT_SCHEMA = validate_report.load_schema()
ESC = "\033["


def run_on_terminal(args, env=None, stdin=None):
    """Run with stdout and stderr on one pseudo-terminal; what it showed."""
    master, slave = pty.openpty()
    try:
        p = subprocess.run([binary()] + args, stdout=slave, stderr=slave, stdin=stdin,
                           timeout=120, env=env or child_env())
        os.close(slave)
        slave = None
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        return p.returncode, shown.decode("utf-8", "replace")
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)


class Output(unittest.TestCase):
    def test_output_file_and_quiet(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "out.txt")
            r = run(*lab_options(), "-o", path, "--quiet", "cdn.mxtls.test",
                    "healthy.mxtls.test")
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(r.stdout, "")
            with open(path) as f:
                self.assertEqual(f.read(), "cdn.mxtls.test: ERROR, 1 problem found (mx profile)\n"
                                 "healthy.mxtls.test: OK, no problems found (mx profile)\n")
            r = run(*lab_options(), "--output", path, "--json", "healthy.mxtls.test")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(path) as f:
                self.assertEqual(validate_report.validate(json.load(f), REPORT_SCHEMA), [])
        r = run(*lab_options(), "-o", "/nonexistent/dir/out", "healthy.mxtls.test")
        self.assertEqual(r.returncode, 2)
        self.assertIn("/nonexistent/dir/out", r.stderr)

    def test_quiet_and_format_refuse_what_they_cannot_mean(self):
        for args in (["--quiet", "--json"], ["--format", "xml"], ["--color", "sometimes"],
                     ["--progress", "yes"], ["--format", "csv", "--explain", "x"]):
            r = run(*args, "healthy.mxtls.test")
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, "", args)

    def test_color_always_never_and_no_color(self):
        r = run(*lab_options(), "--color=always", "cdn.mxtls.test")
        self.assertIn("cdn.mxtls.test: " + ESC + "1;31mERROR" + ESC + "0m, 1 problem", r.stdout)
        self.assertIn("Problem 1 of 1 [" + ESC + "1;31merror" + ESC + "0m]", r.stdout)
        plain = run(*lab_options(), "--color=never", "cdn.mxtls.test")
        self.assertNotIn(ESC, plain.stdout)
        # auto: on a terminal, colour, unless NO_COLOR says no
        rc, shown = run_on_terminal(lab_options() + ["--progress=never", "cdn.mxtls.test"])
        self.assertEqual(rc, 1)
        self.assertIn(ESC + "1;31mERROR", shown)
        rc, shown = run_on_terminal(lab_options() + ["--progress=never", "cdn.mxtls.test"],
                                    env=dict(child_env(), NO_COLOR="1"))
        self.assertNotIn(ESC, shown)
        # auto to a pipe: none
        self.assertNotIn(ESC, run(*lab_options(), "cdn.mxtls.test").stdout)

    def test_progress_never_and_always(self):
        rc, shown = run_on_terminal(lab_options() + ["--progress=never", "--color=never",
                                                     "healthy.mxtls.test"])
        self.assertEqual(rc, 0)
        self.assertNotIn("\r", shown.replace("\r\n", "\n"))
        # (run() reads text: "\r" arrives as "\n")
        r = run(*lab_options(), "--progress=always", "healthy.mxtls.test")
        self.assertIn("\033[Kmx1.healthy.mxtls.test", r.stderr)   # to a pipe, as asked
        r = run(*lab_options(), "healthy.mxtls.test")  # auto, to a pipe: none
        self.assertNotIn("\033[K", r.stderr)


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


class Csv(unittest.TestCase):
    HEADER = ["target", "verdict", "root_cause", "host", "fix_id"]

    def test_csv_of_targets(self):
        r = run(*lab_options(), "--format", "csv", "healthy.mxtls.test", "cdn.mxtls.test",
                "a..b")
        self.assertEqual(r.returncode, 2, r.stderr)     # a..b: bad input
        rows = csv_rows(r.stdout)
        self.assertEqual(rows[0], self.HEADER)
        self.assertEqual(rows[1], ["healthy.mxtls.test", "ok", "", "", ""])
        self.assertEqual(rows[2][:2], ["cdn.mxtls.test", "error"])
        self.assertEqual(rows[2][3:], ["_dc-mx.0a1b2c3d4e5f.cdn.mxtls.test", "dns.mx-non-ldh"])
        self.assertIn("characters a host name may not have", rows[2][2])
        self.assertEqual(rows[3][0:2], ["a..b", "not-checked"])
        self.assertEqual(rows[3][4], "MXTLS_EINVAL")

    def test_csv_of_a_batch_and_hostile_lines(self):
        lines = "healthy.mxtls.test\ncdn.mxtls.test\n=HYPERLINK(1)\nbad\x01name\n"
        r = subprocess.run([binary()] + lab_options() + ["--batch", "-", "--format", "csv"],
                           input=lines, capture_output=True, text=True, timeout=120,
                           env=child_env())
        self.assertEqual(r.returncode, 1, r.stderr)
        rows = csv_rows(r.stdout)
        self.assertEqual(rows[0], self.HEADER)
        by_target = {row[0]: row for row in rows[1:]}
        self.assertEqual(len(rows), 5, rows)
        self.assertEqual(by_target["healthy.mxtls.test"][1], "ok")
        self.assertEqual(by_target["cdn.mxtls.test"][4], "dns.mx-non-ldh")
        # a formula is not one; a control byte is written as \xNN
        self.assertIn("'=HYPERLINK(1)", by_target)
        self.assertTrue(any(t.startswith("bad\\x01") for t in by_target), by_target)
        self.assertNotIn("\x01", r.stdout)


class ErrorSchema(unittest.TestCase):
    def test_batch_error_lines_validate_against_their_schema(self):
        r = subprocess.run([binary()] + lab_options() + ["--batch", "-"],
                           input="a..b\nhealthy.mxtls.test\n" + "x" * 1100 + "\n",
                           capture_output=True, text=True, timeout=120, env=child_env())
        docs = [json.loads(line) for line in r.stdout.splitlines()]
        errors = [d for d in docs if d["schema"] == "mxtls-error/1"]
        self.assertEqual(len(errors), 2, docs)
        for doc in errors:
            self.assertEqual(validate_report.validate(doc, ERROR_SCHEMA), [])
            self.assertNotEqual(validate_report.validate(doc, REPORT_SCHEMA), [])
        report = [d for d in docs if d["schema"] == "mxtls-report/1"][0]
        self.assertNotEqual(validate_report.validate(report, ERROR_SCHEMA), [])
        broken = dict(errors[0], error={"status": "MXTLS_EINVAL"})
        self.assertNotEqual(validate_report.validate(broken, ERROR_SCHEMA), [])
        # the validator picks the schema by "schema"
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "e.json")
            with open(path, "w") as f:
                json.dump(errors[0], f)
            v = subprocess.run([sys.executable, validate_report.__file__, path],
                               capture_output=True, text=True)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)


class Verbose(unittest.TestCase):
    def test_verbose_shows_the_bytes_sent_and_received(self):
        r = run(*lab_options(), "--verbose", "healthy.mxtls.test")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [line.strip() for line in r.stdout.splitlines()]
        # the EHLO as sent, with its argument; the STARTTLS exchange; inside TLS
        self.assertIn("> EHLO probe.mxtls.test", lines)
        self.assertIn("> STARTTLS", lines)
        self.assertIn("< 220 2.0.0 Ready to start TLS", lines)
        self.assertNotIn("> EHLO", lines)
        first = lines.index("> EHLO probe.mxtls.test")
        handshake = next(i for i, line in enumerate(lines) if line.startswith("TLS handshake"))
        self.assertLess(first, lines.index("> STARTTLS"))
        self.assertLess(lines.index("> STARTTLS"), handshake)
        self.assertIn("> EHLO probe.mxtls.test", lines[handshake:])
        doc = json.loads(run(*lab_options(), "--verbose", "--json",
                             "healthy.mxtls.test").stdout)
        self.assertIn("> EHLO probe.mxtls.test", doc["probes"][0]["transcript"])
        self.assertEqual(validate_report.validate(doc, REPORT_SCHEMA), [])


class RootCauses(unittest.TestCase):
    def test_a_healthy_domain_has_no_root_cause(self):
        r = run(*lab_options(), "--json", "healthy.mxtls.test")
        doc = json.loads(r.stdout)
        self.assertEqual(doc["root_causes"], 0)
        ids = [f["id"] for f in doc["findings"]]
        self.assertIn("tls.ok", ids)
        r = run(*lab_options(), "--json", "cdn.mxtls.test")
        doc = json.loads(r.stdout)
        self.assertEqual(doc["root_causes"], 1)
        self.assertEqual(doc["findings"][0]["id"], "dns.mx-non-ldh")


if __name__ == "__main__":
    unittest.main(verbosity=2)
