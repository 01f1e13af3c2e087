"""Issue 19: the HTML page of a report, as a reader and a browser see it.

Every lab scenario (tests/fixtures/lab/diag.py CASES) is checked once, in one
lab session and one engine run, and its page (Report.html()) is
- validated by tidy (Debian's HTML checker) with no error and no warning but
  the one tidy 5.6 gives for SVG 2 links (see TIDY_KNOWN);
- parsed here: as many host and address nodes in the diagram as the report
  has; each root cause's hop marked and linked to the cause, whose id and
  first fix are on the page; the predictions' table, one row per sender;
- for a representative subset, opened in headless Chromium (--dump-dom) and
  the same asserted from the DOM the browser built.
The pages of the alert-47 CDN case and of the healthy domain are kept with
their screenshots in the build tree (tests/html/). A hand-built report whose
banner and certificate subject are markup (<script>, </svg>, quotes, bidi
controls; tests/report-samples.c) renders as text in the browser. With the
CLI: --html FILE, and --batch with --html writing a summary and each
target's page.

Run under with_lab.py --certs --dns --smtp --https. Chromium never reaches
past loopback: its host resolver maps every name to nothing and its proxy is
a closed loopback port."""
import html.parser
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import mxtls

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from lab import diag  # noqa: E402
from test_check import lab_context  # noqa: E402

LAB = os.environ.get("MXTLS_LAB_DNS") and os.environ.get("MXTLS_LAB_HTTPS")
BUILD = os.environ.get("MXTLS_BUILD_ROOT") or tempfile.gettempdir()
ARTIFACTS = os.path.join(BUILD, "tests", "html")
TIDY = shutil.which("tidy")
CHROMIUM = shutil.which("chromium")
# tidy 5.6 (Debian 12) predates SVG 2's href on <a> inside <svg>, which every
# browser follows: its one false alarm on these pages.
TIDY_KNOWN = re.compile(r'Warning: <a> proprietary attribute "href"$')
# The scenarios opened in the browser: a failure at each hop, a healthy
# domain, submission, and a domain without hosts.
IN_BROWSER = ["cdn", "healthy", "proxied", "cert-name", "nullmx", "smtp.sub-wrongname"]
SCREENSHOTS = {"cdn": "alert47-cdn", "healthy": "healthy"}
MAX_HOSTS, MAX_ROWS = 16, 48  # report_html.c's limits of the drawing
TIMINGS = {}


def tool_env():
    """The environment for tidy and chromium: without the sanitizer runtime
    a sanitized build preloads into python3 (tests/meson.build)."""
    env = dict(os.environ)
    for name in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        env.pop(name, None)
    return env


def chromium(url, *args, timeout=45):
    """stdout of one headless Chromium run on url; it is killed (its own
    process group, by id) when it outlives timeout."""
    with tempfile.TemporaryDirectory(prefix="mxtls-chromium-") as profile:
        cmd = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
               "--user-data-dir=" + profile, "--no-first-run", "--hide-scrollbars",
               "--disable-background-networking", "--disable-component-update",
               "--disable-default-apps", "--disable-sync", "--disable-extensions",
               "--no-pings", "--dns-prefetch-disable",
               "--host-resolver-rules=MAP * ~NOTFOUND",
               "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
               *args, url]
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             start_new_session=True, env=tool_env())
        try:
            out, _ = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            raise
        if p.returncode != 0:
            raise AssertionError("chromium exited %d on %s" % (p.returncode, url))
        return out.decode("utf-8", "replace")


def tidy_problems(paths):
    """{path: [tidy's messages but the known one]} for the pages given."""
    out = {}
    for path in paths:
        r = subprocess.run([TIDY, "-q", "-e", "--gnu-emacs", "yes", path],
                           capture_output=True, text=True, timeout=60, env=tool_env())
        lines = [ln for ln in (r.stderr + r.stdout).splitlines() if ln.strip()]
        bad = [ln for ln in lines if not TIDY_KNOWN.search(ln)]
        if bad or r.returncode > 1:
            out[path] = bad or ["exit %d" % r.returncode]
    return out


class Page(html.parser.HTMLParser):
    """What the tests read of a page: the diagram's nodes, the causes'
    articles and their text, the predictions' rows, all text, every tag."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.nodes = []       # (classes, attrs) of each <g class="node ...">
        self.links = []       # href of each link inside a node
        self.causes = {}      # article id -> its text
        self.senders = 0      # rows of the predictions' table
        self.tags = []
        self.text = []
        self._article = None
        self._in_node = 0
        self._depth_g = []
        self._in_senders = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        classes = (a.get("class") or "").split()
        if tag == "g":
            is_node = "node" in classes
            self._depth_g.append(is_node)
            if is_node:
                self.nodes.append((classes, a))
                self._in_node += 1
        elif tag == "a" and self._in_node:
            self.links.append(a.get("href"))
        elif tag == "article":
            self._article = a.get("id")
            self.causes[self._article] = a.get("data-finding", "") + "\n"
        elif tag == "table" and "senders" in classes:
            self._in_senders = True
        elif tag == "tr" and self._in_senders:
            self.senders += 1

    def handle_endtag(self, tag):
        if tag == "g" and self._depth_g:
            if self._depth_g.pop():
                self._in_node -= 1
        elif tag == "article":
            self._article = None
        elif tag == "table":
            self._in_senders = False

    def handle_data(self, data):
        self.text.append(data)
        if self._article:
            self.causes[self._article] += data

    def count(self, kind):
        return sum(1 for classes, _ in self.nodes if kind in classes)


def expected_nodes(report):
    """(host nodes, address nodes) the drawing of report has."""
    hosts = report.resolve.hosts[:MAX_HOSTS] if report.resolve else []
    rows = addrs = 0
    for hi, h in enumerate(hosts):
        if not h.addresses:
            rows += 1
        for ai, _ in enumerate(h.addresses):
            n = sum(1 for p in report.probes if p.purpose == "primary" and
                    p.host_index == hi and p.address_index == ai)
            if rows < MAX_ROWS:
                addrs += 1
            rows += max(1, n)
    return len(hosts), addrs


def plain(fix):
    """The words of a fix as the page shows them: `commands` are <code>."""
    return fix.replace("`", "")


@unittest.skipUnless(LAB, "needs with_lab.py --certs --dns --smtp --https")
@unittest.skipUnless(TIDY and CHROMIUM, "needs tidy and chromium (scripts/setup)")
class LabPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        start = time.monotonic()
        cases = dict.fromkeys((t, p) for t, p, f in diag.CASES
                              if not f.startswith(("net.unreachable", "net.policy-refused",
                                                   "env.")))
        cls.reports = {}
        ctx = lab_context()
        ctx.set_timeout_ms(3000)
        for profile in ("mx", "submission"):
            targets = [t for t, p in cases if p == profile]
            for r in ctx.check_many(targets, concurrency=64, profile=profile):
                cls.reports[(r.target, profile)] = r
        ctx.close()
        TIMINGS["checks"] = time.monotonic() - start
        cls.pages = {}
        for (target, profile), r in cls.reports.items():
            if r.error:
                continue
            name = target[:-len("." + diag.ZONE)] if target.endswith(diag.ZONE) else target
            path = os.path.join(ARTIFACTS, "%s%s.html" % (name, "-sub" if profile !=
                                                          "mx" else ""))
            with open(path, "w", encoding="utf-8") as f:
                f.write(r.html())
            cls.pages[name] = (path, r)  # no name is checked under both profiles
        TIMINGS["pages"] = len(cls.pages)

    def test_every_scenario_passes_tidy(self):
        start = time.monotonic()
        problems = tidy_problems([p for p, _ in self.pages.values()])
        TIMINGS["tidy"] = time.monotonic() - start
        self.assertEqual(problems, {})
        self.assertGreaterEqual(len(self.pages), 60)

    def check_page(self, name, page, report):
        hosts, addrs = expected_nodes(report)
        self.assertEqual(page.count("host"), hosts, name)
        self.assertEqual(page.count("addr"), addrs, name)
        self.assertEqual(page.count("domain"), 1, name)
        self.assertEqual(page.tags.count("svg"), 1, name)
        self.assertNotIn("script", page.tags, name)
        # one row per sender, and the heading's (no table without predictions)
        self.assertEqual(page.senders, len(report.predictions) + 1 if report.predictions else 0,
                         name)
        causes = [f for f in report.root_causes if f.severity in ("warning", "error")]
        env = [f for f in causes if f.about == "environment"]
        ordered = env + [f for f in causes if f.about != "environment"]
        for n, f in enumerate(ordered, 1):
            text = page.causes.get("cause-%d" % n)
            self.assertIsNotNone(text, (name, n, f.id))
            self.assertTrue(text.startswith(f.id + "\n"), (name, n, f.id))
            if f.remedies:
                self.assertIn(plain(f.remedies[0])[:60], " ".join(text.split()), (name, f.id))
        marked = [(classes, a) for classes, a in page.nodes if "cause" in classes]
        on_path = [f for f in ordered if f.about == "target" and not f.id.startswith(
            ("sender.", "client.", "tls.ok"))]
        if on_path:
            self.assertTrue(marked, "%s: no hop marked for %s" % (name, on_path[0].id))
            self.assertEqual(marked[0][1]["data-state"] in ("bad", "warn"), True, name)
        for classes, a in marked:
            self.assertIn(a["data-finding"], [f.id for f in ordered], name)
        for href in page.links:
            self.assertRegex(href, r"^#cause-[0-9]+$")
            self.assertIn(href[1:], page.causes, name)

    def test_pages_show_the_path_and_mark_the_broken_hop(self):
        for name, (path, r) in self.pages.items():
            with open(path, encoding="utf-8") as f:
                self.check_page(name, Page(f.read()), r)

    def test_browser_dom_of_a_subset(self):
        start = time.monotonic()
        for name in IN_BROWSER:
            path, r = self.pages[name]
            dom = chromium("file://" + path, "--dump-dom")
            self.check_page(name, Page(dom), r)
        TIMINGS["dump-dom"] = time.monotonic() - start
        TIMINGS["dump-dom pages"] = len(IN_BROWSER)

    def test_screenshots_of_the_cdn_case_and_a_healthy_domain(self):
        start = time.monotonic()
        for name, shot in SCREENSHOTS.items():
            path, _ = self.pages[name]
            png = os.path.join(ARTIFACTS, shot + ".png")
            if shot != name:
                shutil.copy(path, os.path.join(ARTIFACTS, shot + ".html"))
            if os.path.exists(png):
                os.unlink(png)
            chromium("file://" + path, "--screenshot=" + png, "--window-size=1340,1100")
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
            self.assertGreater(os.path.getsize(png), 20000)
        TIMINGS["screenshots"] = time.monotonic() - start
        cdn = self.pages["cdn"][0]
        with open(cdn, encoding="utf-8") as f:
            page = Page(f.read())
        marked = [a for classes, a in page.nodes if "cause" in classes]
        self.assertEqual([a["data-finding"] for a in marked], ["dns.mx-non-ldh"])
        self.assertIn("alert 47 from the server", " ".join(page.text))


@unittest.skipUnless(TIDY and CHROMIUM, "needs tidy and chromium (scripts/setup)")
class HostileText(unittest.TestCase):
    """A banner and a certificate subject that are markup, in a real browser."""

    def test_markup_renders_as_text(self):
        dump = os.path.join(BUILD, "tests", "report-dump")
        if not os.access(dump, os.X_OK):
            self.skipTest("no report-dump in the build tree")
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([dump, d], check=True, timeout=60)
            path = os.path.join(d, "markup.html")
            self.assertEqual(tidy_problems([path]), {})
            dom = chromium("file://" + path, "--dump-dom")
        page = Page(dom)
        self.assertNotIn("script", page.tags)
        self.assertNotIn("img", page.tags)
        self.assertEqual(page.tags.count("svg"), 1)
        text = "".join(page.text)
        shown = ("<script>alert(1)</script></svg></text><img src=x onerror=alert(2)> "
                 "\"dq\" 'sq' &amp; \\u202e\\u2066RTL\\u200b end")
        self.assertGreaterEqual(text.count(shown), 4)
        for raw in ("\u202e", "\u2066", "\u200b"):
            self.assertNotIn(raw, text)


@unittest.skipUnless(LAB, "needs with_lab.py --certs --dns --smtp --https")
@unittest.skipUnless(os.environ.get("MXTLS_CHECK_BIN") and TIDY, "needs the CLI and tidy")
class Cli(unittest.TestCase):
    def run_cli(self, *args):
        env = os.environ
        lab = ["--resolver", env["MXTLS_LAB_DNS"], "--stub",
               "%s=%s" % (env["MXTLS_LAB_DNS_ZONE"], env["MXTLS_LAB_DNS"]),
               "--trust-anchor", env["MXTLS_LAB_TRUST_ANCHOR"],
               "--ca-file", os.path.join(env["MXTLS_LAB_CERTS"], "root.pem"),
               "--proxy-ranges", env["MXTLS_LAB_PROXY_RANGES"], "--timeout", "3"]
        return subprocess.run([env["MXTLS_CHECK_BIN"], *lab, *args], capture_output=True,
                              text=True, timeout=120)

    def test_html_file_beside_the_text(self):
        with tempfile.TemporaryDirectory() as d:
            page = os.path.join(d, "cdn.html")
            r = self.run_cli("--html", page, "cdn.mxtls.test")
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn("dns.mx-non-ldh", r.stdout)  # the text report as before
            self.assertEqual(tidy_problems([page]), {})
            with open(page, encoding="utf-8") as f:
                self.assertIn('data-finding="dns.mx-non-ldh"', f.read())
            r = self.run_cli("--html", page, "a.mxtls.test", "b.mxtls.test")
            self.assertEqual(r.returncode, 2)

    def test_batch_summary_links_each_targets_page(self):
        with tempfile.TemporaryDirectory() as d:
            listing = os.path.join(d, "list")
            with open(listing, "w") as f:
                f.write("healthy.mxtls.test\ncdn.mxtls.test\nproxied.mxtls.test\nbad..name\n")
            summary = os.path.join(d, "summary.html")
            r = self.run_cli("--batch", listing, "--html", summary)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(len(r.stdout.splitlines()), 4)  # the JSON Lines as before
            self.assertEqual(tidy_problems([summary]), {})
            # N.html for the N-th target finished; the bad name has no page
            pages = sorted(os.listdir(os.path.join(d, "summary-targets")))
            self.assertEqual(len(pages), 3, pages)
            with open(summary, encoding="utf-8") as f:
                text = f.read()
            for p in pages:
                self.assertIn('href="summary-targets/%s"' % p, text)
            self.assertIn("<h1>Mail TLS checks: 4 targets</h1>", text)
            self.assertIn("<tr><td><code>net.proxied</code></td><td>1</td>", text)


def tearDownModule():
    if TIMINGS:
        print("test_html timings (s): " + ", ".join(
            "%s %.1f" % (k, v) if isinstance(v, float) else "%s %d" % (k, v)
            for k, v in TIMINGS.items()), file=sys.stderr)


if __name__ == "__main__":
    start = time.monotonic()
    rc = unittest.main(exit=False, verbosity=2).result.wasSuccessful()
    print("test_html: %.1f s" % (time.monotonic() - start), file=sys.stderr)
    sys.exit(0 if rc else 1)
