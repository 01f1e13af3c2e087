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
import types

from . import _lib

__all__ = ["version", "Context", "Address", "MxtlsError", "LibraryNotFound", "ResolveResult",
           "STAGE_ALL", "STAGE_RESOLVE", "STAGE_CONNECT", "STAGE_STARTTLS", "STAGE_VERIFY",
           "ADDR_ALLOW_ALL", "ADDR_PUBLIC_ONLY"]

LibraryNotFound = _lib.LibraryNotFound

STAGE_ALL, STAGE_RESOLVE, STAGE_CONNECT, STAGE_STARTTLS, STAGE_VERIFY = 0, 1, 2, 3, 4
RESOLVER_SYSTEM, RESOLVER_FORWARDER, RESOLVER_RECURSIVE = 1, 2, 3
ADDR_ALLOW_ALL, ADDR_PUBLIC_ONLY = 0, 1


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
                                 valid=bool(c.valid), version=_dec(c.version), id=_dec(c.id))


def _tlsrpt(ptr):
    if not ptr:
        return None
    c = ptr.contents
    return types.SimpleNamespace(txt=_txt(c.txt), n_tlsrpt_records=c.n_tlsrpt_records,
                                 valid=bool(c.valid), version=_dec(c.version),
                                 rua=[_dec(c.rua[i]) for i in range(c.n_rua)])


class ResolveResult:
    """What the resolve stage found (a copy: no C memory is kept). hosts is
    in preference order; outcome and dnssec are names ("NXDOMAIN", "bogus")."""

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

    def __repr__(self):
        return "ResolveResult(%r, %s, %d hosts)" % (self.a_label, self.outcome, len(self.hosts))


class Context:
    """An mxtls context: the options shared by many checks.

    Use it as a context manager, or call close(). One thread at a time.
    """

    def __init__(self):
        handle = ctypes.c_void_p()
        self._check(_lib.mxtls_ctx_new(ctypes.byref(handle)), with_detail=False)
        self._ctx = handle

    def close(self):
        if self._ctx:
            _lib.mxtls_ctx_free(self._ctx)
            self._ctx = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
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
        self._check(_lib.mxtls_ctx_set_timeout_ms(self._handle(), stage, ms))

    def get_timeout_ms(self, stage):
        return _lib.mxtls_ctx_get_timeout_ms(self._handle(), stage)

    timeout_ms = property(lambda self: self.get_timeout_ms(STAGE_CONNECT),
                          lambda self, ms: self.set_timeout_ms(ms),
                          doc="Setting it sets every stage; reading gives the connect stage's.")

    # String options ----------------------------------------------------------
    def _string_option(name, doc):
        setter = getattr(_lib.lib, "mxtls_ctx_set_" + name)
        getter = getattr(_lib.lib, "mxtls_ctx_get_" + name)

        def get(self):
            return _dec(getter(self._handle()))

        def set_(self, value):
            self._check(setter(self._handle(), _enc(value)))

        return property(get, set_, doc=doc)

    helo_name = _string_option("helo_name", "The EHLO name.")
    ca_file = _string_option("ca_file", "CA file; None means the system store.")
    ca_dir = _string_option("ca_dir", "CA directory, or None.")
    trust_anchor_file = _string_option("trust_anchor_file", "DNSSEC trust-anchor file.")
    proxy_ranges_file = _string_option("proxy_ranges_file",
                                       "Proxy-ranges file; None means the built-in ranges.")
    del _string_option

    # Resolver ----------------------------------------------------------------
    def use_system_resolver(self, resolv_conf=None):
        self._check(_lib.mxtls_ctx_use_system_resolver(self._handle(), _enc(resolv_conf)))

    def use_forwarder(self, server):
        self._check(_lib.mxtls_ctx_use_forwarder(self._handle(), _enc(server)))

    def use_recursion(self):
        self._check(_lib.mxtls_ctx_use_recursion(self._handle()))

    @property
    def resolver_mode(self):
        return {1: "system", 2: "forwarder", 3: "recursive"}.get(
            _lib.mxtls_ctx_get_resolver_mode(self._handle()), "unknown")

    @property
    def forwarder(self):
        return _dec(_lib.mxtls_ctx_get_forwarder(self._handle()))

    def add_stub_zone(self, zone, server):
        self._check(_lib.mxtls_ctx_add_stub_zone(self._handle(), _enc(zone), _enc(server)))

    def add_trust_anchor(self, rr):
        self._check(_lib.mxtls_ctx_add_trust_anchor(self._handle(), _enc(rr)))

    # Address policy ------------------------------------------------------------
    @property
    def public_only(self):
        return _lib.mxtls_ctx_get_address_policy(self._handle()) == ADDR_PUBLIC_ONLY

    @public_only.setter
    def public_only(self, on):
        self._check(_lib.mxtls_ctx_set_address_policy(
            self._handle(), ADDR_PUBLIC_ONLY if on else ADDR_ALLOW_ALL))


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
