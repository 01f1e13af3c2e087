"""The mxtls-check command-line tool, run as a user runs it: the built binary
($MXTLS_CHECK_BIN) in a subprocess, its exit status, stdout and stderr.

Usage, --help/--version and --explain need no network. The checks run against
the lab (with_lab.py --certs --dns --smtp --https): its DNSSEC-signed zone
mxtls.test in nsd, Postfix and the fault servers, all on loopback."""
import json
import os
import pty
import re
import socket
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import validate_report  # noqa: E402  (tests/validate_report.py)

SCHEMA = validate_report.load_schema()

GMAIL_ALERT_47 = (
    "TLS Negotiation failed: FAILED_PRECONDITION: starttls error (71): "
    "7F37AB7F5C80:error:10000417:SSL routines:OPENSSL_internal:"
    "SSLV3_ALERT_ILLEGAL_PARAMETER:third_party/openssl/boringssl/src/ssl/"
    "tls_record.cc:592:SSL alert number 47")


def binary():
    path = os.environ.get("MXTLS_CHECK_BIN")
    if not path:
        raise unittest.SkipTest("MXTLS_CHECK_BIN not set: run through meson test")
    return path


def child_env():
    """The environment for the CLI. A sanitized build preloads the ASan
    runtime for python3; the CLI carries its own, and should report leaks."""
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    env.pop("ASAN_OPTIONS", None)
    return env


def run(*args, stdin=None, timeout=120):
    return subprocess.run([binary()] + list(args), input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=child_env())


class HelpAndVersion(unittest.TestCase):
    def test_help_goes_to_stdout_and_exits_0(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("usage: mxtls-check [OPTIONS] DOMAIN..."))
        for option in ("--submission", "--port N", "--implicit-tls", "--sni NAME",
                       "--resolver ADDR[@PORT]", "--stub ZONE=ADDR[@PORT]",
                       "--trust-anchor FILE", "--ca-file FILE", "--proxy-ranges FILE",
                       "--timeout SECONDS", "--reference-hosts A,B,...", "--json",
                       "--verbose", "--explain TEXT",
                       "-4, -6", "Exit status"):
            self.assertIn(option, r.stdout)
        self.assertEqual(r.stderr, "")

    def test_version_names_program_and_library(self):
        import mxtls
        r = run("--version")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "mxtls-check %s (libmxtls %s)\n"
                         % (mxtls.version(), mxtls.version()))
        self.assertEqual(r.stderr, "")


class UsageErrors(unittest.TestCase):
    """Every bad command line exits 2, prints nothing on stdout, and says on
    stderr which option or target is wrong and why."""

    def assert_usage(self, args, *fragments):
        r = run(*args)
        self.assertEqual(r.returncode, 2, "%r: %s%s" % (args, r.stdout, r.stderr))
        self.assertEqual(r.stdout, "", args)
        self.assertTrue(r.stderr.startswith("mxtls-check: "), r.stderr)
        for fragment in fragments:
            self.assertIn(fragment, r.stderr, args)
        return r.stderr

    def test_a_target_people_paste_gets_a_hint(self):
        # A mail address, a URL, a host with its port: the error says what
        # to type instead. A name that is merely malformed gets no hint.
        for target, hint in (
                ("user@example.com", "check its domain: mxtls-check example.com"),
                ("https://example.com/", "not a URL"),
                ("mx.example.com:25", "--port N HOST, or --submission HOST:PORT")):
            err = self.assert_usage([target], "invalid name")
            self.assertIn(hint, err, target)
        err = self.assert_usage(["--submission", "user@example.com"], "invalid name")
        self.assertIn("host name of the SMTP server", err)
        for target in ("exa mple.com", "a@", "mx.example.com:"):
            err = self.assert_usage([target], "invalid name")
            self.assertEqual(len(err.splitlines()), 1, err)

    def test_unknown_option(self):
        self.assert_usage(["--frobnicate", "example.test"], "'--frobnicate'",
                          "Try 'mxtls-check --help'")

    def test_missing_target(self):
        self.assert_usage([], "no TARGET given")
        self.assert_usage(["--json", "--submission"], "no TARGET given")

    def test_missing_option_value(self):
        self.assert_usage(["example.test", "--port"], "'--port' requires an argument")

    def test_value_given_to_a_flag(self):
        self.assert_usage(["--json=yes", "example.test"], "'--json'")

    def test_bad_ports(self):
        for port in ("0", "70000", "abc", "", "-25", "25x", " 25"):
            self.assert_usage(["--port", port, "example.test"],
                              "--port: '%s' is not a port number (1..65535)" % port)

    def test_bad_timeouts(self):
        for value in ("-1", "0", "abc", "2.5s", "601", "nan", "inf"):
            self.assert_usage(["--timeout", value, "example.test"],
                              "--timeout: '%s' is not a number of seconds" % value)

    def test_decimal_timeout_is_accepted(self):
        # --explain does no network I/O, so this shows the value parsed.
        r = run("--timeout", "2.5", "--explain", GMAIL_ALERT_47)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_both_families(self):
        self.assert_usage(["-4", "-6", "example.test"], "-4 and -6")

    def test_recursive_excludes_resolver(self):
        self.assert_usage(["--recursive", "--resolver", "127.0.0.1", "example.test"],
                          "--recursive and --resolver")
        self.assert_usage(["--resolver", "127.0.0.1", "--recursive", "example.test"],
                          "--recursive and --resolver")

    def test_recursive_is_accepted(self):
        # An address literal needs no DNS, so this runs without the Internet:
        # the check itself goes on (port 1 of loopback refuses).
        r = run("--recursive", "--submission", "--timeout", "1", "127.0.0.1:1")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("net.refused", r.stdout)

    def test_bad_domain(self):
        stderr = self.assert_usage(["a..b"], "a..b: ")
        self.assertNotIn("Try", stderr)  # the reason is the library's, not usage

    def test_submission_port_out_of_range(self):
        self.assert_usage(["--submission", "mail.example.test:99999"],
                          "mail.example.test:99999: ")

    def test_missing_ca_file_names_the_file(self):
        self.assert_usage(["--ca-file", "/nonexistent/ca.pem", "example.test"],
                          "--ca-file", "/nonexistent/ca.pem")

    def test_unreadable_files(self):
        self.assert_usage(["--trust-anchor", "/nonexistent/anchor", "example.test"],
                          "--trust-anchor", "/nonexistent/anchor")
        self.assert_usage(["--proxy-ranges", "/nonexistent/ranges", "example.test"],
                          "--proxy-ranges", "/nonexistent/ranges")

    def test_malformed_proxy_ranges_give_the_line(self):
        # /etc/hostname-like content: a word, not "CIDR PROVIDER"
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".ranges") as f:
            f.write("# ranges\n10.0.0.0/8 labcdn\nnot-a-range\n")
            f.flush()
            self.assert_usage(["--proxy-ranges", f.name, "example.test"],
                              "--proxy-ranges", "line 3")

    def test_bad_resolver_and_stub(self):
        self.assert_usage(["--resolver", "dns.example", "example.test"],
                          "--resolver", "dns.example")
        self.assert_usage(["--stub", "example.test", "example.test"],
                          "--stub: 'example.test' is not ZONE=ADDR[@PORT]")
        self.assert_usage(["--stub", "example.test=nowhere", "example.test"],
                          "--stub", "nowhere")

    def test_bad_helo(self):
        self.assert_usage(["--helo", "two words", "example.test"], "--helo", "two words")

    def test_explain_conflicts(self):
        self.assert_usage(["--explain", "x", "example.test"], "--explain takes no TARGET")
        self.assert_usage(["--explain", ""], "--explain: the text is empty")
        self.assert_usage(["--explain", " \n\t"], "--explain: the text is empty")


class InternalFailures(unittest.TestCase):
    def test_resolver_that_cannot_start_exits_3(self):
        # The file is readable, so the option is accepted; libunbound then
        # refuses its content when the check sets the resolver up. Nothing
        # listens on 127.0.0.1 port 1, and nothing is asked there.
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".key") as f:
            f.write("this is not a DS or DNSKEY record\n")
            f.flush()
            r = run("--timeout", "2", "--resolver", "127.0.0.1@1", "--trust-anchor", f.name,
                    "example.test", "example.org")
        self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertIn("example.test: cannot check: the DNS resolver could not be set up",
                      r.stderr)
        self.assertNotIn("example.org", r.stderr)  # no point trying the next target


class Explain(unittest.TestCase):
    def test_gmail_alert_47_is_sent_by_the_server(self):
        r = run("--explain", GMAIL_ALERT_47)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("alert 47 (illegal_parameter) was sent by the receiving mail server",
                      r.stdout)
        self.assertIn("not TLS alert 71", r.stdout)
        self.assertIn("[tls.sni-rejected]", r.stdout)
        self.assertEqual(r.stderr, "")

    def test_text_from_stdin(self):
        r = run("--explain", "-", stdin="some log noise\n" + GMAIL_ALERT_47 + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("alert 47 (illegal_parameter)", r.stdout)

    def test_empty_stdin_is_a_usage_error(self):
        # An empty pipe (a grep that found nothing) is not a text to judge.
        for data in ("", " \r\n\n"):
            r = run("--explain", "-", stdin=data)
            self.assertEqual(r.returncode, 2, r.stdout)
            self.assertEqual(r.stdout, "")
            self.assertIn("standard input held no text", r.stderr)
        r = run("--explain", "-", stdin=" x ")   # the near miss: one character
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("did not recognise", r.stdout)

    def test_text_from_stdin_in_any_windows_encoding(self):
        # PowerShell's ">" writes UTF-16LE with a byte-order mark; other
        # tools write it without one, or big-endian. Each reads as the
        # UTF-8 text does; a NUL octet does not end the text unseen.
        def explain_bytes(data, *extra):
            r = subprocess.run([binary(), "--explain", "-", "--json", *extra], input=data,
                               capture_output=True, timeout=60, env=child_env())
            self.assertIn(r.returncode, (0, 1), r.stderr)
            return json.loads(r.stdout)
        text = "some log noise\r\n" + GMAIL_ALERT_47 + "\r\n"
        want = explain_bytes(text.encode())
        self.assertEqual(want["alert"]["number"], 47)
        for data in (b"\xff\xfe" + text.encode("utf-16-le"), text.encode("utf-16-le"),
                     b"\xfe\xff" + text.encode("utf-16-be"), text.encode("utf-16-be"),
                     b"noise\0\0" + text.encode()):
            got = explain_bytes(data)
            self.assertEqual((got["alert"], [c["id"] for c in got["causes"]]),
                             (want["alert"], [c["id"] for c in want["causes"]]), data[:12])
        # Past 64 KiB in UTF-16 too, the text is said to be cut; 64 KiB of
        # characters (128 KiB of UTF-16) is read whole, the near miss.
        cause = "certificate has expired"
        cut = explain_bytes(("z" * 65536 + cause).encode("utf-16"))
        self.assertEqual((cut["truncated"], cut["recognised"]), (True, False))
        whole = explain_bytes(("z" * (65536 - len(cause)) + cause).encode("utf-16"))
        self.assertEqual((whole["truncated"], whole["causes"][0]["id"]),
                         (False, "cert.expired"))

    def test_unwritable_stdout_is_an_internal_failure(self):
        with open("/dev/full", "w") as full:
            r = subprocess.run([binary(), "--explain", GMAIL_ALERT_47], stdout=full,
                               stderr=subprocess.PIPE, text=True, timeout=60, env=child_env())
        self.assertEqual(r.returncode, 3)
        self.assertIn("cannot write to standard output", r.stderr)

    def test_json_form_validates_and_names_the_side(self):
        # issue 16: web panels and bots read the explanation as JSON.
        schema = validate_report.load_schema(os.path.join(
            os.path.dirname(validate_report.DEFAULT_SCHEMA), "explanation-schema.json"))
        text = ("Oct 11 03:58:22 box postfix/smtp[1885]: 7356ABD12E: to=<a@example.org>, "
                "relay=mx.example.org[192.0.2.7]:25, delay=2, dsn=4.7.5, status=deferred "
                "(Server certificate not verified)")
        for extra in ([], ["--pretty"]):
            r = run("--json", *extra, "--explain", text)
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = json.loads(r.stdout)
            self.assertEqual(validate_report.validate(doc, schema), [])
        self.assertEqual(doc["schema"], "mxtls-explanation/1")
        self.assertEqual(doc["side"], "sender")
        self.assertEqual(doc["domain"], "example.org")
        self.assertEqual(doc["addresses"], ["192.0.2.7"])
        self.assertEqual(doc["enhanced_status"], "4.7.5")
        self.assertEqual(doc["suggested_check"], "mxtls-check example.org")
        first = doc["causes"][0]
        self.assertTrue(first["supported"])
        self.assertIn("Server certificate not verified", first["evidence"])
        start, end = first["span"]
        self.assertIn(text[start:end].lower(), first["evidence"].lower())
        r = run("--json", "--explain", "the quick brown fox")
        self.assertEqual(r.returncode, 1)
        doc = json.loads(r.stdout)
        self.assertEqual((doc["recognised"], doc["causes"]), (False, []))
        self.assertEqual(validate_report.validate(doc, schema), [])

    def test_gibberish_is_not_recognised(self):
        r = run("--explain", "the quick brown fox jumps over the lazy dog")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("did not recognise", r.stdout)


def lab(var):
    value = os.environ.get(var)
    if not value:
        raise unittest.SkipTest("%s not set: run under with_lab.py --certs --dns --smtp --https"
                                % var)
    return value


def lab_options():
    dns = lab("MXTLS_LAB_DNS")
    return ["--resolver", dns, "--stub", "mxtls.test=" + dns,
            "--trust-anchor", lab("MXTLS_LAB_TRUST_ANCHOR"),
            "--ca-file", os.path.join(lab("MXTLS_LAB_CERTS"), "root.pem"),
            "--proxy-ranges", lab("MXTLS_LAB_PROXY_RANGES"),
            "--helo", "probe.mxtls.test", "--timeout", "5"]


def finding_ids(doc):
    return [f["id"] for f in doc["findings"]]


class LabChecks(unittest.TestCase):
    def check(self, *args, **kwargs):
        return run(*(lab_options() + list(args)), **kwargs)

    def check_json(self, *args):
        r = self.check("--json", *args)
        lines = r.stdout.splitlines()
        docs = [json.loads(line) for line in lines]
        for doc in docs:
            self.assertEqual(doc["schema"], "mxtls-report/1")
            self.assertEqual(validate_report.validate(doc, SCHEMA), [], doc.get("target"))
        return r, docs

    def test_json_validates_against_the_schema(self):
        # The documented schema (doc/report-schema.json) holds for real
        # reports of every kind the lab makes, with and without transcripts.
        targets = ["healthy.mxtls.test", "cdn.mxtls.test", "nullmx.mxtls.test",
                   "nxdomain.mxtls.test", "cert-inconsistent.mxtls.test",
                   "net-family.mxtls.test", "sts-missingmx.mxtls.test"]
        for extra in ([], ["--verbose"]):
            r, docs = self.check_json(*extra, *targets)
            self.assertEqual(len(docs), len(targets), r.stderr)
        r, docs = self.check_json("--verbose", "--submission", "smtp.mxtls.test")
        self.assertEqual(len(docs), 1, r.stderr)
        self.assertIn("transcript", docs[0]["probes"][0])

    def test_dane_mismatch_is_an_error(self):
        r, docs = self.check_json("secure.mxtls.test")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(len(docs), 1)
        self.assertEqual(docs[0]["target"], "secure.mxtls.test")
        self.assertEqual(docs[0]["profile"], "mx")
        self.assertEqual(docs[0]["verdict"], "error")
        self.assertIn("dane.mismatch", finding_ids(docs[0]))
        self.assertEqual(r.stderr, "")  # stderr is not a terminal: no progress

    def test_null_mx(self):
        r, docs = self.check_json("nullmx.mxtls.test")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("dns.null-mx", finding_ids(docs[0]))

    def test_nxdomain_as_text(self):
        r = self.check("nosuchdomain.mxtls.test")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("dns.nxdomain", r.stdout)
        self.assertIn("nosuchdomain.mxtls.test", r.stdout)
        self.assertEqual(r.stderr, "")

    def test_resolver_alone_serves_special_use_zones(self):
        # No --stub: --resolver is asked for test. and home.arpa. names too,
        # which libunbound's built-in local zones used to answer NXDOMAIN.
        opts = lab_options()
        del opts[2:4]                      # "--stub", "mxtls.test=..."
        self.assertNotIn("--stub", opts)
        home = lab("MXTLS_LAB_DNS_HOME_ZONE")
        r = run(*opts, "--json", "healthy.mxtls.test", home)
        docs = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual([d["target"] for d in docs], ["healthy.mxtls.test", home], r.stderr)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        healthy = self.check_json("healthy.mxtls.test")[1][0]
        self.assertEqual(finding_ids(docs[0]), finding_ids(healthy))
        self.assertEqual(docs[0]["verdict"], healthy["verdict"])
        for doc in docs:
            ids = finding_ids(doc)
            self.assertFalse([i for i in ids if i.startswith("dns.")], (doc["target"], ids))
            self.assertTrue(doc["probes"], doc["target"])
        self.assertEqual(docs[1]["probes"][0]["address"], lab("MXTLS_LAB_ADDR_MX_LAB_HOME_ARPA"))

    def assert_one_environment_finding(self, doc):
        ids = finding_ids(doc)
        self.assertEqual(ids.count("env.ca-store-empty"), 1, ids)
        for bad in ("cert.untrusted", "cert.self-signed", "cert.chain-incomplete"):
            self.assertNotIn(bad, ids)
        env = ids.index("env.ca-store-empty")
        for f in doc["findings"]:
            if f["id"] in ("cert.not-checked", "mtasts.webpki-invalid"):
                self.assertEqual(f["caused_by"], env, f)
        self.assertEqual(ids.count("cert.not-checked"), 2, ids)   # mx1, mx2
        self.assertEqual(doc["findings"][env]["about"], "environment")
        self.assertEqual(doc["findings"][0]["id"], "env.ca-store-empty")   # listed first

    def test_empty_ca_file_is_one_finding_about_the_checker(self):
        opts = lab_options()
        opts[opts.index("--ca-file") + 1] = os.path.join(lab("MXTLS_LAB_CERTS"), "empty-ca.pem")
        r = run(*opts, "--json", "healthy.mxtls.test")
        # the checker's environment failed, the domain has no error: exit 3
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assert_one_environment_finding(json.loads(r.stdout))

    def test_missing_system_ca_bundle_is_one_finding_about_the_checker(self):
        # A slim image without ca-certificates: an empty directory mounted
        # over /etc/ssl/certs in a mount namespace of the CLI's own, so the
        # system bundle is really missing (the machine's stays untouched).
        empty = os.path.join(lab("MXTLS_LAB_CERTS"), "empty-ca.d")
        opts = lab_options()
        del opts[opts.index("--ca-file"):opts.index("--ca-file") + 2]
        probe = subprocess.run(["unshare", "-m", "sh", "-c",
                                "mount --bind %s /etc/ssl/certs" % empty],
                               capture_output=True)
        if probe.returncode != 0:
            self.skipTest("unshare -m with a bind mount is not allowed here")
        script = ('mount --bind "$1" /etc/ssl/certs && test ! -e '
                  '/etc/ssl/certs/ca-certificates.crt && shift && exec "$@"')
        r = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", empty, binary()]
                           + opts + ["--json", "healthy.mxtls.test"],
                           capture_output=True, text=True, timeout=120, env=child_env())
        # the checker's environment failed, the domain has no error: exit 3
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assert_one_environment_finding(json.loads(r.stdout))

    def test_several_targets_make_json_lines_and_the_worst_status(self):
        r, docs = self.check_json("nullmx.mxtls.test", "a..b", "nosuchdomain.mxtls.test")
        self.assertEqual(r.returncode, 2)  # the bad target is the worst
        self.assertIn("a..b", r.stderr)
        self.assertEqual([d["target"] for d in docs],
                         ["nullmx.mxtls.test", "nosuchdomain.mxtls.test"])
        self.assertEqual(len(r.stdout.splitlines()), 2)
        self.assertIn("dns.nxdomain", finding_ids(docs[1]))

    def test_text_reports_are_separated_by_one_blank_line(self):
        one = self.check("nullmx.mxtls.test")
        two = self.check("nosuchdomain.mxtls.test")
        both = self.check("nullmx.mxtls.test", "nosuchdomain.mxtls.test")
        self.assertEqual(both.returncode, 1, both.stderr)
        # Only the timings may differ between runs.
        def timeless(text):
            return re.sub(r"\b\d+ ms\b", "N ms", text)
        self.assertEqual(timeless(both.stdout), timeless(one.stdout + "\n" + two.stdout))
        self.assertEqual(both.stdout.count("\n\n\n"), 0)

    def test_report_to_a_full_disk_is_an_internal_failure(self):
        with open("/dev/full", "w") as full:
            r = subprocess.run([binary()] + lab_options() + ["nullmx.mxtls.test"],
                               stdout=full, stderr=subprocess.PIPE, text=True,
                               timeout=120, env=child_env())
        self.assertEqual(r.returncode, 3)
        self.assertIn("cannot write", r.stderr)

    def test_pretty_json_is_indented(self):
        r = self.check("--json", "--pretty", "nullmx.mxtls.test")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertGreater(len(r.stdout.splitlines()), 5)
        self.assertEqual(json.loads(r.stdout)["schema"], "mxtls-report/1")

    def test_progress_on_a_terminal_only(self):
        master, slave = pty.openpty()
        try:
            p = subprocess.run([binary()] + lab_options() + ["nullmx.mxtls.test",
                                                             "nosuchdomain.mxtls.test"],
                               stdout=subprocess.PIPE, stderr=slave, timeout=120,
                               env=child_env())
            os.close(slave)
            slave = None
            progress = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the terminal's other side is closed
                    break
                if not chunk:
                    break
                progress += chunk
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"\r\x1b[K[1/2] nullmx.mxtls.test: ", progress)
        self.assertIn(b"\r\x1b[K[2/2] nosuchdomain.mxtls.test: ", progress)
        self.assertTrue(progress.endswith(b"\r\x1b[K"), progress[-80:])
        self.assertNotIn(b"\n", progress.replace(b"\r\n", b""))  # one line, overwritten
        self.assertNotIn(b"\r", p.stdout)

    def test_family_options_choose_the_addresses(self):
        # mx.dual has an A and an AAAA record.
        for option, family in (("-4", "."), ("-6", ":")):
            r, docs = self.check_json(option, "dual.mxtls.test")
            self.assertIn(r.returncode, (0, 1), r.stderr)
            addresses = {p["address"] for p in docs[0]["probes"]}
            self.assertTrue(addresses, option)
            for address in addresses:
                self.assertIn(family, address, option)

    def postfix(self):
        return lab("MXTLS_LAB_POSTFIX")

    def test_submission_on_postfix_names_the_wrong_host(self):
        # Postfix's certificate names mail/smtp.mxtls.test, not its address:
        # what Gmail's Send-As calls "the certificate doesn't match the host".
        r, docs = self.check_json("--submission", "--port", "587", self.postfix())
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = docs[0]
        self.assertEqual(doc["profile"], "submission")
        self.assertIn("cert.name-mismatch", finding_ids(doc))
        self.assertEqual({p["port"] for p in doc["probes"] if p["purpose"] == "primary"},
                         {587})

    def test_submission_implicit_tls_with_sni_and_transcript(self):
        args = ["--submission", "--port", "465", "--implicit-tls", "--sni",
                "smtp.mxtls.test", "-4", self.postfix()]
        plain = self.check(*args)
        verbose = self.check("--verbose", *args)
        for r in (plain, verbose):
            self.assertEqual(r.returncode, 1, r.stderr)  # names mail/smtp, not the address
            self.assertEqual(r.stderr, "")
            self.assertIn("cert.name-mismatch", r.stdout)
            self.assertIn("]:465 implicit-tls (primary, SNI smtp.mxtls.test)", r.stdout)
        self.assertNotIn("transcript:", plain.stdout)
        self.assertIn("transcript:", verbose.stdout)
        self.assertRegex(verbose.stdout, re.compile(r"^ +< 220 mail\.mxtls\.test ", re.M))
        self.assertRegex(verbose.stdout, re.compile(r"^ +> EHLO", re.M))

    def test_bad_sni_is_a_usage_error(self):
        r = self.check("--submission", "--sni", "bad name!", self.postfix())
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertIn("--sni 'bad name!'", r.stderr)


def options_with_resolver(server, root_hints="MXTLS_LAB_ROOT_HINTS_BLOCKED"):
    """lab_options() with every lab name resolved through server instead,
    and the lab's root hints (a test only ever reaches loopback)."""
    opts = lab_options()
    opts[1] = server
    opts[3] = "mxtls.test=" + server
    return opts + ["--root-hints", lab(root_hints)]


class EnvironmentFindings(unittest.TestCase):
    """Issue 15: the checker's own resolver is told apart from the domain.
    A finding about the environment is listed first, never blames the
    domain, and makes the exit status 3 (could not check), not 1."""

    def check_json(self, server, target):
        r = run(*(options_with_resolver(server) + ["--json", target]))
        doc = json.loads(r.stdout)
        self.assertEqual(validate_report.validate(doc, SCHEMA), [], target)
        return r, doc

    def test_a_resolver_that_strips_dnssec_blames_no_domain(self):
        # bogus.mxtls.test really is bogus, secure.mxtls.test has TLSA records
        # that match nothing: through a resolver that strips DNSSEC neither
        # can be judged, and neither is called broken.
        for target in ("bogus.mxtls.test", "secure.mxtls.test"):
            r, doc = self.check_json(lab("MXTLS_LAB_DNS_NODNSSEC"), target)
            self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
            ids = finding_ids(doc)
            self.assertEqual(ids[0], "env.resolver-no-dnssec", ids)
            self.assertEqual(ids.count("env.resolver-no-dnssec"), 1)
            self.assertEqual(doc["findings"][0]["about"], "environment")
            for bad in ("dns.dnssec-bogus", "dane.bogus", "dane.mismatch", "dns.servfail"):
                self.assertNotIn(bad, ids)
            self.assertEqual(doc["environment_verdict"], "error")
            self.assertNotEqual(doc["verdict"], "error", ids)
            self.assertEqual(doc["dns"]["dnssec"], "indeterminate")
            self.assertFalse(doc["strict"])
            for p in doc["probes"]:
                if p["verify"] is not None and p["port"] == 25:
                    self.assertIn(p["verify"]["dane"]["outcome"], ("not-checked", "no-tlsa"))
        # Text: the environment first, under its own heading, with its fix.
        r = run(*(options_with_resolver(lab("MXTLS_LAB_DNS_NODNSSEC")) + ["bogus.mxtls.test"]))
        self.assertEqual(r.returncode, 3)
        self.assertTrue(r.stdout.startswith(
            "bogus.mxtls.test: NOT CHECKED FULLY, no problems found in what could be checked"),
            r.stdout[:200])
        heading = r.stdout.index("Where this check ran (not about the target)")
        self.assertLess(heading, r.stdout.index("env.resolver-no-dnssec"))
        # The root does not answer (hints: the dead server): --recursive is
        # not offered as the way out, it is ruled out.
        self.assertIn("Resolving from the root itself (`--recursive`) will not help here",
                      re.sub(r"\s+", " ", r.stdout))
        self.assertEqual(doc["dns"]["recursion"], "blocked")
        self.assertIs(doc["dns"]["resolver_validates"], False)

    def test_recursive_is_offered_where_the_root_answers(self):
        r = run(*(options_with_resolver(lab("MXTLS_LAB_DNS_NODNSSEC"), "MXTLS_LAB_ROOT_HINTS")
                  + ["bogus.mxtls.test"]))
        self.assertEqual(r.returncode, 3)
        text = re.sub(r"\s+", " ", r.stdout)
        self.assertIn("which works from here (a root server answered): `mxtls-check "
                      "--recursive bogus.mxtls.test`", text)
        self.assertNotIn("will not help here", text)

    def test_submission_commands_are_filled_in(self):
        # The reproduction: a submission check's fix said "your-domain".
        r = run(*(options_with_resolver(lab("MXTLS_LAB_DNS_NODNSSEC"), "MXTLS_LAB_ROOT_HINTS")
                  + ["--submission", "smtp.mxtls.test"]))
        self.assertEqual(r.returncode, 3, r.stdout)
        text = re.sub(r"\s+", " ", r.stdout)
        self.assertIn("`mxtls-check --resolver 9.9.9.9 --submission smtp.mxtls.test`", text)
        self.assertIn("`mxtls-check --recursive --submission smtp.mxtls.test`", text)
        self.assertNotIn("your-domain", text)

    def test_near_miss_a_resolver_that_carries_dnssec_finds_the_bogus_zone(self):
        r, doc = self.check_json(lab("MXTLS_LAB_DNS"), "bogus.mxtls.test")
        self.assertEqual(r.returncode, 1, r.stdout)
        ids = finding_ids(doc)
        self.assertIn("dns.dnssec-bogus", ids)
        self.assertNotIn("env.resolver-no-dnssec", ids)
        self.assertEqual(doc["environment_verdict"], "ok")
        self.assertEqual({f["about"] for f in doc["findings"]}, {"target"})

    def test_a_dead_or_denying_resolver_is_exit_3_not_a_domain_error(self):
        # One that never answers, and one that says every name, the root
        # included, does not exist (a sandbox's): the domain is not blamed.
        for server, health in (("MXTLS_LAB_DNS_DEAD", "silent"),
                               ("MXTLS_LAB_DNS_DENYING", "denies")):
            r, doc = self.check_json(lab(server), "healthy.mxtls.test")
            self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
            self.assertEqual(finding_ids(doc), ["env.resolver-down"])
            self.assertEqual(doc["findings"][0]["about"], "environment")
            self.assertEqual(doc["verdict"], "ok")
            self.assertEqual(doc["environment_verdict"], "error")
            self.assertEqual(doc["dns"]["resolver_health"], health)
            text = run(*(options_with_resolver(lab(server)) + ["healthy.mxtls.test"]))
            self.assertEqual(text.returncode, 3)
            self.assertNotIn("dns.nxdomain", text.stdout)
            self.assertNotIn("dns.timeout", text.stdout)

    def test_dns_tcp_resolves_through_a_tcp_only_resolver(self):
        # The latency proxy with no delay and only a TCP listener in front
        # of the lab's nsd: --dns-tcp checks the domain through it; without
        # it the same resolver is silent, the environment's fault (exit 3).
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proxy = subprocess.Popen(
            [sys.executable, os.path.join(os.path.dirname(os.path.dirname(
                os.path.abspath(__file__))), "fixtures", "latency_proxy.py"),
             "--delay-ms", "0",
             "--tcp", "127.0.0.1:%d=%s" % (port, lab("MXTLS_LAB_DNS").replace("@", ":"))],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            self.assertEqual(proxy.stdout.readline().strip(), "ready")
            opts = options_with_resolver("127.0.0.1@%d" % port) + ["--timeout", "2"]
            r = run(*(opts + ["--dns-tcp", "--json", "healthy.mxtls.test"]))
            doc = json.loads(r.stdout)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual((doc["dns"]["outcome"], doc["dns"]["dnssec"]),
                             ("NOERROR", "secure"))
            self.assertEqual(doc["environment_verdict"], "ok")
            r = run(*(opts + ["--json", "healthy.mxtls.test"]))
            self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
            self.assertEqual(finding_ids(json.loads(r.stdout)), ["env.resolver-down"])
        finally:
            proxy.kill()
            proxy.wait(timeout=10)
            proxy.stdout.close()

    def test_near_miss_a_working_resolver_finds_the_missing_domain(self):
        r, doc = self.check_json(lab("MXTLS_LAB_DNS"), "nxdomain.mxtls.test")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(finding_ids(doc), ["dns.nxdomain"])
        self.assertEqual(doc["findings"][0]["about"], "target")
        self.assertEqual(doc["dns"]["resolver_health"], "dnssec")


if __name__ == "__main__":
    unittest.main(verbosity=2)
