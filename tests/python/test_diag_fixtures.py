"""The diagnosis fixtures (tests/fixtures/lab/diag.py) show the evidence they
are meant to, at the level of the stage APIs: resolve, connect, STARTTLS,
verify, MTA-STS. mxtls_check() is not used here, so a failure in
tests/test-check.c can be told apart: a fixture that does not misbehave as
intended fails here, a diagnosis that misreads the evidence fails there.

Run under with_lab.py --certs --dns --smtp --https."""
import os
import sys
import time
import unittest

import mxtls
from mxtls import verify

ZONE = "mxtls.test"
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from lab import diag  # noqa: E402

LAB = os.environ.get("MXTLS_LAB_DIAG_HEALTHY") and os.environ.get("MXTLS_LAB_HTTPS")
FACTOR = max(1, int(os.environ.get("MXTLS_TEST_TIME_FACTOR", "1") or 1))


def lab_context(resolve_ms=5000):
    ctx = mxtls.Context()
    ctx.add_stub_zone(ZONE, os.environ["MXTLS_LAB_DNS"])
    ctx.trust_anchor_file = os.environ["MXTLS_LAB_TRUST_ANCHOR"]
    ctx.proxy_ranges_file = os.environ["MXTLS_LAB_PROXY_RANGES"]
    ctx.ca_file = os.path.join(os.environ["MXTLS_LAB_CERTS"], "root.pem")
    ctx.set_timeout_ms(resolve_ms * FACTOR, mxtls.STAGE_RESOLVE)
    for stage in (mxtls.STAGE_CONNECT, mxtls.STAGE_STARTTLS, mxtls.STAGE_VERIFY):
        ctx.set_timeout_ms(3000 * FACTOR, stage)
    return ctx


def fqdn(name):
    return "%s.%s" % (name, ZONE)


@unittest.skipUnless(LAB, "needs with_lab.py --certs --dns --smtp --https")
class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ctx = lab_context()

    @classmethod
    def tearDownClass(cls):
        cls.ctx.close()

    def resolve(self, domain):
        return self.ctx.resolve_mx(domain)

    def host_addresses(self, domain):
        """[(host name, address text)] of every MX host's addresses."""
        res = self.resolve(domain)
        out = [(h.name, a.text) for h in res.hosts for a in h.addresses]
        self.assertTrue(out, "%s: no addresses (%s)" % (domain, res.detail))
        return out

    def connect(self, address, host, port=25, mode=mxtls.MODE_STARTTLS):
        return self.ctx.connect(address, port, mode, host)

    def handshake(self, address, host, port=25, mode=mxtls.MODE_STARTTLS, **kw):
        """(ConnectResult, TlsResult or None) of one connection."""
        with self.connect(address, host, port, mode) as s:
            if not s.open or (mode == mxtls.MODE_STARTTLS and not s.result.ok):
                return s.result, None
            return s.result, s.starttls(**kw)

    def good_handshake(self, address, host, port=25, mode=mxtls.MODE_STARTTLS, **kw):
        cr, tr = self.handshake(address, host, port, mode, **kw)
        self.assertTrue(cr.ok, "%s [%s]:%d: %r" % (host, address, port, cr))
        self.assertIsNotNone(tr)
        self.assertTrue(tr.ok, "%s [%s]:%d: %r" % (host, address, port, tr))
        return tr

    def verdict(self, tls, name):
        return verify.verify_der(self.ctx, tls.peer_certs, name)

    def only_verdict(self, domain):
        """The verdict on the certificate of a one-host domain, for its host."""
        (host, address), = self.host_addresses(domain)
        return self.verdict(self.good_handshake(address, host), host)

    def policy_address(self, domain):
        res = self.ctx.resolve_host("mta-sts." + domain, 443)
        self.assertTrue(res.hosts and res.hosts[0].addresses, res.detail)
        return res.hosts[0].addresses[0].text

    def sts(self, domain):
        res = self.resolve(domain)
        return verify.mtasts_check(self.ctx, domain, res.mta_sts.txt.records,
                                   self.policy_address(domain), [h.name for h in res.hosts])


class Healthy(Base):
    """healthy.mxtls.test: nothing may be wrong with it."""

    def test_two_secure_mx_hosts_with_valid_named_certificates(self):
        res = self.resolve(diag.HEALTHY_MX)
        self.assertEqual(res.outcome, "NOERROR")
        self.assertEqual(res.dnssec, "secure")
        self.assertEqual([h.name for h in res.hosts],
                         [fqdn("mx1.healthy"), fqdn("mx2.healthy")])
        for h in res.hosts:
            self.assertEqual([a.family for a in h.addresses], [4])
            tr = self.good_handshake(h.addresses[0].text, h.name)
            self.assertIn(tr.version_name, ("TLS1.2", "TLS1.3"))
            v = self.verdict(tr, h.name)
            self.assertEqual(v.flags, {"trusted"}, v.detail)
            self.assertEqual(v.matched_name, h.name)
            # DANE: secure, two 3 1 1 records, one of them the served key
            # (the other is the next key: a rollover is prepared).
            self.assertEqual(h.tlsa_lookup.dnssec, "secure")
            self.assertEqual([(t.usage, t.selector, t.matching_type) for t in h.tlsa],
                             [(3, 1, 1)] * 2)
            served = v.certs[0].spki_sha256
            self.assertEqual(sum(t.data == served for t in h.tlsa), 1)

    def test_mta_sts_enforce_covers_both_hosts(self):
        res = self.resolve(diag.HEALTHY_MX)
        self.assertTrue(res.mta_sts.valid)
        self.assertTrue(res.tlsrpt.valid)
        p = self.sts(diag.HEALTHY_MX)
        self.assertEqual((p.outcome, p.mode), ("policy", "enforce"), p.detail)
        self.assertEqual(p.unmatched_mx, [])

    def test_healthy_submission_host_is_the_real_postfix(self):
        res = self.ctx.resolve_host(diag.HEALTHY_SUBMISSION, 587)
        address = res.hosts[0].addresses[0].text
        self.assertEqual(address, os.environ["MXTLS_LAB_POSTFIX"])
        for port, mode in ((587, mxtls.MODE_STARTTLS), (465, mxtls.MODE_IMPLICIT_TLS)):
            tr = self.good_handshake(address, diag.HEALTHY_SUBMISSION, port, mode)
            v = self.verdict(tr, diag.HEALTHY_SUBMISSION)
            self.assertEqual(v.flags, {"trusted"}, (port, v.detail))


class Dns(Base):
    def test_outcomes(self):
        cases = {"nxdomain": "NXDOMAIN", "lame": "SERVFAIL", "bogus": "SERVFAIL"}
        for name, outcome in cases.items():
            res = self.resolve(fqdn(name))
            self.assertEqual(res.outcome, outcome, "%s: %s" % (name, res.detail))
        self.assertEqual(self.resolve(fqdn("bogus")).dnssec, "bogus")

    def test_lame_delegation_fails_fast(self):
        res = self.resolve(fqdn("lame"))
        self.assertEqual(res.outcome, "SERVFAIL")
        self.assertLess(res.elapsed_ms, 1000 * FACTOR)

    def test_dead_server_times_out(self):
        with lab_context(resolve_ms=1500) as ctx:
            res = ctx.resolve_mx(fqdn("deaddns"))
        self.assertEqual(res.outcome, "TIMEOUT", res.detail)

    def test_mx_shapes(self):
        self.assertTrue(self.resolve(fqdn("nullmx")).null_mx)
        empty = self.resolve(fqdn("empty"))
        self.assertTrue(empty.implicit_mx)
        self.assertEqual(empty.hosts[0].addresses, [])
        for name, flag in (("cname-mx", "cname"), ("iplit", "ip-literal"),
                           ("dangling", "no-address"), ("cdn", "non-ldh")):
            res = self.resolve(fqdn(name))
            self.assertIn(flag, res.hosts[0].flags, name)


class Network(Base):
    def test_proxied_address_is_in_a_proxy_range(self):
        res = self.resolve(fqdn("proxied"))
        self.assertEqual(res.hosts[0].addresses[0].proxy_provider, "labcdn")

    def test_refused(self):
        (host, address), = self.host_addresses(fqdn("net-refused"))
        cr, _ = self.handshake(address, host)
        self.assertEqual(cr.failure, "refused")

    def test_syn_timeout(self):
        (host, address), = self.host_addresses(fqdn("net-timeout"))
        cr, _ = self.handshake(address, host)
        self.assertEqual((cr.failure, cr.failure_phase), ("timeout", "tcp"), cr.detail)

    def test_egress_blocked_shape(self):
        """Both MX hosts: port 25 times out in TCP, port 587 speaks SMTP."""
        addrs = self.host_addresses(fqdn("net-egress"))
        self.assertEqual(len({a for _, a in addrs}), 2)
        for host, address in addrs:
            cr, _ = self.handshake(address, host)
            self.assertEqual((cr.failure, cr.failure_phase), ("timeout", "tcp"), cr.detail)
            with self.connect(address, host, 587) as s:
                self.assertTrue(s.result.ok, s.result.detail)
                self.assertEqual(s.result.banner_code, 220)

    def test_family_mismatch(self):
        addrs = self.host_addresses(fqdn("net-family"))
        self.assertEqual(sorted(a for _, a in addrs)[-1], "::1")
        for host, address in addrs:
            cr, _ = self.handshake(address, host)
            if address == "::1":
                self.assertEqual(cr.failure, "refused", cr.detail)
            else:
                self.assertTrue(cr.ok, cr.detail)

    def test_public_only_policy_refuses_the_lab(self):
        (host, address), = self.host_addresses(fqdn("cert-name"))
        with lab_context() as ctx:
            ctx.public_only = True
            with self.assertRaises(mxtls.MxtlsError) as e:
                ctx.connect(address, 25, mxtls.MODE_STARTTLS, host)
        self.assertEqual(e.exception.name, "MXTLS_EPOLICY")


@unittest.skipUnless(os.environ.get("MXTLS_LAB_UNREACHABLE"),
                     "runs inside tests/fixtures/unreachable.sh only")
class Unreachable(unittest.TestCase):
    """Inside the namespace of unreachable.sh the MX address has no route."""

    def test_connect_fails_unreachable_at_once(self):
        with lab_context() as ctx:
            res = ctx.resolve_mx(fqdn("net-unreachable"))
            (address,) = [a.text for a in res.hosts[0].addresses]
            self.assertEqual(address, os.environ["MXTLS_LAB_UNREACHABLE"])
            with ctx.connect(address, 25, mxtls.MODE_STARTTLS, res.hosts[0].name) as s:
                r = s.result
        self.assertEqual((r.failure, r.failure_phase), ("unreachable", "tcp"), r.detail)
        self.assertLess(r.connect_ms if r.connect_ms >= 0 else 0, 1000)


class Smtp(Base):
    def connect_only(self, name):
        (host, address), = self.host_addresses(fqdn(name))
        cr, tr = self.handshake(address, host)
        return cr, tr

    def test_tarpit_sends_no_banner(self):
        cr, _ = self.connect_only("smtp-tarpit")
        self.assertEqual((cr.failure, cr.failure_phase), ("timeout", "banner"), cr.detail)

    def test_banner_554(self):
        cr, _ = self.connect_only("smtp-banner")
        self.assertEqual((cr.failure, cr.banner_code), ("rejected", 554), cr.detail)

    def test_http_instead_of_smtp(self):
        cr, _ = self.connect_only("smtp-http")
        self.assertEqual((cr.failure, cr.seen), ("not-smtp", "http"), cr.detail)

    def test_malformed_ehlo(self):
        cr, _ = self.connect_only("smtp-badreply")
        self.assertTrue(cr.caps.malformed, cr)

    def test_no_starttls(self):
        cr, _ = self.connect_only("smtp-nostarttls")
        self.assertTrue(cr.ok, cr.detail)
        self.assertFalse(cr.caps.starttls)
        self.assertFalse(cr.caps.starttls_masked)

    def test_masked_starttls(self):
        cr, _ = self.connect_only("smtp-masked")
        self.assertFalse(cr.caps.starttls)
        self.assertTrue(cr.caps.starttls_masked, cr)

    def test_starttls_454(self):
        (host, address), = self.host_addresses(fqdn("smtp-454"))
        with self.connect(address, host) as s:
            tr = s.starttls()
        self.assertEqual((tr.failure, tr.starttls_code), ("starttls-refused", 454), tr.detail)

    def test_slow_banner(self):
        """The banner after 11 s (faultsrv's SLOW_BANNER_MS)."""
        (host, address), = self.host_addresses(fqdn("smtp-slow"))
        with lab_context() as ctx:
            ctx.set_timeout_ms(15000 * FACTOR, mxtls.STAGE_CONNECT)
            with ctx.connect(address, 25, mxtls.MODE_STARTTLS, host) as s:
                cr = s.result
        self.assertTrue(cr.ok, cr.detail)
        self.assertGreaterEqual(cr.banner_ms, 10900)

    def test_submission_465_speaks_plaintext(self):
        host = fqdn("smtp.sub-mismatch")
        address = self.ctx.resolve_host(host, 465).hosts[0].addresses[0].text
        with self.connect(address, host, 465, mxtls.MODE_PLAIN) as s:
            self.assertTrue(s.result.ok, s.result.detail)
            self.assertEqual(s.result.banner_code, 220)
        cr, tr = self.handshake(address, host, 465, mxtls.MODE_IMPLICIT_TLS)
        self.assertFalse(cr.ok and tr is not None and tr.ok)
        tr = self.good_handshake(address, host, 587)
        self.assertEqual(self.verdict(tr, host).flags, {"trusted"})


class Tls(Base):
    def one(self, name):
        (host, address), = self.host_addresses(fqdn(name))
        return host, address

    def test_alert_47_on_an_ldh_name(self):
        host, address = self.one("tls-alert")
        _, tr = self.handshake(address, host)
        self.assertEqual(tr.alert_received, 47, tr.detail)
        self.assertEqual(tr.sni, host)

    def test_cdn_rejects_the_underscore_sni_only(self):
        host, address = self.one("cdn")
        self.assertTrue(host.startswith("_dc-mx."))
        _, tr = self.handshake(address, host)
        self.assertEqual(tr.alert_received, 47, tr.detail)
        self.assertEqual(tr.sni, host)
        self.good_handshake(address, host, sni=None)

    def test_tls10_only(self):
        host, address = self.one("tls-old")
        _, tr = self.handshake(address, host)
        self.assertFalse(tr.ok)
        tr = self.good_handshake(address, host, priority="NORMAL:-VERS-ALL:+VERS-TLS1.0")
        self.assertEqual(tr.version_name, "TLS1.0")

    def test_no_shared_cipher(self):
        host, address = self.one("tls-nocipher")
        _, tr = self.handshake(address, host)
        self.assertEqual(tr.failure, "handshake-failed", tr.detail)
        self.assertEqual(tr.alert_received, 40, tr.detail)

    def test_weak_dh(self):
        host, address = self.one("tls-weakdh")
        tr = self.good_handshake(address, host)
        self.assertEqual((tr.kx, tr.dh_prime_bits), ("DHE-RSA", 1024))

    def test_reset_in_handshake(self):
        host, address = self.one("tls-handshake")
        _, tr = self.handshake(address, host)
        self.assertIn(tr.failure, ("reset", "eof", "handshake-failed"), tr.detail)
        self.assertEqual(tr.failure_phase, "handshake")


class Certificates(Base):
    def test_one_defect_each(self):
        cases = {
            "cert-selfsigned": "self-signed",
            "cert-untrusted": "untrusted-root",   # its root sent along
            "cert-chain": "chain-incomplete",
            "cert-expired": "expired",
            "cert-notyet": "not-yet-valid",
            "cert-weakkey": "weak-key",
            "cert-sha1": "weak-signature",
            "cert-name": "name-mismatch",
        }
        for name, flag in cases.items():
            v = self.only_verdict(fqdn(name))
            self.assertIn(flag, v.flags, "%s: %s" % (name, v.detail))
            # "trusted" is about the chain: these three keep it
            if flag not in ("weak-key", "weak-signature", "name-mismatch"):
                self.assertNotIn("trusted", v.flags, name)
            if name != "cert-name":        # the host is named by all the others
                self.assertEqual(v.matched_name, "mx.%s.%s" % (name, ZONE), name)

    def test_strict_domain_with_an_expired_certificate(self):
        p = self.sts(fqdn("sts-expired"))
        self.assertEqual((p.outcome, p.mode, p.unmatched_mx), ("policy", "enforce", []),
                         p.detail)
        self.assertIn("expired", self.only_verdict(fqdn("sts-expired")).flags)

    def test_submission_hosts_with_bad_certificates(self):
        for name, flag in (("smtp.sub-selfsigned", "self-signed"),
                           ("smtp.sub-wrongname", "name-mismatch")):
            host = fqdn(name)
            address = self.ctx.resolve_host(host, 587).hosts[0].addresses[0].text
            for port, mode in ((587, mxtls.MODE_STARTTLS), (465, mxtls.MODE_IMPLICIT_TLS)):
                v = self.verdict(self.good_handshake(address, host, port, mode), host)
                self.assertIn(flag, v.flags, "%s:%d: %s" % (name, port, v.detail))

    def test_expires_in_five_days(self):
        v = self.only_verdict(fqdn("cert-expiring"))
        self.assertEqual(v.flags, {"trusted"}, v.detail)
        days = (v.certs[0].not_after_ms / 1000.0 - time.time()) / 86400
        self.assertTrue(4 < days < 6, days)

    def test_inconsistent_addresses(self):
        addrs = self.host_addresses(fqdn("cert-inconsistent"))
        self.assertEqual(len(addrs), 2)
        flags = {}
        for host, address in addrs:
            v = self.verdict(self.good_handshake(address, host), host)
            flags[address] = frozenset(v.flags)
        self.assertEqual(sorted(("trusted" in f) for f in flags.values()), [False, True])

    def test_default_certificate_without_sni(self):
        (host, address), = self.host_addresses(fqdn("cert-nosni"))
        with_sni = self.verdict(self.good_handshake(address, host), host)
        self.assertEqual(with_sni.flags, {"trusted"}, with_sni.detail)
        without = self.verdict(self.good_handshake(address, host, sni=None), host)
        self.assertIn("name-mismatch", without.flags)


class Dane(Base):
    def host_and_leaf(self, name):
        res = self.resolve(fqdn(name))
        h = res.hosts[0]
        tr = self.good_handshake(h.addresses[0].text, h.name)
        return h, self.verdict(tr, h.name).certs[0].spki_sha256

    def test_mismatch(self):
        h, served = self.host_and_leaf("dane-mismatch")
        self.assertEqual(h.tlsa_lookup.dnssec, "secure")
        self.assertTrue(h.tlsa and all(t.usage == 3 for t in h.tlsa))
        self.assertNotIn(served, [t.data for t in h.tlsa])

    def test_bogus(self):
        h, _ = self.host_and_leaf("dane-bogus")
        self.assertEqual(h.a.dnssec, "secure")
        self.assertEqual(h.tlsa_lookup.dnssec, "bogus")

    def test_unusable(self):
        h, served = self.host_and_leaf("dane-unusable")
        self.assertEqual(h.tlsa_lookup.dnssec, "secure")
        self.assertEqual(sorted(t.usage for t in h.tlsa), [0, 1])
        self.assertIn(served, [t.data for t in h.tlsa])   # it would match, if usable

    def test_no_rollover(self):
        h, served = self.host_and_leaf("dane-norollover")
        self.assertEqual(h.tlsa_lookup.dnssec, "secure")
        self.assertEqual([(t.usage, t.data) for t in h.tlsa], [(3, served)])


class MtaSts(Base):
    def test_policy_misses_the_mx(self):
        p = self.sts(fqdn("sts-missingmx"))
        self.assertEqual((p.outcome, p.mode), ("policy", "enforce"), p.detail)
        self.assertEqual(p.unmatched_mx, [fqdn("backup.sts-missingmx")])

    def test_fetch_failed(self):
        p = self.sts(fqdn("sts-notfound"))
        self.assertEqual((p.outcome, p.http_status), ("fetch-failed", 404), p.detail)

    def test_invalid_policy(self):
        p = self.sts(fqdn("sts-invalid"))
        self.assertEqual(p.outcome, "invalid-policy", p.detail)

    def test_webpki_invalid(self):
        p = self.sts(fqdn("sts-wrongcert"))
        self.assertEqual(p.outcome, "webpki-invalid", p.detail)

    def test_two_txt_records(self):
        res = self.resolve(fqdn("twosts"))
        self.assertEqual(res.mta_sts.n_sts_records, 2)
        self.assertIn("2 TXT records", res.mta_sts.problem)

    def test_broken_txt_records_quote_the_field(self):
        # What broke each record reaches the caller as data, quoted: the
        # field of the record, never a URI passed on as a report address.
        sts = self.resolve(fqdn("sts-badtxt")).mta_sts
        self.assertEqual((sts.n_sts_records, sts.valid), (1, False))
        self.assertTrue(sts.problem.startswith('"more=": '), sts.problem)
        bare = self.resolve(fqdn("sts-baretxt")).mta_sts
        self.assertEqual((bare.n_sts_records, bare.valid), (0, False))
        self.assertIn("discard", bare.problem)
        rpt = self.resolve(fqdn("rpt-invalid")).tlsrpt
        self.assertEqual((rpt.n_tlsrpt_records, rpt.valid, rpt.rua), (1, False, []))
        self.assertIn("!10m", rpt.problem)
        self.assertIn("percent-encoded", rpt.problem)
        healthy = self.resolve(diag.HEALTHY_MX)
        self.assertIsNone(healthy.mta_sts.problem)
        self.assertIsNone(healthy.tlsrpt.problem)

    def test_mx_hosts_of_sts_domains_are_healthy(self):
        for name in ("sts-missingmx", "sts-notfound", "sts-invalid", "sts-wrongcert"):
            v = self.only_verdict(fqdn(name))
            self.assertEqual(v.flags, {"trusted"}, "%s: %s" % (name, v.detail))


class Table(unittest.TestCase):
    def test_every_finding_id_has_a_case(self):
        """Every id of the library's catalogue has a fixture (net.unreachable's
        works only inside tests/fixtures/unreachable.sh)."""
        import ctypes
        from mxtls import _lib
        fn = _lib.lib.mxtls_finding_id
        fn.restype = ctypes.c_char_p
        fn.argtypes = [ctypes.c_int32]
        # The target's ids (1xx to 9xx) and env.ca-store-empty; the
        # resolver's env ids need resolvers of their own (test_cli.py), and
        # 11xx/12xx come from explained texts only, as do the four below.
        codes = list(range(100, 1000)) + [1003]
        catalogue = {fn(code).decode() for code in codes if fn(code)}
        catalogue -= {"dns.apex-cname", "smtp.rate-limited", "tls.client-cert-required",
                      "tls.no-close-notify"}
        self.assertGreater(len(catalogue), 50)
        ids = {case[2] for case in diag.CASES}
        self.assertEqual(catalogue - ids, set())
        self.assertEqual(ids - catalogue, set())

    def test_the_c_table_follows_cases(self):
        """tests/test-check.c checks what diag.CASES says, no more, no less."""
        import re
        with open(os.path.join(HERE, "..", "test-check.c")) as f:
            text = f.read()
        profiles = {"MX": "mx", "MX_WAITS": "mx", "SUB": "submission",
                    "SUBMISSION": "submission"}
        rows = {("%s.%s" % (t, ZONE), profiles[m], i) for m, t, i in
                re.findall(r'\b(MX|MX_WAITS|SUB)\("([^"]+)", "([^"]+)"', text)}
        rows |= {("%s.%s" % (t, ZONE), profiles[p], i) for t, p, i in re.findall(
            r'\.target = "([^"]+)\." ZONE, \.profile = MXTLS_PROFILE_(MX|SUBMISSION)[^}]*?'
            r'\.id = "([^"]+)"', text)}
        self.assertEqual(rows, set(diag.CASES))

if __name__ == "__main__":
    unittest.main(verbosity=2)
