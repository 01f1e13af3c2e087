"""The batch engine from Python: Engine, Context.check_many() and
check_many_async(), against the lab (with_lab.py --certs --dns --smtp
--https). Results must be those Context.check() gives one at a time."""
import asyncio
import collections
import unittest

import mxtls
from mxtls import _lib

from test_check import lab_context

HAVE_ENGINE = not getattr(_lib.mxtls_engine_new, "missing", False)

# Lab domains whose findings do not depend on timing.
LAB_DOMAINS = ["nullmx.mxtls.test", "secure.mxtls.test", "nosuchdomain.mxtls.test",
               "empty.mxtls.test", "dangling.mxtls.test", "dual.mxtls.test"]


def outcome(result):
    """(target, verdict or error name, sorted finding ids)."""
    if result.error:
        return (result.target, result.error.name, ())
    return (result.target, result.verdict, tuple(sorted(f.id for f in result.findings)))


class Declarations(unittest.TestCase):
    def test_pollfd_is_struct_pollfd(self):
        import ctypes
        self.assertEqual(ctypes.sizeof(_lib.PollFd), 8)
        self.assertEqual([getattr(_lib.PollFd, n).offset for n in ("fd", "events", "revents")],
                         [0, 4, 6])

    @unittest.skipUnless(HAVE_ENGINE, "this libmxtls has no mxtls_engine_*")
    def test_every_engine_function_is_declared(self):
        import os
        import re
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
        with open(os.path.join(root, "src", "libmxtls.map")) as f:
            names = re.findall(r"\b(mxtls_engine_\w+);", f.read())
        self.assertGreaterEqual(len(names), 11)
        for name in names:
            fn = getattr(_lib, name)
            self.assertFalse(getattr(fn, "missing", False), name)
            self.assertIsNotNone(fn.argtypes, name)


@unittest.skipUnless(HAVE_ENGINE, "this libmxtls has no mxtls_engine_*")
class CheckMany(unittest.TestCase):
    def setUp(self):
        self.ctx = lab_context()

    def tearDown(self):
        self.ctx.close()

    def test_same_findings_as_check(self):
        one_by_one = {t: outcome(self.ctx.check(t)) for t in LAB_DOMAINS}
        targets = LAB_DOMAINS + ["a..b"] + LAB_DOMAINS[:2]
        results = list(self.ctx.check_many(targets, concurrency=8))
        self.assertEqual(len(results), len(targets))
        self.assertEqual(collections.Counter(r.target for r in results),
                         collections.Counter(targets))
        for r in results:
            if r.target == "a..b":
                self.assertIsInstance(r, mxtls.CheckError)
                self.assertIsInstance(r, mxtls.MxtlsError)
                self.assertIs(r.error, r)
                self.assertEqual(r.name, "MXTLS_EINVAL")
                self.assertIn("empty label", r.detail)
            else:
                self.assertIsInstance(r, mxtls.Report)
                self.assertIsNone(r.error)
                self.assertEqual(outcome(r), one_by_one[r.target])
        self.assertIsNone(self.ctx._engine)   # the generator closed its engine

    def test_targets_are_read_only_as_slots_free(self):
        pulled = []

        def targets():
            for i in range(40):
                pulled.append(i)
                yield "nx%d.mxtls.test" % i

        gen = self.ctx.check_many(targets(), concurrency=2)
        first = next(gen)
        self.assertEqual(first.verdict, "error")
        self.assertLessEqual(len(pulled), 2 * 2 + 1)
        rest = list(gen)
        self.assertEqual(len(rest) + 1, 40)
        self.assertEqual(len(pulled), 40)

    def test_stopping_early_frees_the_context(self):
        gen = self.ctx.check_many(["nx%d.mxtls.test" % i for i in range(20)], concurrency=4)
        next(gen)
        self.assertIsNotNone(self.ctx._engine)
        gen.close()
        self.assertIsNone(self.ctx._engine)
        self.assertIn("dns.null-mx", outcome(self.ctx.check("nullmx.mxtls.test"))[2])

    def test_options_apply_to_every_target(self):
        for r in self.ctx.check_many(["dual.mxtls.test"] * 2, family=4):
            self.assertTrue(r.probes)
            for p in r.probes:
                self.assertIn(".", p.address)

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            list(self.ctx.check_many(["nullmx.mxtls.test"], profile="delivery"))
        with self.assertRaises(TypeError):
            list(self.ctx.check_many([b"nullmx.mxtls.test"]))
        with self.assertRaises(mxtls.MxtlsError):
            list(self.ctx.check_many(["nullmx.mxtls.test"], concurrency=0))
        with self.assertRaises(TypeError):
            list(self.ctx.check_many(["nullmx.mxtls.test"], colour="blue"))
        self.assertIsNone(self.ctx._engine)


@unittest.skipUnless(HAVE_ENGINE, "this libmxtls has no mxtls_engine_*")
class EngineApi(unittest.TestCase):
    def setUp(self):
        self.ctx = lab_context()

    def tearDown(self):
        self.ctx.close()

    def run_by_hand(self, engine, wait):
        """Add the lab's domains, then call wait(engine) until every check
        is taken; assert each target got exactly its own result."""
        users = [object() for _ in LAB_DOMAINS]
        for user, target in zip(users, LAB_DOMAINS):
            engine.add(target, user=user)
        got = {}
        while engine.pending:
            for user, result in engine.done():
                got[id(user)] = result
            if engine.pending:
                wait(engine)
        self.assertEqual(set(got), {id(u) for u in users})
        for user, target in zip(users, LAB_DOMAINS):
            self.assertEqual(got[id(user)].target, target)

    def test_one_descriptor_by_hand(self):
        import select
        with mxtls.Engine(self.ctx, concurrency=3, per_destination=2) as engine:
            fd = engine.watch_fd()
            self.assertIsInstance(fd, int)
            woken = []

            def wait(engine):
                self.assertEqual(engine.watch_fd(), fd)     # the same for the engine's life
                timeout = engine.timeout()
                poller = select.poll()
                poller.register(fd, select.POLLIN)
                woken.append(bool(poller.poll(None if timeout is None else timeout * 1000)))
                engine.dispatch()
            self.run_by_hand(engine, wait)
            self.assertTrue(any(woken))

    def test_pull_model_by_hand(self):
        import select
        with mxtls.Engine(self.ctx, concurrency=3, per_destination=2) as engine:
            self.assertIsNone(engine.timeout())          # nothing added yet
            users = [object() for _ in LAB_DOMAINS]
            for user, target in zip(users, LAB_DOMAINS):
                engine.add(target, user=user)
            self.assertEqual(engine.pending, len(LAB_DOMAINS))
            self.assertEqual(engine.timeout(), 0.0)      # checks ready to start
            got = {}
            rounds = 0
            while engine.pending:
                for user, result in engine.done():
                    got[id(user)] = result
                if not engine.pending:
                    break
                fds = engine.fds()
                for fd, events in fds:
                    self.assertIsInstance(fd, int)
                    self.assertFalse(events & ~(select.POLLIN | select.POLLOUT))
                self.assertLessEqual(engine.running, len(LAB_DOMAINS))
                timeout = engine.timeout()
                poller = select.poll()
                for fd, events in fds:
                    poller.register(fd, events)
                engine.process(poller.poll(None if timeout is None else timeout * 1000))
                rounds += 1
            self.assertGreater(rounds, 1)
            self.assertEqual(set(got), {id(u) for u in users})
            for user, target in zip(users, LAB_DOMAINS):
                self.assertEqual(got[id(user)].target, target)

    def test_run_then_done(self):
        with mxtls.Engine(self.ctx) as engine:
            engine.add("nullmx.mxtls.test")          # user defaults to the target
            engine.add("a..b", user=("row", 7))
            engine.run()
            self.assertEqual(engine.running, 0)
            results = dict(engine.done())
        self.assertIn("dns.null-mx", outcome(results["nullmx.mxtls.test"])[2])
        self.assertEqual(results[("row", 7)].name, "MXTLS_EINVAL")
        self.assertEqual(results[("row", 7)].target, "a..b")

    def test_the_context_is_the_engines_while_it_is_open(self):
        engine = mxtls.Engine(self.ctx)
        with self.assertRaises(mxtls.MxtlsError) as cm:
            self.ctx.check("nullmx.mxtls.test")
        self.assertEqual(cm.exception.name, "MXTLS_ESTATE")
        with self.assertRaises(mxtls.MxtlsError):
            mxtls.Engine(self.ctx)
        engine.add("nx1.mxtls.test")
        engine.add("nx2.mxtls.test")
        engine.process()                  # started, and cancelled by close()
        engine.close()
        engine.close()                    # idempotent
        with self.assertRaises(ValueError):
            engine.add("nx3.mxtls.test")
        self.assertEqual(self.ctx.check("nullmx.mxtls.test").verdict, "error")

    def test_closing_the_context_closes_the_engine(self):
        engine = mxtls.Engine(self.ctx)
        engine.add("nx1.mxtls.test")
        self.ctx.close()
        with self.assertRaises(ValueError):
            engine.fds()

    def test_a_resolver_that_cannot_start_refuses_the_engine(self):
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".key") as f:
            f.write("this is not a DS or DNSKEY record\n")
            f.flush()
            with mxtls.Context(forwarder="127.0.0.1@1", trust_anchor_file=f.name) as ctx:
                with self.assertRaises(mxtls.MxtlsError) as cm:
                    mxtls.Engine(ctx)
                self.assertEqual(cm.exception.name, "MXTLS_ERESOLVER")
                self.assertIn(f.name, cm.exception.detail)
                self.assertIsNone(ctx._engine)

    def test_bad_limits(self):
        for kwargs in ({"concurrency": 0}, {"per_destination": -1}):
            with self.assertRaises(mxtls.MxtlsError):
                mxtls.Engine(self.ctx, **kwargs)
        with self.assertRaises(TypeError):
            mxtls.Engine(self.ctx, concurrency="8")
        self.assertIsNone(self.ctx._engine)


@unittest.skipUnless(HAVE_ENGINE, "this libmxtls has no mxtls_engine_*")
class ContextFrozenWhileAnEngineRuns(unittest.TestCase):
    """Issue 14, item 4: ctx.forwarder = ... with a batch in flight made the
    next check rebuild libunbound on a fiber, and the process died of
    SIGSEGV. Every setter now raises MXTLS_ESTATE until the Engine closes."""

    TARGETS = ["nullmx.mxtls.test", "secure.mxtls.test", "dual.mxtls.test"]

    def setUp(self):
        self.ctx = lab_context()

    def tearDown(self):
        self.ctx.close()

    def changes(self):
        ranges = self.ctx.proxy_ranges_file
        return [
            ("forwarder", lambda: setattr(self.ctx, "forwarder", "127.0.0.1@5353")),
            ("ca_file", lambda: setattr(self.ctx, "ca_file", ranges)),
            ("ca_dir", lambda: setattr(self.ctx, "ca_dir", "/tmp")),
            ("timeout_ms", lambda: setattr(self.ctx, "timeout_ms", 2000)),
            ("address_policy", lambda: setattr(self.ctx, "public_only", True)),
            ("proxy_ranges_file", lambda: setattr(self.ctx, "proxy_ranges_file", None)),
            ("helo_name", lambda: setattr(self.ctx, "helo_name", "other.mxtls.test")),
            ("trust_anchor_file", lambda: setattr(self.ctx, "trust_anchor_file", None)),
            ("use_recursion", self.ctx.use_recursion),
            ("use_system_resolver", self.ctx.use_system_resolver),
            ("add_stub_zone", lambda: self.ctx.add_stub_zone("other.test", "127.0.0.1")),
            ("add_trust_anchor", lambda: self.ctx.add_trust_anchor("x.test. DS 1 13 2 AB")),
        ]

    def snapshot(self):
        c = self.ctx
        return (c.forwarder, c.ca_file, c.ca_dir, c.get_timeout_ms(mxtls.STAGE_RESOLVE),
                c.timeout_ms, c.address_policy, c.proxy_ranges_file, c.helo_name,
                c.trust_anchor_file, c.resolver_mode)

    def test_setters_raise_while_checks_are_in_flight(self):
        one_by_one = {t: outcome(self.ctx.check(t)) for t in self.TARGETS}
        before = self.snapshot()
        with mxtls.Engine(self.ctx, concurrency=8) as engine:
            for t in self.TARGETS:
                engine.add(t)
            for _ in range(200):             # until the checks wait on I/O
                engine.process()
                if engine.fds():
                    break
            # nullmx.mxtls.test may be done already, its answer taken
            # from libunbound's cache (warmed by the checks one by one)
            # with no I/O at all; the two others connect.
            self.assertGreaterEqual(engine.running, len(self.TARGETS) - 1)
            for name, change in self.changes():
                with self.subTest(setter=name):
                    with self.assertRaises(mxtls.MxtlsError) as cm:
                        change()
                    self.assertEqual(cm.exception.name, "MXTLS_ESTATE")
                    self.assertIn("engine", cm.exception.detail)
            self.assertEqual(self.snapshot(), before)
            engine.run()
            results = dict(engine.done())
        self.assertEqual({t: outcome(results[t]) for t in self.TARGETS}, one_by_one)
        for name, change in self.changes():   # closed: the setters work again
            with self.subTest(setter=name, engine="closed"):
                change()
        self.assertEqual(self.ctx.forwarder, None)   # use_system_resolver came last
        self.assertEqual(self.ctx.timeout_ms, 2000)


@unittest.skipUnless(HAVE_ENGINE, "this libmxtls has no mxtls_engine_*")
class Asyncio(unittest.TestCase):
    def test_add_reader_loop_matches_and_does_not_block(self):
        targets = LAB_DOMAINS * 2 + ["a..b"] + ["nx%d.mxtls.test" % i for i in range(10)]
        with lab_context() as ctx:
            expected = collections.Counter(map(outcome, ctx.check_many(targets)))

            async def main():
                ticks = 0
                stop = asyncio.Event()

                async def ticker():
                    nonlocal ticks
                    while not stop.is_set():
                        ticks += 1
                        await asyncio.sleep(0.005)

                task = asyncio.create_task(ticker())
                got = [r async for r in mxtls.check_many_async(ctx, targets, concurrency=6)]
                stop.set()
                await task
                return got, ticks

            got, ticks = asyncio.run(main())
            self.assertEqual(collections.Counter(map(outcome, got)), expected)
            self.assertGreater(ticks, 1)   # the loop ran other tasks meanwhile
            self.assertIsNone(ctx._engine)


# Run in a python3 of its own with the no-epoll shim preloaded: the three
# ways Python waits on the engine, each with the descriptor list only.
WITHOUT_EPOLL = r"""
import asyncio, collections, json, selectors, sys
sys.path.insert(0, sys.argv[1])
import mxtls
from test_check import lab_context
from test_engine import LAB_DOMAINS, outcome

targets = LAB_DOMAINS * 2 + ["a..b"] + ["nx%d.mxtls.test" % i for i in range(6)]
found = {}
with lab_context() as ctx:
    with mxtls.Engine(ctx, concurrency=4) as engine:
        found["watch_fd"] = engine.watch_fd()
        for t in targets:
            engine.add(t)
        engine.run()
        found["run"] = sorted(map(outcome, (r for _, r in engine.done())))
    found["check_many"] = sorted(map(outcome, ctx.check_many(targets, concurrency=4)))

    async def gather():
        return [r async for r in mxtls.check_many_async(ctx, targets, concurrency=4)]
    # asyncio's default selector is itself epoll: select() stands in for it
    loop = asyncio.SelectorEventLoop(selectors.SelectSelector())
    try:
        found["check_many_async"] = sorted(map(outcome, loop.run_until_complete(gather())))
    finally:
        loop.close()
json.dump(found, sys.stdout)
"""


class WithoutEpoll(unittest.TestCase):
    """A system that refuses epoll (a seccomp filter, a kernel without it):
    watch_fd() is None, and run(), check_many() and check_many_async() wait
    on the fds() list with the same results."""

    @unittest.skipUnless(HAVE_ENGINE, "this libmxtls has no mxtls_engine_*")
    def test_every_waiter_falls_back_to_the_list(self):
        import json
        import os
        import subprocess
        import sys
        import tempfile
        shim = os.environ["MXTLS_NO_EPOLL_SHIM"]
        targets = LAB_DOMAINS * 2 + ["a..b"] + ["nx%d.mxtls.test" % i for i in range(6)]
        with lab_context() as ctx:
            # as the child's JSON gives them (a Verdict is its str value)
            expected = json.loads(json.dumps(sorted(map(outcome, ctx.check_many(targets)))))
        with tempfile.TemporaryDirectory() as tmp:
            mark = os.path.join(tmp, "asked")
            env = dict(os.environ)
            env["LD_PRELOAD"] = ":".join(filter(None, [env.get("LD_PRELOAD"), shim]))
            env["MXTLS_NO_EPOLL_MARK"] = mark
            here = os.path.dirname(os.path.abspath(__file__))
            r = subprocess.run([sys.executable, "-c", WITHOUT_EPOLL, here], env=env,
                               capture_output=True, text=True, timeout=300)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(os.path.exists(mark), "the shim was not asked for a set")
        found = json.loads(r.stdout)
        self.assertIsNone(found.pop("watch_fd"))
        for way, got in found.items():
            self.assertEqual(got, expected, way)


if __name__ == "__main__":
    unittest.main(verbosity=2)
