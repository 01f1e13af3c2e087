"""mxtls-check --batch, --concurrency and --shard, run as a user runs them
($MXTLS_CHECK_BIN in a subprocess) against the lab (with_lab.py --certs --dns
--smtp --https).

Every target line must get exactly one JSON line, whatever became of it;
shards of one list must be disjoint and cover it; memory must not grow with
the length of the list."""
import collections
import json
import os
import pty
import re
import subprocess
import tempfile
import unittest

from test_cli import binary, child_env, lab, lab_options, run

# Lab domains whose reports do not depend on timing: the same findings
# whether they run alone or among 63 others.
LAB_DOMAINS = ["nullmx.mxtls.test", "secure.mxtls.test", "nosuchdomain.mxtls.test",
               "empty.mxtls.test", "dangling.mxtls.test", "dual.mxtls.test"]


# ASan warns once, on stderr, that it does not fully support the
# swapcontext() the engine's fibers use; that line is not ours to judge.
ASAN_FIBER_WARNING = re.compile(rb"==\d+==WARNING: ASan doesn't fully support "
                                rb"makecontext/swapcontext[^\n]*\r?\n")


def our_stderr(text):
    """stderr without the ASan fiber warning (str or bytes)."""
    if isinstance(text, bytes):
        return ASAN_FIBER_WARNING.sub(b"", text)
    return ASAN_FIBER_WARNING.sub(b"", text.encode()).decode()


def batch(args, lines=None, stdin=None, timeout=300):
    """Run --batch on lines (written to a file) or on stdin; returns the
    CompletedProcess and the parsed JSON lines."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                     encoding="utf-8") as f:
        if lines is not None:
            f.write("".join(line + "\n" for line in lines))
        path = f.name
    try:
        source = ["--batch", "-" if stdin is not None else path]
        r = run(*(lab_options() + source + list(args)), stdin=stdin, timeout=timeout)
    finally:
        os.unlink(path)
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    return r, docs


def targets_of(lines):
    """What --batch makes of lines: trimmed, without blanks and comments."""
    out = []
    for line in lines:
        t = line.strip(" \t\r\v\f")
        if t and not t.startswith("#"):
            out.append(t)
    return out


def shown(target):
    """target as an output line names it: cut to 64 bytes when the line was
    too long, control bytes written as the four characters \\xNN."""
    if len(target.encode()) > 1024:
        target = target.encode()[:64].decode("utf-8", "replace")
    return "".join("\\x%02x" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7f else c
                   for c in target)


def outcome(doc):
    """(target, verdict or error status, finding ids) of one output line."""
    if "error" in doc:
        return (doc["target"], doc["error"]["status"], ())
    return (doc["target"], doc["verdict"], tuple(sorted(f["id"] for f in doc["findings"])))


def cheap_targets(n):
    """n targets that need no connection: invalid names and names that do
    not exist in the lab zone, some of them twice."""
    out = []
    for i in range(n):
        if i % 3 == 0:
            out.append("bad..name%d.mxtls.test" % i)
        elif i % 10 == 1:
            out.append(out[-1])  # a duplicate
        else:
            out.append("nx%d.mxtls.test" % i)
    return out


class Usage(unittest.TestCase):
    def assert_usage(self, args, fragment):
        r = run(*args)
        self.assertEqual(r.returncode, 2, "%r: %s%s" % (args, r.stdout, r.stderr))
        self.assertEqual(r.stdout, "")
        self.assertIn(fragment, r.stderr)

    def test_bad_shards(self):
        for value in ("0/4", "5/4", "1/0", "1", "a/b", "1/4/2", "-1/4", "1/", "/4",
                      "1/4294967297", " 1/4"):
            self.assert_usage(["--batch", "-", "--shard", value], "--shard: '%s'" % value)

    def test_bad_concurrency(self):
        for value in ("0", "100001", "x", "-3", "2.5", ""):
            self.assert_usage(["--batch", "-", "--concurrency", value],
                              "--concurrency: '%s'" % value)

    def test_batch_options_need_batch(self):
        self.assert_usage(["--shard", "1/2", "example.test"], "--shard works with --batch")
        self.assert_usage(["--concurrency", "4", "example.test"],
                          "--concurrency works with --batch")

    def test_conflicts(self):
        self.assert_usage(["--batch", "-", "example.test"], "not the command line")
        self.assert_usage(["--batch", "-", "--pretty"], "drop --pretty")
        self.assert_usage(["--batch", "-", "--explain", "x"], "exclude each other")

    def test_missing_file(self):
        self.assert_usage(["--batch", "/nonexistent/targets.txt"], "/nonexistent/targets.txt")
        self.assert_usage(["--batch", "/"], "Is a directory")

    def test_help_names_the_options(self):
        r = run("--help")
        for option in ("--batch FILE", "--concurrency N", "--shard K/N"):
            self.assertIn(option, r.stdout)


class Batch(unittest.TestCase):
    LINES = (["# lab domains, invalid names, names that do not exist", ""] +
             LAB_DOMAINS +
             ["  nullmx.mxtls.test  ",            # trimmed; a duplicate
              "NULLMX.mxtls.test.",               # same shard, another target
              "a..b", "-bad-.mxtls.test", "x" * 300 + ".mxtls.test",
              "no-such-1.mxtls.test", "no-such-2.mxtls.test", "no-such-1.mxtls.test",
              "\t", "   # an indented comment", "",
              "tab\tinside.mxtls.test",           # a control byte inside
              "long." + "a" * 1100,               # over 1024 bytes
              "caf\u00e9.mxtls.test",              # not ASCII: an IDN
              "secure.mxtls.test", "empty.mxtls.test", "dual.mxtls.test",
              "nosuchdomain.mxtls.test", "1.2.3", "[not-an-address]", "dangling.mxtls.test",
              "nullmx.mxtls.test\r"])             # a CRLF line end

    def test_one_line_per_target_line(self):
        r, docs = batch(["--concurrency", "16"], self.LINES)
        self.assertEqual(r.returncode, 1, r.stderr)   # error findings, invalid names
        self.assertEqual(our_stderr(r.stderr), "")    # not a terminal: no progress bar
        expected = targets_of(self.LINES)
        self.assertEqual(len(docs), len(expected))
        self.assertEqual(len(r.stdout.splitlines()), len(expected))
        got = collections.Counter(d["target"] for d in docs)
        want = collections.Counter(map(shown, expected))
        self.assertEqual(got, want)
        for doc in docs:
            self.assertIn(doc["schema"], ("mxtls-report/1", "mxtls-error/1"))
            self.assertEqual("error" in doc, doc["schema"] == "mxtls-error/1", doc)
        by_target = {d["target"]: d for d in docs}
        self.assertEqual(by_target["a..b"]["error"]["status"], "MXTLS_EINVAL")
        self.assertIn("empty label", by_target["a..b"]["error"]["detail"])
        self.assertIn("control byte (0x09)",
                      by_target["tab\\x09inside.mxtls.test"]["error"]["detail"])
        self.assertIn("longer than 1024 bytes",
                      by_target[("long." + "a" * 1100)[:64]]["error"]["detail"])
        self.assertIn("dns.null-mx", outcome(by_target["nullmx.mxtls.test"])[2])
        self.assertIn("dane.mismatch", outcome(by_target["secure.mxtls.test"])[2])
        self.assertEqual(by_target["no-such-1.mxtls.test"]["verdict"], "error")

    def test_stdin_gives_the_same_outcomes(self):
        lines = cheap_targets(40) + LAB_DOMAINS
        from_file, docs_file = batch([], lines)
        from_stdin, docs_stdin = batch([], stdin="".join(x + "\n" for x in lines))
        self.assertEqual(from_stdin.returncode, from_file.returncode, from_stdin.stderr)
        self.assertEqual(sorted(map(outcome, docs_stdin)), sorted(map(outcome, docs_file)))
        self.assertEqual(len(docs_stdin), len(lines))

    def test_a_slow_pipe_does_not_hold_back_the_checks(self):
        # The input stays open with no more lines: the check already read
        # must still run and its line come out, as a pipe from a slow
        # producer (tail -f, a crawler) would need.
        import select
        p = subprocess.Popen([binary()] + lab_options() + ["--batch", "-"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=child_env())
        try:
            p.stdin.write(b"nullmx.mxtls.test\n")
            p.stdin.flush()
            readable, _, _ = select.select([p.stdout], [], [], 60)
            self.assertTrue(readable, "no report while the input stays open")
            doc = json.loads(p.stdout.readline())
            self.assertEqual(doc["target"], "nullmx.mxtls.test")
            self.assertIsNone(p.poll())          # still waiting for more input
            p.stdin.write(b"a..b\n")
            p.stdin.close()
            rest = p.stdout.read().splitlines()
            self.assertEqual([json.loads(x)["target"] for x in rest], ["a..b"])
            self.assertEqual(p.wait(60), 1)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stdout.close()
            p.stderr.close()

    def test_concurrency_does_not_change_the_outcomes(self):
        lines = LAB_DOMAINS * 3 + cheap_targets(30)
        r1, one = batch(["--concurrency", "1"], lines)
        r64, many = batch(["--concurrency", "64"], lines)
        self.assertEqual(r1.returncode, 1, r1.stderr)
        self.assertEqual(r64.returncode, 1, r64.stderr)
        c1, c64 = collections.Counter(map(outcome, one)), collections.Counter(map(outcome, many))
        self.assertEqual(c1, c64, "only at 1: %r; only at 64: %r" % (c1 - c64, c64 - c1))
        self.assertEqual(len(one), len(lines))

    def test_without_epoll_the_descriptor_list_serves(self):
        # A system that refuses epoll (a seccomp filter, a kernel without
        # it): mxtls_engine_watch_fd() fails, and the batch must wait on the
        # mxtls_engine_fds() list instead, with the same outcomes.
        lines = LAB_DOMAINS * 2 + cheap_targets(20) + ["a..b"]
        usual, docs_usual = batch(["--concurrency", "8"], lines)
        with tempfile.TemporaryDirectory() as tmp:
            path, mark = os.path.join(tmp, "list.txt"), os.path.join(tmp, "asked")
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(x + "\n" for x in lines))
            env = child_env()
            env["LD_PRELOAD"] = os.environ["MXTLS_NO_EPOLL_SHIM"]
            env["MXTLS_NO_EPOLL_MARK"] = mark
            # the shim comes before the ASan runtime in a sanitized build
            env["ASAN_OPTIONS"] = "verify_asan_link_order=0"
            r = subprocess.run([binary()] + lab_options() +
                               ["--batch", path, "--concurrency", "8"],
                               capture_output=True, text=True, timeout=300, env=env)
            self.assertTrue(os.path.exists(mark), "the shim was not asked for a set")
        self.assertEqual(r.returncode, usual.returncode, r.stderr)
        self.assertEqual(our_stderr(r.stderr), "")
        docs = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual(len(docs), len(lines))
        self.assertEqual(collections.Counter(map(outcome, docs)),
                         collections.Counter(map(outcome, docs_usual)))

    def test_submission_applies_to_every_line(self):
        postfix = lab("MXTLS_LAB_POSTFIX")
        r, docs = batch(["--submission", "--port", "587", "--verbose"],
                        [postfix, postfix, "%s:99999" % postfix])
        self.assertEqual(r.returncode, 1, r.stderr)
        reports = [d for d in docs if d["schema"] == "mxtls-report/1"]
        errors = [d for d in docs if d["schema"] == "mxtls-error/1"]
        self.assertEqual(len(reports), 2)
        for doc in reports:
            self.assertEqual(doc["profile"], "submission")
            self.assertIn("cert.name-mismatch", outcome(doc)[2])
            self.assertEqual({p["port"] for p in doc["probes"] if p["purpose"] == "primary"},
                             {587})
            # --verbose reached the batch: the dialogue is there
            self.assertTrue(any(p["transcript"] for p in doc["probes"]), doc["probes"])
        self.assertEqual([e["target"] for e in errors], ["%s:99999" % postfix])

    def test_clean_run_exits_0_and_empty_input_writes_nothing(self):
        r, docs = batch([], ["# nothing to check", "", "   "])
        self.assertEqual((r.returncode, docs, our_stderr(r.stderr)), (0, [], ""))

    def test_unwritable_stdout_is_an_internal_failure(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
            f.write("a..b\n" * 100)
            f.flush()
            with open("/dev/full", "w") as full:
                r = subprocess.run([binary(), "--batch", f.name], stdout=full,
                                   stderr=subprocess.PIPE, text=True, timeout=60,
                                   env=child_env())
        self.assertEqual(r.returncode, 3)
        self.assertIn("cannot write to standard output", r.stderr)


class Shards(unittest.TestCase):
    def test_shards_are_disjoint_and_cover_the_list(self):
        lines = cheap_targets(200)
        full_run, full = batch(["--concurrency", "32"], lines)
        self.assertEqual(len(full), 200, full_run.stderr)
        full_outcomes = collections.Counter(map(outcome, full))
        shards = []
        for k in range(1, 5):
            r, docs = batch(["--shard", "%d/4" % k, "--concurrency", "32"], lines)
            self.assertIn(r.returncode, (0, 1), r.stderr)
            shards.append(collections.Counter(map(outcome, docs)))
            self.assertGreater(len(docs), 0, "shard %d/4 is empty" % k)
        union = collections.Counter()
        for i, shard in enumerate(shards):
            for j, other in enumerate(shards):
                if i < j:
                    self.assertFalse(set(shard) & set(other), (i + 1, j + 1))
            union += shard
        # each target exactly as often as listed
        self.assertEqual(union, full_outcomes, "shards only: %r; whole list only: %r"
                         % (union - full_outcomes, full_outcomes - union))
        self.assertEqual(sum(union.values()), len(lines))

    def test_shard_ignores_case_and_a_trailing_dot(self):
        lines = ["Nx%d.MXTLS.test." % i for i in range(20)] + \
                ["nx%d.mxtls.test" % i for i in range(20)]
        for k in (1, 2, 3):
            r, docs = batch(["--shard", "%d/3" % k], lines)
            names = collections.Counter(d["target"].lower().rstrip(".") for d in docs)
            self.assertTrue(all(n == 2 for n in names.values()), names)

    def test_one_shard_is_the_whole_list(self):
        lines = cheap_targets(30)
        r, docs = batch(["--shard", "1/1"], lines)
        self.assertEqual(len(docs), 30, r.stderr)


def sanitized():
    """True when the CLI carries ASan: its quarantine keeps freed memory
    resident on purpose, so peak RSS says nothing about our frees."""
    with open(binary(), "rb") as f:
        return b"__asan_init" in f.read()


class Limits(unittest.TestCase):
    def test_too_few_descriptors_lower_the_concurrency(self):
        import resource

        def few_files():
            resource.setrlimit(resource.RLIMIT_NOFILE, (500, 500))

        lines = "".join("nx%d.mxtls.test\n" % i for i in range(300))
        r = subprocess.run([binary()] + lab_options() + ["--batch", "-", "--concurrency",
                                                         "5000"],
                           input=lines, capture_output=True, text=True, timeout=300,
                           env=child_env(), preexec_fn=few_files)
        self.assertEqual(r.returncode, 1, r.stderr)
        # 64 for stdio and the input, and MXTLS_ENGINE_RESOLVER_FDS (288) that
        # libunbound may hold.
        self.assertIn("--concurrency 5000 needs about 5352 file descriptors, the limit is "
                      "500: running 148 checks at once", r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 300)

    def test_soft_limit_is_raised_to_the_hard_one(self):
        import resource

        def low_soft():
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (100, hard))

        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        if hard != resource.RLIM_INFINITY and hard < 1352:
            self.skipTest("the hard limit (%d) is too low to show it" % hard)
        r = subprocess.run([binary(), "--batch", "-", "--concurrency", "1000"],
                           input="a..b\n", capture_output=True, text=True, timeout=60,
                           env=child_env(), preexec_fn=low_soft)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(our_stderr(r.stderr), "")   # raised: nothing lowered

    def test_resolver_that_cannot_start_exits_3(self):
        with tempfile.NamedTemporaryFile("w", suffix=".key") as f:
            f.write("this is not a DS or DNSKEY record\n")
            f.flush()
            r = run("--timeout", "2", "--resolver", "127.0.0.1@1", "--trust-anchor", f.name,
                    "--batch", "-", stdin="example.test\nexample.org\n")
        self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
        self.assertIn("resolver", r.stderr)
        for line in r.stdout.splitlines():   # nothing, or an error line per target
            self.assertEqual(json.loads(line)["schema"], "mxtls-error/1")


class Memory(unittest.TestCase):
    def peak_rss_kib(self, n_lines):
        """Peak RSS of a --batch run over n_lines cheap lines, and its line count."""
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as f, \
                tempfile.TemporaryFile() as out:
            for i in range(n_lines):
                # Mostly invalid names (no network); one in 50 a lookup.
                f.write("nx%d.mxtls.test\n" % i if i % 50 == 0 else "bad..%d\n" % i)
            f.flush()
            p = subprocess.Popen([binary()] + lab_options() +
                                 ["--batch", f.name, "--concurrency", "64"],
                                 stdout=out, stderr=subprocess.PIPE, env=child_env())
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            self.assertEqual(p.returncode, 1, p.stderr.read())
            p.stderr.close()
            out.seek(0)
            lines = sum(1 for _ in out)
        return usage.ru_maxrss, lines

    def test_memory_does_not_grow_with_the_list(self):
        small, small_lines = self.peak_rss_kib(5000)
        large, large_lines = self.peak_rss_kib(100000)
        self.assertEqual((small_lines, large_lines), (5000, 100000))
        if sanitized():
            self.skipTest("ASan's quarantine holds freed memory: RSS is not ours "
                          "(%d KiB, %d KiB)" % (small, large))
        # Twenty times the lines, the same window: a few MiB of slack for
        # the allocator, not twenty times the memory.
        self.assertLess(large, small + 8 * 1024, (small, large))


class Progress(unittest.TestCase):
    def run_on_a_terminal(self, args, stdin=None):
        master, slave = pty.openpty()
        try:
            p = subprocess.run([binary()] + lab_options() + args, input=stdin,
                               stdout=subprocess.PIPE, stderr=slave, timeout=120,
                               env=child_env())
            os.close(slave)
            slave = None
            progress = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                progress += chunk
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        return p, our_stderr(progress)

    def test_bar_with_total_and_eta_for_a_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
            f.write("".join(t + "\n" for t in cheap_targets(30) + ["nullmx.mxtls.test"]))
            f.flush()
            p, progress = self.run_on_a_terminal(["--batch", f.name])
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(p.stdout.splitlines()), 31)
        self.assertIn(b"\r\x1b[K[31/31] ", progress)
        self.assertRegex(progress, rb"\[\d+/31\] \d+\.\d/s ETA (\d\d|--):(\d\d|--)")
        self.assertTrue(progress.endswith(b"\r\x1b[K"), progress[-80:])
        self.assertNotIn(b"\n", progress)

    def test_stdin_shows_done_and_rate_only(self):
        p, progress = self.run_on_a_terminal(["--batch", "-"],
                                             stdin=b"a..b\nnullmx.mxtls.test\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"\r\x1b[K[2] ", progress)
        self.assertNotIn(b"ETA", progress)
        self.assertTrue(progress.endswith(b"\r\x1b[K"), progress[-80:])


if __name__ == "__main__":
    unittest.main(verbosity=2)
