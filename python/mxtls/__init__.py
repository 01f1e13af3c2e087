"""mxtls: find out why a mail server fails TLS negotiation, and how to fix it.

A pure-ctypes binding of libmxtls.so.1. The library is found through
MXTLS_LIBRARY, then a build tree, then the system (see mxtls._lib), and is
loaded on first use: `import mxtls` works without it, and the first call
that needs it raises LibraryNotFound (an MxtlsError).

    import mxtls
    with mxtls.Context(timeout=5.0) as ctx:
        report = ctx.check("example.com")
        print(report.verdict, report.summary)          # Verdict.ERROR ...
        for f in report.root_causes:
            print(f.severity, f.id, f.summary, f.remedies)
        assert report.to_dict() == json.loads(report.json())

    report = await mxtls.check("example.com")          # in asyncio
    async for r in mxtls.check_many_async(ctx, domains):
        ...

Results are dataclasses (Report, Finding, Probe, Prediction, ...), named
values are str enums (Verdict, Severity, Profile, Status, ...), times are
float seconds, and each family of failure has its exception class under
MxtlsError (UsageError, PolicyError, ResolutionError, ConnectionFailure,
TlsError, InternalError, LibraryNotFound). `python3 -m mxtls DOMAIN`
runs a check from the command line.
"""
from __future__ import annotations

from typing import Optional

from . import _lib
from ._context import (ADDR_ALLOW_ALL, ADDR_PUBLIC_ONLY, MODE_IMPLICIT_TLS, MODE_PLAIN,
                       MODE_STARTTLS, RESOLVER_FORWARDER, RESOLVER_RECURSIVE, RESOLVER_SYSTEM,
                       STAGE_ALL, STAGE_CHECK, STAGE_CONNECT, STAGE_RESOLVE, STAGE_STARTTLS,
                       STAGE_VERIFY, TLS_1_0, TLS_1_1, TLS_1_2, TLS_1_3, Context, Session)
from ._util import dec
from .diagnose import (Explanation, Finding, Prediction, Probe, Report, Sender, senders)
from .engine import CheckError, Engine, check, check_many_async
from .enums import (About, Delivery, Failure, Mode, Profile, Purpose, Severity, Stage, Status,
                    Verdict)
from .errors import (ConnectionFailure, InternalError, LibraryNotFound, MxtlsError,
                     PolicyError, ResolutionError, TlsError, UsageError, error_for)
from .results import (FAILURES, MX_FLAGS, PHASES, RECURSION, REPLY_ERRORS, RESOLVER_HEALTH,
                      SEEN, Address, Capabilities, ConnectResult, DnsLookup, Exchange,
                      MtaStsRecord, MxHost, ResolveResult, TlsResult, TlsRptRecord, Tlsa,
                      TxtRecords)
from . import diagnose, engine, verify  # noqa: F401  (submodules, as before)

__version__ = "0.1.0"

__all__ = ["__version__", "version", "Context", "Session", "explain", "check",
           "check_many_async", "senders", "alert_name",
           # results
           "Report", "Finding", "Probe", "Prediction", "Explanation", "Sender",
           "ResolveResult", "MxHost", "Address", "DnsLookup", "Tlsa", "TxtRecords",
           "MtaStsRecord", "TlsRptRecord", "ConnectResult", "TlsResult", "Capabilities",
           "Exchange",
           "Engine", "CheckError",
           # named values
           "Verdict", "Severity", "Profile", "Status", "Stage", "About", "Failure",
           "Delivery", "Purpose", "Mode",
           # errors
           "MxtlsError", "UsageError", "PolicyError", "ResolutionError",
           "ConnectionFailure", "TlsError", "InternalError", "LibraryNotFound", "error_for",
           # constants
           "MODE_STARTTLS", "MODE_IMPLICIT_TLS", "MODE_PLAIN",
           "TLS_1_0", "TLS_1_1", "TLS_1_2", "TLS_1_3",
           "STAGE_ALL", "STAGE_RESOLVE", "STAGE_CONNECT", "STAGE_STARTTLS", "STAGE_VERIFY",
           "STAGE_CHECK", "ADDR_ALLOW_ALL", "ADDR_PUBLIC_ONLY",
           "RESOLVER_SYSTEM", "RESOLVER_FORWARDER", "RESOLVER_RECURSIVE",
           "FAILURES", "PHASES", "SEEN", "REPLY_ERRORS", "MX_FLAGS", "RESOLVER_HEALTH",
           "RECURSION"]


def version() -> str:
    """The loaded library's version string, e.g. "0.1.0" (which loads it;
    __version__ is this binding's own and needs no library)."""
    return dec(_lib.mxtls_version_string()) or ""


def alert_name(alert: int) -> Optional[str]:
    """The RFC name of TLS alert number alert ("illegal_parameter"), or None."""
    return dec(_lib.mxtls_alert_name(alert))


def explain(text: str) -> Explanation:
    """Context.explain() without a context: what an error text means."""
    return diagnose.explain(None, text)
