"""python3 -m mxtls: the mxtls-check command's main job, in Python.

    python3 -m mxtls [OPTIONS] DOMAIN...
    python3 -m mxtls --submission [OPTIONS] HOST[:PORT]...
    python3 -m mxtls --explain 'ERROR TEXT' | --explain -

Checks each target and prints its report (text, or JSON with --json: one
document per line), with the exit status of mxtls-check(1): 0 no errors
found, 1 errors found in the target, 2 bad usage or input, 3 could not check
from here (this machine's resolver, network or CA store) or mxtls could not
run. The batch mode and the other conveniences are mxtls-check's.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional, TextIO

from . import Context, Report, UsageError, MxtlsError, Verdict, explain
from ._context import STAGE_ALL, STAGE_CHECK

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 -m mxtls", description=__doc__.split("\n\n")[0],
                                epilog="Exit status: 0 no errors found, 1 errors found in "
                                       "the target, 2 bad usage or input, 3 could not "
                                       "check from here, or mxtls could not run.")
    p.add_argument("targets", nargs="*", metavar="TARGET",
                   help="a mail domain, or a host with --submission")
    what = p.add_argument_group("what to check")
    what.add_argument("--submission", action="store_true",
                      help="targets are submission hosts: 587 STARTTLS and 465 implicit TLS")
    what.add_argument("--port", type=int, help="check this port only")
    what.add_argument("--implicit-tls", action="store_true",
                      help="TLS from the first byte (465 unless --port)")
    what.add_argument("--sni", help="send this SNI instead of the host name")
    fam = what.add_mutually_exclusive_group()
    fam.add_argument("-4", dest="family", action="store_const", const=4,
                     help="probe IPv4 addresses only")
    fam.add_argument("-6", dest="family", action="store_const", const=6,
                     help="probe IPv6 addresses only")
    how = p.add_argument_group("how to check")
    how.add_argument("--resolver", metavar="ADDR[@PORT]", help="resolve through this server")
    how.add_argument("--recursive", action="store_true", help="resolve from the root servers")
    how.add_argument("--stub", action="append", default=[], metavar="ZONE=ADDR[@PORT]",
                     help="send queries for ZONE to this server (repeatable)")
    how.add_argument("--trust-anchor", metavar="FILE", help="DNSSEC trust anchors")
    how.add_argument("--ca-file", metavar="FILE", help="trust only the CAs in FILE (PEM)")
    how.add_argument("--proxy-ranges", metavar="FILE", help="HTTP-proxy ranges file")
    how.add_argument("--timeout", type=float, metavar="SECONDS",
                     help="deadline of each stage")
    how.add_argument("--deadline", type=float, metavar="SECONDS",
                     help="deadline of each whole check")
    how.add_argument("--helo", metavar="NAME", help="the name sent in EHLO")
    out = p.add_argument_group("output")
    out.add_argument("--json", action="store_true", help="JSON (schema mxtls-report/1)")
    out.add_argument("--pretty", action="store_true", help="indent the JSON")
    out.add_argument("--verbose", action="store_true",
                     help="add each connection's SMTP/TLS dialogue")
    out.add_argument("-q", "--quiet", action="store_true", help="the verdict line only")
    out.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    out.add_argument("--explain", metavar="TEXT",
                     help="explain an error text ('-': read stdin); no network")
    return p


def _context(args: argparse.Namespace) -> Context:
    ctx = Context()
    try:
        if args.recursive:
            ctx.use_recursion()
        if args.resolver:
            ctx.use_forwarder(args.resolver)
        for stub in args.stub:
            zone, sep, server = stub.partition("=")
            if not sep or not zone or not server:
                raise UsageError(1, "--stub: %r is not ZONE=ADDR[@PORT]" % stub)
            ctx.add_stub_zone(zone, server)
        if args.trust_anchor:
            ctx.trust_anchor_file = args.trust_anchor
        if args.ca_file:
            ctx.ca_file = args.ca_file
        if args.proxy_ranges:
            ctx.proxy_ranges_file = args.proxy_ranges
        if args.timeout is not None:
            ctx.set_timeout(args.timeout, STAGE_ALL)
        if args.deadline is not None:
            ctx.set_timeout(args.deadline, STAGE_CHECK)
        if args.helo:
            ctx.helo_name = args.helo
    except BaseException:
        ctx.close()
        raise
    return ctx


def _exit_status(report: Report) -> int:
    if report.verdict == Verdict.ERROR:
        return EXIT_FINDINGS
    return EXIT_INTERNAL if report.environment_verdict == Verdict.ERROR else EXIT_CLEAN


def _write_report(out: TextIO, report: Report, args: argparse.Namespace, first: bool) -> None:
    if args.json:
        doc = report.to_dict(transcript=args.verbose)
        out.write(json.dumps(doc, indent=2 if args.pretty else None, ensure_ascii=False) + "\n")
        return
    text = report.text(transcript=args.verbose)
    if args.quiet:
        text = text.split("\n", 1)[0]
    elif not first:
        out.write("\n")
    out.write(text.rstrip("\n") + "\n")


def main(argv: Optional[List[str]] = None) -> int:
    """Run as mxtls-check does; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.explain is not None and args.targets:
        parser.error("--explain takes no TARGET")
    if args.explain is None and not args.targets:
        parser.error("no TARGET given (a mail domain, or a host with --submission)")
    out: TextIO = sys.stdout
    try:
        if args.output:
            out = open(args.output, "w", encoding="utf-8")
        if args.explain is not None:
            text = sys.stdin.read() if args.explain == "-" else args.explain
            e = explain(text)
            out.write(e.json() + "\n" if args.json else str(e))
            return EXIT_CLEAN if e.recognised else EXIT_FINDINGS
        worst = EXIT_CLEAN
        with _context(args) as ctx:
            for i, target in enumerate(args.targets):
                try:
                    report = ctx.check(target, "submission" if args.submission else "mx",
                                       port=args.port, implicit_tls=args.implicit_tls,
                                       sni=args.sni, family=args.family)
                except UsageError as e:
                    print("mxtls: %s: %s" % (target, e.detail or e), file=sys.stderr)
                    worst = max(worst, EXIT_USAGE)
                    continue
                _write_report(out, report, args, i == 0)
                worst = max(worst, _exit_status(report))
        return worst
    except UsageError as e:
        print("mxtls: %s" % (e.detail or e), file=sys.stderr)
        return EXIT_USAGE
    except (MxtlsError, OSError) as e:
        print("mxtls: %s" % e, file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    sys.exit(main())
