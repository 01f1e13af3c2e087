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

In asyncio, check_many_async() does the same without blocking the loop:

    async for result in mxtls.check_many_async(ctx, targets, concurrency=64):
        ...

Engine is the layer below both, for a loop of one's own. It never blocks
and never calls back: ask it which descriptors to watch (fds()) and for how
long at most (timeout()), wait, hand the ready ones back (process()), and
collect finished checks (done()). check_many_async() is written that way on
loop.add_reader/add_writer and loop.call_later; its source is the example.

While an Engine is open its context belongs to it: Context.check() raises
MxtlsError (MXTLS_ESTATE) until the engine is closed, and so does setting
any option (ctx.forwarder = ..., ctx.ca_file = ..., ctx.timeout_ms = ...,
use_recursion(), add_stub_zone() ...): the checks in flight share the
resolver and CA store built from them. Closing the context closes the
engine.
"""
import asyncio
import ctypes
import select

from . import MxtlsError, _lib, _str_arg
from . import diagnose

__all__ = ["Engine", "CheckError", "check_many", "check_many_async"]

POLLIN = select.POLLIN
POLLOUT = select.POLLOUT
_ENOENT = 3
_ESTATE = 8


class CheckError(MxtlsError):
    """A check that could not run: what Context.check() would have raised
    (MXTLS_EINVAL for a target that is not a domain or host, with the reason
    in .detail; MXTLS_ENOMEM ...). .target is the target as given.

    It is yielded, not raised, so that one bad line does not end a batch.
    Like a Report it has .target and .error (itself here; None on a Report),
    so `if result.error:` tells the two apart."""

    def __init__(self, target, status, detail=""):
        super().__init__(status, detail)
        self.target = target

    @property
    def error(self):
        return self

    ok = False
    verdict = None


def _limit(value, what):
    value = diagnose._int_arg(value, what)
    if value < 1:
        raise MxtlsError(6, "%s: %d is not >= 1" % (what, value))   # MXTLS_ERANGE
    return value


class Engine:
    """Checks in flight together on one thread (mxtls_engine_*).

    Engine(ctx, concurrency=None, per_destination=None): concurrency is the
    most checks in flight at once (default 256; more added ones wait in
    order), per_destination the most TCP connections open at once to one
    address and port (default 4). Use it as a context manager, or close().
    One thread at a time, the same as its context.
    """

    def __init__(self, ctx, concurrency=None, per_destination=None):
        if getattr(_lib.mxtls_engine_new, "missing", False):
            raise NotImplementedError("this libmxtls has no batch engine (mxtls_engine_new)")
        if getattr(ctx, "_engine", None) is not None:
            raise MxtlsError(_ESTATE, "the context already has an open Engine")
        self._e = None
        self._users = {}       # key handed to C -> (user, target)
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

    def _handle(self):
        if not self._e:
            raise ValueError("the engine is closed")
        return self._e

    def set_limits(self, concurrency=None, per_destination=None):
        """Change the limits (None keeps the default) for checks started and
        connections opened from now on."""
        c = _limit(concurrency, "concurrency") if concurrency is not None \
            else _lib.ENGINE_DEFAULT_IN_FLIGHT
        d = _limit(per_destination, "per_destination") if per_destination is not None \
            else _lib.ENGINE_DEFAULT_PER_DESTINATION
        status = _lib.mxtls_engine_set_limits(self._handle(), c, d)
        if status != 0:
            raise MxtlsError(status, "limits %d, %d" % (c, d))

    def add(self, target, profile="mx", user=None, port=None, implicit_tls=False, sni=None,
            family=None):
        """Queue a check of target with the arguments Context.check() takes
        (no progress callback). user comes back with its result from done();
        it defaults to target. Does no I/O. ValueError for an unknown
        profile, TypeError for arguments of the wrong type; a target that
        is not a domain or host is no error here: its result is a
        CheckError."""
        if not isinstance(profile, str):
            raise TypeError("profile must be a str, not %s" % type(profile).__name__)
        if profile not in diagnose.PROFILES:
            raise ValueError("profile must be one of %s, not %r"
                             % (", ".join(sorted(diagnose.PROFILES)), profile))
        target_arg = _str_arg(target, "target")
        handle = self._handle()
        options = diagnose._options(port, implicit_tls, sni, family, None)
        key = self._next_key
        try:
            status = _lib.mxtls_engine_add(handle, target_arg, diagnose.PROFILES[profile],
                                           options, ctypes.c_void_p(key))
        finally:
            _lib.mxtls_check_options_free(options)   # the engine keeps a copy
        if status != 0:
            raise MxtlsError(status, "adding %r" % (target,))
        self._next_key += 1
        self._users[key] = (target if user is None else user, target)

    def fds(self):
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
                raise MxtlsError(status, "engine fds")
            if count.value <= n:
                return [(array[i].fd, array[i].events) for i in range(count.value)]

    def timeout(self):
        """Seconds (a float) until process() is due even without events:
        0.0 when something is due now, None when nothing is in flight."""
        ms = _lib.mxtls_engine_timeout_ms(self._handle())
        return None if ms < 0 else ms / 1000.0

    def process(self, ready=()):
        """Let the engine work: ready is a list of (fd, revents) for the
        descriptors that showed events (empty when the timeout passed).
        Never blocks. Finished checks are then in done()."""
        ready = list(ready)
        array = (_lib.PollFd * max(len(ready), 1))()
        for i, (fd, revents) in enumerate(ready):
            array[i].fd = fd
            array[i].events = revents
            array[i].revents = revents
        status = _lib.mxtls_engine_process(self._handle(), array, len(ready))
        if status != 0:
            raise MxtlsError(status, "engine process")

    def done(self):
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
                raise MxtlsError(rc, "engine next_done")
            text = diagnose._take_buffer(detail) if detail else ""
            owner, target = self._users.pop(user.value)
            try:
                if status.value == 0 and report:
                    result = diagnose.Report(report)
                else:
                    result = CheckError(target, status.value or 5, text)   # 5: MXTLS_EIO
            finally:
                _lib.mxtls_report_free(report)
            yield owner, result

    @property
    def pending(self):
        """Checks added and not yet taken from done()."""
        return _lib.mxtls_engine_pending(self._handle())

    @property
    def running(self):
        """Checks added and not yet finished."""
        return _lib.mxtls_engine_running(self._handle())

    def run(self):
        """Block in the engine's own poll loop until every added check has
        finished; then take them from done()."""
        status = _lib.mxtls_engine_run(self._handle())
        if status != 0:
            raise MxtlsError(status, "engine run")

    def close(self):
        """Free the engine (idempotent): checks not finished are cancelled,
        results not taken are dropped. The context is free again."""
        if self._e:
            _lib.mxtls_engine_free(self._e)
            self._e = None
            self._users.clear()
            if getattr(self._ctx, "_engine", None) is self:
                self._ctx._engine = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_e", None):
            self.close()


class _Feeder:
    """Targets taken from an iterable only as the engine has room, so a
    generator of millions of names is never read ahead by more than twice
    the concurrency."""

    def __init__(self, engine, targets, window, profile, options):
        self.engine = engine
        self.targets = iter(targets)
        self.window = window
        self.profile = profile
        self.options = options
        self.exhausted = False

    def feed(self):
        while not self.exhausted and self.engine.pending < self.window:
            try:
                target = next(self.targets)
            except StopIteration:
                self.exhausted = True
                return
            self.engine.add(target, self.profile, **self.options)

    @property
    def finished(self):
        return self.exhausted and self.engine.pending == 0


def _poll(fds, timeout):
    poller = select.poll()
    for fd, events in fds:
        poller.register(fd, events)
    if not fds and timeout is None:
        raise RuntimeError("the engine has nothing to wait for and is not done")
    return poller.poll(None if timeout is None else timeout * 1000.0)


def check_many(ctx, targets, concurrency=64, profile="mx", per_destination=None, **options):
    """Context.check_many(): see there."""
    with Engine(ctx, concurrency, per_destination) as engine:
        feeder = _Feeder(engine, targets, 2 * concurrency, profile, options)
        while True:
            for _, result in engine.done():
                yield result
            feeder.feed()
            if feeder.finished:
                return
            engine.process(_poll(engine.fds(), engine.timeout()))


async def _wait(loop, fds, timeout):
    """Wait on loop for any of fds or for timeout seconds; the ready ones as
    (fd, revents)."""
    if not fds and timeout is None:
        raise RuntimeError("the engine has nothing to wait for and is not done")
    woken = loop.create_future()
    ready = {}

    def on_event(fd, bit):
        ready[fd] = ready.get(fd, 0) | bit
        if not woken.done():
            woken.set_result(None)

    readers, writers = [], []
    timer = None
    try:
        for fd, events in fds:
            if events & POLLIN:
                loop.add_reader(fd, on_event, fd, POLLIN)
                readers.append(fd)
            if events & POLLOUT:
                loop.add_writer(fd, on_event, fd, POLLOUT)
                writers.append(fd)
        if timeout is not None:
            timer = loop.call_later(timeout, lambda: woken.done() or woken.set_result(None))
        await woken
    finally:
        for fd in readers:
            loop.remove_reader(fd)
        for fd in writers:
            loop.remove_writer(fd)
        if timer is not None:
            timer.cancel()
    return list(ready.items())


async def check_many_async(ctx, targets, concurrency=64, profile="mx", per_destination=None,
                           **options):
    """check_many() for asyncio: an async generator of Reports and
    CheckErrors as the checks finish. The engine's descriptors are watched
    with loop.add_reader()/add_writer() and its timeout with
    loop.call_later(), so other tasks run meanwhile; the checks themselves
    run on the loop's thread, a little at a time, between them."""
    loop = asyncio.get_running_loop()
    with Engine(ctx, concurrency, per_destination) as engine:
        feeder = _Feeder(engine, targets, 2 * concurrency, profile, options)
        while True:
            for _, result in engine.done():
                yield result
            feeder.feed()
            if feeder.finished:
                return
            engine.process(await _wait(loop, engine.fds(), engine.timeout()))
