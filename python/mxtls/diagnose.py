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
"""
import ctypes
import json as _json
import types

from . import _lib
from . import verify as _verify

__all__ = ["Finding", "Explanation", "Probe", "Report", "explain", "check",
           "PROFILES", "SEVERITIES"]

# Names of the C values. An unknown value (a newer library) stays a number.
STAGES = {0: None, 1: "resolve", 2: "connect", 3: "starttls", 4: "verify"}
SOURCES = {0: None, 1: "gmail", 2: "boringssl", 3: "openssl", 4: "postfix", 5: "exim",
           6: "gnutls"}
PEERS = {0: None, 1: "server", 2: "client"}
MODES = {1: "starttls", 2: "implicit-tls", 3: "plain"}
PROFILES = {"mx": 1, "submission": 2}
SEVERITIES = ("info", "warning", "error")
RENDER_TRANSCRIPT = 0x1


def _read(ptr, cls):
    """The members of *ptr that the library's struct_size covers, by name;
    members the loaded library's struct does not have read as None."""
    c = ptr.contents
    size = c.struct_size
    values = {}
    for name, _ in cls._fields_:
        field = getattr(cls, name)
        values[name] = getattr(c, name) if field.offset + field.size <= size else None
    return types.SimpleNamespace(**values)


def _text(value):
    return None if value is None else value.decode("utf-8", "replace")


def _strings(array, n):
    return [_text(array[i]) for i in range(n or 0)] if array else []


def _pointers(array, n):
    return [array[i] for i in range(n or 0)] if array else []


def _named(table, value):
    return table.get(value, value)


# MXTLS_SIDE_* (diagnose.h): whose log an explained text is.
SIDES = {1: "sender", 2: "receiver", 3: "client", 4: "tool"}

# MXTLS_ABOUT_* (diagnose.h): what a finding is about.
ABOUT = {0: "target", 1: "environment"}


def _c_name(fn, value):
    return _text(fn(value))


def _index(value):
    # C marks "none" with -1, which as a Python index would quietly mean
    # "the last one": give None instead.
    return None if value is None or value < 0 else value


def _take_buffer(buf):
    """The text of an mxtls_buffer, which is then freed."""
    try:
        b = _read(buf, _lib.Buffer)
        return ctypes.string_at(b.data, b.length).decode("utf-8", "replace") if b.data else ""
    finally:
        _lib.mxtls_buffer_free(buf)


def _render(fn, *args):
    out = ctypes.POINTER(_lib.Buffer)()
    status = fn(*args, ctypes.byref(out))
    if status != 0:
        from . import MxtlsError
        raise MxtlsError(status, "rendering with %s" % fn.__name__)
    return _take_buffer(out)


def _plain(value):
    """value as JSON-ready data: dicts with str keys, lists, str, int, float,
    bool and None. Sets become sorted lists, bytes lowercase hex, objects the
    dict of their public attributes (or their own to_dict())."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    names = list(getattr(value, "__dict__", {}))
    for cls in type(value).__mro__:
        names += [n for n in getattr(cls, "__slots__", ()) if n not in names]
    return {n: _plain(getattr(value, n)) for n in names
            if not n.startswith("_") and hasattr(value, n)}


class Finding:
    """One finding: what is wrong, why a sender refuses, and how to fix it.

    id         stable string id, e.g. "cert.self-signed" (API: never changes meaning)
    code       the matching number (mxtls_finding_code)
    severity   "info", "warning" or "error"
    stage      where the evidence showed: "resolve", "connect", "starttls",
               "verify", or None
    host, address, port   what it is about (None where it is not about one)
    caused_by  index in the report's findings of the root cause that explains
               this one, or None when it is itself a root cause (C's -1)
    cause      that root-cause Finding itself, or None
    summary, explanation  one line; plain-language paragraph(s)
    remedies   numbered steps, in order (a list of str)
    references e.g. ["RFC 7505 section 3"]
    evidence   what mxtls observed, or None
    about      "target" (the checked domain or host) or "environment" (where
               the check ran: its resolver, network, CA store); a symptom has
               its root cause's
    """

    def __init__(self, ptr):
        f = _read(ptr, _lib.Finding)
        self.id = _text(f.id)
        self.code = f.code
        self.severity = _c_name(_lib.mxtls_severity_name, f.severity or 0)
        self.stage = _named(STAGES, f.stage or 0)
        self.host = _text(f.host)
        self.address = _text(f.address)
        self.port = f.port or None
        self.caused_by = _index(f.caused_by)
        self.cause = None
        self.summary = _text(f.summary)
        self.explanation = _text(f.explanation)
        self.remedies = _strings(f.remedies, f.n_remedies)
        self.references = _strings(f.references, f.n_references)
        self.evidence = _text(f.evidence)
        self.about = ABOUT.get(f.about or 0, "unknown")

    @property
    def is_root_cause(self):
        """True when no other finding explains this one."""
        return self.caused_by is None

    def to_dict(self):
        """The finding as plain data (cause is given by index only)."""
        return {"id": self.id, "code": self.code, "severity": self.severity,
                "stage": self.stage, "host": self.host, "address": self.address,
                "port": self.port, "caused_by": self.caused_by, "summary": self.summary,
                "explanation": self.explanation, "remedies": list(self.remedies),
                "references": list(self.references), "evidence": self.evidence,
                "about": self.about}

    def __str__(self):
        return "%s [%s] %s" % (self.id, self.severity, self.summary)

    def __repr__(self):
        where = self.host or self.address
        return "Finding(%r, %s%s)" % (self.id, self.severity, ", " + where if where else "")


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

    str(explanation) is the library's rendering for a terminal; json() is its
    JSON (schema "mxtls-explanation/1", doc/explanation-schema.json).
    """

    def __init__(self, ptr):
        e = _read(ptr, _lib.Explanation)
        self.recognised = bool(e.recognised)
        self.source = _named(SOURCES, e.source or 0)
        self.alert = None if e.alert is None or e.alert < 0 else e.alert
        self.alert_name = _text(e.alert_name)
        self.alert_sender = _named(PEERS, e.alert_sender or 0)
        self.smtp_code = e.smtp_code or None
        self.host = _text(e.host)
        self.summary = _text(e.summary)
        self.explanation = _text(e.explanation)
        self.suggested_check = _text(e.suggested_check)
        self.likely_causes = [Finding(p) for p in _pointers(e.likely_causes, e.n_findings)]
        n = len(self.likely_causes)
        self.side = SIDES.get(e.side or 0)
        self.ranked = n if e.n_ranked is None else min(e.n_ranked, n)
        self.weights = [e.weights[i] for i in range(n)] if e.weights else []
        self.spans = [None if not e.evidence_start or e.evidence_start[i] < 0
                      else [e.evidence_start[i], e.evidence_end[i]] for i in range(n)]
        self.enhanced_status = _text(e.enhanced_status)
        self.domain = _text(e.domain)
        self.addresses = _strings(e.addresses, e.n_addresses or 0) if e.addresses else []
        self._rendered = _render(_lib.mxtls_explanation_text, ptr)
        missing = getattr(_lib.mxtls_explanation_json, "missing", False)
        self._json = None if missing else _render(_lib.mxtls_explanation_json, ptr, 0)

    def json(self):
        """The library's JSON rendering (schema "mxtls-explanation/1") as a str."""
        if self._json is None:
            raise NotImplementedError("the loaded library has no mxtls_explanation_json")
        return self._json

    def to_dict(self):
        """The explanation as plain data (JSON-ready)."""
        d = {k: getattr(self, k) for k in ("recognised", "source", "alert", "alert_name",
                                            "alert_sender", "smtp_code", "host", "summary",
                                            "explanation", "suggested_check", "side",
                                            "ranked", "weights", "spans", "enhanced_status",
                                            "domain", "addresses")}
        d["likely_causes"] = [f.to_dict() for f in self.likely_causes]
        return d

    def __str__(self):
        return self._rendered

    def __repr__(self):
        return "Explanation(%s, alert=%r, causes=%r)" % (
            "recognised" if self.recognised else "unrecognised", self.alert_name,
            [f.id for f in self.likely_causes])


def explain(ctx_handle, text):
    """mxtls_explain() on text (a str) with a context handle or None."""
    from . import MxtlsError, _str_arg
    data = _str_arg(text, "text")
    out = ctypes.POINTER(_lib.Explanation)()
    status = _lib.mxtls_explain(ctx_handle, data, ctypes.byref(out))
    if status != 0:
        raise MxtlsError(status, "explain")
    try:
        return Explanation(out)
    finally:
        _lib.mxtls_explanation_free(out)


class Probe:
    """One connection a check made, and what each stage saw.

    purpose     "primary" (the connection a sender makes), or the follow-up
                that settles a cause: "no-sni", "ldh-sni", "version",
                "other-mode", "other-port"
    host        the name the sender uses (None for an IP target)
    address, port, mode ("starttls", "implicit-tls", "plain"), sni (None: none)
    tls_version the one version a "version" probe offered (TLS_1_x), or None
    status      "MXTLS_OK", or "MXTLS_EPOLICY" when the address policy refused it
    host_index, address_index   where in report.resolve.hosts, or None
    connect, tls, verify        ConnectResult, TlsResult, verify.Verdict, or
                None where that stage did not run
    """

    def __init__(self, ptr):
        from . import ConnectResult, TlsResult
        p = _read(ptr, _lib.Probe)
        self.purpose = _c_name(_lib.mxtls_probe_purpose_name, p.purpose or 0)
        self.host = _text(p.host)
        self.address = _text(p.address)
        self.port = p.port
        self.mode = _named(MODES, p.mode)
        self.sni = _text(p.sni)
        self.tls_version = p.tls_version or None
        self.status = _c_name(_lib.mxtls_status_name, p.status or 0)
        self.host_index = _index(p.host_index)
        self.address_index = _index(p.address_index)
        self.connect = ConnectResult(p.connect.contents) if p.connect else None
        self.tls = TlsResult(p.tls.contents) if p.tls else None
        self.verify = _verify.Verdict(p.verify) if p.verify else None

    def to_dict(self):
        """The probe as plain data; the stage results as dicts of their
        attributes (bytes as hex, sets as sorted lists)."""
        return {n: _plain(getattr(self, n)) for n in (
            "purpose", "host", "address", "port", "mode", "sni", "tls_version", "status",
            "host_index", "address_index", "connect", "tls", "verify")}

    def __repr__(self):
        return "Probe(%s, %s:%s, %s)" % (self.purpose, self.address, self.port,
                                         self.tls.failure if self.tls else
                                         self.connect.failure if self.connect else self.status)


# MXTLS_FACT_* (senders.h).
FACTS = {-1: "unknown", 0: "no", 1: "yes", 2: "with-policy", 3: "later"}
# MXTLS_TLS_1_* (starttls.h), as a sender profile gives its range.
_TLS_VERSIONS = {0: None, 0x0301: "TLS1.0", 0x0302: "TLS1.1", 0x0303: "TLS1.2",
                 0x0304: "TLS1.3"}


def _sender(ptr):
    """One sender profile as plain data (its facts by name, and its sources)."""
    s = _read(ptr, _lib.Sender)
    return {"id": _text(s.id), "name": _text(s.name),
            "profile": _c_name(_lib.mxtls_profile_name, s.profile or 0),
            "mainstream": bool(s.mainstream), "summary": _text(s.summary),
            "sends_sni": FACTS.get(s.sends_sni, "unknown"),
            "tls_min": _TLS_VERSIONS.get(s.tls_min), "tls_max": _TLS_VERSIONS.get(s.tls_max),
            "verifies_certificate": FACTS.get(s.verifies_certificate, "unknown"),
            "honours_mtasts": FACTS.get(s.honours_mtasts, "unknown"),
            "honours_dane": FACTS.get(s.honours_dane, "unknown"),
            "plaintext_without_starttls": FACTS.get(s.plaintext_without_starttls, "unknown"),
            "plaintext_after_tls_failure": FACTS.get(s.plaintext_after_tls_failure, "unknown"),
            "retry_hours": s.retry_hours if s.retry_hours is not None and s.retry_hours >= 0
            else None,
            "sources": [_text(s.sources[i]) for i in range(s.n_sources or 0)]}


def senders():
    """The sender profiles the library predicts for (mxtls-check --senders):
    a list of dicts, each with its facts and their public sources."""
    return [_sender(_lib.mxtls_sender_at(i)) for i in range(_lib.mxtls_sender_count())]


class Prediction:
    """How one sender's delivery to the checked target would end.

    sender, name  the profile's id ("gmail") and name ("Gmail")
    outcome       "tls", "plaintext", "defers", "bounces" or "unknown"
    finding       the Finding that stops it (or sends it in clear), or None
    host          the host it delivers to, or where it stops
    detail        one line: the step that decides
    delayed       True when it gets through only on a retry, after a first
                  attempt that defers
    """

    def __init__(self, ptr, findings):
        p = _read(ptr, _lib.Prediction)
        s = p.sender.contents if p.sender else None
        self.sender = _text(s.id) if s else None
        self.name = _text(s.name) if s else None
        self.outcome = _c_name(_lib.mxtls_delivery_name, p.outcome or 0)
        index = p.finding if p.finding is not None else -1
        self.finding = findings[index] if 0 <= index < len(findings) else None
        self.host = _text(p.host)
        self.detail = _text(p.detail)
        self.delayed = bool(p.delayed)

    def to_dict(self):
        return {"sender": self.sender, "name": self.name, "outcome": self.outcome,
                "finding": self.finding.id if self.finding else None, "host": self.host,
                "detail": self.detail, "delayed": self.delayed}

    def __repr__(self):
        return "Prediction(%s, %s)" % (self.sender, self.outcome)


class Report:
    """What Context.check() found. A plain copy: it holds no library memory.

    target, domain   as given; the domain (A-label) or, for submission, the host
    profile          "mx" or "submission"
    verdict          "ok", "warning" or "error": the worst root cause's
                     severity among those about the target
    environment_verdict  the same for the root causes about the checker's
                     environment; "error": part of the check could not run
                     from here, so an "ok" verdict is incomplete
    ok               True when the verdict is "ok"
    strict           True when MTA-STS enforce or DNSSEC-secure TLSA make a valid
                     certificate mandatory for senders
    summary          the verdict in one line
    elapsed_ms       wall time of the whole check
    findings         [Finding]: root causes first (the environment's, then
                     the target's), worst first, then the
                     symptoms they explain (finding.caused_by / .cause)
    root_causes      the findings no other finding explains
    probes           [Probe], in the order they ran
    predictions      [Prediction]: how each sender's delivery would end
    resolve          the ResolveResult (None when the target is an address)
    mtasts           the verify.StsPolicy (None without a policy record, or
                     for submission)

    text() and json() give the library's own renderings; to_dict() and
    to_json() give this object's data.

    error is always None: it is there so that results of check_many(),
    Reports and CheckErrors alike, can be told apart with `if r.error:`.
    """

    error = None

    def __init__(self, ptr):
        from . import ResolveResult
        r = _read(ptr, _lib.Report)
        self.target = _text(r.target)
        self.profile = _c_name(_lib.mxtls_profile_name, r.profile or 0)
        self.verdict = _c_name(_lib.mxtls_verdict_name, r.verdict or 0)
        self.environment_verdict = _c_name(_lib.mxtls_verdict_name,
                                           r.environment_verdict or 0)
        self.domain = _text(r.domain)
        self.strict = bool(r.strict)
        self.summary = _text(r.summary)
        self.elapsed_ms = r.elapsed_ms
        self.resolve = ResolveResult(r.resolve) if r.resolve else None
        self.mtasts = _verify.StsPolicy(r.mtasts) if r.mtasts else None
        self.probes = [Probe(p) for p in _pointers(r.probes, r.n_probes)]
        self.findings = [Finding(p) for p in _pointers(r.findings, r.n_findings)]
        for f in self.findings:
            if f.caused_by is not None and f.caused_by < len(self.findings):
                f.cause = self.findings[f.caused_by]
        self.predictions = [Prediction(p, self.findings)
                            for p in _pointers(r.predictions, r.n_predictions)]
        # Rendered now: the C report is freed as soon as this returns.
        self._text = {t: _render(_lib.mxtls_report_text, ptr, RENDER_TRANSCRIPT if t else 0)
                      for t in (False, True)}
        self._json = {t: _render(_lib.mxtls_report_json, ptr, RENDER_TRANSCRIPT if t else 0)
                      for t in (False, True)}
        missing = getattr(_lib.mxtls_report_html, "missing", False)
        self._html = None if missing else _render(_lib.mxtls_report_html, ptr, 0)

    @property
    def ok(self):
        """True when nothing worse than an info finding was found."""
        return self.verdict == "ok"

    @property
    def root_causes(self):
        """The findings no other finding explains, worst first."""
        return [f for f in self.findings if f.caused_by is None]

    def symptoms_of(self, finding):
        """The findings that finding (a root cause) explains."""
        return [f for f in self.findings if f.cause is finding]

    def text(self, transcript=False):
        """The library's report for a terminal: the verdict, each root cause
        with its explanation and numbered fix, then the symptoms and the
        per-address details; transcript=True adds each probe's SMTP/TLS
        dialogue."""
        return self._text[bool(transcript)]

    def json(self, transcript=False):
        """The library's JSON rendering (schema "mxtls-report/1",
        doc/report-schema.json) as a str; transcript=True adds each probe's
        dialogue. Compare to_json(), this object's own data."""
        return self._json[bool(transcript)]

    def html(self):
        """The library's report as one self-contained HTML page (a str): the
        mail path drawn first in inline SVG, the broken hop marked and linked
        to its fix, then who can deliver, the causes with their numbered
        fixes, and the details. No script, nothing loaded: save it as a file
        or serve it under a strict Content-Security-Policy. Raises
        NotImplementedError with a library older than mxtls_report_html()."""
        if self._html is None:
            raise NotImplementedError("the loaded libmxtls has no mxtls_report_html")
        return self._html

    def to_dict(self):
        """The report as plain data: dicts, lists, str, int, bool and None
        (bytes as lowercase hex, sets as sorted lists), so that json.dumps
        takes it as it is."""
        return {"target": self.target, "profile": self.profile, "verdict": self.verdict,
                "environment_verdict": self.environment_verdict,
                "ok": self.ok, "domain": self.domain, "strict": self.strict,
                "summary": self.summary, "elapsed_ms": self.elapsed_ms,
                "findings": [f.to_dict() for f in self.findings],
                "root_causes": [i for i, f in enumerate(self.findings)
                                if f.caused_by is None],
                "probes": [p.to_dict() for p in self.probes],
                "predictions": [p.to_dict() for p in self.predictions],
                "resolve": _plain(self.resolve), "mtasts": _plain(self.mtasts)}

    def to_json(self, indent=None):
        """json.dumps(self.to_dict(), indent=indent)."""
        return _json.dumps(self.to_dict(), indent=indent)

    def __str__(self):
        return self.text()

    def __repr__(self):
        return "Report(%r, %s, %s, %d findings)" % (self.target, self.profile, self.verdict,
                                                    len(self.findings))


class _Progress:
    """A ctypes callback around a Python callable that never lets an
    exception cross into C: the first one is kept and raised after the call,
    and the callable is not called again once it has raised."""

    def __init__(self, fn):
        self.fn = fn
        self.error = None
        self.c_fn = _lib.ProgressFn(self._call)   # kept alive by self

    def _call(self, _user, line):
        if self.error is not None:
            return
        try:
            self.fn(_text(line))
        except BaseException as e:   # KeyboardInterrupt too: C must not see it
            self.error = e


def _int_arg(value, what):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, not %s" % (what, type(value).__name__))
    if not -2 ** 31 <= value < 2 ** 31:
        from . import MxtlsError
        raise MxtlsError(6, "%s: %d does not fit in 32 bits" % (what, value))
    return value


def _options(port, implicit_tls, sni, family, progress):
    """A new mxtls_check_options handle with these set; the caller frees it."""
    from . import MxtlsError, _str_arg
    if port is not None:
        port = _int_arg(port, "port")
    if not isinstance(implicit_tls, bool):
        raise TypeError("implicit_tls must be a bool, not %s" % type(implicit_tls).__name__)
    sni_arg = _str_arg(sni, "sni", none_ok=True)
    if family is not None:
        family = _int_arg(family, "family")

    def check(status, what):
        if status != 0:
            raise MxtlsError(status, what)

    handle = ctypes.c_void_p()
    check(_lib.mxtls_check_options_new(ctypes.byref(handle)), "check options")
    try:
        if port is not None:
            check(_lib.mxtls_check_options_set_port(handle, port), "port %d" % port)
        if implicit_tls:
            check(_lib.mxtls_check_options_set_implicit_tls(handle, 1), "implicit TLS")
        if sni is not None:
            check(_lib.mxtls_check_options_set_sni(handle, sni_arg), "sni %r" % (sni,))
        if family is not None:
            check(_lib.mxtls_check_options_set_family(handle, family),
                  "family %d (4, 6 or 0 for both)" % family)
        if progress is not None:
            check(_lib.mxtls_check_options_set_progress(handle, progress.c_fn, None),
                  "progress")
    except BaseException:
        _lib.mxtls_check_options_free(handle)
        raise
    return handle


def check(ctx, target, profile="mx", port=None, implicit_tls=False, sni=None, family=None,
          progress=None):
    """Context.check(): see there."""
    from . import _str_arg
    if not isinstance(profile, str):
        raise TypeError("profile must be a str, not %s" % type(profile).__name__)
    if profile not in PROFILES:
        raise ValueError("profile must be one of %s, not %r"
                         % (", ".join(sorted(PROFILES)), profile))
    target_arg = _str_arg(target, "target")
    if progress is not None and not callable(progress):
        raise TypeError("progress must be callable, not %s" % type(progress).__name__)
    reporter = _Progress(progress) if progress is not None else None
    options = _options(port, implicit_tls, sni, family, reporter)
    out = ctypes.POINTER(_lib.Report)()
    try:
        status = _lib.mxtls_check_with(ctx._handle(), target_arg, PROFILES[profile], options,
                                       ctypes.byref(out))
    finally:
        _lib.mxtls_check_options_free(options)
    try:
        if reporter is not None and reporter.error is not None:
            raise reporter.error
        ctx._check(status)
        return Report(out)
    finally:
        _lib.mxtls_report_free(out)   # NULL-safe; the one free of this report
