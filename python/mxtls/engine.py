"""Many checks at once on one thread: the batch engine (mxtls_engine_*).

The simple way is Context.check_many(), a generator that runs its own poll
loop and yields each result as its check finishes:

    with mxtls.Context() as ctx:
        for result in ctx.check_many(open("domains.txt").read().split(),
                                     concurrency=64):
            if result.error:                      # the check could not run
                print(result.target, result.error.name, result.error.detail)
            else:                                 # a Report
                print(result.target, result.verdict, [f.id for f in result.findings])

In asyncio, check_many_async() does the same without blocking the loop,
and check() runs one check that way:

    async for result in mxtls.check_many_async(ctx, targets, concurrency=64):
        ...
    report = await mxtls.check("example.com", ctx=ctx)

Engine is the layer below both, for a loop of one's own. It never blocks
and never calls back: watch its one descriptor (watch_fd()) for reading, for
as long at most as timeout() says, then let it work (dispatch()), and
collect finished checks (done()). Where there is no such descriptor
(watch_fd() is None), ask which descriptors to watch (fds()) and hand the
ready ones back (process()) instead. check_many_async() is written that way
on loop.add_reader and loop.call_later; its source is the example.

While an Engine is open its context belongs to it: Context.check() raises
MxtlsError (MXTLS_ESTATE) until the engine is closed, and so does setting
any option (ctx.forwarder = ..., ctx.ca_file = ..., ctx.timeout_ms = ...,
use_recursion(), add_stub_zone() ...): the checks in flight share the
resolver and CA store built from them. Closing the context closes the
engine.
"""
from __future__ import annotations

import asyncio
import ctypes
import select
from typing import (Any, AsyncGenerator, Dict, Iterable, Iterator, List, Optional,
                    Tuple, Union)

from . import _lib
from . import diagnose
from ._context import Context
from ._util import str_arg_required
from .errors import MxtlsError, error_for

__all__ = ["Engine", "CheckError", "check", "check_many", "check_many_async"]

Result = Union["diagnose.Report", "CheckError"]
FdEvents = List[Tuple[int, int]]

POLLIN = select.POLLIN
POLLOUT = select.POLLOUT
_ENOENT = 3
_ESTATE = 8
_EIO = 11


class CheckError(MxtlsError):
    """A check that could not run: what Context.check() would have raised
    (MXTLS_EINVAL for a target that is not a domain or host, with the reason
    in .detail; MXTLS_ENOMEM ...). .target is the target as given.

    It is yielded, not raised, so that one bad line does not end a batch.
    Like a Report it has .target and .error (itself here; None on a Report),
    so `if result.error:` tells the two apart."""

    def __init__(self, target: str, status: int, detail: str = "") -> None:
        super().__init__(status, detail)
        self.target = target

    @property
    def error(self) -> "CheckError":
        return self

    ok = False
    verdict = None


def _limit(value: Any, what: str) -> int:
    value = diagnose._int_arg(value, what)
    if value < 1:
        raise error_for(6, "%s: %d is not >= 1" % (what, value))   # MXTLS_ERANGE
    return int(value)


class Engine:
    """Checks in flight together on one thread (mxtls_engine_*).

    Engine(ctx, concurrency=None, per_destination=None): concurrency is the
    most checks in flight at once (default 256; more added ones wait in
    order), per_destination the most TCP connections open at once to one
    address and port (default 4). Use it as a context manager, or close().
    One thread at a time, the same as its context.
    """

    def __init__(self, ctx: Context, concurrency: Optional[int] = None,
                 per_destination: Optional[int] = None) -> None:
        self._e: Optional[ctypes.c_void_p] = None
        if _lib.mxtls_engine_new.missing:
            raise NotImplementedError("this libmxtls has no batch engine (mxtls_engine_new)")
        if getattr(ctx, "_engine", None) is not None:
            raise error_for(_ESTATE, "the context already has an open Engine")
        self._users: Dict[int, Tuple[Any, str]] = {}   # key handed to C -> (user, target)
        self._next_key = 1
        handle = ctypes.c_void_p()
        ctx._check(_lib.mxtls_engine_new(ctx._handle(), ctypes.byref(handle)))
        self._e = handle
        self._ctx = ctx
        ctx._engine = self
        try:
            if concurrency is not None or per_destination is not None:
                self.set_limits(concurrency, per_destination)
        except BaseException:
            self.close()
            raise

    def _handle(self) -> ctypes.c_void_p:
        if not self._e:
            raise ValueError("the engine is closed")
        return self._e

    def set_limits(self, concurrency: Optional[int] = None,
                   per_destination: Optional[int] = None) -> None:
        """Change the limits (None keeps the default) for checks started and
        connections opened from now on."""
        c = _limit(concurrency, "concurrency") if concurrency is not None \
            else _lib.ENGINE_DEFAULT_IN_FLIGHT
        d = _limit(per_destination, "per_destination") if per_destination is not None \
            else _lib.ENGINE_DEFAULT_PER_DESTINATION
        status = _lib.mxtls_engine_set_limits(self._handle(), c, d)
        if status != 0:
            raise error_for(status, "limits %d, %d" % (c, d))

    def add(self, target: str, profile: str = "mx", user: Any = None, port: Optional[int] = None,
            implicit_tls: bool = False, sni: Optional[str] = None,
            family: Optional[int] = None) -> None:
        """Queue a check of target with the arguments Context.check() takes
        (no progress callback). user comes back with its result from done();
        it defaults to target. Does no I/O. ValueError for an unknown
        profile, TypeError for arguments of the wrong type; a target that
        is not a domain or host is no error here: its result is a
        CheckError."""
        code = diagnose.profile_code(profile)
        target_arg = str_arg_required(target, "target")
        handle = self._handle()
        options = diagnose._options(port, implicit_tls, sni, family, None)
        key = self._next_key
        try:
            status = _lib.mxtls_engine_add(handle, target_arg, code,
                                           options, ctypes.c_void_p(key))
        finally:
            _lib.mxtls_check_options_free(options)   # the engine keeps a copy
        if status != 0:
            raise error_for(status, "adding %r" % (target,))
        self._next_key += 1
        self._users[key] = (target if user is None else user, target)

    def fds(self) -> FdEvents:
        """The descriptors to watch now: a list of (fd, events), events a
        mask of select.POLLIN / select.POLLOUT. Ask again after every
        process()."""
        handle = self._handle()
        count = ctypes.c_size_t()
        while True:
            n = count.value
            array = (_lib.PollFd * max(n, 1))()
            status = _lib.mxtls_engine_fds(handle, array, n, ctypes.byref(count))
            if status != 0:
                raise error_for(status, "engine fds")
            if count.value <= n:
                return [(array[i].fd, array[i].events) for i in range(count.value)]

    def timeout(self) -> Optional[float]:
        """Seconds (a float) until process() is due even without events:
        0.0 when something is due now, None when nothing is in flight."""
        ms = int(_lib.mxtls_engine_timeout_ms(self._handle()))
        return None if ms < 0 else ms / 1000.0

    def process(self, ready: Iterable[Tuple[int, int]] = ()) -> None:
        """Let the engine work: ready is a list of (fd, revents) for the
        descriptors that showed events (empty when the timeout passed).
        Never blocks. Finished checks are then in done()."""
        events = list(ready)
        array = (_lib.PollFd * max(len(events), 1))()
        for i, (fd, revents) in enumerate(events):
            array[i].fd = fd
            array[i].events = revents
            array[i].revents = revents
        status = _lib.mxtls_engine_process(self._handle(), array, len(events))
        if status != 0:
            raise error_for(status, "engine process")

    def watch_fd(self) -> Optional[int]:
        """One descriptor that polls readable while any of the engine's is
        ready (an epoll set the engine keeps up to date), or None where the
        library or the system has none: then use fds() and process(). Watch
        it for reading with timeout(), then call dispatch(). It stays the
        same until close(); do not close or read it."""
        if getattr(_lib.mxtls_engine_watch_fd, "missing", False):
            return None
        fd = ctypes.c_int(-1)
        status = _lib.mxtls_engine_watch_fd(self._handle(), ctypes.byref(fd))
        if status == _EIO:
            return None
        if status != 0:
            raise error_for(status, "engine watch_fd")
        return fd.value

    def dispatch(self) -> None:
        """process() for the watch_fd() way: the engine takes the ready
        events itself. Call it when that descriptor was readable or the
        timeout passed. Never blocks."""
        status = _lib.mxtls_engine_dispatch(self._handle())
        if status != 0:
            raise error_for(status, "engine dispatch")

    def done(self) -> Iterator[Tuple[Any, Result]]:
        """Yield (user, result) for each check finished so far, in the order
        they finished: result is a Report, or a CheckError for a check that
        could not run."""
        handle = self._handle()
        while True:
            report = ctypes.POINTER(_lib.Report)()
            status = ctypes.c_int()
            user = ctypes.c_void_p()
            detail = ctypes.POINTER(_lib.Buffer)()
            rc = _lib.mxtls_engine_next_done(handle, ctypes.byref(report), ctypes.byref(status),
                                             ctypes.byref(user), ctypes.byref(detail))
            if rc == _ENOENT:
                return
            if rc != 0:
                raise error_for(rc, "engine next_done")
            text = diagnose._take_buffer(detail) if detail else ""
            owner, target = self._users.pop(user.value or 0)
            try:
                result: Result
                if status.value == 0 and report:
                    result = diagnose.Report.from_c(report)
                else:
                    result = CheckError(target, status.value or 5, text)   # 5: MXTLS_EIO
            finally:
                _lib.mxtls_report_free(report)
            yield owner, result

    @property
    def pending(self) -> int:
        """Checks added and not yet taken from done()."""
        return int(_lib.mxtls_engine_pending(self._handle()))

    @property
    def running(self) -> int:
        """Checks added and not yet finished."""
        return int(_lib.mxtls_engine_running(self._handle()))

    def run(self) -> None:
        """Block in the engine's own poll loop until every added check has
        finished; then take them from done()."""
        status = _lib.mxtls_engine_run(self._handle())
        if status != 0:
            raise error_for(status, "engine run")

    def close(self) -> None:
        """Free the engine (idempotent): checks not finished are cancelled,
        results not taken are dropped. The context is free again."""
        if self._e:
            _lib.mxtls_engine_free(self._e)
            self._e = None
            self._users.clear()
            if getattr(self._ctx, "_engine", None) is self:
                self._ctx._engine = None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_e", None):
            self.close()


class _Feeder:
    """Targets taken from an iterable only as the engine has room, so a
    generator of millions of names is never read ahead by more than twice
    the concurrency."""

    def __init__(self, engine: Engine, targets: Iterable[str], window: int, profile: str,
                 options: Dict[str, Any]) -> None:
        self.engine = engine
        self.targets = iter(targets)
        self.window = window
        self.profile = profile
        self.options = options
        self.exhausted = False

    def feed(self) -> None:
        while not self.exhausted and self.engine.pending < self.window:
            try:
                target = next(self.targets)
            except StopIteration:
                self.exhausted = True
                return
            self.engine.add(target, self.profile, **self.options)

    @property
    def finished(self) -> bool:
        return self.exhausted and self.engine.pending == 0


def _poll(fds: FdEvents, timeout: Optional[float]) -> FdEvents:
    poller = select.poll()
    for fd, events in fds:
        poller.register(fd, events)
    if not fds and timeout is None:
        raise RuntimeError("the engine has nothing to wait for and is not done")
    return poller.poll(None if timeout is None else timeout * 1000.0)


def check_many(ctx: Context, targets: Iterable[str], concurrency: int = 64, profile: str = "mx",
               per_destination: Optional[int] = None, **options: Any) -> Iterator[Result]:
    """Context.check_many(): see there."""
    with Engine(ctx, concurrency, per_destination) as engine:
        feeder = _Feeder(engine, targets, 2 * concurrency, profile, options)
        one = engine.watch_fd()   # one descriptor for all, where there is one
        while True:
            for _, result in engine.done():
                yield result
            feeder.feed()
            if feeder.finished:
                return
            if one is not None:
                _poll([(one, POLLIN)], engine.timeout())
                engine.dispatch()
            else:
                engine.process(_poll(engine.fds(), engine.timeout()))


async def _wait(loop: asyncio.AbstractEventLoop, fds: FdEvents,
                timeout: Optional[float]) -> FdEvents:
    """Wait on loop for any of fds or for timeout seconds; the ready ones as
    (fd, revents)."""
    if not fds and timeout is None:
        raise RuntimeError("the engine has nothing to wait for and is not done")
    woken: "asyncio.Future[None]" = loop.create_future()
    ready: Dict[int, int] = {}

    def on_event(fd: int, bit: int) -> None:
        ready[fd] = ready.get(fd, 0) | bit
        if not woken.done():
            woken.set_result(None)

    readers: List[int] = []
    writers: List[int] = []
    timer: Optional[asyncio.TimerHandle] = None
    try:
        for fd, events in fds:
            if events & POLLIN:
                loop.add_reader(fd, on_event, fd, POLLIN)
                readers.append(fd)
            if events & POLLOUT:
                loop.add_writer(fd, on_event, fd, POLLOUT)
                writers.append(fd)
        if timeout is not None:
            def wake() -> None:
                if not woken.done():
                    woken.set_result(None)
            timer = loop.call_later(timeout, wake)
        await woken
    finally:
        for fd in readers:
            loop.remove_reader(fd)
        for fd in writers:
            loop.remove_writer(fd)
        if timer is not None:
            timer.cancel()
    return list(ready.items())


async def check_many_async(ctx: Context, targets: Iterable[str], concurrency: int = 64,
                           profile: str = "mx", per_destination: Optional[int] = None,
                           **options: Any) -> AsyncGenerator[Result, None]:
    """check_many() for asyncio: an async generator of Reports and
    CheckErrors as the checks finish. The engine's descriptors are watched
    with loop.add_reader()/add_writer() and its timeout with
    loop.call_later(), so other tasks run meanwhile; the checks themselves
    run on the loop's thread, a little at a time, between them."""
    loop = asyncio.get_running_loop()
    with Engine(ctx, concurrency, per_destination) as engine:
        feeder = _Feeder(engine, targets, 2 * concurrency, profile, options)
        one = engine.watch_fd()   # one descriptor for all, where there is one
        while True:
            for _, result in engine.done():
                yield result
            feeder.feed()
            if feeder.finished:
                return
            if one is not None:
                await _wait(loop, [(one, POLLIN)], engine.timeout())
                engine.dispatch()
            else:
                engine.process(await _wait(loop, engine.fds(), engine.timeout()))


async def check(target: str, ctx: Optional[Context] = None, profile: str = "mx",
                **options: Any) -> "diagnose.Report":
    """Context.check() for asyncio: one check, run by the batch engine on the
    running loop, so that other tasks run meanwhile. Returns its Report.

    ctx: the Context to check with (it is the engine's until this returns:
    one check at a time per context, as with check_many_async()); None
    makes a context with the library's defaults for this check alone.
    profile and options (port, implicit_tls, sni, family) as Context.check()
    takes them. Raises what Context.check() raises: an MxtlsError (a
    UsageError for a target that is not a domain or host) when the check
    could not run."""
    own = ctx is None
    context = Context() if ctx is None else ctx
    results = check_many_async(context, [target], 1, profile, **options)
    try:
        async for result in results:
            if isinstance(result, CheckError):
                raise error_for(result.status if result.status is not None else 5,
                                result.detail)
            return result
        raise error_for(12, "the engine gave no result for %r" % (target,))
    finally:
        await results.aclose()   # closes the engine: the context is free again
        if own:
            context.close()
