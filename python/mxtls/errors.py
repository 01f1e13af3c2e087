"""The exceptions of mxtls: one class per family of status, all under MxtlsError.

    MxtlsError                  a call could not run (.status, .name, .detail)
    ├── UsageError              the caller's input: MXTLS_EINVAL, MXTLS_ERANGE,
    │                           MXTLS_ESTATE, MXTLS_ENOENT, MXTLS_EACCES,
    │                           MXTLS_EFORMAT (also a ValueError)
    ├── PolicyError             MXTLS_EPOLICY: the context's address policy
    │                           refused the address
    ├── ResolutionError         MXTLS_ERESOLVER: the DNS resolver could not be
    │                           set up
    ├── ConnectionFailure       MXTLS_EIO: local I/O failed (not a finding
    │                           about the peer)
    ├── TlsError                MXTLS_ETLS: the TLS library could not be set up
    ├── InternalError           MXTLS_ENOMEM, MXTLS_EINTERNAL
    └── LibraryNotFound         libmxtls.so.1 could not be loaded (also an
                                OSError); raised by the first call that needs it

What a check finds (NXDOMAIN, a refused connection, a failed handshake) is
never raised: it is in the Report. These exceptions say that the call itself
could not run. error_for(status, detail) makes the right class for a status.
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple, Type

__all__ = ["MxtlsError", "UsageError", "PolicyError", "ResolutionError",
           "ConnectionFailure", "TlsError", "InternalError", "LibraryNotFound",
           "error_for", "STATUS_NAMES"]

# The X-macro table of include/mxtls/common.h: value -> (name, text). The
# binding keeps its own copy so that an error can be made, and named, without
# the library (tests/python/test_package.py checks that the two agree).
STATUS_NAMES: Dict[int, Tuple[str, str]] = {
    0: ("MXTLS_OK", "success"),
    1: ("MXTLS_EINVAL", "invalid argument"),
    2: ("MXTLS_ENOMEM", "out of memory"),
    3: ("MXTLS_ENOENT", "file not found"),
    4: ("MXTLS_EACCES", "file not readable"),
    5: ("MXTLS_EFORMAT", "file or data is malformed"),
    6: ("MXTLS_ERANGE", "value out of range"),
    7: ("MXTLS_EPOLICY", "refused by the context's address policy"),
    8: ("MXTLS_ESTATE", "call not valid in the object's current state"),
    9: ("MXTLS_ERESOLVER", "the DNS resolver could not be set up"),
    10: ("MXTLS_ETLS", "the TLS library could not be set up"),
    11: ("MXTLS_EIO", "local I/O error (not a finding about the peer)"),
    12: ("MXTLS_EINTERNAL", "internal error"),
}


class MxtlsError(Exception):
    """A call could not run.

    status  the mxtls_status number (None for an error of the binding's
            own, such as LibraryNotFound)
    name    e.g. "MXTLS_EINVAL"
    detail  the library's explanation when it gave one, else ""
    """

    status: Optional[int]
    name: str
    detail: str

    def __init__(self, status: Optional[int], detail: str = "") -> None:
        self.status = status
        self.detail = detail
        if status is None:
            self.name = type(self).__name__
            text = ""
        else:
            self.name, text = STATUS_NAMES.get(status, ("MXTLS_UNKNOWN", "unknown status"))
        message = "%s: %s" % (self.name, text) if text else self.name
        super().__init__(message + ((": " + detail) if detail else ""))


class UsageError(MxtlsError, ValueError):
    """The caller's input was refused: a malformed target or option, a value
    out of range, a file that cannot be read or parsed, a call in the wrong
    state (MXTLS_EINVAL, MXTLS_ERANGE, MXTLS_ESTATE, MXTLS_ENOENT,
    MXTLS_EACCES, MXTLS_EFORMAT)."""


class PolicyError(MxtlsError):
    """The context's address policy refused an address (MXTLS_EPOLICY), e.g.
    a loopback address under public_only."""


class ResolutionError(MxtlsError):
    """The DNS resolver could not be set up (MXTLS_ERESOLVER). A name that
    does not resolve is a finding in the report, not this."""


class ConnectionFailure(MxtlsError):
    """Local I/O failed (MXTLS_EIO): not a finding about the peer. A refused
    or timed-out connection is a finding in the report, not this."""


class TlsError(MxtlsError):
    """The TLS library could not be set up (MXTLS_ETLS). A failed handshake
    is a finding in the report, not this."""


class InternalError(MxtlsError):
    """mxtls itself failed: out of memory, or a bug (MXTLS_ENOMEM,
    MXTLS_EINTERNAL)."""


class LibraryNotFound(MxtlsError, OSError):
    """libmxtls.so.1 could not be found or loaded. Raised by the first call
    that needs the library, not by `import mxtls`. Set MXTLS_LIBRARY to the
    library's path, or install it where the loader finds it."""

    def __init__(self, message: str) -> None:
        MxtlsError.__init__(self, None, message)


_FAMILIES: Dict[int, Type[MxtlsError]] = {
    1: UsageError, 3: UsageError, 4: UsageError, 5: UsageError, 6: UsageError,
    8: UsageError, 7: PolicyError, 9: ResolutionError, 10: TlsError,
    11: ConnectionFailure, 2: InternalError, 12: InternalError,
}


def error_for(status: int, detail: str = "") -> MxtlsError:
    """The exception for status, of its family's class (MxtlsError itself
    for a status this binding does not know)."""
    return _FAMILIES.get(status, MxtlsError)(status, detail)
