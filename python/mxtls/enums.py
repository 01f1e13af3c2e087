"""The named values of mxtls: verdicts, severities, profiles, statuses and
the outcomes of each stage.

Each is a str enum whose value is the name the library (and its JSON) uses,
so it compares equal to that string, formats as it, and serialises as it:

    report.verdict is Verdict.ERROR          # True
    report.verdict == "error"                # also True
    f"{report.verdict}"                      # "error"
    Severity.ERROR > Severity.WARNING        # severities are ordered
"""
from __future__ import annotations

import enum
from typing import Any, List, Optional, Type, TypeVar

__all__ = ["Verdict", "Severity", "Profile", "Status", "Stage", "About", "Failure",
           "Delivery", "Purpose", "Mode"]

E = TypeVar("E", bound="_StrEnum")


class _StrEnum(str, enum.Enum):
    """A str enum that prints, formats and serialises as its value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    @classmethod
    def parse(cls: Type[E], value: Any) -> Any:
        """The member named value, or value itself for a name this binding
        does not know (a newer library's): nothing is lost."""
        if value is None:
            return None
        try:
            return cls(value)
        except ValueError:
            return value


class Verdict(_StrEnum):
    """A report's verdict: the worst root cause's severity, or OK."""
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


class Severity(_StrEnum):
    """A finding's severity. Ordered: INFO < WARNING < ERROR."""
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def level(self) -> int:
        """The C value: MXTLS_SEVERITY_INFO 1, _WARNING 2, _ERROR 3."""
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Severity):
            return self.level < other.level
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, Severity):
            return self.level <= other.level
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, Severity):
            return self.level > other.level
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, Severity):
            return self.level >= other.level
        return NotImplemented


class Profile(_StrEnum):
    """Whose rules a check applies: MX delivery, or Gmail's Send-As."""
    MX = "mx"
    SUBMISSION = "submission"

    @property
    def code(self) -> int:
        """The C value (MXTLS_PROFILE_MX 1, MXTLS_PROFILE_SUBMISSION 2)."""
        return 1 if self is Profile.MX else 2


class Status(_StrEnum):
    """An mxtls_status by name; .code is its number."""
    OK = "MXTLS_OK"
    EINVAL = "MXTLS_EINVAL"
    ENOMEM = "MXTLS_ENOMEM"
    ENOENT = "MXTLS_ENOENT"
    EACCES = "MXTLS_EACCES"
    EFORMAT = "MXTLS_EFORMAT"
    ERANGE = "MXTLS_ERANGE"
    EPOLICY = "MXTLS_EPOLICY"
    ESTATE = "MXTLS_ESTATE"
    ERESOLVER = "MXTLS_ERESOLVER"
    ETLS = "MXTLS_ETLS"
    EIO = "MXTLS_EIO"
    EINTERNAL = "MXTLS_EINTERNAL"

    @property
    def code(self) -> int:
        return list(Status).index(self)

    @classmethod
    def of(cls, code: int) -> Optional["Status"]:
        """The member for a status number, or None for an unknown one."""
        members: List[Status] = list(cls)
        return members[code] if 0 <= code < len(members) else None


class Stage(_StrEnum):
    """Where a finding's evidence showed."""
    RESOLVE = "resolve"
    CONNECT = "connect"
    STARTTLS = "starttls"
    VERIFY = "verify"


class About(_StrEnum):
    """What a finding is about: the target, or where the check ran."""
    TARGET = "target"
    ENVIRONMENT = "environment"


class Failure(_StrEnum):
    """How a connect or STARTTLS stage ended (mxtls_connect_failure)."""
    OK = "ok"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    RESET = "reset"
    EOF = "eof"
    UNREACHABLE = "unreachable"
    NOT_SMTP = "not-smtp"
    PROTOCOL = "protocol"
    REJECTED = "rejected"
    ERROR = "error"
    TLS = "tls"
    STARTTLS_REFUSED = "starttls-refused"
    HANDSHAKE_FAILED = "handshake-failed"


class Delivery(_StrEnum):
    """How a sender's delivery would end (a Prediction's outcome)."""
    TLS = "tls"
    PLAINTEXT = "plaintext"
    DEFERS = "defers"
    BOUNCES = "bounces"
    UNKNOWN = "unknown"


class Purpose(_StrEnum):
    """Why a probe ran."""
    PRIMARY = "primary"
    NO_SNI = "no-sni"
    LDH_SNI = "ldh-sni"
    VERSION = "version"
    OTHER_MODE = "other-mode"
    OTHER_PORT = "other-port"


class Mode(_StrEnum):
    """How a connection starts TLS."""
    STARTTLS = "starttls"
    IMPLICIT_TLS = "implicit-tls"
    PLAIN = "plain"
