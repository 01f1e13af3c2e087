"""The verify stage through ctypes: PKIX verdicts, names, DANE, MTA-STS.

    import mxtls
    from mxtls import verify
    with mxtls.Context() as ctx:
        ctx.ca_file = "root.pem"
        r = verify.verify_der(ctx, [leaf_der, intermediate_der], "mail.example.com")
        print(r.flags, r.names, r.detail)   # {'trusted', 'name-mismatch'} [...] "..."

Results are copied into plain Python objects and the C result is freed at
once, so nothing here holds library memory. Members newer than the loaded
library (by struct_size) read as None.
"""
import ctypes

from ._lib import lib, has_member
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


def _declare(name, restype, *argtypes):
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


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


def _s(value):
    return None if value is None else value.decode()


def _strv(ptr, n):
    return [ptr[i].decode() for i in range(n)]


def flag_names(flags):
    """The set of verdict names in a flags word, e.g. {"trusted", "weak-key"}."""
    return {mxtls_verify_flag_name(1 << i).decode() for i in range(32) if flags & (1 << i)}


class Cert:
    """Facts about one certificate (a copy)."""

    def __init__(self, c):
        self.subject = _s(c.subject)
        self.issuer = _s(c.issuer)
        self.dns_names = _strv(c.dns_names, c.n_dns_names)
        self.ip_addresses = _strv(c.ip_addresses, c.n_ip_addresses)
        self.not_before_ms = c.not_before_ms
        self.not_after_ms = c.not_after_ms
        self.key_algorithm = _s(c.key_algorithm)
        self.key_bits = c.key_bits
        self.signature_algorithm = _s(c.signature_algorithm)
        self.sha256 = bytes(c.sha256)
        self.spki_sha256 = bytes(c.spki_sha256)
        self.is_ca = bool(c.is_ca)
        self.self_signed = bool(c.self_signed)
        self.flags = flag_names(c.flags)
        self.der = ctypes.string_at(c.der, c.der_len)


class Verdict:
    """What mxtls_verify_der()/mxtls_verify_run() found (a copy)."""

    def __init__(self, ptr):
        r = ptr.contents
        self.raw_flags = r.flags
        self.flags = flag_names(r.flags)
        self.gnutls_status = r.gnutls_status
        self.gnutls_error = r.gnutls_error
        self.reference_name = _s(r.reference_name)
        self.matched_name = _s(r.matched_name)
        self.names = _strv(r.names, r.n_names)
        self.time_invalid_cert = r.time_invalid_cert
        self.missing_issuer = _s(r.missing_issuer)
        self.certs = [Cert(r.certs[i].contents) for i in range(r.n_certs)]
        self.dane = mxtls_dane_outcome_name(r.dane).decode()
        self.dane_record = r.dane_record
        self.dane_usage = r.dane_usage
        self.mtasts = mxtls_mtasts_outcome_name(r.mtasts).decode()
        self.mtasts_mx_matched = r.mtasts_mx_matched
        self.detail = _s(r.detail)
        # Read newer members only if the loaded library has them.
        self.dane_usable_records = (r.dane_usable_records if has_member(
            ptr, VerifyResult, "dane_usable_records") else None)
        self.dane_matching_records = (r.dane_matching_records if has_member(
            ptr, VerifyResult, "dane_matching_records") else None)

    def __repr__(self):
        return "<Verdict %s %r>" % (sorted(self.flags), self.detail)


def _check(status):
    if status != 0:
        from . import MxtlsError  # late: the package imports this module lazily
        raise MxtlsError(status)


def verify_der(ctx, ders, reference_name=None):
    """Verify a chain (a list of DER bytes, leaf first) for reference_name."""
    arr = (c_char_p * max(len(ders), 1))(*ders)
    lens = (c_size_t * max(len(ders), 1))(*[len(d) for d in ders])
    out = ctypes.POINTER(VerifyResult)()
    _check(mxtls_verify_der(ctx._handle(), arr, lens, len(ders),
                            None if reference_name is None else reference_name.encode(),
                            ctypes.byref(out)))
    try:
        return Verdict(out)
    finally:
        mxtls_verify_result_free(out)


class StsPolicy:
    """What mxtls_mtasts_check() found (a copy)."""

    def __init__(self, ptr):
        r = ptr.contents
        self.outcome = mxtls_mtasts_outcome_name(r.outcome).decode()
        self.mode = {0: None, 1: "none", 2: "testing", 3: "enforce"}.get(r.mode)
        self.fetch_error = r.fetch_error
        self.policy_url = _s(r.policy_url)
        self.txt_id = _s(r.txt_id)
        self.max_age_s = r.max_age_s
        self.mx_patterns = _strv(r.mx_patterns, r.n_mx_patterns)
        self.unmatched_mx = _strv(r.unmatched_mx, r.n_unmatched)
        self.http_status = r.http_status
        self.invalid_line = r.invalid_line
        self.invalid_text = _s(r.invalid_text)
        self.detail = _s(r.detail)

    def __repr__(self):
        return "<StsPolicy %s %s %r>" % (self.outcome, self.mode, self.detail)


def _strarr(items):
    items = [i.encode() for i in items]
    return (c_char_p * max(len(items), 1))(*items), len(items)


def mtasts_check(ctx, domain, txt, policy_address, mx):
    """Fetch and judge domain's MTA-STS policy (see mxtls_mtasts_check)."""
    txt_arr, n_txt = _strarr(txt)
    mx_arr, n_mx = _strarr(mx)
    out = ctypes.POINTER(MtastsResult)()
    _check(mxtls_mtasts_check(ctx._handle(), domain.encode(), txt_arr, n_txt,
                              None if policy_address is None else policy_address.encode(),
                              mx_arr, n_mx, ctypes.byref(out)))
    try:
        return StsPolicy(out)
    finally:
        mxtls_mtasts_result_free(out)
