"""The report JSON schema (doc/report-schema.json) against the renderer:
the JSON of every hand-built sample report (tests/report-samples.c, written
by report-dump) validates, plain and with transcripts, and documents broken
in the ways a renderer change could break them do not.

    test_report_schema.py REPORT_DUMP SCHEMA VALIDATE_SCRIPT"""
import copy
import glob
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

DUMP, SCHEMA, VALIDATE = sys.argv[1:4]

spec = importlib.util.spec_from_file_location("validate_report", VALIDATE)
validate_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(validate_report)


class ReportSchema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        subprocess.run([DUMP, cls.tmp.name], check=True)
        cls.files = sorted(glob.glob(os.path.join(cls.tmp.name, "*.json")))
        cls.schema = validate_report.load_schema(SCHEMA)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def load(self, name):
        with open(os.path.join(self.tmp.name, name), encoding="utf-8") as f:
            return json.load(f)

    def validate_cli(self, *paths):
        return subprocess.run([sys.executable, VALIDATE, "--schema", SCHEMA, *paths],
                              capture_output=True, text=True)

    def test_every_sample_validates(self):
        names = sorted(os.path.basename(f) for f in self.files)
        self.assertEqual(names, sorted(f"{s}{v}.json" for s in
                                       ("alert47", "submission", "hostile", "nulls", "markup")
                                       for v in ("", "-full")))
        r = self.validate_cli(*self.files)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout, "")

    def test_transcripts_only_when_asked(self):
        for sample in ("alert47", "submission", "hostile", "nulls", "markup"):
            plain, full = self.load(sample + ".json"), self.load(sample + "-full.json")
            self.assertTrue(all("transcript" not in p for p in plain["probes"]))
            self.assertTrue(all(p["transcript"] for p in full["probes"]))
            self.assertEqual(plain["schema"], "mxtls-report/1")

    def test_every_described_field_is_written(self):
        # The schema marks every property required, so a sample that
        # validates has every field; this checks the samples reach every
        # object type the schema describes.
        seen = set()
        docs = [self.load(os.path.basename(f)) for f in self.files]
        kinds = {
            "finding": lambda d: d["findings"],
            "host": lambda d: d["dns"]["hosts"] if d["dns"] else [],
            "address": lambda d: [a for h in (d["dns"] or {"hosts": []})["hosts"]
                                  for a in h["addresses"]],
            "tlsa": lambda d: [t for h in (d["dns"] or {"hosts": []})["hosts"] for t in h["tlsa"]],
            "mta_sts": lambda d: [d["mta_sts"]] if d["mta_sts"] else [],
            "connect": lambda d: [p["connect"] for p in d["probes"] if p["connect"]],
            "tls": lambda d: [p["tls"] for p in d["probes"] if p["tls"]],
            "certificate": lambda d: [c for p in d["probes"] for c in p["certificates"]],
            "verify": lambda d: [p["verify"] for p in d["probes"] if p["verify"]],
        }
        for kind, items in kinds.items():
            if any(isinstance(item, dict) for d in docs for item in items(d)):
                seen.add(kind)
        self.assertEqual(seen, set(kinds))

    def broken_variants(self):
        good = self.load("alert47-full.json")

        def variant(change):
            d = copy.deepcopy(good)
            change(d)
            return d
        yield "no verdict", variant(lambda d: d.pop("verdict"))
        yield "unknown verdict", variant(lambda d: d.update(verdict="maybe"))
        yield "unknown top-level field", variant(lambda d: d.update(extra=1))
        yield "next schema", variant(lambda d: d.update(schema="mxtls-report/2"))
        yield "caused_by as text", variant(lambda d: d["findings"][3].update(caused_by="0"))
        yield "negative alert", variant(
            lambda d: d["probes"][0]["tls"]["alert_received"].update(number=-1))
        yield "date not UTC", variant(
            lambda d: d["probes"][1]["certificates"][0].update(not_after="2025-12-01 00:00"))
        yield "unknown field in a probe", variant(lambda d: d["probes"][0].update(rtt=3))
        yield "transcript of numbers", variant(
            lambda d: d["probes"][0].update(transcript=[1, 2]))
        yield "missing dns hosts", variant(lambda d: d["dns"].pop("hosts"))

    def test_broken_documents_fail(self):
        self.assertEqual(validate_report.validate(self.load("alert47-full.json"), self.schema), [])
        for what, doc in self.broken_variants():
            with self.subTest(what):
                self.assertNotEqual(validate_report.validate(doc, self.schema), [], what)

    def test_cli_reports_a_broken_file(self):
        _, doc = next(self.broken_variants())
        path = os.path.join(self.tmp.name, "broken.json.bad")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        invalid_utf8 = os.path.join(self.tmp.name, "bytes.json.bad")
        with open(invalid_utf8, "wb") as f:
            f.write(b'{"schema": "mxtls-report/1", "target": "\xff"}')
        r = self.validate_cli(self.files[0], path, invalid_utf8)
        self.assertEqual(r.returncode, 1)
        self.assertIn("broken.json.bad: : 'verdict' is a required property", r.stdout)
        self.assertIn("bytes.json.bad: not a JSON document", r.stdout)
        self.assertNotIn(self.files[0], r.stdout)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
