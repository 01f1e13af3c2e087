"""The stage results as dataclasses: resolve (ResolveResult and what it
holds), connect (ConnectResult) and STARTTLS (TlsResult).

Each is a copy: the C result is read once, as far as its struct_size
reaches, and freed before the call returns, so no Python object holds
library memory. A member the loaded library does not have reads as None.
Times are float seconds (None: not reached); the *_ms names of earlier
releases remain as read-only integer properties.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any, FrozenSet, List, Optional, Union

from . import _lib
from ._util import blob, dec, lines, ms_of, seconds, text
from .enums import Failure, Mode

__all__ = ["Exchange", "Address", "DnsLookup", "Tlsa", "MxHost", "TxtRecords", "MtaStsRecord",
           "TlsRptRecord", "ResolveResult", "Capabilities", "ConnectResult", "TlsResult",
           "MX_FLAGS", "FAILURES", "PHASES", "SEEN", "REPLY_ERRORS"]

# Failure classes (connect.h, starttls.h) and phases, by name.
FAILURES = {0: "ok", 1: "refused", 2: "timeout", 3: "reset", 4: "eof", 5: "unreachable",
            6: "not-smtp", 7: "protocol", 8: "rejected", 9: "error", 10: "tls",
            20: "starttls-refused", 21: "handshake-failed"}
PHASES = {0: None, 1: "tcp", 2: "banner", 3: "ehlo", 4: "helo", 5: "starttls",
          6: "handshake", 7: "ehlo-tls", 8: "quit"}
SEEN = {0: None, 1: "silence", 2: "http", 3: "tls", 4: "binary", 5: "text", 6: "smtp"}
REPLY_ERRORS = {0: None, 1: "line-too-long", 2: "too-many-lines", 3: "too-big",
                4: "bad-syntax", 5: "code-mismatch", 6: "nul"}
# Names of mxtls_mx_host.flags bits (resolve.h).
MX_FLAGS = {0x01: "cname", 0x02: "ip-literal", 0x04: "non-ldh", 0x08: "cdn-origin",
            0x10: "no-address", 0x20: "implicit", 0x40: "limited"}
# MXTLS_RESOLVER_HEALTH_* and MXTLS_RECURSION_* (resolve.h).
RESOLVER_HEALTH = {0: "unknown", 1: "dnssec", 2: "no-dnssec", 3: "silent", 4: "denies"}
RECURSION = {0: "unknown", 1: "possible", 2: "blocked"}


def _member(ptr: Any, cls: Any, name: str, default: Any = None) -> Any:
    """ptr.contents.name if the library's struct_size says it has it."""
    return getattr(ptr.contents, name) if _lib.has_member(ptr, cls, name) else default


def _dnssec(value: int) -> Optional[str]:
    return dec(_lib.mxtls_dnssec_name(value))


@dataclass
class Address:
    """An IP address as mxtls classifies it.

    family          4 or 6
    text            "192.0.2.7"
    packed          its 4 or 16 bytes
    scope           "public", "private", "loopback", ...
    dnssec          how its A/AAAA answer validated: "secure", "insecure", ...
    proxy_provider  "cloudflare" for a known HTTP-only proxy range, else None
    policy_allowed  False when the context's address policy refuses it
    """
    family: int
    text: Optional[str]
    packed: bytes
    scope: Optional[str]
    dnssec: Optional[str]
    proxy_provider: Optional[str]
    policy_allowed: bool

    @classmethod
    def from_c(cls, c: Any) -> "Address":
        """A copy of a struct mxtls_address."""
        return cls(family=c.family, text=dec(c.text),
                   packed=bytes(c.bytes[:4 if c.family == 4 else 16]),
                   scope=dec(_lib.mxtls_scope_name(c.scope)), dnssec=_dnssec(c.dnssec),
                   proxy_provider=dec(c.proxy_provider),
                   policy_allowed=bool(c.policy_allowed))

    def __repr__(self) -> str:
        return "Address(%r, scope=%r, proxy=%r)" % (self.text, self.scope, self.proxy_provider)


@dataclass
class DnsLookup:
    """One DNS query and its answer. elapsed: float seconds."""
    qname: Optional[str]
    qtype: int
    outcome: Optional[str]
    rcode: int
    dnssec: Optional[str]
    why_bogus: Optional[str]
    detail: Optional[str]
    n_records: int
    limited: bool
    elapsed: Optional[float]

    @property
    def elapsed_ms(self) -> int:
        """elapsed in integer milliseconds (earlier releases' name)."""
        return ms_of(self.elapsed)

    @classmethod
    def from_c(cls, ptr: Any) -> Optional["DnsLookup"]:
        if not ptr:
            return None
        c = ptr.contents
        return cls(qname=dec(c.qname), qtype=c.qtype,
                   outcome=dec(_lib.mxtls_dns_outcome_name(c.outcome)), rcode=c.rcode,
                   dnssec=_dnssec(c.dnssec), why_bogus=dec(c.why_bogus), detail=dec(c.detail),
                   n_records=c.n_records, limited=bool(c.limited),
                   elapsed=seconds(c.elapsed_ms))


@dataclass
class Tlsa:
    """One TLSA record (RFC 6698)."""
    usage: int
    selector: int
    matching_type: int
    data: bytes
    dnssec: Optional[str]

    @classmethod
    def from_c(cls, ptr: Any) -> "Tlsa":
        c = ptr.contents
        return cls(usage=c.usage, selector=c.selector, matching_type=c.matching_type,
                   data=ctypes.string_at(c.data, c.data_len), dnssec=_dnssec(c.dnssec))


@dataclass
class MxHost:
    """One MX host: its name and preference, flags ("cname", "non-ldh", ...),
    addresses, the A/AAAA/TLSA lookups and TLSA records."""
    name: Optional[str]
    preference: int
    flags: FrozenSet[str]
    canonical_name: Optional[str]
    addresses: List[Address]
    a: Optional[DnsLookup]
    aaaa: Optional[DnsLookup]
    tlsa_name: Optional[str]
    tlsa: List[Tlsa]
    tlsa_lookup: Optional[DnsLookup]

    @classmethod
    def from_c(cls, ptr: Any) -> "MxHost":
        c = ptr.contents
        return cls(name=dec(c.name), preference=c.preference,
                   flags=frozenset(n for bit, n in MX_FLAGS.items() if c.flags & bit),
                   canonical_name=dec(c.canonical_name),
                   addresses=[Address.from_c(c.addresses[i].contents)
                              for i in range(c.n_addresses)],
                   a=DnsLookup.from_c(c.a), aaaa=DnsLookup.from_c(c.aaaa),
                   tlsa_name=dec(c.tlsa_name),
                   tlsa=[Tlsa.from_c(c.tlsa[i]) for i in range(c.n_tlsa)],
                   tlsa_lookup=DnsLookup.from_c(c.tlsa_lookup))


@dataclass
class TxtRecords:
    """A TXT lookup and its records."""
    lookup: Optional[DnsLookup]
    records: List[Optional[str]]

    @classmethod
    def from_c(cls, ptr: Any) -> "TxtRecords":
        c = ptr.contents
        return cls(lookup=DnsLookup.from_c(c.lookup),
                   records=[dec(c.records[i]) for i in range(c.n_records)])


@dataclass
class MtaStsRecord:
    """The _mta-sts TXT record set (RFC 8461)."""
    txt: TxtRecords
    n_sts_records: int
    valid: bool
    version: Optional[str]
    id: Optional[str]
    problem: Optional[str]

    @classmethod
    def from_c(cls, ptr: Any) -> Optional["MtaStsRecord"]:
        if not ptr:
            return None
        c = ptr.contents
        return cls(txt=TxtRecords.from_c(c.txt), n_sts_records=c.n_sts_records,
                   valid=bool(c.valid), version=dec(c.version), id=dec(c.id),
                   problem=dec(_member(ptr, _lib.MtaStsTxt, "problem")))


@dataclass
class TlsRptRecord:
    """The _smtp._tls TXT record set (RFC 8460)."""
    txt: TxtRecords
    n_tlsrpt_records: int
    valid: bool
    version: Optional[str]
    rua: List[Optional[str]]
    problem: Optional[str]

    @classmethod
    def from_c(cls, ptr: Any) -> Optional["TlsRptRecord"]:
        if not ptr:
            return None
        c = ptr.contents
        return cls(txt=TxtRecords.from_c(c.txt), n_tlsrpt_records=c.n_tlsrpt_records,
                   valid=bool(c.valid), version=dec(c.version),
                   rua=[dec(c.rua[i]) for i in range(c.n_rua)],
                   problem=dec(_member(ptr, _lib.TlsRptTxt, "problem")))


@dataclass
class ResolveResult:
    """What the resolve stage found.

    hosts is in preference order; outcome and dnssec are names ("NXDOMAIN",
    "bogus", "indeterminate"). resolver_health says what the checker's
    resolver showed of itself: "dnssec", "no-dnssec" (it strips DNSSEC, so
    DNSSEC states are "indeterminate"), "silent" or "unknown";
    resolver_detail is that answer in one line. When the resolver is no good
    for DNSSEC, resolver_validates (True, False, or None when not learnt)
    says whether it set the AD bit, and recursion ("possible", "blocked",
    "unknown") whether a root server answers from here, so that
    use_recursion() would help. elapsed: float seconds.
    """
    struct_size: int
    query: Optional[str]
    a_label: Optional[str]
    port: int
    outcome: Optional[str]
    dnssec: Optional[str]
    mx: Optional[DnsLookup]
    null_mx: bool
    implicit_mx: bool
    hosts: List[MxHost]
    mta_sts: Optional[MtaStsRecord]
    tlsrpt: Optional[TlsRptRecord]
    limits_hit: int
    n_queries: int
    elapsed: Optional[float]
    detail: Optional[str]
    resolver_health: str
    resolver_detail: Optional[str]
    resolver_validates: Optional[bool]
    recursion: str

    @property
    def elapsed_ms(self) -> int:
        """elapsed in integer milliseconds (earlier releases' name)."""
        return ms_of(self.elapsed)

    @classmethod
    def from_c(cls, ptr: Any) -> "ResolveResult":
        c = ptr.contents
        R = _lib.ResolveResult
        validates = _member(ptr, R, "resolver_validates", -1)
        return cls(struct_size=c.struct_size, query=dec(c.query), a_label=dec(c.a_label),
                   port=c.port, outcome=dec(_lib.mxtls_dns_outcome_name(c.outcome)),
                   dnssec=_dnssec(c.dnssec), mx=DnsLookup.from_c(c.mx),
                   null_mx=bool(c.null_mx), implicit_mx=bool(c.implicit_mx),
                   hosts=[MxHost.from_c(c.hosts[i]) for i in range(c.n_hosts)],
                   mta_sts=MtaStsRecord.from_c(c.mta_sts), tlsrpt=TlsRptRecord.from_c(c.tlsrpt),
                   limits_hit=c.limits_hit, n_queries=c.n_queries,
                   elapsed=seconds(c.elapsed_ms), detail=dec(_member(ptr, R, "detail")),
                   resolver_health=RESOLVER_HEALTH.get(_member(ptr, R, "resolver_health", 0),
                                                       "unknown"),
                   resolver_detail=dec(_member(ptr, R, "resolver_detail")),
                   resolver_validates=None if validates < 0 else bool(validates),
                   recursion=RECURSION.get(_member(ptr, R, "recursion", 0), "unknown"))

    def __repr__(self) -> str:
        return "ResolveResult(%r, %s, %d hosts)" % (self.a_label, self.outcome, len(self.hosts))


_CAP_FLAGS = ("starttls", "pipelining", "eightbitmime", "smtputf8", "chunking",
              "enhancedstatuscodes", "dsn", "requiretls", "has_size", "masked",
              "starttls_masked", "malformed")


@dataclass
class Capabilities:
    """EHLO capabilities. The flags are 0 or 1, as in C."""
    starttls: int = 0
    pipelining: int = 0
    eightbitmime: int = 0
    smtputf8: int = 0
    chunking: int = 0
    enhancedstatuscodes: int = 0
    dsn: int = 0
    requiretls: int = 0
    has_size: int = 0
    masked: int = 0
    starttls_masked: int = 0
    malformed: int = 0
    size_limit: int = 0
    auth: List[str] = field(default_factory=list)

    @classmethod
    def from_c(cls, c: Any) -> "Capabilities":
        caps = cls(size_limit=c.size_limit, auth=lines(c.auth, c.n_auth))
        for name in _CAP_FLAGS:
            setattr(caps, name, int(getattr(c, name)))
        return caps

    def __repr__(self) -> str:
        on = [n for n in _CAP_FLAGS if getattr(self, n)]
        return "Capabilities(%s, auth=%r)" % (", ".join(on), self.auth)


@dataclass
class Exchange:
    """One turn of the SMTP dialogue: the exact bytes mxtls sent
    (direction "sent") or received ("received"), inside TLS (over_tls) or
    not. Consecutive reads or writes make one exchange."""
    direction: str
    over_tls: bool
    data: bytes

    @classmethod
    def from_c(cls, ptr: Any) -> "Exchange":
        e = ptr.contents
        return cls(direction={1: "sent", 2: "received"}.get(e.direction, str(e.direction)),
                   over_tls=bool(e.over_tls), data=blob(e.data, e.length))


def _exchanges(ptr: Any, cls: Any) -> tuple[List[Exchange], bool]:
    """The exchanges of a connect or TLS result (none from an older library)."""
    if not _lib.has_member(ptr, cls, "transcript_truncated"):
        return [], False
    c = ptr.contents
    return ([Exchange.from_c(c.exchanges[i]) for i in range(c.n_exchanges)] if c.exchanges
            else [], bool(c.transcript_truncated))


def _failure(value: int) -> Union[Failure, int]:
    name = FAILURES.get(value)
    return Failure(name) if name is not None else value


@dataclass
class _StageResult:
    failure: Union[Failure, int]
    failure_phase: Any
    seen: Any
    reply_error: Any
    first_bytes: bytes
    ehlo_lines: List[str]
    caps: Capabilities
    sys_errno: int
    banner_code: int
    banner: Optional[str]
    ehlo_code: int
    detail: Optional[str]
    exchanges: List[Exchange]
    transcript_truncated: bool

    @property
    def ok(self) -> bool:
        """True when the stage got as far as it should (failure "ok")."""
        return self.failure == Failure.OK

    def __repr__(self) -> str:
        return "%s(%s: %s)" % (type(self).__name__, self.failure, self.detail)


def _common(ptr: Any, cls: Any) -> dict[str, Any]:
    c = ptr.contents
    exchanges, truncated = _exchanges(ptr, cls)
    return dict(exchanges=exchanges, transcript_truncated=truncated,
                failure=_failure(c.failure),
                failure_phase=PHASES.get(c.failure_phase, c.failure_phase),
                seen=SEEN.get(c.seen, c.seen),
                reply_error=REPLY_ERRORS.get(c.reply_error, c.reply_error),
                first_bytes=blob(c.first_bytes, c.n_first_bytes),
                ehlo_lines=lines(c.ehlo_lines, c.n_ehlo_lines),
                caps=Capabilities.from_c(c.caps.contents), sys_errno=c.sys_errno,
                banner_code=c.banner_code, banner=text(c.banner), ehlo_code=c.ehlo_code,
                detail=text(c.detail))


@dataclass(repr=False)
class ConnectResult(_StageResult):
    """What mxtls_connect() saw: TCP, the banner and EHLO. Times are float
    seconds (None: not reached). exchanges: the dialogue's exact bytes
    (Exchange), at most mxtls_transcript_max() per session;
    transcript_truncated: more went over the connection than was kept."""
    address: Optional[str] = None
    port: int = 0
    mode: Any = None
    connect_time: Optional[float] = None
    banner_time: Optional[float] = None
    ehlo_time: Optional[float] = None
    helo_fallback: int = 0

    connect_ms = property(lambda self: ms_of(self.connect_time),
                          doc="connect_time in ms, -1 if not reached (earlier name).")
    banner_ms = property(lambda self: ms_of(self.banner_time),
                         doc="banner_time in ms, -1 if not reached (earlier name).")
    ehlo_ms = property(lambda self: ms_of(self.ehlo_time),
                       doc="ehlo_time in ms, -1 if not reached (earlier name).")

    @classmethod
    def from_c(cls, c: Any) -> "ConnectResult":
        """A copy of a struct mxtls_connect_result (c: the struct)."""
        ptr = ctypes.pointer(c)
        return cls(**_common(ptr, _lib.ConnectResult), address=text(c.address), port=c.port,
                   mode=Mode.parse({1: "starttls", 2: "implicit-tls", 3: "plain"}.get(c.mode,
                                                                                      c.mode)),
                   connect_time=seconds(c.connect_ms), banner_time=seconds(c.banner_ms),
                   ehlo_time=seconds(c.ehlo_ms), helo_fallback=c.helo_fallback)


@dataclass(repr=False)
class TlsResult(_StageResult):
    """What mxtls_starttls() saw: the STARTTLS reply, the handshake (version,
    cipher, alerts, GnuTLS error), the peer's chain as DER, EHLO over TLS.
    Times are float seconds (None: not reached)."""
    starttls_code: int = 0
    starttls_text: Optional[str] = None
    starttls_time: Optional[float] = None
    handshake_time: Optional[float] = None
    ehlo_time: Optional[float] = None
    sni: Optional[str] = None
    priority: Optional[str] = None
    version: int = 0
    version_name: Optional[str] = None
    cipher_suite: Optional[str] = None
    kx: Optional[str] = None
    group: Optional[str] = None
    sigalg: Optional[str] = None
    dh_prime_bits: int = 0
    alert_received: int = 0
    alert_received_name: Optional[str] = None
    alert_sent: int = 0
    alert_sent_name: Optional[str] = None
    gnutls_error: int = 0
    gnutls_error_name: Optional[str] = None
    gnutls_error_text: Optional[str] = None
    ocsp_stapled: int = 0
    peer_certs: List[bytes] = field(default_factory=list)

    starttls_ms = property(lambda self: ms_of(self.starttls_time),
                           doc="starttls_time in ms, -1 if not reached (earlier name).")
    handshake_ms = property(lambda self: ms_of(self.handshake_time),
                            doc="handshake_time in ms, -1 if not reached (earlier name).")
    ehlo_ms = property(lambda self: ms_of(self.ehlo_time),
                       doc="ehlo_time in ms, -1 if not reached (earlier name).")

    @classmethod
    def from_c(cls, c: Any) -> "TlsResult":
        """A copy of a struct mxtls_tls_result (c: the struct)."""
        ptr = ctypes.pointer(c)
        return cls(**_common(ptr, _lib.TlsResult), starttls_code=c.starttls_code,
                   starttls_text=text(c.starttls_text), starttls_time=seconds(c.starttls_ms),
                   handshake_time=seconds(c.handshake_ms), ehlo_time=seconds(c.ehlo_ms),
                   sni=text(c.sni), priority=text(c.priority), version=c.version,
                   version_name=text(c.version_name), cipher_suite=text(c.cipher_suite),
                   kx=text(c.kx), group=text(c.group), sigalg=text(c.sigalg),
                   dh_prime_bits=c.dh_prime_bits, alert_received=c.alert_received,
                   alert_received_name=text(c.alert_received_name), alert_sent=c.alert_sent,
                   alert_sent_name=text(c.alert_sent_name), gnutls_error=c.gnutls_error,
                   gnutls_error_name=text(c.gnutls_error_name),
                   gnutls_error_text=text(c.gnutls_error_text), ocsp_stapled=c.ocsp_stapled,
                   peer_certs=[blob(c.peer_certs[i], c.peer_cert_lens[i])
                               for i in range(c.n_peer_certs)])
