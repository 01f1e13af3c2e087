"""Context and Session: the options shared by many checks, and one SMTP
session driven stage by stage (private module; use the names in mxtls)."""
from __future__ import annotations

import ctypes
import os
from typing import (TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional,
                    Tuple, Union)

from . import _lib
from ._util import check, dec, int_arg, ms_arg, seconds_arg, str_arg
from .errors import error_for
from .results import Address, ConnectResult, ResolveResult, TlsResult

if TYPE_CHECKING:
    from .diagnose import Explanation, Report
    from .engine import CheckError, Engine

__all__ = ["Context", "Session", "STAGE_ALL", "STAGE_RESOLVE", "STAGE_CONNECT",
           "STAGE_STARTTLS", "STAGE_VERIFY", "STAGE_CHECK", "ADDR_ALLOW_ALL",
           "ADDR_PUBLIC_ONLY", "MODE_STARTTLS", "MODE_IMPLICIT_TLS", "MODE_PLAIN",
           "TLS_1_0", "TLS_1_1", "TLS_1_2", "TLS_1_3"]

STAGE_ALL, STAGE_RESOLVE, STAGE_CONNECT, STAGE_STARTTLS, STAGE_VERIFY = 0, 1, 2, 3, 4
STAGE_CHECK = 5   # the whole check; STAGE_ALL leaves it alone
RESOLVER_SYSTEM, RESOLVER_FORWARDER, RESOLVER_RECURSIVE = 1, 2, 3
ADDR_ALLOW_ALL, ADDR_PUBLIC_ONLY = 0, 1
# MXTLS_DNS_TRANSPORT_UDP, MXTLS_DNS_TRANSPORT_TCP, by value
_DNS_TRANSPORT_NAMES = ("udp", "tcp")
MODE_STARTTLS, MODE_IMPLICIT_TLS, MODE_PLAIN = 1, 2, 3
TLS_1_0, TLS_1_1, TLS_1_2, TLS_1_3 = 0x0301, 0x0302, 0x0303, 0x0304

PathArg = Union[str, "os.PathLike[str]", bytes, None]
Seconds = Union[int, float]


def _timeout(stage: int, doc: str) -> Any:
    def get(self: "Context") -> float:
        return self.get_timeout(stage)

    def set_(self: "Context", s: Seconds) -> None:
        self.set_timeout(s, stage)
    return property(get, set_, doc=doc + " In seconds (a float).")


def _timeout_ms(stage: int, doc: str) -> Any:
    def get(self: "Context") -> int:
        return self.get_timeout_ms(stage)

    def set_(self: "Context", ms: int) -> None:
        self.set_timeout_ms(ms, stage)
    return property(get, set_, doc=doc + " In integer ms (earlier releases' name).")


def _string_option(name: str, doc: str, path: bool = True) -> Any:
    setter = _lib.CTX_STRING_SETTERS[name]
    getter = _lib.CTX_STRING_GETTERS[name]

    def get(self: "Context") -> Optional[str]:
        return dec(getter(self._handle()))

    def set_(self: "Context", value: PathArg) -> None:
        self._check(setter(self._handle(), str_arg(value, name, none_ok=True, path=path)))

    return property(get, set_, doc=doc)


class Context:
    """An mxtls context: the options shared by many checks.

    Use it as a context manager (or call close()); one thread at a time.
    Options are typed properties, and can also be given as keywords:

        with mxtls.Context(forwarder="127.0.0.53", ca_file="ca.pem",
                           stub_zones={"example.test": "127.0.0.53@5353"},
                           connect_timeout=5.0, public_only=True) as ctx:
            report = ctx.check("example.test")

    Timeouts are float seconds (timeout, resolve_timeout, connect_timeout,
    starttls_timeout, verify_timeout, check_timeout); the *_timeout_ms
    names of earlier releases take integer milliseconds.

    Setting an option to a value of the wrong type raises TypeError; a value
    the library refuses raises a UsageError (an MxtlsError) with the
    library's detail, and the option keeps its previous value. While an
    Engine is open on the context (check_many(), check_many_async()),
    setting any option raises UsageError MXTLS_ESTATE.
    """

    _engine: Optional["Engine"] = None   # the open Engine that owns this context

    def __init__(self, **options: Any) -> None:
        """A context with the library's defaults (a careful sending MTA's),
        then each keyword in options set as the property of that name.
        stub_zones (a mapping zone -> "ADDR[@PORT]") and trust_anchors (DS or
        DNSKEY records) are added. TypeError for an unknown keyword.
        LibraryNotFound when libmxtls.so.1 cannot be loaded."""
        handle = ctypes.c_void_p()
        self._ctx: Optional[ctypes.c_void_p] = None
        check(_lib.mxtls_ctx_new(ctypes.byref(handle)))
        self._ctx = handle
        try:
            for name, value in options.items():
                self._apply(name, value)
        except BaseException:
            self.close()
            raise

    def _apply(self, name: str, value: Any) -> None:
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

    def close(self) -> None:
        """Free the context (idempotent), and its Engine if one is open.
        Results already made stay valid."""
        if self._engine is not None:
            self._engine.close()
        if self._ctx:
            _lib.mxtls_ctx_free(self._ctx)
            self._ctx = None

    def __enter__(self) -> "Context":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_ctx", None):
            self.close()

    def _handle(self) -> ctypes.c_void_p:
        if not self._ctx:
            raise ValueError("the context is closed")
        return self._ctx

    def _check(self, status: int, with_detail: bool = True) -> None:
        if status != 0:
            detail = dec(_lib.mxtls_ctx_error_detail(self._ctx)) if with_detail else ""
            raise error_for(status, detail or "")

    # Timeouts ---------------------------------------------------------------
    def set_timeout(self, seconds: Seconds, stage: int = STAGE_ALL) -> None:
        """Set one stage's timeout (STAGE_*), or every stage's, in seconds
        (0.001 .. 600; a float)."""
        self._check(_lib.mxtls_ctx_set_timeout_ms(self._handle(), stage, seconds_arg(seconds)))

    def get_timeout(self, stage: int) -> float:
        """The timeout of stage (STAGE_RESOLVE .. STAGE_VERIFY, or
        STAGE_CHECK for a whole check) in seconds."""
        return self.get_timeout_ms(stage) / 1000.0

    def set_timeout_ms(self, ms: int, stage: int = STAGE_ALL) -> None:
        """set_timeout() in integer milliseconds (1..600000)."""
        self._check(_lib.mxtls_ctx_set_timeout_ms(self._handle(), stage, ms_arg(ms)))

    def get_timeout_ms(self, stage: int) -> int:
        """get_timeout() in integer milliseconds."""
        return int(_lib.mxtls_ctx_get_timeout_ms(self._handle(), stage))

    @property
    def timeout(self) -> float:
        """Setting it sets every stage's timeout; reading gives the connect
        stage's. In seconds (a float)."""
        return self.get_timeout(STAGE_CONNECT)

    @timeout.setter
    def timeout(self, seconds: Seconds) -> None:
        self.set_timeout(seconds)

    @property
    def timeout_ms(self) -> int:
        """timeout in integer ms (earlier releases' name)."""
        return self.get_timeout_ms(STAGE_CONNECT)

    @timeout_ms.setter
    def timeout_ms(self, ms: int) -> None:
        self.set_timeout_ms(ms)

    resolve_timeout = _timeout(STAGE_RESOLVE, "Deadline of one resolve call.")
    connect_timeout = _timeout(STAGE_CONNECT, "Deadline of TCP connect, banner and EHLO.")
    starttls_timeout = _timeout(STAGE_STARTTLS,
                                "Deadline of STARTTLS, the handshake and EHLO after it.")
    verify_timeout = _timeout(STAGE_VERIFY,
                              "Deadline of the certificate checks and MTA-STS fetch.")
    check_timeout = _timeout(STAGE_CHECK, "Deadline of a whole check (default 120): what "
                                          "it cuts short is reported as check.deadline.")
    resolve_timeout_ms = _timeout_ms(STAGE_RESOLVE, "Deadline of one resolve call.")
    connect_timeout_ms = _timeout_ms(STAGE_CONNECT, "Deadline of TCP connect, banner, EHLO.")
    starttls_timeout_ms = _timeout_ms(STAGE_STARTTLS, "Deadline of STARTTLS and after.")
    verify_timeout_ms = _timeout_ms(STAGE_VERIFY, "Deadline of the certificate checks.")
    check_timeout_ms = _timeout_ms(STAGE_CHECK, "Deadline of a whole check.")

    # String options ----------------------------------------------------------
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

    # Resolver ----------------------------------------------------------------
    def use_system_resolver(self, resolv_conf: PathArg = None) -> None:
        """Resolve through the servers in resolv_conf (None: /etc/resolv.conf).
        Names under test. and home.arpa. go to them too (see
        MXTLS_RESOLVER_SYSTEM in mxtls/common.h)."""
        self._check(_lib.mxtls_ctx_use_system_resolver(
            self._handle(), str_arg(resolv_conf, "resolv_conf", none_ok=True, path=True)))

    def use_forwarder(self, server: str) -> None:
        """Resolve through one forwarder, "ADDR" or "ADDR@PORT". Names under
        test. and home.arpa. go to it too."""
        self._check(_lib.mxtls_ctx_use_forwarder(self._handle(), str_arg(server, "forwarder")))

    def use_recursion(self) -> None:
        """Resolve by full recursion from the root hints."""
        self._check(_lib.mxtls_ctx_use_recursion(self._handle()))

    @property
    def resolver_mode(self) -> str:
        """"system", "forwarder" or "recursive"."""
        return {1: "system", 2: "forwarder", 3: "recursive"}.get(
            _lib.mxtls_ctx_get_resolver_mode(self._handle()), "unknown")

    @property
    def forwarder(self) -> Optional[str]:
        """The forwarder "ADDR@PORT", or None when not in forwarder mode.
        Setting it is use_forwarder()."""
        return dec(_lib.mxtls_ctx_get_forwarder(self._handle()))

    @forwarder.setter
    def forwarder(self, server: str) -> None:
        self.use_forwarder(server)

    def add_stub_zone(self, zone: str, server: str) -> None:
        """Send queries at or below zone straight to server ("ADDR[@PORT]")."""
        self._check(_lib.mxtls_ctx_add_stub_zone(self._handle(), str_arg(zone, "zone"),
                                                 str_arg(server, "server")))

    def add_trust_anchor(self, rr: str) -> None:
        """Trust one more DNSSEC anchor, a DS or DNSKEY record in presentation format."""
        self._check(_lib.mxtls_ctx_add_trust_anchor(self._handle(),
                                                    str_arg(rr, "trust anchor")))

    # Address policy ------------------------------------------------------------
    @property
    def address_policy(self) -> int:
        """ADDR_ALLOW_ALL (the default) or ADDR_PUBLIC_ONLY."""
        return int(_lib.mxtls_ctx_get_address_policy(self._handle()))

    @address_policy.setter
    def address_policy(self, policy: int) -> None:
        if isinstance(policy, bool) or not isinstance(policy, int):
            raise TypeError("address_policy is ADDR_ALLOW_ALL or ADDR_PUBLIC_ONLY, not %s"
                            % type(policy).__name__)
        self._check(_lib.mxtls_ctx_set_address_policy(self._handle(), policy))

    @property
    def public_only(self) -> bool:
        """True: refuse to connect to loopback, private and reserved
        addresses (for a service that checks domains strangers type in)."""
        return self.address_policy == ADDR_PUBLIC_ONLY

    @public_only.setter
    def public_only(self, on: bool) -> None:
        if not isinstance(on, bool):
            raise TypeError("public_only must be a bool, not %s" % type(on).__name__)
        self.address_policy = ADDR_PUBLIC_ONLY if on else ADDR_ALLOW_ALL

    # DNS transport -------------------------------------------------------------
    @property
    def dns_transport(self) -> str:
        """"udp" (the default: UDP, TCP for a truncated answer, as a sending
        MTA's resolver asks) or "tcp" (every query over TCP connections
        kept open: for batch runs through one forwarder, or a network that
        filters UDP port 53). Changing it rebuilds the resolver. A newer
        library's transport this binding has no name for reads as
        "transport-N"."""
        number = int(_lib.mxtls_ctx_get_dns_transport(self._handle()))
        if 0 <= number < len(_DNS_TRANSPORT_NAMES):
            return _DNS_TRANSPORT_NAMES[number]
        # A newer library's transport this binding does not know yet: name it
        # by number rather than fail to read a setting that works.
        return "transport-%d" % number

    @dns_transport.setter
    def dns_transport(self, name: str) -> None:
        if not isinstance(name, str):
            raise TypeError("dns_transport is \"udp\" or \"tcp\", not %s" % type(name).__name__)
        if name not in _DNS_TRANSPORT_NAMES:
            raise ValueError("dns_transport is \"udp\" or \"tcp\", not %r" % (name,))
        self._check(_lib.mxtls_ctx_set_dns_transport(self._handle(),
                                                     _DNS_TRANSPORT_NAMES.index(name)))

    # Reference hosts -----------------------------------------------------------
    @property
    def reference_hosts(self) -> Tuple[str, ...]:
        """Mail hosts known to answer on port 25, as a tuple of names: tried
        when no MX host of a domain does, to tell a block on this network
        (net.egress-blocked) from a dead domain. () means none: a block is
        then never reported. Set it to a list or tuple of at most 8 names."""
        h = self._handle()
        return tuple(dec(_lib.mxtls_ctx_get_reference_host(h, i)) or ""
                     for i in range(_lib.mxtls_ctx_get_reference_host_count(h)))

    @reference_hosts.setter
    def reference_hosts(self, names: Iterable[str]) -> None:
        if isinstance(names, (str, bytes)):
            raise TypeError("reference_hosts is a list of names, not one %s"
                            % type(names).__name__)
        data = [str_arg(n, "reference host") for n in names]
        array = (ctypes.c_char_p * max(1, len(data)))(*data)
        self._check(_lib.mxtls_ctx_set_reference_hosts(self._handle(), array, len(data)))

    # Resolve stage -----------------------------------------------------------
    def _resolve(self, call: Callable[..., int], *args: Any) -> ResolveResult:
        out = ctypes.POINTER(_lib.ResolveResult)()
        self._check(call(self._handle(), *args, ctypes.byref(out)))
        try:
            return ResolveResult.from_c(out)
        finally:
            _lib.mxtls_resolve_result_free(out)

    def resolve_mx(self, domain: str) -> ResolveResult:
        """MX hosts of domain with addresses, TLSA and the MTA-STS / TLS-RPT TXT
        records. Blocks up to the resolve timeout. Raises UsageError
        (MXTLS_EINVAL) for a malformed domain."""
        return self._resolve(_lib.mxtls_resolve_mx, str_arg(domain, "domain"))

    def resolve_host(self, host: str, port: int) -> ResolveResult:
        """Addresses and TLSA (_PORT._tcp.HOST) of one SMTP host."""
        return self._resolve(_lib.mxtls_resolve_host, str_arg(host, "host"), port)

    # Stages -----------------------------------------------------------------
    def connect(self, address: str, port: int = 25, mode: int = MODE_STARTTLS,
                server_name: Optional[str] = None) -> "Session":
        """Connect to an IP address (text) and read the banner and EHLO.

        Returns a Session whatever was found (session.result says what); raises
        an MxtlsError when the call could not run (PolicyError, MXTLS_EPOLICY:
        the address policy forbids the address). The session does not need
        the context."""
        return _connect(self, address, port, mode, server_name)

    def parse_address(self, text: str) -> Address:
        """Classify an IP literal: scope, proxy provider, policy. Raises
        UsageError (MXTLS_EINVAL) for anything that is not one."""
        out = ctypes.POINTER(_lib.Address)()
        status = _lib.mxtls_address_parse(self._handle(), str_arg(text, "address"),
                                          ctypes.byref(out))
        if status != 0:
            raise error_for(status, "not an IP address literal: %r" % (text,))
        try:
            return Address.from_c(out.contents)
        finally:
            _lib.mxtls_address_free(out)

    # Diagnose ----------------------------------------------------------------
    def explain(self, text: str) -> "Explanation":
        """What a pasted error text means: which side sent which alert, the
        likely causes as Findings, and the check that settles it. No network.
        Returns an Explanation (also for a text it does not recognise);
        TypeError unless text is a str."""
        from . import diagnose
        return diagnose.explain(self._handle(), text)

    def check(self, target: str, profile: str = "mx", port: Optional[int] = None,
              implicit_tls: bool = False, sni: Optional[str] = None,
              family: Optional[int] = None,
              progress: Optional[Callable[[str], object]] = None) -> "Report":
        """Check target as a sending MTA would and diagnose what fails.

        profile "mx" (Profile.MX): target is a mail domain; every MX host and
        address on port 25. profile "submission": target is "host",
        "host:port", an IP literal or "[IPv6]:port", checked as Gmail's
        Send-As would (587 STARTTLS and 465 implicit TLS, a CA-signed
        certificate naming exactly that host). port: check only this port;
        implicit_tls: TLS from the first byte on it (alone: port 465); sni:
        send this SNI instead of the host's name; family: 4 or 6 to probe one
        address family only. progress: a callable given one str per step as
        the check goes on; an exception it raises is re-raised once the check
        has returned.

        Blocks for up to the stage timeouts times the number of probes.
        Returns a Report whatever was found; raises an MxtlsError when the
        check could not run (UsageError MXTLS_EINVAL for a target that is not
        a domain or host, with the reason in .detail), ValueError for an
        unknown profile, TypeError for arguments of the wrong type. For
        asyncio see mxtls.check()."""
        from . import diagnose
        if self._engine is not None:
            raise error_for(8, "the context belongs to an open Engine; close it first")
        return diagnose.check(self, target, profile, port, implicit_tls, sni, family,
                              progress)

    def check_many(self, targets: Iterable[str], concurrency: int = 64, profile: str = "mx",
                   per_destination: Optional[int] = None,
                   **options: Any) -> Iterator[Union["Report", "CheckError"]]:
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
        from . import engine
        return engine.check_many(self, targets, concurrency, profile, per_destination,
                                 **options)


_DEFAULT: Any = object()


class Session:
    """An SMTP session from Context.connect(). .result is the ConnectResult;
    .open says whether the session can go on (connect succeeded)."""

    def __init__(self, handle: Optional[int], result: ConnectResult) -> None:
        self._s = handle
        self.result = result

    @property
    def open(self) -> bool:
        """True until close(), if connect succeeded (starttls() may follow)."""
        return bool(self._s)

    def starttls(self, sni: Optional[str] = _DEFAULT, priority: Optional[str] = None,
                 versions: Optional[Tuple[int, int]] = None) -> TlsResult:
        """STARTTLS (or the implicit-TLS handshake) and EHLO again.

        sni: a name sent exactly as given, None to send no SNI, or left out
        for the default (the server name given to connect). priority: a
        GnuTLS priority string. versions: (min, max) of TLS_1_x.
        Returns a TlsResult; raises an MxtlsError if the call could not run."""
        if not self._s:
            raise error_for(8, "the session is not open")   # MXTLS_ESTATE
        params = ctypes.c_void_p()
        check(_lib.mxtls_tls_params_new(ctypes.byref(params)))
        try:
            if sni is not _DEFAULT:
                check(_lib.mxtls_tls_params_set_sni(params, str_arg(sni, "sni", none_ok=True)),
                      "sni %r" % (sni,))
            if priority is not None:
                check(_lib.mxtls_tls_params_set_priority(params, str_arg(priority,
                                                                         "priority")),
                      "priority %r" % (priority,))
            if versions is not None:
                check(_lib.mxtls_tls_params_set_versions(params, *versions),
                      "versions %r" % (versions,))
            out = ctypes.POINTER(_lib.TlsResult)()
            check(_lib.mxtls_starttls(self._s, params, ctypes.byref(out)))
            try:
                return TlsResult.from_c(out.contents)
            finally:
                _lib.mxtls_tls_result_free(out)
        finally:
            _lib.mxtls_tls_params_free(params)

    def close(self) -> None:
        """QUIT politely and free the session (idempotent)."""
        if self._s:
            _lib.mxtls_session_close(self._s)
            self._s = None

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_s", None):
            self.close()


def _connect(ctx: Context, address: str, port: int, mode: int,
             server_name: Optional[str]) -> Session:
    addr = ctypes.POINTER(_lib.Address)()
    status = _lib.mxtls_address_parse(ctx._handle(), str_arg(address, "address"),
                                      ctypes.byref(addr))
    if status != 0:
        raise error_for(status, "not an IP address literal: %r" % (address,))
    try:
        handle = ctypes.c_void_p()
        out = ctypes.POINTER(_lib.ConnectResult)()
        check(_lib.mxtls_connect(ctx._handle(), addr, int_arg(port, "port"), mode,
                                 str_arg(server_name, "server_name", none_ok=True),
                                 ctypes.byref(handle), ctypes.byref(out)),
              "connect to %s port %s" % (address, port))
        try:
            return Session(handle.value, ConnectResult.from_c(out.contents))
        finally:
            _lib.mxtls_connect_result_free(out)
    finally:
        _lib.mxtls_address_free(addr)
