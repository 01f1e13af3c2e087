"""Loading libmxtls.so.1 and declaring the C functions for ctypes.

Nothing is loaded at import: each declared function binds to the library on
its first call, and the library is loaded then (once). So `import mxtls`
works where the library is missing (documentation builds, type checkers,
pip's metadata steps), and the first call raises LibraryNotFound.

Search order: the MXTLS_LIBRARY environment variable (a path), then a build
tree (MXTLS_BUILD_ROOT; the build tree this package is linked into; or
build-gcc/ or build/ beside the source checkout), then the system's loader
path. Only the major version the binding was written for is
accepted: it loads "libmxtls.so.1", never a bare "libmxtls.so".
"""
from __future__ import annotations

import ctypes
import os
import threading
from typing import Any, Callable, Iterator, Optional

from .errors import LibraryNotFound

SONAME = "libmxtls.so.1"


def _candidates() -> Iterator[str]:
    explicit = os.environ.get("MXTLS_LIBRARY")
    if explicit:
        yield explicit
        return
    # abspath, not realpath: inside a build tree the package is a link at
    # BUILD/mxtls, and the library is at BUILD/src.
    here = os.path.dirname(os.path.abspath(__file__))
    roots = [os.environ.get("MXTLS_BUILD_ROOT"),
             os.path.join(here, ".."),
             os.path.join(here, "..", "..", "build-gcc"),
             os.path.join(here, "..", "..", "build")]
    for root in roots:
        if root:
            # normpath: ".." must step out of BUILD/mxtls lexically, not
            # through the link into the source tree.
            yield os.path.normpath(os.path.join(root, "src", SONAME))
    yield SONAME  # the system loader path


def load() -> ctypes.CDLL:
    """Load libmxtls.so.1 by the search order above; LibraryNotFound if none loads."""
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append("%s: no such file" % path)
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
    raise LibraryNotFound("cannot load %s (set MXTLS_LIBRARY to its path): %s"
                          % (SONAME, "; ".join(errors)))


_loaded: Optional[ctypes.CDLL] = None
_load_lock = threading.Lock()


def loaded() -> ctypes.CDLL:
    """The library, loaded on the first call."""
    global _loaded
    if _loaded is None:
        with _load_lock:
            if _loaded is None:
                _loaded = load()
    return _loaded


class _Library:
    """Stands for the CDLL until it is needed: any attribute loads it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(loaded(), name)


lib: Any = _Library()

c_int32 = ctypes.c_int32
c_uint32 = ctypes.c_uint32
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p


class Function:
    """A C function of the library, declared with its exact signature and
    bound on its first call (which loads the library)."""

    __slots__ = ("__name__", "restype", "argtypes", "optional", "_fn")

    def __init__(self, name: str, restype: Any, argtypes: tuple[Any, ...],
                 optional: bool = False) -> None:
        self.__name__ = name
        self.restype = restype
        self.argtypes = list(argtypes)
        self.optional = optional
        self._fn: Optional[Callable[..., Any]] = None

    def _bind(self) -> Optional[Callable[..., Any]]:
        if self._fn is None:
            try:
                fn = getattr(loaded(), self.__name__)
            except AttributeError:
                if not self.optional:
                    raise
                return None
            fn.restype = self.restype
            fn.argtypes = self.argtypes
            self._fn = fn
        return self._fn

    @property
    def missing(self) -> bool:
        """True when the loaded library does not export this function."""
        return self._bind() is None

    def __call__(self, *args: Any) -> Any:
        fn = self._fn or self._bind()
        if fn is None:
            raise NotImplementedError("%s does not export %s"
                                      % (loaded()._name, self.__name__))
        return fn(*args)

    def __repr__(self) -> str:
        return "<mxtls C function %s>" % self.__name__


def _declare(name: str, restype: Any, *argtypes: Any) -> Function:
    return Function(name, restype, argtypes)


class Address(ctypes.Structure):
    """struct mxtls_address (include/mxtls/address.h)."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("family", ctypes.c_int32),
        ("text", ctypes.c_char_p),
        ("bytes", ctypes.c_uint8 * 16),
        ("scope", ctypes.c_int32),
        ("dnssec", ctypes.c_int32),
        ("proxy_provider", ctypes.c_char_p),
        ("policy_allowed", ctypes.c_int32),
    ]



# The resolve stage's structs (include/mxtls/resolve.h). Arrays of growable
# structs are arrays of pointers, as in C.
class DnsLookup(ctypes.Structure):
    """struct mxtls_dns_lookup."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("qname", ctypes.c_char_p),
        ("qtype", ctypes.c_int32),
        ("outcome", ctypes.c_int32),
        ("rcode", ctypes.c_int32),
        ("dnssec", ctypes.c_int32),
        ("why_bogus", ctypes.c_char_p),
        ("detail", ctypes.c_char_p),
        ("n_records", ctypes.c_int32),
        ("limited", ctypes.c_int32),
        ("elapsed_ms", ctypes.c_int64),
    ]


class Tlsa(ctypes.Structure):
    """struct mxtls_tlsa."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("usage", ctypes.c_uint8),
        ("selector", ctypes.c_uint8),
        ("matching_type", ctypes.c_uint8),
        ("data_len", ctypes.c_size_t),
        ("data", ctypes.POINTER(ctypes.c_uint8)),
        ("data_hex", ctypes.c_char_p),
        ("dnssec", ctypes.c_int32),
    ]


class MxHost(ctypes.Structure):
    """struct mxtls_mx_host."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("name", ctypes.c_char_p),
        ("preference", ctypes.c_int32),
        ("flags", ctypes.c_uint32),
        ("canonical_name", ctypes.c_char_p),
        ("n_addresses", ctypes.c_size_t),
        ("addresses", ctypes.POINTER(ctypes.POINTER(Address))),
        ("a", ctypes.POINTER(DnsLookup)),
        ("aaaa", ctypes.POINTER(DnsLookup)),
        ("tlsa_name", ctypes.c_char_p),
        ("n_tlsa", ctypes.c_size_t),
        ("tlsa", ctypes.POINTER(ctypes.POINTER(Tlsa))),
        ("tlsa_lookup", ctypes.POINTER(DnsLookup)),
    ]


class TxtSet(ctypes.Structure):
    """struct mxtls_txt_set."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("lookup", ctypes.POINTER(DnsLookup)),
        ("n_records", ctypes.c_size_t),
        ("records", ctypes.POINTER(ctypes.c_char_p)),
    ]


class MtaStsTxt(ctypes.Structure):
    """struct mxtls_mta_sts_txt."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("txt", ctypes.POINTER(TxtSet)),
        ("n_sts_records", ctypes.c_int32),
        ("valid", ctypes.c_int32),
        ("version", ctypes.c_char_p),
        ("id", ctypes.c_char_p),
        ("problem", ctypes.c_char_p),
    ]


class TlsRptTxt(ctypes.Structure):
    """struct mxtls_tlsrpt_txt."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("txt", ctypes.POINTER(TxtSet)),
        ("n_tlsrpt_records", ctypes.c_int32),
        ("valid", ctypes.c_int32),
        ("version", ctypes.c_char_p),
        ("n_rua", ctypes.c_size_t),
        ("rua", ctypes.POINTER(ctypes.c_char_p)),
        ("problem", ctypes.c_char_p),
    ]


class ResolveResult(ctypes.Structure):
    """struct mxtls_resolve_result."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("query", ctypes.c_char_p),
        ("a_label", ctypes.c_char_p),
        ("port", ctypes.c_int32),
        ("outcome", ctypes.c_int32),
        ("dnssec", ctypes.c_int32),
        ("mx", ctypes.POINTER(DnsLookup)),
        ("null_mx", ctypes.c_int32),
        ("implicit_mx", ctypes.c_int32),
        ("n_hosts", ctypes.c_size_t),
        ("hosts", ctypes.POINTER(ctypes.POINTER(MxHost))),
        ("mta_sts", ctypes.POINTER(MtaStsTxt)),
        ("tlsrpt", ctypes.POINTER(TlsRptTxt)),
        ("limits_hit", ctypes.c_uint32),
        ("n_queries", ctypes.c_int32),
        ("elapsed_ms", ctypes.c_int64),
        ("detail", ctypes.c_char_p),
        ("resolver_health", ctypes.c_int32),
        ("resolver_detail", ctypes.c_char_p),
        ("resolver_validates", ctypes.c_int32),
        ("recursion", ctypes.c_int32),
    ]


# mxtls_resolve_struct_size(which) numbering.
RESOLVE_STRUCTS = {0: ResolveResult, 1: MxHost, 2: Tlsa, 3: DnsLookup, 4: TxtSet,
                   5: MtaStsTxt, 6: TlsRptTxt}


class Capabilities(ctypes.Structure):
    """struct mxtls_capabilities (include/mxtls/connect.h)."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("starttls", ctypes.c_int32),
        ("pipelining", ctypes.c_int32),
        ("eightbitmime", ctypes.c_int32),
        ("smtputf8", ctypes.c_int32),
        ("chunking", ctypes.c_int32),
        ("enhancedstatuscodes", ctypes.c_int32),
        ("dsn", ctypes.c_int32),
        ("requiretls", ctypes.c_int32),
        ("has_size", ctypes.c_int32),
        ("size_limit", ctypes.c_int64),
        ("n_auth", ctypes.c_size_t),
        ("auth", ctypes.POINTER(ctypes.c_char_p)),
        ("masked", ctypes.c_int32),
        ("starttls_masked", ctypes.c_int32),
        ("malformed", ctypes.c_int32),
    ]


class Exchange(ctypes.Structure):
    """struct mxtls_exchange (include/mxtls/connect.h): one turn of the
    SMTP dialogue, its exact bytes."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("direction", ctypes.c_int32),
        ("over_tls", ctypes.c_int32),
        ("length", ctypes.c_size_t),
        ("data", ctypes.POINTER(ctypes.c_uint8)),
    ]


class ConnectResult(ctypes.Structure):
    """struct mxtls_connect_result (include/mxtls/connect.h)."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("address", ctypes.c_char_p),
        ("port", ctypes.c_int32),
        ("mode", ctypes.c_int32),
        ("failure", ctypes.c_int32),
        ("failure_phase", ctypes.c_int32),
        ("sys_errno", ctypes.c_int32),
        ("seen", ctypes.c_int32),
        ("reply_error", ctypes.c_int32),
        ("n_first_bytes", ctypes.c_size_t),
        ("first_bytes", ctypes.POINTER(ctypes.c_uint8)),
        ("connect_ms", ctypes.c_int64),
        ("banner_ms", ctypes.c_int64),
        ("ehlo_ms", ctypes.c_int64),
        ("banner_code", ctypes.c_int32),
        ("banner", ctypes.c_char_p),
        ("ehlo_code", ctypes.c_int32),
        ("helo_fallback", ctypes.c_int32),
        ("n_ehlo_lines", ctypes.c_size_t),
        ("ehlo_lines", ctypes.POINTER(ctypes.c_char_p)),
        ("caps", ctypes.POINTER(Capabilities)),
        ("detail", ctypes.c_char_p),
        # appended in 0.1 (issue 18)
        ("n_exchanges", ctypes.c_size_t),
        ("exchanges", ctypes.POINTER(ctypes.POINTER(Exchange))),
        ("transcript_truncated", ctypes.c_int32),
    ]


class TlsResult(ctypes.Structure):
    """struct mxtls_tls_result (include/mxtls/starttls.h)."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("failure", ctypes.c_int32),
        ("failure_phase", ctypes.c_int32),
        ("sys_errno", ctypes.c_int32),
        ("seen", ctypes.c_int32),
        ("reply_error", ctypes.c_int32),
        ("n_first_bytes", ctypes.c_size_t),
        ("first_bytes", ctypes.POINTER(ctypes.c_uint8)),
        ("starttls_code", ctypes.c_int32),
        ("starttls_text", ctypes.c_char_p),
        ("starttls_ms", ctypes.c_int64),
        ("handshake_ms", ctypes.c_int64),
        ("ehlo_ms", ctypes.c_int64),
        ("sni", ctypes.c_char_p),
        ("priority", ctypes.c_char_p),
        ("version", ctypes.c_int32),
        ("version_name", ctypes.c_char_p),
        ("cipher_suite", ctypes.c_char_p),
        ("kx", ctypes.c_char_p),
        ("group", ctypes.c_char_p),
        ("sigalg", ctypes.c_char_p),
        ("dh_prime_bits", ctypes.c_int32),
        ("alert_received", ctypes.c_int32),
        ("alert_received_name", ctypes.c_char_p),
        ("alert_sent", ctypes.c_int32),
        ("alert_sent_name", ctypes.c_char_p),
        ("gnutls_error", ctypes.c_int32),
        ("gnutls_error_name", ctypes.c_char_p),
        ("gnutls_error_text", ctypes.c_char_p),
        ("n_peer_certs", ctypes.c_size_t),
        ("peer_certs", ctypes.POINTER(ctypes.POINTER(ctypes.c_uint8))),
        ("peer_cert_lens", ctypes.POINTER(ctypes.c_size_t)),
        ("ocsp_stapled", ctypes.c_int32),
        ("banner_code", ctypes.c_int32),
        ("banner", ctypes.c_char_p),
        ("ehlo_code", ctypes.c_int32),
        ("n_ehlo_lines", ctypes.c_size_t),
        ("ehlo_lines", ctypes.POINTER(ctypes.c_char_p)),
        ("caps", ctypes.POINTER(Capabilities)),
        ("detail", ctypes.c_char_p),
        # appended in 0.1 (issue 18)
        ("n_exchanges", ctypes.c_size_t),
        ("exchanges", ctypes.POINTER(ctypes.POINTER(Exchange))),
        ("transcript_truncated", ctypes.c_int32),
    ]

class CertInfo(ctypes.Structure):
    """struct mxtls_cert_info (include/mxtls/verify.h)."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("subject", ctypes.c_char_p),
        ("issuer", ctypes.c_char_p),
        ("n_dns_names", ctypes.c_size_t),
        ("dns_names", ctypes.POINTER(ctypes.c_char_p)),
        ("n_ip_addresses", ctypes.c_size_t),
        ("ip_addresses", ctypes.POINTER(ctypes.c_char_p)),
        ("not_before_ms", ctypes.c_int64),
        ("not_after_ms", ctypes.c_int64),
        ("key_algorithm", ctypes.c_char_p),
        ("key_bits", ctypes.c_int32),
        ("signature_algorithm", ctypes.c_char_p),
        ("sha256", ctypes.c_uint8 * 32),
        ("spki_sha256", ctypes.c_uint8 * 32),
        ("is_ca", ctypes.c_uint8),
        ("self_signed", ctypes.c_uint8),
        ("reserved", ctypes.c_uint8 * 2),
        ("flags", ctypes.c_uint32),
        ("der_len", ctypes.c_size_t),
        ("der", ctypes.POINTER(ctypes.c_uint8)),
    ]


class VerifyResult(ctypes.Structure):
    """struct mxtls_verify_result."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("flags", ctypes.c_uint32),
        ("gnutls_status", ctypes.c_uint32),
        ("gnutls_error", ctypes.c_int32),
        ("reference_name", ctypes.c_char_p),
        ("matched_name", ctypes.c_char_p),
        ("n_names", ctypes.c_size_t),
        ("names", ctypes.POINTER(ctypes.c_char_p)),
        ("now_ms", ctypes.c_int64),
        ("time_invalid_cert", ctypes.c_int32),
        ("reserved0", ctypes.c_int32),
        ("missing_issuer", ctypes.c_char_p),
        ("n_certs", ctypes.c_size_t),
        ("certs", ctypes.POINTER(ctypes.POINTER(CertInfo))),
        ("dane", ctypes.c_int32),
        ("dane_record", ctypes.c_int32),
        ("dane_usage", ctypes.c_int32),
        ("dane_cert", ctypes.c_int32),
        ("dane_gnutls_status", ctypes.c_uint32),
        ("mtasts", ctypes.c_int32),
        ("mtasts_mode", ctypes.c_int32),
        ("mtasts_mx_matched", ctypes.c_int32),
        ("detail", ctypes.c_char_p),
        ("dane_usable_records", ctypes.c_int32),
        ("dane_matching_records", ctypes.c_int32),
    ]


class MtastsResult(ctypes.Structure):
    """struct mxtls_mtasts_result."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("outcome", ctypes.c_int32),
        ("mode", ctypes.c_int32),
        ("fetch_error", ctypes.c_int32),
        ("domain", ctypes.c_char_p),
        ("policy_url", ctypes.c_char_p),
        ("txt_id", ctypes.c_char_p),
        ("max_age_s", ctypes.c_int64),
        ("n_mx_patterns", ctypes.c_size_t),
        ("mx_patterns", ctypes.POINTER(ctypes.c_char_p)),
        ("n_unmatched", ctypes.c_size_t),
        ("unmatched_mx", ctypes.POINTER(ctypes.c_char_p)),
        ("http_status", ctypes.c_int32),
        ("curl_error", ctypes.c_int32),
        ("ssl_verify_result", ctypes.c_int64),
        ("invalid_line", ctypes.c_int32),
        ("reserved0", ctypes.c_int32),
        ("invalid_text", ctypes.c_char_p),
        ("content_type", ctypes.c_char_p),
        ("elapsed_ms", ctypes.c_int64),
        ("detail", ctypes.c_char_p),
    ]

# The diagnose structs (include/mxtls/diagnose.h). Findings, probes and the
# report are reached through arrays of pointers: each element type may grow.
_strv = ctypes.POINTER(ctypes.c_char_p)


class Finding(ctypes.Structure):
    """struct mxtls_finding."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("code", ctypes.c_int32),
        ("id", ctypes.c_char_p),
        ("severity", ctypes.c_int32),
        ("stage", ctypes.c_int32),
        ("host", ctypes.c_char_p),
        ("address", ctypes.c_char_p),
        ("port", ctypes.c_int32),
        ("caused_by", ctypes.c_int32),
        ("summary", ctypes.c_char_p),
        ("explanation", ctypes.c_char_p),
        ("n_remedies", ctypes.c_size_t),
        ("remedies", _strv),
        ("n_references", ctypes.c_size_t),
        ("references", _strv),
        ("evidence", ctypes.c_char_p),
        ("about", ctypes.c_int32),
    ]


class Explanation(ctypes.Structure):
    """struct mxtls_explanation."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("recognised", ctypes.c_int32),
        ("source", ctypes.c_int32),
        ("alert", ctypes.c_int32),
        ("alert_name", ctypes.c_char_p),
        ("alert_sender", ctypes.c_int32),
        ("smtp_code", ctypes.c_int32),
        ("host", ctypes.c_char_p),
        ("summary", ctypes.c_char_p),
        ("explanation", ctypes.c_char_p),
        ("suggested_check", ctypes.c_char_p),
        ("n_findings", ctypes.c_size_t),
        ("likely_causes", ctypes.POINTER(ctypes.POINTER(Finding))),
        ("side", ctypes.c_int32),
        ("n_ranked", ctypes.c_size_t),
        ("weights", ctypes.POINTER(ctypes.c_int32)),
        ("evidence_start", ctypes.POINTER(ctypes.c_int64)),
        ("evidence_end", ctypes.POINTER(ctypes.c_int64)),
        ("enhanced_status", ctypes.c_char_p),
        ("domain", ctypes.c_char_p),
        ("n_addresses", ctypes.c_size_t),
        ("addresses", _strv),
        ("truncated", ctypes.c_int32),
    ]


class Buffer(ctypes.Structure):
    """struct mxtls_buffer."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("data", ctypes.c_void_p),   # not c_char_p: read exactly `length` octets
        ("length", ctypes.c_size_t),
    ]


class Probe(ctypes.Structure):
    """struct mxtls_probe."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("purpose", ctypes.c_int32),
        ("host", ctypes.c_char_p),
        ("address", ctypes.c_char_p),
        ("port", ctypes.c_int32),
        ("mode", ctypes.c_int32),
        ("sni", ctypes.c_char_p),
        ("tls_version", ctypes.c_int32),
        ("status", ctypes.c_int32),
        ("host_index", ctypes.c_int32),
        ("address_index", ctypes.c_int32),
        ("connect", ctypes.POINTER(ConnectResult)),
        ("tls", ctypes.POINTER(TlsResult)),
        ("verify", ctypes.POINTER(VerifyResult)),
    ]


class Sender(ctypes.Structure):
    """struct mxtls_sender (senders.h): one sender profile, static."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("id", ctypes.c_char_p),
        ("name", ctypes.c_char_p),
        ("profile", ctypes.c_int32),
        ("mainstream", ctypes.c_int32),
        ("sends_sni", ctypes.c_int32),
        ("tls_min", ctypes.c_int32),
        ("tls_max", ctypes.c_int32),
        ("verifies_certificate", ctypes.c_int32),
        ("honours_mtasts", ctypes.c_int32),
        ("honours_dane", ctypes.c_int32),
        ("plaintext_without_starttls", ctypes.c_int32),
        ("plaintext_after_tls_failure", ctypes.c_int32),
        ("retry_hours", ctypes.c_int32),
        ("summary", ctypes.c_char_p),
        ("n_sources", ctypes.c_size_t),
        ("sources", ctypes.POINTER(ctypes.c_char_p)),
    ]


class Prediction(ctypes.Structure):
    """struct mxtls_prediction (senders.h)."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("sender", ctypes.POINTER(Sender)),
        ("outcome", ctypes.c_int32),
        ("finding", ctypes.c_int32),
        ("host", ctypes.c_char_p),
        ("detail", ctypes.c_char_p),
        ("delayed", ctypes.c_int32),
    ]


class Report(ctypes.Structure):
    """struct mxtls_report."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("target", ctypes.c_char_p),
        ("profile", ctypes.c_int32),
        ("verdict", ctypes.c_int32),
        ("domain", ctypes.c_char_p),
        ("strict", ctypes.c_int32),
        ("resolve", ctypes.POINTER(ResolveResult)),
        ("mtasts", ctypes.POINTER(MtastsResult)),
        ("n_probes", ctypes.c_size_t),
        ("probes", ctypes.POINTER(ctypes.POINTER(Probe))),
        ("n_findings", ctypes.c_size_t),
        ("findings", ctypes.POINTER(ctypes.POINTER(Finding))),
        ("n_root_causes", ctypes.c_size_t),
        ("summary", ctypes.c_char_p),
        ("elapsed_ms", ctypes.c_int64),
        ("environment_verdict", ctypes.c_int32),
        ("n_predictions", ctypes.c_size_t),
        ("predictions", ctypes.POINTER(ctypes.POINTER(Prediction))),
    ]


# mxtls_diagnose_struct_size(which) numbering.
DIAGNOSE_STRUCTS = {0: Report, 1: Probe, 2: Finding, 3: Explanation, 4: Buffer,
                    5: Prediction, 6: Sender}



# Every C function the binding calls, with its exact signature. Status-returning
# calls are declared to return c_int (the enum's size, pinned in the ABI tests).
mxtls_version = _declare("mxtls_version", c_uint32)
mxtls_version_string = _declare("mxtls_version_string", c_char_p)
mxtls_strerror = _declare("mxtls_strerror", c_char_p, ctypes.c_int)
mxtls_status_name = _declare("mxtls_status_name", c_char_p, ctypes.c_int)
mxtls_limit = _declare("mxtls_limit", c_uint32, c_int32)

mxtls_ctx_new = _declare("mxtls_ctx_new", ctypes.c_int, ctypes.POINTER(c_void_p))
mxtls_ctx_free = _declare("mxtls_ctx_free", None, c_void_p)
mxtls_ctx_error_detail = _declare("mxtls_ctx_error_detail", c_char_p, c_void_p)
mxtls_ctx_set_timeout_ms = _declare("mxtls_ctx_set_timeout_ms", ctypes.c_int, c_void_p,
                                    c_int32, c_uint32)
mxtls_ctx_get_timeout_ms = _declare("mxtls_ctx_get_timeout_ms", c_uint32, c_void_p, c_int32)
# The string options, by name (Context's properties).
CTX_STRING_SETTERS = {}
CTX_STRING_GETTERS = {}
for _name in ("helo_name", "ca_file", "ca_dir", "trust_anchor_file", "proxy_ranges_file",
              "root_hints_file"):
    CTX_STRING_SETTERS[_name] = _declare("mxtls_ctx_set_" + _name, ctypes.c_int, c_void_p,
                                         c_char_p)
    CTX_STRING_GETTERS[_name] = _declare("mxtls_ctx_get_" + _name, c_char_p, c_void_p)
mxtls_ctx_add_trust_anchor = _declare("mxtls_ctx_add_trust_anchor", ctypes.c_int, c_void_p,
                                      c_char_p)
mxtls_ctx_use_system_resolver = _declare("mxtls_ctx_use_system_resolver", ctypes.c_int,
                                         c_void_p, c_char_p)
mxtls_ctx_use_forwarder = _declare("mxtls_ctx_use_forwarder", ctypes.c_int, c_void_p, c_char_p)
mxtls_ctx_use_recursion = _declare("mxtls_ctx_use_recursion", ctypes.c_int, c_void_p)
mxtls_ctx_get_resolver_mode = _declare("mxtls_ctx_get_resolver_mode", c_int32, c_void_p)
mxtls_ctx_get_forwarder = _declare("mxtls_ctx_get_forwarder", c_char_p, c_void_p)
mxtls_ctx_add_stub_zone = _declare("mxtls_ctx_add_stub_zone", ctypes.c_int, c_void_p,
                                   c_char_p, c_char_p)
mxtls_ctx_set_address_policy = _declare("mxtls_ctx_set_address_policy", ctypes.c_int,
                                        c_void_p, c_int32)
mxtls_ctx_get_address_policy = _declare("mxtls_ctx_get_address_policy", c_int32, c_void_p)
mxtls_ctx_set_dns_transport = _declare("mxtls_ctx_set_dns_transport", ctypes.c_int,
                                       c_void_p, c_int32)
mxtls_ctx_get_dns_transport = _declare("mxtls_ctx_get_dns_transport", c_int32, c_void_p)
mxtls_ctx_set_reference_hosts = _declare("mxtls_ctx_set_reference_hosts", ctypes.c_int,
                                         c_void_p, ctypes.POINTER(c_char_p), ctypes.c_size_t)
mxtls_ctx_get_reference_host_count = _declare("mxtls_ctx_get_reference_host_count",
                                              ctypes.c_size_t, c_void_p)
mxtls_ctx_get_reference_host = _declare("mxtls_ctx_get_reference_host", c_char_p, c_void_p,
                                        ctypes.c_size_t)

mxtls_address_parse = _declare("mxtls_address_parse", ctypes.c_int, c_void_p, c_char_p,
                               ctypes.POINTER(ctypes.POINTER(Address)))
mxtls_address_free = _declare("mxtls_address_free", None, ctypes.POINTER(Address))
mxtls_address_struct_size = _declare("mxtls_address_struct_size", ctypes.c_size_t)
mxtls_scope_name = _declare("mxtls_scope_name", c_char_p, c_int32)
mxtls_dnssec_name = _declare("mxtls_dnssec_name", c_char_p, c_int32)

mxtls_resolve_mx = _declare("mxtls_resolve_mx", ctypes.c_int, c_void_p, c_char_p,
                            ctypes.POINTER(ctypes.POINTER(ResolveResult)))
mxtls_resolve_host = _declare("mxtls_resolve_host", ctypes.c_int, c_void_p, c_char_p,
                              ctypes.c_uint16, ctypes.POINTER(ctypes.POINTER(ResolveResult)))
mxtls_resolve_result_free = _declare("mxtls_resolve_result_free", None,
                                     ctypes.POINTER(ResolveResult))
mxtls_resolve_struct_size = _declare("mxtls_resolve_struct_size", ctypes.c_size_t, c_int32)
mxtls_dns_outcome_name = _declare("mxtls_dns_outcome_name", c_char_p, c_int32)


# The connect and starttls stages (include/mxtls/connect.h, starttls.h).
mxtls_connect = _declare("mxtls_connect", ctypes.c_int, c_void_p, ctypes.POINTER(Address),
                         c_int32, c_int32, c_char_p, ctypes.POINTER(c_void_p),
                         ctypes.POINTER(ctypes.POINTER(ConnectResult)))
mxtls_connect_result_free = _declare("mxtls_connect_result_free", None,
                                     ctypes.POINTER(ConnectResult))
mxtls_session_close = _declare("mxtls_session_close", None, c_void_p)
mxtls_first_bytes_max = _declare("mxtls_first_bytes_max", ctypes.c_size_t)
mxtls_reply_lines_max = _declare("mxtls_reply_lines_max", ctypes.c_size_t)
mxtls_reply_bytes_max = _declare("mxtls_reply_bytes_max", ctypes.c_size_t)
mxtls_tls_params_new = _declare("mxtls_tls_params_new", ctypes.c_int, ctypes.POINTER(c_void_p))
mxtls_tls_params_free = _declare("mxtls_tls_params_free", None, c_void_p)
mxtls_tls_params_set_sni = _declare("mxtls_tls_params_set_sni", ctypes.c_int, c_void_p,
                                    c_char_p)
mxtls_tls_params_set_priority = _declare("mxtls_tls_params_set_priority", ctypes.c_int,
                                         c_void_p, c_char_p)
mxtls_tls_params_set_versions = _declare("mxtls_tls_params_set_versions", ctypes.c_int,
                                         c_void_p, c_int32, c_int32)
mxtls_starttls = _declare("mxtls_starttls", ctypes.c_int, c_void_p, c_void_p,
                          ctypes.POINTER(ctypes.POINTER(TlsResult)))
mxtls_tls_result_free = _declare("mxtls_tls_result_free", None, ctypes.POINTER(TlsResult))
mxtls_alert_name = _declare("mxtls_alert_name", c_char_p, c_int32)
mxtls_connect_result_struct_size = _declare("mxtls_connect_result_struct_size",
                                            ctypes.c_size_t)
mxtls_capabilities_struct_size = _declare("mxtls_capabilities_struct_size", ctypes.c_size_t)
# Newer than the rest of the connect stage (issue 18): optional.
mxtls_exchange_struct_size = Function("mxtls_exchange_struct_size", ctypes.c_size_t, (),
                                      optional=True)
mxtls_transcript_max = Function("mxtls_transcript_max", ctypes.c_size_t, (), optional=True)
mxtls_tls_result_struct_size = _declare("mxtls_tls_result_struct_size", ctypes.c_size_t)


# The diagnose stage (include/mxtls/diagnose.h). mxtls_explain and the
# finding catalogue are older than mxtls_check and the renderers; those are
# declared with _optional so that this binding still loads, and explains, on
# a library built before them.
def _optional(name: str, restype: Any, *argtypes: Any) -> Function:
    """Declare name; calling it raises NotImplementedError, and .missing is
    True, when the loaded library does not export it."""
    return Function(name, restype, argtypes, optional=True)


ProgressFn = ctypes.CFUNCTYPE(None, c_void_p, c_char_p)
_finding_p = ctypes.POINTER(Finding)
mxtls_finding_id = _declare("mxtls_finding_id", c_char_p, c_int32)
mxtls_finding_code_of = _declare("mxtls_finding_code_of", c_int32, c_char_p)
mxtls_severity_name = _declare("mxtls_severity_name", c_char_p, c_int32)
mxtls_explain = _declare("mxtls_explain", ctypes.c_int, c_void_p, c_char_p,
                         ctypes.POINTER(ctypes.POINTER(Explanation)))
mxtls_explanation_free = _declare("mxtls_explanation_free", None, ctypes.POINTER(Explanation))
mxtls_buffer_free = _declare("mxtls_buffer_free", None, ctypes.POINTER(Buffer))
mxtls_explanation_text = _declare("mxtls_explanation_text", ctypes.c_int,
                                  ctypes.POINTER(Explanation),
                                  ctypes.POINTER(ctypes.POINTER(Buffer)))
mxtls_explanation_json = _optional("mxtls_explanation_json", ctypes.c_int,
                                   ctypes.POINTER(Explanation), c_uint32,
                                   ctypes.POINTER(ctypes.POINTER(Buffer)))
mxtls_check_options_new = _optional("mxtls_check_options_new", ctypes.c_int,
                                    ctypes.POINTER(c_void_p))
mxtls_check_options_free = _optional("mxtls_check_options_free", None, c_void_p)
mxtls_check_options_set_port = _optional("mxtls_check_options_set_port", ctypes.c_int,
                                         c_void_p, c_int32)
mxtls_check_options_set_implicit_tls = _optional("mxtls_check_options_set_implicit_tls",
                                                 ctypes.c_int, c_void_p, c_int32)
mxtls_check_options_set_sni = _optional("mxtls_check_options_set_sni", ctypes.c_int,
                                        c_void_p, c_char_p)
mxtls_check_options_set_family = _optional("mxtls_check_options_set_family", ctypes.c_int,
                                           c_void_p, c_int32)
mxtls_check_options_set_progress = _optional("mxtls_check_options_set_progress",
                                             ctypes.c_int, c_void_p, ProgressFn, c_void_p)
mxtls_check_with = _optional("mxtls_check_with", ctypes.c_int, c_void_p, c_char_p, c_int32,
                             c_void_p, ctypes.POINTER(ctypes.POINTER(Report)))
mxtls_report_free = _optional("mxtls_report_free", None, ctypes.POINTER(Report))
mxtls_report_text = _optional("mxtls_report_text", ctypes.c_int, ctypes.POINTER(Report),
                              c_uint32, ctypes.POINTER(ctypes.POINTER(Buffer)))
mxtls_report_json = _optional("mxtls_report_json", ctypes.c_int, ctypes.POINTER(Report),
                              c_uint32, ctypes.POINTER(ctypes.POINTER(Buffer)))
mxtls_report_html = _optional("mxtls_report_html", ctypes.c_int, ctypes.POINTER(Report),
                              c_uint32, ctypes.POINTER(ctypes.POINTER(Buffer)))
mxtls_profile_name = _optional("mxtls_profile_name", c_char_p, c_int32)
mxtls_verdict_name = _optional("mxtls_verdict_name", c_char_p, c_int32)
mxtls_probe_purpose_name = _optional("mxtls_probe_purpose_name", c_char_p, c_int32)
mxtls_diagnose_struct_size = _optional("mxtls_diagnose_struct_size", ctypes.c_size_t, c_int32)
mxtls_sender_count = _optional("mxtls_sender_count", ctypes.c_size_t)
mxtls_sender_at = _optional("mxtls_sender_at", ctypes.POINTER(Sender), ctypes.c_size_t)
mxtls_delivery_name = _optional("mxtls_delivery_name", c_char_p, c_int32)



# The batch engine (include/mxtls/engine.h), newer than mxtls_check.
class PollFd(ctypes.Structure):
    """struct mxtls_pollfd: the layout of POSIX struct pollfd on Linux."""
    _fields_ = [
        ("fd", ctypes.c_int32),
        ("events", ctypes.c_int16),
        ("revents", ctypes.c_int16),
    ]


ENGINE_DEFAULT_IN_FLIGHT = 256
ENGINE_DEFAULT_PER_DESTINATION = 4
mxtls_engine_new = _optional("mxtls_engine_new", ctypes.c_int, c_void_p,
                             ctypes.POINTER(c_void_p))
mxtls_engine_free = _optional("mxtls_engine_free", None, c_void_p)
mxtls_engine_set_limits = _optional("mxtls_engine_set_limits", ctypes.c_int, c_void_p,
                                    c_int32, c_int32)
mxtls_engine_add = _optional("mxtls_engine_add", ctypes.c_int, c_void_p, c_char_p, c_int32,
                             c_void_p, c_void_p)
mxtls_engine_fds = _optional("mxtls_engine_fds", ctypes.c_int, c_void_p,
                             ctypes.POINTER(PollFd), ctypes.c_size_t,
                             ctypes.POINTER(ctypes.c_size_t))
mxtls_engine_timeout_ms = _optional("mxtls_engine_timeout_ms", ctypes.c_int64, c_void_p)
mxtls_engine_process = _optional("mxtls_engine_process", ctypes.c_int, c_void_p,
                                 ctypes.POINTER(PollFd), ctypes.c_size_t)
mxtls_engine_next_done = _optional("mxtls_engine_next_done", ctypes.c_int, c_void_p,
                                   ctypes.POINTER(ctypes.POINTER(Report)),
                                   ctypes.POINTER(ctypes.c_int), ctypes.POINTER(c_void_p),
                                   ctypes.POINTER(ctypes.POINTER(Buffer)))
mxtls_engine_pending = _optional("mxtls_engine_pending", ctypes.c_size_t, c_void_p)
mxtls_engine_running = _optional("mxtls_engine_running", ctypes.c_size_t, c_void_p)
mxtls_engine_run = _optional("mxtls_engine_run", ctypes.c_int, c_void_p)
mxtls_engine_watch_fd = _optional("mxtls_engine_watch_fd", ctypes.c_int, c_void_p,
                                  ctypes.POINTER(ctypes.c_int))
mxtls_engine_dispatch = _optional("mxtls_engine_dispatch", ctypes.c_int, c_void_p)


def has_member(struct_ptr: Any, cls: Any, field: str) -> bool:
    """True when the library's struct (struct_size) is new enough to hold field.

    Callers read a member only if field.offset + field.size <= struct_size:
    an older library's struct simply does not have it (DESIGN.md ABI rules).
    """
    f = getattr(cls, field)
    return bool(f.offset + f.size <= struct_ptr.contents.struct_size)
