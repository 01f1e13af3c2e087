"""Small helpers shared by the binding's modules (private)."""
from __future__ import annotations

import ctypes
import os
from typing import Any, List, Optional, Union

from .errors import error_for


def dec(value: Optional[bytes]) -> Optional[str]:
    """A C string as str (strict UTF-8), or None."""
    return None if value is None else value.decode()


def text(value: Optional[bytes]) -> Optional[str]:
    """A C string from the network as str (bad UTF-8 replaced), or None."""
    return None if value is None else value.decode("utf-8", "replace")


def lines(ptr: Any, n: Optional[int]) -> List[str]:
    """n C strings of an array, as str ("" for a NULL one)."""
    if not ptr or not n:
        return []
    return [text(ptr[i]) or "" for i in range(n)]


def blob(ptr: Any, n: Optional[int]) -> bytes:
    return ctypes.string_at(ptr, n) if ptr and n else b""


def seconds(ms: Optional[int]) -> Optional[float]:
    """Milliseconds from C as float seconds; None for None or a negative
    value (C's "not reached")."""
    return None if ms is None or ms < 0 else ms / 1000.0


def ms_of(s: Optional[float]) -> int:
    """Float seconds back to integer milliseconds; -1 for None."""
    return -1 if s is None else int(round(s * 1000.0))


def str_arg(value: Any, what: str, none_ok: bool = False, path: bool = False) -> Optional[bytes]:
    """value as UTF-8 bytes for a const char * argument. TypeError for a
    value that is not a str (or, for a path, os.PathLike or bytes), ValueError
    for a NUL inside, which C would silently cut the string at."""
    if value is None and none_ok:
        return None
    if path and isinstance(value, os.PathLike):
        value = os.fspath(value)
    data: bytes
    if isinstance(value, str):
        data = value.encode()
    elif path and isinstance(value, bytes):
        data = value
    else:
        raise TypeError("%s must be a str%s%s, not %s" % (
            what, " or path" if path else "", " or None" if none_ok else "",
            type(value).__name__))
    if b"\0" in data:
        raise ValueError("%s contains a NUL character" % what)
    return data


def str_arg_required(value: Any, what: str, path: bool = False) -> bytes:
    data = str_arg(value, what, none_ok=False, path=path)
    assert data is not None
    return data


def int_arg(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, not %s" % (what, type(value).__name__))
    if not -2 ** 31 <= value < 2 ** 31:
        raise error_for(6, "%s: %d does not fit in 32 bits" % (what, value))
    return value


def ms_arg(ms: Any) -> int:
    """A timeout in integer milliseconds, checked as C would."""
    if isinstance(ms, bool) or not isinstance(ms, int):
        raise TypeError("a timeout in ms is an int, not %s" % type(ms).__name__)
    if not 0 <= ms <= 0xFFFFFFFF:
        # Out of uint32's range ctypes would wrap it; say what C would say.
        raise error_for(6, "timeout: %d ms is outside 1..600000" % ms)
    return ms


def seconds_arg(s: Union[int, float]) -> int:
    """A timeout in seconds (int or float) as milliseconds for C."""
    if isinstance(s, bool) or not isinstance(s, (int, float)):
        raise TypeError("a timeout is a number of seconds, not %s" % type(s).__name__)
    if s != s or not 0 <= s <= 0xFFFFFFFF / 1000.0:
        raise error_for(6, "timeout: %r s is outside 0.001..600" % (s,))
    return int(round(s * 1000.0))


def check(status: int, detail: str = "") -> None:
    if status != 0:
        raise error_for(status, detail)
