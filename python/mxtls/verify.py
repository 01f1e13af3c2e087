"""The verify stage through ctypes: PKIX verdicts, names, DANE, MTA-STS.

    import mxtls
    from mxtls import verify
    with mxtls.Context() as ctx:
        ctx.ca_file = "root.pem"
        r = verify.verify_der(ctx, [leaf_der, intermediate_der], "mail.example.com")
        print(r.flags, r.names, r.detail)   # {'trusted', 'name-mismatch'} [...] "..."

Results are dataclasses, copied from C; the C result is freed at once, so
nothing here holds library memory. Members newer than the loaded library (by
struct_size) read as None. Certificate dates are aware datetimes (UTC); the
*_ms integers of earlier releases remain.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, List, Optional, Sequence, Set

from ._lib import Function, has_member
from ._util import check as _check_status, seconds
# The structs live in _lib beside the others, so the report's probes can
# point at them; they keep their names here.
from ._lib import CertInfo, VerifyResult, MtastsResult  # noqa: F401

c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
c_size_t = ctypes.c_size_t
c_int32 = ctypes.c_int32
c_uint32 = ctypes.c_uint32
c_uint8 = ctypes.c_uint8
c_int64 = ctypes.c_int64

# Verdict bits (include/mxtls/verify.h). Values never change.
FLAGS = {
    "trusted": 0x1, "self-signed": 0x2, "unknown-issuer": 0x4, "chain-incomplete": 0x8,
    "untrusted-root": 0x10, "name-mismatch": 0x20, "expired": 0x40, "not-yet-valid": 0x80,
    "weak-key": 0x100, "weak-signature": 0x200, "not-a-ca": 0x400,
    "unsupported-critical-extension": 0x800, "bad-signature": 0x1000,
    "no-certificate": 0x2000, "malformed": 0x4000, "other-failure": 0x8000,
    "empty-trust-store": 0x10000,
}
DNSSEC_NONE, DNSSEC_INSECURE, DNSSEC_SECURE, DNSSEC_BOGUS = 0, 1, 2, 3




def _declare(name: str, restype: Any, *argtypes: Any) -> Function:
    return Function(name, restype, argtypes)


_status = ctypes.c_int
_u8p = ctypes.POINTER(c_uint8)
mxtls_verify_input_new = _declare("mxtls_verify_input_new", _status, ctypes.POINTER(c_void_p))
mxtls_verify_input_free = _declare("mxtls_verify_input_free", None, c_void_p)
mxtls_verify_input_add_cert = _declare("mxtls_verify_input_add_cert", _status, c_void_p,
                                       c_char_p, c_size_t)
mxtls_verify_input_add_intermediate = _declare("mxtls_verify_input_add_intermediate", _status,
                                               c_void_p, c_char_p, c_size_t)
mxtls_verify_input_set_reference_name = _declare("mxtls_verify_input_set_reference_name",
                                                 _status, c_void_p, c_char_p)
mxtls_verify_input_set_tlsa_dnssec = _declare("mxtls_verify_input_set_tlsa_dnssec", _status,
                                              c_void_p, c_int32)
mxtls_verify_input_add_tlsa = _declare("mxtls_verify_input_add_tlsa", _status, c_void_p,
                                       c_uint8, c_uint8, c_uint8, c_char_p, c_size_t)
mxtls_verify_input_set_mx_host = _declare("mxtls_verify_input_set_mx_host", _status, c_void_p,
                                          c_void_p)
mxtls_verify_input_set_mtasts = _declare("mxtls_verify_input_set_mtasts", _status, c_void_p,
                                         ctypes.POINTER(MtastsResult))
mxtls_verify = _declare("mxtls_verify", _status, c_void_p, c_void_p, c_char_p, c_void_p,
                        ctypes.POINTER(ctypes.POINTER(VerifyResult)))
mxtls_verify_run = _declare("mxtls_verify_run", _status, c_void_p, c_void_p,
                            ctypes.POINTER(ctypes.POINTER(VerifyResult)))
mxtls_verify_der = _declare("mxtls_verify_der", _status, c_void_p, ctypes.POINTER(c_char_p),
                            ctypes.POINTER(c_size_t), c_size_t, c_char_p,
                            ctypes.POINTER(ctypes.POINTER(VerifyResult)))
mxtls_verify_result_free = _declare("mxtls_verify_result_free", None,
                                    ctypes.POINTER(VerifyResult))
mxtls_mtasts_check = _declare("mxtls_mtasts_check", _status, c_void_p, c_char_p,
                              ctypes.POINTER(c_char_p), c_size_t, c_char_p,
                              ctypes.POINTER(c_char_p), c_size_t,
                              ctypes.POINTER(ctypes.POINTER(MtastsResult)))
mxtls_mtasts_result_free = _declare("mxtls_mtasts_result_free", None,
                                    ctypes.POINTER(MtastsResult))
mxtls_verify_flag_name = _declare("mxtls_verify_flag_name", c_char_p, c_uint32)
mxtls_dane_outcome_name = _declare("mxtls_dane_outcome_name", c_char_p, c_int32)
mxtls_mtasts_outcome_name = _declare("mxtls_mtasts_outcome_name", c_char_p, c_int32)
mxtls_verify_max_certs = _declare("mxtls_verify_max_certs", c_size_t)
mxtls_verify_max_tlsa = _declare("mxtls_verify_max_tlsa", c_size_t)
mxtls_verify_result_struct_size = _declare("mxtls_verify_result_struct_size", c_size_t)
mxtls_cert_info_struct_size = _declare("mxtls_cert_info_struct_size", c_size_t)
mxtls_mtasts_result_struct_size = _declare("mxtls_mtasts_result_struct_size", c_size_t)


def _s(value: Optional[bytes]) -> Optional[str]:
    return None if value is None else value.decode()


def _strv(ptr: Any, n: int) -> List[str]:
    return [ptr[i].decode() for i in range(n)]


def _when(ms: int) -> Optional[datetime]:
    try:
        return datetime.fromtimestamp(ms / 1000.0, timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def flag_names(flags: int) -> Set[str]:
    """The set of verdict names in a flags word, e.g. {"trusted", "weak-key"}."""
    return {mxtls_verify_flag_name(1 << i).decode() for i in range(32) if flags & (1 << i)}


@dataclass
class Cert:
    """Facts about one certificate. not_before / not_after are aware UTC
    datetimes (None outside datetime's range)."""
    subject: Optional[str]
    issuer: Optional[str]
    dns_names: List[str]
    ip_addresses: List[str]
    not_before_ms: int
    not_after_ms: int
    key_algorithm: Optional[str]
    key_bits: int
    signature_algorithm: Optional[str]
    sha256: bytes
    spki_sha256: bytes
    is_ca: bool
    self_signed: bool
    flags: Set[str]
    der: bytes = field(repr=False)

    @property
    def not_before(self) -> Optional[datetime]:
        return _when(self.not_before_ms)

    @property
    def not_after(self) -> Optional[datetime]:
        return _when(self.not_after_ms)

    @classmethod
    def from_c(cls, c: Any) -> "Cert":
        return cls(subject=_s(c.subject), issuer=_s(c.issuer),
                   dns_names=_strv(c.dns_names, c.n_dns_names),
                   ip_addresses=_strv(c.ip_addresses, c.n_ip_addresses),
                   not_before_ms=c.not_before_ms, not_after_ms=c.not_after_ms,
                   key_algorithm=_s(c.key_algorithm), key_bits=c.key_bits,
                   signature_algorithm=_s(c.signature_algorithm), sha256=bytes(c.sha256),
                   spki_sha256=bytes(c.spki_sha256), is_ca=bool(c.is_ca),
                   self_signed=bool(c.self_signed), flags=flag_names(c.flags),
                   der=ctypes.string_at(c.der, c.der_len))


@dataclass
class Verdict:
    """What mxtls_verify_der()/mxtls_verify_run() found: the certificate
    verdict (not a report's Verdict: see mxtls.Verdict for that)."""
    raw_flags: int
    flags: Set[str]
    gnutls_status: int
    gnutls_error: int
    reference_name: Optional[str]
    matched_name: Optional[str]
    names: List[str]
    time_invalid_cert: int
    missing_issuer: Optional[str]
    certs: List[Cert]
    dane: str
    dane_record: int
    dane_usage: int
    mtasts: str
    mtasts_mx_matched: int
    detail: Optional[str]
    dane_usable_records: Optional[int] = None
    dane_matching_records: Optional[int] = None

    @classmethod
    def from_c(cls, ptr: Any) -> "Verdict":
        r = ptr.contents
        return cls(raw_flags=r.flags, flags=flag_names(r.flags), gnutls_status=r.gnutls_status,
                   gnutls_error=r.gnutls_error, reference_name=_s(r.reference_name),
                   matched_name=_s(r.matched_name), names=_strv(r.names, r.n_names),
                   time_invalid_cert=r.time_invalid_cert, missing_issuer=_s(r.missing_issuer),
                   certs=[Cert.from_c(r.certs[i].contents) for i in range(r.n_certs)],
                   dane=mxtls_dane_outcome_name(r.dane).decode(), dane_record=r.dane_record,
                   dane_usage=r.dane_usage, mtasts=mxtls_mtasts_outcome_name(r.mtasts).decode(),
                   mtasts_mx_matched=r.mtasts_mx_matched, detail=_s(r.detail),
                   # Read newer members only if the loaded library has them.
                   dane_usable_records=(r.dane_usable_records if has_member(
                       ptr, VerifyResult, "dane_usable_records") else None),
                   dane_matching_records=(r.dane_matching_records if has_member(
                       ptr, VerifyResult, "dane_matching_records") else None))

    def __repr__(self) -> str:
        return "<Verdict %s %r>" % (sorted(self.flags), self.detail)


def _check(status: int) -> None:
    _check_status(status)


def verify_der(ctx: Any, ders: Sequence[bytes],
               reference_name: Optional[str] = None) -> Verdict:
    """Verify a chain (a list of DER bytes, leaf first) for reference_name."""
    arr = (c_char_p * max(len(ders), 1))(*ders)
    lens = (c_size_t * max(len(ders), 1))(*[len(d) for d in ders])
    out = ctypes.POINTER(VerifyResult)()
    _check(mxtls_verify_der(ctx._handle(), arr, lens, len(ders),
                            None if reference_name is None else reference_name.encode(),
                            ctypes.byref(out)))
    try:
        return Verdict.from_c(out)
    finally:
        mxtls_verify_result_free(out)


@dataclass
class StsPolicy:
    """What mxtls_mtasts_check() found: the MTA-STS policy and how the MX
    hosts match it. max_age: float seconds."""
    outcome: str
    mode: Optional[str]
    fetch_error: int
    policy_url: Optional[str]
    txt_id: Optional[str]
    max_age_s: int
    mx_patterns: List[str]
    unmatched_mx: List[str]
    http_status: int
    invalid_line: int
    invalid_text: Optional[str]
    detail: Optional[str]

    @property
    def max_age(self) -> Optional[float]:
        """max_age_s as float seconds."""
        return seconds(self.max_age_s * 1000)

    @classmethod
    def from_c(cls, ptr: Any) -> "StsPolicy":
        r = ptr.contents
        return cls(outcome=mxtls_mtasts_outcome_name(r.outcome).decode(),
                   mode={0: None, 1: "none", 2: "testing", 3: "enforce"}.get(r.mode),
                   fetch_error=r.fetch_error, policy_url=_s(r.policy_url),
                   txt_id=_s(r.txt_id), max_age_s=r.max_age_s,
                   mx_patterns=_strv(r.mx_patterns, r.n_mx_patterns),
                   unmatched_mx=_strv(r.unmatched_mx, r.n_unmatched),
                   http_status=r.http_status, invalid_line=r.invalid_line,
                   invalid_text=_s(r.invalid_text), detail=_s(r.detail))

    def __repr__(self) -> str:
        return "<StsPolicy %s %s %r>" % (self.outcome, self.mode, self.detail)


def _strarr(items: Sequence[str]) -> Any:
    data = [i.encode() for i in items]
    return (c_char_p * max(len(data), 1))(*data), len(data)


def mtasts_check(ctx: Any, domain: str, txt: Sequence[str], policy_address: Optional[str],
                 mx: Sequence[str]) -> StsPolicy:
    """Fetch and judge domain's MTA-STS policy (see mxtls_mtasts_check)."""
    txt_arr, n_txt = _strarr(txt)
    mx_arr, n_mx = _strarr(mx)
    out = ctypes.POINTER(MtastsResult)()
    _check(mxtls_mtasts_check(ctx._handle(), domain.encode(), txt_arr, n_txt,
                              None if policy_address is None else policy_address.encode(),
                              mx_arr, n_mx, ctypes.byref(out)))
    try:
        return StsPolicy.from_c(out)
    finally:
        mxtls_mtasts_result_free(out)
