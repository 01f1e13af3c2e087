"""Findings, explanations of pasted error texts, and whole checks.

    import mxtls
    e = mxtls.explain("TLS Negotiation failed: ... SSL alert number 47")
    print(e.alert, e.alert_name, e.alert_sender)   # 47 illegal_parameter server
    print(e)                                       # the explanation as text

    with mxtls.Context() as ctx:
        report = ctx.check("example.com")
        print(report.verdict, report.summary)
        for f in report.root_causes:
            print(f.id, f.summary, f.remedies)
        print(report.to_json(indent=2))

Everything here is a copy: the C result is read once, as far as its
struct_size reaches, and freed before the call returns, so no Python object
holds library memory and none can outlive it.

Report.to_dict() is the library's JSON document (schema "mxtls-report/1",
doc/report-schema.json), key for key: json.loads(report.json()) ==
report.to_dict(). Each Finding, Probe and Prediction of a report gives its
own object of that document from to_dict().
"""
from __future__ import annotations

import copy
import ctypes
import json as _json
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Dict, List, Optional, Sequence, Union

from . import _lib
from . import verify as _verify
from ._util import check as _check_status
from ._util import int_arg, ms_of, seconds, str_arg, str_arg_required
from .enums import About, Delivery, Mode, Profile, Purpose, Severity, Stage, Status, Verdict
from .errors import error_for
from .results import ConnectResult, ResolveResult, TlsResult

__all__ = ["Finding", "Explanation", "Probe", "Prediction", "Report", "Sender", "explain",
           "check", "senders", "PROFILES", "SEVERITIES"]

# Names of the C values. An unknown value (a newer library) stays a number.
STAGES = {0: None, 1: "resolve", 2: "connect", 3: "starttls", 4: "verify"}
SOURCES = {0: None, 1: "gmail", 2: "boringssl", 3: "openssl", 4: "postfix", 5: "exim",
           6: "gnutls"}
PEERS = {0: None, 1: "server", 2: "client"}
MODES = {1: "starttls", 2: "implicit-tls", 3: "plain"}
PROFILES = {"mx": 1, "submission": 2}
SEVERITIES = ("info", "warning", "error")
RENDER_TRANSCRIPT = 0x1
# MXTLS_SIDE_* (diagnose.h): whose log an explained text is.
SIDES = {1: "sender", 2: "receiver", 3: "client", 4: "tool"}
# MXTLS_ABOUT_* (diagnose.h): what a finding is about.
ABOUT = {0: "target", 1: "environment"}
# MXTLS_FACT_* (senders.h).
FACTS = {-1: "unknown", 0: "no", 1: "yes", 2: "with-policy", 3: "later"}
# MXTLS_TLS_1_* (starttls.h), as a sender profile gives its range.
_TLS_VERSIONS = {0: None, 0x0301: "TLS1.0", 0x0302: "TLS1.1", 0x0303: "TLS1.2",
                 0x0304: "TLS1.3"}


class _Members:
    """The members of a C struct that the library's struct_size covers, by
    name; members the loaded library's struct does not have read as None."""

    def __init__(self, ptr: Any, cls: Any) -> None:
        c = ptr.contents
        size = c.struct_size
        for name, _ in cls._fields_:
            f = getattr(cls, name)
            setattr(self, name, getattr(c, name) if f.offset + f.size <= size else None)

    def __getattr__(self, name: str) -> Any:   # for the type checker: members are Any
        raise AttributeError(name)


def _text(value: Optional[bytes]) -> Optional[str]:
    return None if value is None else value.decode("utf-8", "replace")


def _strings(array: Any, n: Optional[int]) -> List[str]:
    return [_text(array[i]) or "" for i in range(n or 0)] if array else []


def _pointers(array: Any, n: Optional[int]) -> List[Any]:
    return [array[i] for i in range(n or 0)] if array else []


def _c_name(fn: Callable[[int], Optional[bytes]], value: int) -> Optional[str]:
    return _text(fn(value))


def _index(value: Optional[int]) -> Optional[int]:
    # C marks "none" with -1, which as a Python index would quietly mean
    # "the last one": give None instead.
    return None if value is None or value < 0 else value


def _take_buffer(buf: Any) -> str:
    """The text of an mxtls_buffer, which is then freed."""
    try:
        b = _Members(buf, _lib.Buffer)
        return ctypes.string_at(b.data, b.length).decode("utf-8", "replace") if b.data else ""
    finally:
        _lib.mxtls_buffer_free(buf)


def _render(fn: Any, *args: Any) -> str:
    out = ctypes.POINTER(_lib.Buffer)()
    status = fn(*args, ctypes.byref(out))
    if status != 0:
        raise error_for(status, "rendering with %s" % fn.__name__)
    return _take_buffer(out)


@dataclass(eq=False)
class Finding:
    """One finding: what is wrong, why a sender refuses, and how to fix it.

    id         stable string id, e.g. "cert.self-signed" (API: never changes meaning)
    code       the matching number (mxtls_finding_code)
    severity   Severity.INFO, .WARNING or .ERROR (equal to "info" ...)
    stage      where the evidence showed: Stage.RESOLVE, .CONNECT, .STARTTLS,
               .VERIFY, or None
    host, address, port   what it is about (None where it is not about one)
    caused_by  index in the report's findings of the finding that explains
               this one (a root cause, or an info finding such as
               net.family-mismatch), or None when nothing explains it (C's -1)
    cause      that Finding itself, or None
    summary, explanation  one line; plain-language paragraph(s)
    remedies   numbered steps, in order (a list of str)
    references e.g. ["RFC 7505 section 3"]
    evidence   what mxtls observed, or None
    about      About.TARGET (the checked domain or host) or .ENVIRONMENT
               (where the check ran: its resolver, network, CA store); a
               symptom has its root cause's
    """
    id: Optional[str]
    code: int
    severity: Any                      # Severity, or a newer library's name
    stage: Any = None                  # Stage or None
    host: Optional[str] = None
    address: Optional[str] = None
    port: Optional[int] = None
    caused_by: Optional[int] = None
    summary: Optional[str] = None
    explanation: Optional[str] = None
    remedies: List[str] = field(default_factory=list)
    references: List[str] = field(default_factory=list)
    evidence: Optional[str] = None
    about: Any = About.TARGET          # About
    cause: Optional["Finding"] = field(default=None, repr=False)
    _doc: Optional[Dict[str, Any]] = field(default=None, repr=False)

    @classmethod
    def from_c(cls, ptr: Any) -> "Finding":
        f = _Members(ptr, _lib.Finding)
        return cls(id=_text(f.id), code=f.code,
                   severity=Severity.parse(_c_name(_lib.mxtls_severity_name, f.severity or 0)),
                   stage=Stage.parse(STAGES.get(f.stage or 0, f.stage)),
                   host=_text(f.host), address=_text(f.address), port=f.port or None,
                   caused_by=_index(f.caused_by), summary=_text(f.summary),
                   explanation=_text(f.explanation),
                   remedies=_strings(f.remedies, f.n_remedies),
                   references=_strings(f.references, f.n_references),
                   evidence=_text(f.evidence),
                   about=About.parse(ABOUT.get(f.about or 0, "unknown")))

    @property
    def is_root_cause(self) -> bool:
        """True for a warning or error that no other finding explains. An
        info finding is none, even one that explains symptoms: the IPv6
        address that refuses under net.family-mismatch stops no sender,
        since every sender goes on to IPv4."""
        return self.caused_by is None and self.severity != Severity.INFO

    def to_dict(self) -> Dict[str, Any]:
        """The finding as the report's JSON has it (doc/report-schema.json,
        $defs/finding); the cause is given by index only."""
        if self._doc is not None:
            return copy.deepcopy(self._doc)
        return {"id": self.id, "code": self.code, "severity": _plain(self.severity),
                "stage": _plain(self.stage), "about": _plain(self.about),
                "host": self.host, "address": self.address, "port": self.port,
                "caused_by": self.caused_by, "summary": self.summary,
                "explanation": self.explanation, "remedies": list(self.remedies),
                "references": list(self.references), "evidence": self.evidence}

    def __str__(self) -> str:
        return "%s [%s] %s" % (self.id, self.severity, self.summary)

    def __repr__(self) -> str:
        where = self.host or self.address
        return "Finding(%r, %s%s)" % (self.id, self.severity, ", " + where if where else "")


def _plain(value: Any) -> Any:
    """An enum member as its plain str value; anything else as it is."""
    return str(value) if isinstance(value, str) else value


@dataclass(eq=False)
class Explanation:
    """What a pasted error text means (mxtls_explain).

    recognised       True if the text was understood
    source           "gmail", "boringssl", "openssl", "postfix", "exim",
                     "gnutls", or None
    alert            the TLS alert number in the text, or None
    alert_name       e.g. "illegal_parameter", or None
    alert_sender     "server" (the receiving mail server sent it), "client"
                     (the sending side did), or None
    smtp_code        an SMTP reply code in the text, or None
    host             a host named in the text, or None
    summary, explanation, suggested_check   text; suggested_check is the
                     mxtls-check command that settles it
    likely_causes    [Finding], most likely first; each one's evidence quotes
                     the words of the text that support it
    side             whose log or view the text is: "sender", "receiver",
                     "client", "tool", or None when the text does not say
    ranked           how many of likely_causes the text supports; the rest
                     need evidence it lacks (suggested_check settles them)
    weights          per cause: 3 the text names it, 2 a strong sign, 1 a hint
    spans            per cause: [start, end) octets of the text that support
                     it first, or None
    enhanced_status  e.g. "4.7.5", or None
    domain           a mail domain the text names, or None
    addresses        the IP addresses the text names
    truncated        True when the text was longer than 64 KiB and only its
                     first 64 KiB were read (summary and explanation say so)

    str(explanation) is the library's rendering for a terminal; json() is its
    JSON (schema "mxtls-explanation/1", doc/explanation-schema.json).
    """
    recognised: bool
    source: Any = None
    alert: Optional[int] = None
    alert_name: Optional[str] = None
    alert_sender: Any = None
    smtp_code: Optional[int] = None
    host: Optional[str] = None
    summary: Optional[str] = None
    explanation: Optional[str] = None
    suggested_check: Optional[str] = None
    likely_causes: List[Finding] = field(default_factory=list)
    side: Optional[str] = None
    ranked: int = 0
    weights: List[int] = field(default_factory=list)
    spans: List[Optional[List[int]]] = field(default_factory=list)
    enhanced_status: Optional[str] = None
    domain: Optional[str] = None
    addresses: List[str] = field(default_factory=list)
    truncated: bool = False
    _rendered: str = field(default="", repr=False)
    _json: Optional[str] = field(default=None, repr=False)

    @classmethod
    def from_c(cls, ptr: Any) -> "Explanation":
        e = _Members(ptr, _lib.Explanation)
        causes = [Finding.from_c(p) for p in _pointers(e.likely_causes, e.n_findings)]
        n = len(causes)
        return cls(recognised=bool(e.recognised), source=SOURCES.get(e.source or 0, e.source),
                   alert=None if e.alert is None or e.alert < 0 else e.alert,
                   alert_name=_text(e.alert_name),
                   alert_sender=PEERS.get(e.alert_sender or 0, e.alert_sender),
                   smtp_code=e.smtp_code or None, host=_text(e.host),
                   summary=_text(e.summary), explanation=_text(e.explanation),
                   suggested_check=_text(e.suggested_check), likely_causes=causes,
                   side=SIDES.get(e.side or 0),
                   ranked=n if e.n_ranked is None else min(e.n_ranked, n),
                   weights=[e.weights[i] for i in range(n)] if e.weights else [],
                   spans=[None if not e.evidence_start or e.evidence_start[i] < 0
                          else [e.evidence_start[i], e.evidence_end[i]] for i in range(n)],
                   enhanced_status=_text(e.enhanced_status), domain=_text(e.domain),
                   addresses=_strings(e.addresses, e.n_addresses or 0) if e.addresses
                   else [],
                   truncated=bool(e.truncated),
                   _rendered=_render(_lib.mxtls_explanation_text, ptr),
                   _json=None if _lib.mxtls_explanation_json.missing
                   else _render(_lib.mxtls_explanation_json, ptr, 0))

    def json(self) -> str:
        """The library's JSON rendering (schema "mxtls-explanation/1") as a str."""
        if self._json is None:
            raise NotImplementedError("the loaded library has no mxtls_explanation_json")
        return self._json

    def to_dict(self) -> Dict[str, Any]:
        """The explanation as plain data (JSON-ready). Unlike a Report's, its
        shape is this object's, not the mxtls-explanation/1 document's
        (json() gives that)."""
        d = {k: getattr(self, k) for k in ("recognised", "source", "alert", "alert_name",
                                            "alert_sender", "smtp_code", "host", "summary",
                                            "explanation", "suggested_check", "side",
                                            "ranked", "weights", "spans", "enhanced_status",
                                            "domain", "addresses", "truncated")}
        d["likely_causes"] = [f.to_dict() for f in self.likely_causes]
        return d

    def __str__(self) -> str:
        return self._rendered

    def __repr__(self) -> str:
        return "Explanation(%s, alert=%r, causes=%r)" % (
            "recognised" if self.recognised else "unrecognised", self.alert_name,
            [f.id for f in self.likely_causes])


def explain(ctx_handle: Any, text: str) -> Explanation:
    """mxtls_explain() on text (a str) with a context handle or None."""
    data = str_arg(text, "text")
    out = ctypes.POINTER(_lib.Explanation)()
    status = _lib.mxtls_explain(ctx_handle, data, ctypes.byref(out))
    if status != 0:
        raise error_for(status, "explain")
    try:
        return Explanation.from_c(out)
    finally:
        _lib.mxtls_explanation_free(out)


@dataclass(eq=False)
class Probe:
    """One connection a check made, and what each stage saw.

    purpose     Purpose.PRIMARY (the connection a sender makes), or the
                follow-up that settles a cause: "no-sni", "ldh-sni",
                "version", "other-mode", "other-port"
    host        the name the sender uses (None for an IP target)
    address, port, mode (Mode: "starttls", "implicit-tls", "plain"), sni (None: none)
    tls_version the one version a "version" probe offered (TLS_1_x), or None
    status      Status.OK, or Status.EPOLICY when the address policy refused it
    host_index, address_index   where in report.resolve.hosts, or None
    connect, tls, verify        ConnectResult, TlsResult, verify.Verdict, or
                None where that stage did not run
    """
    purpose: Any
    host: Optional[str]
    address: Optional[str]
    port: int
    mode: Any
    sni: Optional[str]
    tls_version: Optional[int]
    status: Any
    host_index: Optional[int]
    address_index: Optional[int]
    connect: Optional[ConnectResult]
    tls: Optional[TlsResult]
    verify: Optional[_verify.Verdict]
    _doc: Optional[Dict[str, Any]] = field(default=None, repr=False)

    @classmethod
    def from_c(cls, ptr: Any) -> "Probe":
        p = _Members(ptr, _lib.Probe)
        return cls(purpose=Purpose.parse(_c_name(_lib.mxtls_probe_purpose_name, p.purpose or 0)),
                   host=_text(p.host), address=_text(p.address), port=p.port,
                   mode=Mode.parse(MODES.get(p.mode, p.mode)), sni=_text(p.sni),
                   tls_version=p.tls_version or None,
                   status=Status.parse(_c_name(_lib.mxtls_status_name, p.status or 0)),
                   host_index=_index(p.host_index), address_index=_index(p.address_index),
                   connect=ConnectResult.from_c(p.connect.contents) if p.connect else None,
                   tls=TlsResult.from_c(p.tls.contents) if p.tls else None,
                   verify=_verify.Verdict.from_c(p.verify) if p.verify else None)

    def to_dict(self) -> Dict[str, Any]:
        """The probe as the report's JSON has it ($defs/probe)."""
        if self._doc is None:
            raise ValueError("a Probe made outside a Report has no JSON document")
        return copy.deepcopy(self._doc)

    def __repr__(self) -> str:
        return "Probe(%s, %s:%s, %s)" % (self.purpose, self.address, self.port,
                                         self.tls.failure if self.tls else
                                         self.connect.failure if self.connect else self.status)


@dataclass
class Sender:
    """One sender profile (mxtls-check --senders): its facts by name, and
    the public sources of each. Facts are "yes", "no", "with-policy",
    "later" or "unknown"."""
    id: Optional[str]
    name: Optional[str]
    profile: Any
    mainstream: bool
    summary: Optional[str]
    sends_sni: str
    tls_min: Optional[str]
    tls_max: Optional[str]
    verifies_certificate: str
    honours_mtasts: str
    honours_dane: str
    plaintext_without_starttls: str
    plaintext_after_tls_failure: str
    retry_hours: Optional[int]
    sources: List[str]

    @classmethod
    def from_c(cls, ptr: Any) -> "Sender":
        s = _Members(ptr, _lib.Sender)
        return cls(id=_text(s.id), name=_text(s.name),
                   profile=Profile.parse(_c_name(_lib.mxtls_profile_name, s.profile or 0)),
                   mainstream=bool(s.mainstream), summary=_text(s.summary),
                   sends_sni=FACTS.get(s.sends_sni, "unknown"),
                   tls_min=_TLS_VERSIONS.get(s.tls_min), tls_max=_TLS_VERSIONS.get(s.tls_max),
                   verifies_certificate=FACTS.get(s.verifies_certificate, "unknown"),
                   honours_mtasts=FACTS.get(s.honours_mtasts, "unknown"),
                   honours_dane=FACTS.get(s.honours_dane, "unknown"),
                   plaintext_without_starttls=FACTS.get(s.plaintext_without_starttls,
                                                        "unknown"),
                   plaintext_after_tls_failure=FACTS.get(s.plaintext_after_tls_failure,
                                                         "unknown"),
                   retry_hours=s.retry_hours if s.retry_hours is not None and
                   s.retry_hours >= 0 else None,
                   sources=[_text(s.sources[i]) or "" for i in range(s.n_sources or 0)])

    def to_dict(self) -> Dict[str, Any]:
        """The profile as plain data."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["profile"] = _plain(self.profile)
        return d

    def __getitem__(self, key: str) -> Any:
        """sender["id"]: earlier releases gave each profile as a dict."""
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        return _plain(getattr(self, key))


def senders() -> List[Sender]:
    """The sender profiles the library predicts for (mxtls-check --senders),
    each with its facts and their public sources."""
    return [Sender.from_c(_lib.mxtls_sender_at(i)) for i in range(_lib.mxtls_sender_count())]


@dataclass(eq=False)
class Prediction:
    """How one sender's delivery to the checked target would end.

    sender, name  the profile's id ("gmail") and name ("Gmail")
    outcome       Delivery.TLS, .PLAINTEXT, .DEFERS, .BOUNCES or .UNKNOWN
    finding       the Finding that stops it (or sends it in clear), or None
    host          the host it delivers to, or where it stops
    detail        one line: the step that decides
    delayed       True when it gets through only on a retry, after a first
                  attempt that defers
    """
    sender: Optional[str]
    name: Optional[str]
    outcome: Any
    finding: Optional[Finding]
    host: Optional[str]
    detail: Optional[str]
    delayed: bool
    _doc: Optional[Dict[str, Any]] = field(default=None, repr=False)

    @classmethod
    def from_c(cls, ptr: Any, findings: List[Finding]) -> "Prediction":
        p = _Members(ptr, _lib.Prediction)
        s = p.sender.contents if p.sender else None
        index = p.finding if p.finding is not None else -1
        return cls(sender=_text(s.id) if s else None, name=_text(s.name) if s else None,
                   outcome=Delivery.parse(_c_name(_lib.mxtls_delivery_name, p.outcome or 0)),
                   finding=findings[index] if 0 <= index < len(findings) else None,
                   host=_text(p.host), detail=_text(p.detail), delayed=bool(p.delayed))

    def to_dict(self) -> Dict[str, Any]:
        """The prediction as the report's JSON has it ($defs/prediction)."""
        if self._doc is not None:
            return copy.deepcopy(self._doc)
        return {"sender": self.sender, "name": self.name, "outcome": _plain(self.outcome),
                "finding": None, "finding_id": self.finding.id if self.finding else None,
                "host": self.host, "detail": self.detail, "delayed": self.delayed}

    def __repr__(self) -> str:
        return "Prediction(%s, %s)" % (self.sender, self.outcome)


@dataclass(eq=False)
class Report:
    """What a check found. A plain copy: it holds no library memory.

    target, domain   as given; the domain (A-label) or, for submission, the host
    profile          Profile.MX or Profile.SUBMISSION
    verdict          Verdict.OK, .WARNING or .ERROR: the worst root cause's
                     severity among those about the target
    environment_verdict  the same for the root causes about the checker's
                     environment; ERROR: part of the check could not run
                     from here, so an OK verdict is incomplete
    ok               True when the verdict is OK
    strict           True when MTA-STS enforce or DNSSEC-secure TLSA make a valid
                     certificate mandatory for senders
    summary          the verdict in one line
    elapsed          wall time of the whole check, float seconds
    findings         [Finding]: root causes first (the environment's, then
                     the target's), worst first; then info findings such as
                     tls.ok; then the symptoms they explain
                     (finding.caused_by / .cause)
    root_causes      the warnings and errors no other finding explains
    probes           [Probe], in the order they ran
    predictions      [Prediction]: how each sender's delivery would end
    resolve          the ResolveResult (None when the target is an address)
    mtasts           the verify.StsPolicy (None without a policy record, or
                     for submission)

    text() and json() give the library's own renderings. to_dict() is the
    JSON document as Python data, key for key (schema mxtls-report/1), and
    to_json() that dict as a str.

    error is always None: it is there so that results of check_many(),
    Reports and CheckErrors alike, can be told apart with `if r.error:`.
    """
    error: ClassVar[None] = None

    target: Optional[str]
    profile: Any
    verdict: Any
    environment_verdict: Any
    domain: Optional[str]
    strict: bool
    summary: Optional[str]
    elapsed: Optional[float]
    findings: List[Finding]
    probes: List[Probe]
    predictions: List[Prediction]
    resolve: Optional[ResolveResult]
    mtasts: Optional[_verify.StsPolicy]
    _text: Dict[bool, str] = field(default_factory=dict, repr=False)
    _json: Dict[bool, str] = field(default_factory=dict, repr=False)
    _html: Optional[str] = field(default=None, repr=False)

    @classmethod
    def from_c(cls, ptr: Any) -> "Report":
        """A copy of a struct mxtls_report (which the caller still frees)."""
        r = _Members(ptr, _lib.Report)
        findings = [Finding.from_c(p) for p in _pointers(r.findings, r.n_findings)]
        for f in findings:
            if f.caused_by is not None and f.caused_by < len(findings):
                f.cause = findings[f.caused_by]
        report = cls(
            target=_text(r.target),
            profile=Profile.parse(_c_name(_lib.mxtls_profile_name, r.profile or 0)),
            verdict=Verdict.parse(_c_name(_lib.mxtls_verdict_name, r.verdict or 0)),
            environment_verdict=Verdict.parse(_c_name(_lib.mxtls_verdict_name,
                                                      r.environment_verdict or 0)),
            domain=_text(r.domain), strict=bool(r.strict), summary=_text(r.summary),
            elapsed=seconds(r.elapsed_ms),
            findings=findings,
            probes=[Probe.from_c(p) for p in _pointers(r.probes, r.n_probes)],
            predictions=[Prediction.from_c(p, findings)
                         for p in _pointers(r.predictions, r.n_predictions)],
            resolve=ResolveResult.from_c(r.resolve) if r.resolve else None,
            mtasts=_verify.StsPolicy.from_c(r.mtasts) if r.mtasts else None,
            # Rendered now: the C report is freed as soon as this returns.
            _text={t: _render(_lib.mxtls_report_text, ptr, RENDER_TRANSCRIPT if t else 0)
                   for t in (False, True)},
            _json={t: _render(_lib.mxtls_report_json, ptr, RENDER_TRANSCRIPT if t else 0)
                   for t in (False, True)},
            _html=(None if _lib.mxtls_report_html.missing
                   else _render(_lib.mxtls_report_html, ptr, 0)))
        doc = _json.loads(report._json[False])
        items: Dict[str, Sequence[Union[Finding, Probe, Prediction]]] = {
            "findings": report.findings, "probes": report.probes,
            "predictions": report.predictions}
        for part, objects in items.items():
            parts = doc.get(part) or []
            if len(parts) == len(objects):
                for item, d in zip(objects, parts):
                    item._doc = d
        return report

    @property
    def ok(self) -> bool:
        """True when nothing worse than an info finding was found."""
        return bool(self.verdict == Verdict.OK)

    @property
    def elapsed_ms(self) -> Optional[int]:
        """elapsed in integer milliseconds (earlier releases' name)."""
        return None if self.elapsed is None else ms_of(self.elapsed)

    @property
    def root_causes(self) -> List[Finding]:
        """The warnings and errors no other finding explains, worst first
        (not info findings such as tls.ok): findings[:len(root_causes)]."""
        return [f for f in self.findings if f.is_root_cause]

    def symptoms_of(self, finding: Finding) -> List[Finding]:
        """The findings that finding (one with caused_by None) explains."""
        return [f for f in self.findings if f.cause is finding]

    def text(self, transcript: bool = False) -> str:
        """The library's report for a terminal: the verdict, each root cause
        with its explanation and numbered fix, then the symptoms and the
        per-address details; transcript=True adds each probe's SMTP/TLS
        dialogue, the bytes sent and received."""
        return self._text[bool(transcript)]

    def json(self, transcript: bool = False) -> str:
        """The library's JSON rendering (schema "mxtls-report/1",
        doc/report-schema.json) as a str; transcript=True adds each probe's
        dialogue."""
        return self._json[bool(transcript)]

    def html(self) -> str:
        """The library's report as one self-contained HTML page: the mail
        path drawn first in inline SVG, the broken hop marked and linked to
        its fix, then who can deliver, the causes with their numbered fixes,
        and the details. No script, nothing loaded: save it as a file or
        serve it under a strict Content-Security-Policy. Raises
        NotImplementedError with a library older than mxtls_report_html()."""
        if self._html is None:
            raise NotImplementedError("the loaded libmxtls has no mxtls_report_html")
        return self._html

    def to_dict(self, transcript: bool = False) -> Dict[str, Any]:
        """The JSON document as Python data, key for key: equal to
        json.loads(self.json(transcript)). A new dict each call."""
        result: Dict[str, Any] = _json.loads(self._json[bool(transcript)])
        return result

    def to_json(self, indent: Optional[int] = None) -> str:
        """json.dumps(self.to_dict(), indent=indent)."""
        return _json.dumps(self.to_dict(), indent=indent)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return "Report(%r, %s, %s, %d findings)" % (self.target, self.profile, self.verdict,
                                                    len(self.findings))


class _Progress:
    """A ctypes callback around a Python callable that never lets an
    exception cross into C: the first one is kept and raised after the call,
    and the callable is not called again once it has raised."""

    def __init__(self, fn: Callable[[str], object]) -> None:
        self.fn = fn
        self.error: Optional[BaseException] = None
        self.c_fn = _lib.ProgressFn(self._call)   # kept alive by self

    def _call(self, _user: Any, line: Optional[bytes]) -> None:
        if self.error is not None:
            return
        try:
            self.fn(_text(line) or "")
        except BaseException as e:   # KeyboardInterrupt too: C must not see it
            self.error = e


def _int_arg(value: Any, what: str) -> int:
    return int_arg(value, what)


def profile_code(profile: Union[str, Profile]) -> int:
    """The C value of a profile name; TypeError / ValueError otherwise."""
    if not isinstance(profile, str):
        raise TypeError("profile must be a str, not %s" % type(profile).__name__)
    if str(profile) not in PROFILES:
        raise ValueError("profile must be one of %s, not %r"
                         % (", ".join(sorted(PROFILES)), profile))
    return PROFILES[str(profile)]


def _options(port: Optional[int], implicit_tls: bool, sni: Optional[str],
             family: Optional[int], progress: Optional[_Progress]) -> ctypes.c_void_p:
    """A new mxtls_check_options handle with these set; the caller frees it."""
    if port is not None:
        port = int_arg(port, "port")
    if not isinstance(implicit_tls, bool):
        raise TypeError("implicit_tls must be a bool, not %s" % type(implicit_tls).__name__)
    sni_arg = str_arg(sni, "sni", none_ok=True)
    if family is not None:
        family = int_arg(family, "family")

    handle = ctypes.c_void_p()
    _check_status(_lib.mxtls_check_options_new(ctypes.byref(handle)), "check options")
    try:
        if port is not None:
            _check_status(_lib.mxtls_check_options_set_port(handle, port), "port %d" % port)
        if implicit_tls:
            _check_status(_lib.mxtls_check_options_set_implicit_tls(handle, 1), "implicit TLS")
        if sni is not None:
            _check_status(_lib.mxtls_check_options_set_sni(handle, sni_arg), "sni %r" % (sni,))
        if family is not None:
            _check_status(_lib.mxtls_check_options_set_family(handle, family),
                          "family %d (4, 6 or 0 for both)" % family)
        if progress is not None:
            _check_status(_lib.mxtls_check_options_set_progress(handle, progress.c_fn, None),
                          "progress")
    except BaseException:
        _lib.mxtls_check_options_free(handle)
        raise
    return handle


def check(ctx: Any, target: str, profile: str = "mx", port: Optional[int] = None,
          implicit_tls: bool = False, sni: Optional[str] = None, family: Optional[int] = None,
          progress: Optional[Callable[[str], object]] = None) -> Report:
    """Context.check(): see there."""
    code = profile_code(profile)
    target_arg = str_arg_required(target, "target")
    if progress is not None and not callable(progress):
        raise TypeError("progress must be callable, not %s" % type(progress).__name__)
    reporter = _Progress(progress) if progress is not None else None
    options = _options(port, implicit_tls, sni, family, reporter)
    out = ctypes.POINTER(_lib.Report)()
    try:
        status = _lib.mxtls_check_with(ctx._handle(), target_arg, code, options,
                                       ctypes.byref(out))
    finally:
        _lib.mxtls_check_options_free(options)
    try:
        if reporter is not None and reporter.error is not None:
            raise reporter.error
        ctx._check(status)
        return Report.from_c(out)
    finally:
        _lib.mxtls_report_free(out)   # NULL-safe; the one free of this report
