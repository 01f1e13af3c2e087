"""mxtls: find out why a mail server fails TLS negotiation, and how to fix it.

A pure-ctypes binding of libmxtls.so.1. The library is found through
MXTLS_LIBRARY, then a build tree, then the system (see mxtls._lib).

    import mxtls
    print(mxtls.version())
    with mxtls.Context() as ctx:
        ctx.timeout_ms = 5000
        addr = ctx.parse_address("104.16.1.1")
        print(addr.scope, addr.proxy_provider)     # public cloudflare
"""
import ctypes
import os
import types

from . import _lib

__all__ = ["version", "Context", "Address", "MxtlsError", "LibraryNotFound", "ResolveResult",
           "Session", "ConnectResult", "TlsResult", "Capabilities", "alert_name",
           "MODE_STARTTLS", "MODE_IMPLICIT_TLS", "MODE_PLAIN",
           "TLS_1_0", "TLS_1_1", "TLS_1_2", "TLS_1_3",
           "STAGE_ALL", "STAGE_RESOLVE", "STAGE_CONNECT", "STAGE_STARTTLS", "STAGE_VERIFY",
           "STAGE_CHECK", "ADDR_ALLOW_ALL", "ADDR_PUBLIC_ONLY",
           "explain", "Explanation", "Finding", "Report", "Probe", "Prediction", "senders",
           "Engine", "CheckError", "check_many_async"]

LibraryNotFound = _lib.LibraryNotFound

STAGE_ALL, STAGE_RESOLVE, STAGE_CONNECT, STAGE_STARTTLS, STAGE_VERIFY = 0, 1, 2, 3, 4
STAGE_CHECK = 5   # the whole check; STAGE_ALL leaves it alone
RESOLVER_SYSTEM, RESOLVER_FORWARDER, RESOLVER_RECURSIVE = 1, 2, 3
ADDR_ALLOW_ALL, ADDR_PUBLIC_ONLY = 0, 1
MODE_STARTTLS, MODE_IMPLICIT_TLS, MODE_PLAIN = 1, 2, 3
TLS_1_0, TLS_1_1, TLS_1_2, TLS_1_3 = 0x0301, 0x0302, 0x0303, 0x0304
# Failure classes (connect.h, starttls.h) and phases, by name.
FAILURES = {0: "ok", 1: "refused", 2: "timeout", 3: "reset", 4: "eof", 5: "unreachable",
            6: "not-smtp", 7: "protocol", 8: "rejected", 9: "error", 10: "tls",
            20: "starttls-refused", 21: "handshake-failed"}
PHASES = {0: None, 1: "tcp", 2: "banner", 3: "ehlo", 4: "helo", 5: "starttls",
          6: "handshake", 7: "ehlo-tls", 8: "quit"}
SEEN = {0: None, 1: "silence", 2: "http", 3: "tls", 4: "binary", 5: "text", 6: "smtp"}
REPLY_ERRORS = {0: None, 1: "line-too-long", 2: "too-many-lines", 3: "too-big",
                4: "bad-syntax", 5: "code-mismatch", 6: "nul"}


def version():
    """The library's version string, e.g. "0.1.0"."""
    return _lib.mxtls_version_string().decode()


class MxtlsError(Exception):
    """A call could not run. .status is the number, .name e.g. "MXTLS_EINVAL",
    .detail the library's explanation when it gave one."""

    def __init__(self, status, detail=""):
        self.status = status
        self.name = _lib.mxtls_status_name(status).decode()
        self.detail = detail
        text = _lib.mxtls_strerror(status).decode()
        super().__init__("%s: %s%s" % (self.name, text, (": " + detail) if detail else ""))


def _enc(value):
    return None if value is None else str(value).encode()


def _str_arg(value, what, none_ok=False, path=False):
    """value as UTF-8 bytes for a const char * argument. TypeError for a
    value that is not a str (or, for a path, os.PathLike or bytes), ValueError
    for a NUL inside, which C would silently cut the string at."""
    if value is None and none_ok:
        return None
    if path and isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, str):
        data = value.encode()
    elif path and isinstance(value, bytes):
        data = value
    else:
        raise TypeError("%s must be a str%s%s, not %s" % (
            what, " or path" if path else "", " or None" if none_ok else "",
            type(value).__name__))
    if b"\0" in data:
        raise ValueError("%s contains a NUL character" % what)
    return data


def _ms_arg(ms):
    if isinstance(ms, bool) or not isinstance(ms, int):
        raise TypeError("a timeout is an int of milliseconds, not %s" % type(ms).__name__)
    if not 0 <= ms <= 0xFFFFFFFF:
        # Out of uint32's range ctypes would wrap it; say what C would say.
        raise MxtlsError(6, "timeout: %d ms is outside 1..600000" % ms)
    return ms


def _dec(value):
    return None if value is None else value.decode()


class Address:
    """An IP address as mxtls classifies it (a copy: no C memory is kept)."""

    __slots__ = ("family", "text", "packed", "scope", "dnssec", "proxy_provider",
                 "policy_allowed")

    def __init__(self, c):
        self.family = c.family
        self.text = _dec(c.text)
        self.packed = bytes(c.bytes[:4 if c.family == 4 else 16])
        self.scope = _dec(_lib.mxtls_scope_name(c.scope))
        self.dnssec = _dec(_lib.mxtls_dnssec_name(c.dnssec))
        self.proxy_provider = _dec(c.proxy_provider)
        self.policy_allowed = bool(c.policy_allowed)

    def __repr__(self):
        return "Address(%r, scope=%r, proxy=%r)" % (self.text, self.scope, self.proxy_provider)


# Names of mxtls_mx_host.flags bits (resolve.h).
MX_FLAGS = {0x01: "cname", 0x02: "ip-literal", 0x04: "non-ldh", 0x08: "cdn-origin",
            0x10: "no-address", 0x20: "implicit", 0x40: "limited"}


# MXTLS_RESOLVER_HEALTH_* (resolve.h).
RESOLVER_HEALTH = {0: "unknown", 1: "dnssec", 2: "no-dnssec", 3: "silent", 4: "denies"}
# MXTLS_RECURSION_* (resolve.h).
RECURSION = {0: "unknown", 1: "possible", 2: "blocked"}


def _member(ptr, cls, name, default=None):
    """ptr.contents.name if the library's struct_size says it has it."""
    return getattr(ptr.contents, name) if _lib.has_member(ptr, cls, name) else default


def _lookup(ptr):
    if not ptr:
        return None
    c = ptr.contents
    return types.SimpleNamespace(
        qname=_dec(c.qname), qtype=c.qtype,
        outcome=_dec(_lib.mxtls_dns_outcome_name(c.outcome)), rcode=c.rcode,
        dnssec=_dec(_lib.mxtls_dnssec_name(c.dnssec)), why_bogus=_dec(c.why_bogus),
        detail=_dec(c.detail), n_records=c.n_records, limited=bool(c.limited),
        elapsed_ms=c.elapsed_ms)


def _tlsa(ptr):
    c = ptr.contents
    return types.SimpleNamespace(
        usage=c.usage, selector=c.selector, matching_type=c.matching_type,
        data=ctypes.string_at(c.data, c.data_len), dnssec=_dec(_lib.mxtls_dnssec_name(c.dnssec)))


def _host(ptr):
    c = ptr.contents
    return types.SimpleNamespace(
        name=_dec(c.name), preference=c.preference,
        flags={n for bit, n in MX_FLAGS.items() if c.flags & bit},
        canonical_name=_dec(c.canonical_name),
        addresses=[Address(c.addresses[i].contents) for i in range(c.n_addresses)],
        a=_lookup(c.a), aaaa=_lookup(c.aaaa), tlsa_name=_dec(c.tlsa_name),
        tlsa=[_tlsa(c.tlsa[i]) for i in range(c.n_tlsa)], tlsa_lookup=_lookup(c.tlsa_lookup))


def _txt(ptr):
    c = ptr.contents
    return types.SimpleNamespace(lookup=_lookup(c.lookup),
                                 records=[_dec(c.records[i]) for i in range(c.n_records)])


def _mta_sts(ptr):
    if not ptr:
        return None
    c = ptr.contents
    return types.SimpleNamespace(txt=_txt(c.txt), n_sts_records=c.n_sts_records,
                                 valid=bool(c.valid), version=_dec(c.version), id=_dec(c.id),
                                 problem=_dec(_member(ptr, _lib.MtaStsTxt, "problem")))


def _tlsrpt(ptr):
    if not ptr:
        return None
    c = ptr.contents
    return types.SimpleNamespace(txt=_txt(c.txt), n_tlsrpt_records=c.n_tlsrpt_records,
                                 valid=bool(c.valid), version=_dec(c.version),
                                 rua=[_dec(c.rua[i]) for i in range(c.n_rua)],
                                 problem=_dec(_member(ptr, _lib.TlsRptTxt, "problem")))


class ResolveResult:
    """What the resolve stage found (a copy: no C memory is kept). hosts is
    in preference order; outcome and dnssec are names ("NXDOMAIN", "bogus",
    "indeterminate"). resolver_health says what the checker's resolver
    showed of itself: "dnssec", "no-dnssec" (it strips DNSSEC, so DNSSEC
    states are "indeterminate"), "silent" or "unknown"; resolver_detail is
    that answer in one line. When the resolver is no good for DNSSEC,
    resolver_validates (True, False, or None when not learnt) says whether it
    set the AD bit, and recursion ("possible", "blocked", "unknown") whether
    a root server answers from here, so that use_recursion() would help."""

    def __init__(self, ptr):
        c = ptr.contents
        R = _lib.ResolveResult
        self.struct_size = c.struct_size
        self.query = _dec(c.query)
        self.a_label = _dec(c.a_label)
        self.port = c.port
        self.outcome = _dec(_lib.mxtls_dns_outcome_name(c.outcome))
        self.dnssec = _dec(_lib.mxtls_dnssec_name(c.dnssec))
        self.mx = _lookup(c.mx)
        self.null_mx = bool(c.null_mx)
        self.implicit_mx = bool(c.implicit_mx)
        self.hosts = [_host(c.hosts[i]) for i in range(c.n_hosts)]
        self.mta_sts = _mta_sts(c.mta_sts)
        self.tlsrpt = _tlsrpt(c.tlsrpt)
        self.limits_hit = c.limits_hit
        self.n_queries = c.n_queries
        self.elapsed_ms = c.elapsed_ms
        self.detail = _dec(_member(ptr, R, "detail"))
        self.resolver_health = RESOLVER_HEALTH.get(_member(ptr, R, "resolver_health", 0),
                                                   "unknown")
        self.resolver_detail = _dec(_member(ptr, R, "resolver_detail"))
        validates = _member(ptr, R, "resolver_validates", -1)
        self.resolver_validates = None if validates < 0 else bool(validates)
        self.recursion = RECURSION.get(_member(ptr, R, "recursion", 0), "unknown")

    def __repr__(self):
        return "ResolveResult(%r, %s, %d hosts)" % (self.a_label, self.outcome, len(self.hosts))


class Context:
    """An mxtls context: the options shared by many checks.

    Use it as a context manager (or call close()); one thread at a time.
    Options are typed properties, and can also be given as keywords:

        with mxtls.Context(forwarder="127.0.0.53", ca_file="ca.pem",
                           stub_zones={"example.test": "127.0.0.53@5353"},
                           connect_timeout_ms=5000, public_only=True) as ctx:
            report = ctx.check("example.test")

    Setting an option to a value of the wrong type raises TypeError; a value
    the library refuses raises MxtlsError with the library's detail, and the
    option keeps its previous value. While an Engine is open on the context
    (check_many(), check_many_async()), setting any option raises
    MxtlsError MXTLS_ESTATE.
    """

    _engine = None   # the open Engine that owns this context, if any

    def __init__(self, **options):
        """A context with the library's defaults (a careful sending MTA's),
        then each keyword in options set as the property of that name.
        stub_zones (a mapping zone -> "ADDR[@PORT]") and trust_anchors (DS or
        DNSKEY records) are added. TypeError for an unknown keyword."""
        handle = ctypes.c_void_p()
        self._ctx = None
        self._check(_lib.mxtls_ctx_new(ctypes.byref(handle)), with_detail=False)
        self._ctx = handle
        try:
            for name, value in options.items():
                self._apply(name, value)
        except BaseException:
            self.close()
            raise

    def _apply(self, name, value):
        if name == "stub_zones":
            for zone, server in dict(value).items():
                self.add_stub_zone(zone, server)
        elif name == "trust_anchors":
            if isinstance(value, str):
                raise TypeError("trust_anchors is a list of records, not one str")
            for rr in value:
                self.add_trust_anchor(rr)
        elif isinstance(getattr(type(self), name, None), property) and \
                getattr(type(self), name).fset is not None:
            setattr(self, name, value)
        else:
            raise TypeError("Context() got an unknown option %r" % (name,))

    def close(self):
        """Free the context (idempotent), and its Engine if one is open.
        Results already made stay valid."""
        if self._engine is not None:
            self._engine.close()
        if self._ctx:
            _lib.mxtls_ctx_free(self._ctx)
            self._ctx = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_ctx", None):
            self.close()

    def _handle(self):
        if not self._ctx:
            raise ValueError("the context is closed")
        return self._ctx

    def _check(self, status, with_detail=True):
        if status != 0:
            detail = _dec(_lib.mxtls_ctx_error_detail(self._ctx)) if with_detail else ""
            raise MxtlsError(status, detail)

    # Timeouts ---------------------------------------------------------------
    def set_timeout_ms(self, ms, stage=STAGE_ALL):
        """Set one stage's timeout (STAGE_*), or every stage's, in ms (1..600000)."""
        self._check(_lib.mxtls_ctx_set_timeout_ms(self._handle(), stage, _ms_arg(ms)))

    def get_timeout_ms(self, stage):
        """The timeout of stage (STAGE_RESOLVE .. STAGE_VERIFY, or STAGE_CHECK
        for a whole check) in ms."""
        return _lib.mxtls_ctx_get_timeout_ms(self._handle(), stage)

    timeout_ms = property(lambda self: self.get_timeout_ms(STAGE_CONNECT),
                          lambda self, ms: self.set_timeout_ms(ms),
                          doc="Setting it sets every stage; reading gives the connect stage's.")

    def _timeout(stage, doc):
        return property(lambda self: self.get_timeout_ms(stage),
                        lambda self, ms: self.set_timeout_ms(ms, stage), doc=doc)

    resolve_timeout_ms = _timeout(STAGE_RESOLVE, "Deadline of one resolve call, in ms.")
    connect_timeout_ms = _timeout(STAGE_CONNECT, "Deadline of TCP connect, banner and EHLO.")
    starttls_timeout_ms = _timeout(STAGE_STARTTLS,
                                   "Deadline of STARTTLS, the handshake and EHLO after it.")
    verify_timeout_ms = _timeout(STAGE_VERIFY,
                                 "Deadline of the certificate checks and MTA-STS fetch.")
    check_timeout_ms = _timeout(STAGE_CHECK,
                                "Deadline of a whole check (default 120000): what it cuts "
                                "short is reported as check.deadline.")
    del _timeout

    # String options ----------------------------------------------------------
    def _string_option(name, doc, path=True):
        setter = getattr(_lib.lib, "mxtls_ctx_set_" + name)
        getter = getattr(_lib.lib, "mxtls_ctx_get_" + name)

        def get(self):
            return _dec(getter(self._handle()))

        def set_(self, value):
            self._check(setter(self._handle(), _str_arg(value, name, none_ok=True, path=path)))

        return property(get, set_, doc=doc)

    helo_name = _string_option("helo_name", "The EHLO name: a host name or an address "
                               "literal such as \"[192.0.2.1]\".", path=False)
    ca_file = _string_option("ca_file", "CA file (PEM); None means the system store. "
                             "One with no certificate gives env.ca-store-empty.")
    ca_dir = _string_option("ca_dir", "CA directory of PEM files, or None.")
    trust_anchor_file = _string_option("trust_anchor_file", "DNSSEC trust-anchor file; "
                                       "None restores the root key.")
    proxy_ranges_file = _string_option("proxy_ranges_file",
                                       "Proxy-ranges file; None means the built-in ranges.")
    root_hints_file = _string_option("root_hints_file",
                                     "Root-hints file for recursion and for the probe of "
                                     "whether the root answers from here; None means the "
                                     "built-in hints.")
    del _string_option

    # Resolver ----------------------------------------------------------------
    def use_system_resolver(self, resolv_conf=None):
        """Resolve through the servers in resolv_conf (None: /etc/resolv.conf).
        Names under test. and home.arpa. go to them too (see
        MXTLS_RESOLVER_SYSTEM in mxtls/common.h)."""
        self._check(_lib.mxtls_ctx_use_system_resolver(
            self._handle(), _str_arg(resolv_conf, "resolv_conf", none_ok=True, path=True)))

    def use_forwarder(self, server):
        """Resolve through one forwarder, "ADDR" or "ADDR@PORT". Names under
        test. and home.arpa. go to it too."""
        self._check(_lib.mxtls_ctx_use_forwarder(self._handle(), _str_arg(server, "forwarder")))

    def use_recursion(self):
        """Resolve by full recursion from the root hints."""
        self._check(_lib.mxtls_ctx_use_recursion(self._handle()))

    @property
    def resolver_mode(self):
        """"system", "forwarder" or "recursive"."""
        return {1: "system", 2: "forwarder", 3: "recursive"}.get(
            _lib.mxtls_ctx_get_resolver_mode(self._handle()), "unknown")

    @property
    def forwarder(self):
        """The forwarder "ADDR@PORT", or None when not in forwarder mode.
        Setting it is use_forwarder()."""
        return _dec(_lib.mxtls_ctx_get_forwarder(self._handle()))

    @forwarder.setter
    def forwarder(self, server):
        self.use_forwarder(server)

    def add_stub_zone(self, zone, server):
        """Send queries at or below zone straight to server ("ADDR[@PORT]")."""
        self._check(_lib.mxtls_ctx_add_stub_zone(self._handle(), _str_arg(zone, "zone"),
                                                 _str_arg(server, "server")))

    def add_trust_anchor(self, rr):
        """Trust one more DNSSEC anchor, a DS or DNSKEY record in presentation format."""
        self._check(_lib.mxtls_ctx_add_trust_anchor(self._handle(),
                                                    _str_arg(rr, "trust anchor")))

    # Address policy ------------------------------------------------------------
    @property
    def address_policy(self):
        """ADDR_ALLOW_ALL (the default) or ADDR_PUBLIC_ONLY."""
        return _lib.mxtls_ctx_get_address_policy(self._handle())

    @address_policy.setter
    def address_policy(self, policy):
        if isinstance(policy, bool) or not isinstance(policy, int):
            raise TypeError("address_policy is ADDR_ALLOW_ALL or ADDR_PUBLIC_ONLY, not %s"
                            % type(policy).__name__)
        self._check(_lib.mxtls_ctx_set_address_policy(self._handle(), policy))

    @property
    def public_only(self):
        """True: refuse to connect to loopback, private and reserved
        addresses (for a service that checks domains strangers type in)."""
        return self.address_policy == ADDR_PUBLIC_ONLY

    @public_only.setter
    def public_only(self, on):
        if not isinstance(on, bool):
            raise TypeError("public_only must be a bool, not %s" % type(on).__name__)
        self.address_policy = ADDR_PUBLIC_ONLY if on else ADDR_ALLOW_ALL

    # Reference hosts -----------------------------------------------------------
    @property
    def reference_hosts(self):
        """Mail hosts known to answer on port 25, as a tuple of names: tried
        when no MX host of a domain does, to tell a block on this network
        (net.egress-blocked) from a dead domain. () means none: a block is
        then never reported. Set it to a list or tuple of at most 8 names."""
        h = self._handle()
        return tuple(_dec(_lib.mxtls_ctx_get_reference_host(h, i))
                     for i in range(_lib.mxtls_ctx_get_reference_host_count(h)))

    @reference_hosts.setter
    def reference_hosts(self, names):
        if isinstance(names, (str, bytes)):
            raise TypeError("reference_hosts is a list of names, not one %s"
                            % type(names).__name__)
        data = [_str_arg(n, "reference host") for n in names]
        array = (ctypes.c_char_p * max(1, len(data)))(*data)
        self._check(_lib.mxtls_ctx_set_reference_hosts(self._handle(), array, len(data)))

    # Resolve stage -----------------------------------------------------------
    def _resolve(self, call, *args):
        out = ctypes.POINTER(_lib.ResolveResult)()
        self._check(call(self._handle(), *args, ctypes.byref(out)))
        try:
            return ResolveResult(out)
        finally:
            _lib.mxtls_resolve_result_free(out)

    def resolve_mx(self, domain):
        """MX hosts of domain with addresses, TLSA and the MTA-STS / TLS-RPT TXT
        records. Blocks up to the resolve timeout. Raises MxtlsError
        (MXTLS_EINVAL) for a malformed domain."""
        return self._resolve(_lib.mxtls_resolve_mx, _enc(domain))

    def resolve_host(self, host, port):
        """Addresses and TLSA (_PORT._tcp.HOST) of one SMTP host."""
        return self._resolve(_lib.mxtls_resolve_host, _enc(host), port)

    # Stages -----------------------------------------------------------------
    def connect(self, address, port=25, mode=MODE_STARTTLS, server_name=None):
        """Connect to an IP address (text) and read the banner and EHLO.

        Returns a Session whatever was found (session.result says what); raises
        MxtlsError when the call could not run (MXTLS_EPOLICY: the address
        policy forbids the address). The session does not need the context."""
        return _connect(self, address, port, mode, server_name)

    def parse_address(self, text):
        """Classify an IP literal: scope, proxy provider, policy. Raises
        MxtlsError(MXTLS_EINVAL) for anything that is not one."""
        out = ctypes.POINTER(_lib.Address)()
        status = _lib.mxtls_address_parse(self._handle(), _enc(text), ctypes.byref(out))
        if status != 0:
            raise MxtlsError(status, "not an IP address literal: %r" % (text,))
        try:
            return Address(out.contents)
        finally:
            _lib.mxtls_address_free(out)

    # Diagnose ----------------------------------------------------------------
    def explain(self, text):
        """What a pasted error text means: which side sent which alert, the
        likely causes as Findings, and the check that settles it. No network.
        Returns an Explanation (also for a text it does not recognise);
        TypeError unless text is a str."""
        return diagnose.explain(self._handle(), text)

    def check(self, target, profile="mx", port=None, implicit_tls=False, sni=None,
              family=None, progress=None):
        """Check target as a sending MTA would and diagnose what fails.

        profile "mx": target is a mail domain; every MX host and address on
        port 25. profile "submission": target is "host", "host:port", an IP
        literal or "[IPv6]:port", checked as Gmail's Send-As would (587
        STARTTLS and 465 implicit TLS, a CA-signed certificate naming exactly
        that host). port: check only this port; implicit_tls: TLS from the
        first byte on it (alone: port 465); sni: send this SNI instead of the
        host's name; family: 4 or 6 to probe one address family only.
        progress: a callable given one str per step as the check goes on; an
        exception it raises is re-raised once the check has returned.

        Blocks for up to the stage timeouts times the number of probes.
        Returns a Report whatever was found; raises MxtlsError when the check
        could not run (MXTLS_EINVAL for a target that is not a domain or host,
        with the reason in .detail), ValueError for an unknown profile,
        TypeError for arguments of the wrong type."""
        if self._engine is not None:
            raise MxtlsError(8, "the context belongs to an open Engine; close it first")
        return diagnose.check(self, target, profile, port, implicit_tls, sni, family,
                              progress)

    def check_many(self, targets, concurrency=64, profile="mx", per_destination=None,
                   **options):
        """Check many targets at once; a generator that yields each result as
        its check finishes (completion order, not input order).

        targets: any iterable of str, read only as slots free up (at most
        twice concurrency ahead), so it may be a file or a generator of
        millions. concurrency: checks in flight at once; per_destination:
        TCP connections open at once to one address and port (default 4).
        profile and options (port, implicit_tls, sni, family) as check()
        takes them, for every target.

        Each result has .target and .error: a Report (error None), or a
        CheckError (an MxtlsError; error is itself) for a target that could
        not be checked, e.g. MXTLS_EINVAL for a name that is not a domain,
        with the reason in .detail. One result per target, duplicates
        included. The context is the engine's until the generator ends or is
        closed. For asyncio see mxtls.check_many_async()."""
        return engine.check_many(self, targets, concurrency, profile, per_destination,
                                 **options)


def alert_name(alert):
    """The RFC name of TLS alert number alert ("illegal_parameter"), or None."""
    return _dec(_lib.mxtls_alert_name(alert))


def _text(value):
    return None if value is None else value.decode("utf-8", "replace")


def _lines(ptr, n):
    return [_text(ptr[i]) for i in range(n)] if n else []


def _blob(ptr, n):
    return ctypes.string_at(ptr, n) if n else b""


def _copy_fields(obj, c, names):
    for name in names:
        value = getattr(c, name)
        setattr(obj, name, _text(value) if isinstance(value, bytes) else value)


class Capabilities:
    """EHLO capabilities (a copy of struct mxtls_capabilities)."""

    _FLAGS = ("starttls", "pipelining", "eightbitmime", "smtputf8", "chunking",
              "enhancedstatuscodes", "dsn", "requiretls", "has_size", "masked",
              "starttls_masked", "malformed")

    def __init__(self, c):
        for name in self._FLAGS:
            setattr(self, name, int(getattr(c, name)))
        self.size_limit = c.size_limit
        self.auth = _lines(c.auth, c.n_auth)

    def __repr__(self):
        on = [n for n in self._FLAGS if getattr(self, n)]
        return "Capabilities(%s, auth=%r)" % (", ".join(on), self.auth)


class _Result:
    def _common(self, c):
        self.failure = FAILURES.get(c.failure, c.failure)
        self.failure_phase = PHASES.get(c.failure_phase, c.failure_phase)
        self.seen = SEEN.get(c.seen, c.seen)
        self.reply_error = REPLY_ERRORS.get(c.reply_error, c.reply_error)
        self.first_bytes = _blob(c.first_bytes, c.n_first_bytes)
        self.ehlo_lines = _lines(c.ehlo_lines, c.n_ehlo_lines)
        self.caps = Capabilities(c.caps.contents)

    @property
    def ok(self):
        """True when the stage got as far as it should (failure "ok")."""
        return self.failure == "ok"

    def __repr__(self):
        return "%s(%s: %s)" % (type(self).__name__, self.failure, self.detail)


class ConnectResult(_Result):
    """What mxtls_connect() saw (a copy; no C memory is kept)."""

    def __init__(self, c):
        _copy_fields(self, c, ("address", "port", "mode", "sys_errno", "connect_ms",
                               "banner_ms", "ehlo_ms", "banner_code", "banner",
                               "ehlo_code", "helo_fallback", "detail"))
        self._common(c)


class TlsResult(_Result):
    """What mxtls_starttls() saw (a copy; no C memory is kept)."""

    def __init__(self, c):
        _copy_fields(self, c, ("sys_errno", "starttls_code", "starttls_text", "starttls_ms",
                               "handshake_ms", "ehlo_ms", "sni", "priority", "version",
                               "version_name", "cipher_suite", "kx", "group", "sigalg",
                               "dh_prime_bits", "alert_received", "alert_received_name",
                               "alert_sent", "alert_sent_name", "gnutls_error",
                               "gnutls_error_name", "gnutls_error_text", "ocsp_stapled",
                               "banner_code", "banner", "ehlo_code", "detail"))
        self._common(c)
        self.peer_certs = [_blob(c.peer_certs[i], c.peer_cert_lens[i])
                           for i in range(c.n_peer_certs)]


_DEFAULT = object()


class Session:
    """An SMTP session from Context.connect(). .result is the ConnectResult;
    .open says whether the session can go on (connect succeeded)."""

    def __init__(self, handle, result):
        self._s = handle
        self.result = result

    @property
    def open(self):
        """True until close(), if connect succeeded (starttls() may follow)."""
        return bool(self._s)

    def starttls(self, sni=_DEFAULT, priority=None, versions=None):
        """STARTTLS (or the implicit-TLS handshake) and EHLO again.

        sni: a name sent exactly as given, None to send no SNI, or left out
        for the default (the server name given to connect). priority: a
        GnuTLS priority string. versions: (min, max) of TLS_1_x.
        Returns a TlsResult; raises MxtlsError if the call could not run."""
        if not self._s:
            raise MxtlsError(8, "the session is not open")   # MXTLS_ESTATE
        params = ctypes.c_void_p()
        _check(_lib.mxtls_tls_params_new(ctypes.byref(params)))
        try:
            if sni is not _DEFAULT:
                _check(_lib.mxtls_tls_params_set_sni(params, _enc(sni)), "sni %r" % (sni,))
            if priority is not None:
                _check(_lib.mxtls_tls_params_set_priority(params, _enc(priority)),
                       "priority %r" % (priority,))
            if versions is not None:
                _check(_lib.mxtls_tls_params_set_versions(params, *versions),
                       "versions %r" % (versions,))
            out = ctypes.POINTER(_lib.TlsResult)()
            _check(_lib.mxtls_starttls(self._s, params, ctypes.byref(out)))
            try:
                return TlsResult(out.contents)
            finally:
                _lib.mxtls_tls_result_free(out)
        finally:
            _lib.mxtls_tls_params_free(params)

    def close(self):
        """QUIT politely and free the session (idempotent)."""
        if self._s:
            _lib.mxtls_session_close(self._s)
            self._s = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


def _check(status, detail=""):
    if status != 0:
        raise MxtlsError(status, detail)


def _connect(ctx, address, port, mode, server_name):
    addr = ctypes.POINTER(_lib.Address)()
    status = _lib.mxtls_address_parse(ctx._handle(), _enc(address), ctypes.byref(addr))
    if status != 0:
        raise MxtlsError(status, "not an IP address literal: %r" % (address,))
    try:
        handle = ctypes.c_void_p()
        out = ctypes.POINTER(_lib.ConnectResult)()
        _check(_lib.mxtls_connect(ctx._handle(), addr, port, mode, _enc(server_name),
                                  ctypes.byref(handle), ctypes.byref(out)),
               "connect to %s port %s" % (address, port))
        try:
            return Session(handle.value, ConnectResult(out.contents))
        finally:
            _lib.mxtls_connect_result_free(out)
    finally:
        _lib.mxtls_address_free(addr)



from . import diagnose  # noqa: E402  (it needs the classes above)
from .diagnose import Explanation, Finding, Prediction, Probe, Report, senders  # noqa: E402
from . import engine  # noqa: E402
from .engine import CheckError, Engine, check_many_async  # noqa: E402


def explain(text):
    """Context.explain() without a context: what an error text means."""
    return diagnose.explain(None, text)
