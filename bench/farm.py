#!/usr/bin/env python3
"""The farm benchmark: mxtls' batch engine against a loopback farm of mail hosts.

    python3 bench/farm.py --build-dir BUILD [--quick] [--runs N] [--keep DIR]
    scripts/bench [--quick]          (sets up, builds and runs this)

The farm: HOSTS hosts, each on its own 127.F.x.y address (F in 250..254, a
/16 that lab_net() never hands out, so a test lab running at the same time
never collides), served by one event-driven farmsrv (bench/farmsrv.c:
epoll, GnuTLS server side, an ECDSA P-256 wildcard leaf for
*.farm.mxtls.test, no session tickets). A signed zone mxtls.test served by
nsd on 127.F.0.53 holds one domain per host: dNNNNN.farm.mxtls.test MX
hNNNNN.farm.mxtls.test. One host in a hundred is deliberately faulty
(refused, closed, alert after STARTTLS, no STARTTLS), so "every failure is a
deliberate one" can be checked rather than assumed.

Measured in the same run, each RUNS times (the table shows medians):
  mxtls      bench/mxtls-batch-bench: the batch engine over DOMAINS domains at
             concurrency 1, 64 and 1024; checks/s, the client's own CPU per
             check (getrusage of the client process, batch only), peak RSS
  floor      bench/handshake-floor: TCP + TLS handshake only (implicit TLS on
             port 465 of the same hosts, mxtls' priority string, no SMTP, DNS
             or verification), sequential and 64 at once
  crypto floor   bench/crypto-floor: per good domain, what a check cannot
             avoid: two TCP + TLS handshakes with its host (SNI, then none;
             port 465), the RRSIG verifications of the answers a check gets
             (MX, A, AAAA, TLSA, two TXT; each distinct RRset once, with
             GnuTLS) and the chain judged once; at concurrency 1, 64 and 1024,
             against mxtls batch runs over the same good domains, with user
             and kernel CPU per check apart. Its instructions against the
             check's come from perf stat when the machine counts instructions,
             else from callgrind (a small batch of good domains at 1 and 64)
  posttls-finger   once per domain (-l verify -F ca.pem), sequential and
             64-way with xargs -P, inside `unshare -m` with a resolv.conf
             bind-mounted over /etc/resolv.conf that names the farm's nsd:
             it does its own DNS, as mxtls does
  gnutls-cli --starttls-proto=smtp   once per host, sequential, given the
             address (no DNS), verifying the host name against the lab CA
  server     farmsrv's CPU time (utime+stime from /proc) during each run
The issue's target: a check at most 1.2x the crypto floor at concurrency 64,
in CPU and in instructions.
Then once: 10,000 checks in flight (the largest batch) for peak RSS and for
"every target gets exactly one report line", and callgrind's instruction
count (Ir) of one check of a good host (mxtls_check_with only).

External tools are measured by getrusage(RUSAGE_CHILDREN) deltas around
them, so their CPU includes fork and exec, as a shell loop over them would.
Only 127.0.0.0/8 is ever connected to.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "fixtures"))
from lab import certs, dns, proc  # noqa: E402

ZONE = "mxtls.test"
FARM = "farm." + ZONE
HOSTS_PER_NET = 250
FAULT_EVERY = 100                   # one host in FAULT_EVERY is faulty
FAULTS = ("refused", "close", "alert", "no-starttls")
SMTP_PORT = 25
TLS_PORT = 465
TICKS = os.sysconf("SC_CLK_TCK")


def farm_net():
    """127.F: F in 250..254, which lab_net() (10..249) never uses."""
    fixed = os.environ.get("MXTLS_FARM_NET")
    return fixed or "127.%d" % (250 + os.getpid() % 5)


class Farm:
    """Names, addresses and deliberate faults of the farm's hosts."""

    def __init__(self, n, net):
        self.n, self.net = n, net
        self.dns_addr = net + ".0.53"

    @staticmethod
    def domain(i):
        return "d%05d.%s" % (i, FARM)

    @staticmethod
    def host(i):
        return "h%05d.%s" % (i, FARM)

    def addr(self, i):
        return "%s.%d.%d" % (self.net, 1 + i // HOSTS_PER_NET, 1 + i % HOSTS_PER_NET)

    @staticmethod
    def fault(i):
        """The deliberate fault of host i, or None for a good host."""
        if i % FAULT_EVERY != FAULT_EVERY // 2:
            return None
        return FAULTS[(i // FAULT_EVERY) % len(FAULTS)]

    def good(self, count):
        return [i for i in range(count) if self.fault(i) is None]


# ---------------------------------------------------------------- set-up

def build_zone(farm, d):
    """Write and sign mxtls.test with the farm's names; (zone file, anchor)."""
    os.makedirs(d, exist_ok=True)
    lines = ["$ORIGIN %s." % ZONE, "$TTL 3600",
             "@ SOA ns.%s. hostmaster.%s. 1 3600 900 604800 3600" % (ZONE, ZONE),
             "@ NS ns.%s." % ZONE, "ns A %s" % farm.dns_addr]
    for i in range(farm.n):
        rel_d = farm.domain(i)[: -len(ZONE) - 1]
        rel_h = farm.host(i)[: -len(ZONE) - 1]
        lines.append("%s MX 10 %s" % (rel_d, rel_h))
        lines.append("%s A %s" % (rel_h, farm.addr(i)))
    path = os.path.join(d, ZONE + ".zone")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    keys = dns._keygen(ZONE, d)
    signed = dns._sign(ZONE, path, keys, d)
    anchor = os.path.join(d, "trust-anchor.ds")
    with open(anchor, "w") as f:
        f.write(dns._ds(keys[0], d) + "\n")
    return signed, anchor


def start_dns(group, farm, d):
    signed, anchor = build_zone(farm, d)
    # The lab's nsd.conf turns nsd's response rate limiting off: with it, at
    # 10,000 checks in flight about 10 TLSA lookups went SERVFAIL.
    conf = dns._nsd_conf(d, {ZONE: signed}, ["%s@53" % farm.dns_addr])
    p = group.spawn(["nsd", "-d", "-c", conf], log_path=os.path.join(d, "nsd.out"))
    proc.wait_for_udp_dns(farm.dns_addr, 53, timeout=60, proc=p)
    return anchor


def start_farmsrv(group, farm, build, work, leaf, implicit_max, workers, shards=0):
    """One farmsrv per shard of hosts; their worker PIDs.

    Shards because the descriptor limit is fixed here (no CAP_SYS_RESOURCE:
    the hard RLIMIT_NOFILE cannot be raised) and one process with 10,000
    listeners and 10,000 connections would need more than 20,000."""
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    shards = shards or max(1, -(-farm.n * 2 // max(limit - 2048, 1024)))
    pids = []
    for shard in range(shards):
        first = shard * farm.n // shards
        last = (shard + 1) * farm.n // shards
        pids += _start_shard(group, farm, build, work, leaf, range(first, last),
                             max(0, min(implicit_max, last) - first), workers, shard)
    return pids


def _start_shard(group, farm, build, work, leaf, indexes, implicit_max, workers, shard):
    hosts = os.path.join(work, "farm-hosts-%d.txt" % shard)
    with open(hosts, "w") as f:
        for i in indexes:
            fault = farm.fault(i)
            if fault != "refused":            # refused: nothing listens there
                f.write("%s %s\n" % (farm.addr(i), fault or "good"))
    log = os.path.join(work, "farmsrv-%d.log" % shard)
    p = group.spawn([os.path.join(build, "bench", "farmsrv"), "--hosts", hosts,
                     "--cert", leaf.chain, "--key", leaf.key, "--port", str(SMTP_PORT),
                     "--implicit-port", str(TLS_PORT), "--implicit-max", str(implicit_max),
                     "--workers", str(workers)], log_path=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open(log) as f:
            text = f.read()
        if "ready" in text:
            return [int(x) for x in re.findall(r"^worker (\d+)$", text, re.M)]
        if p.poll() is not None:
            raise proc.LabError("farmsrv exited: %s" % text[-2000:])
        time.sleep(0.1)
    raise proc.LabError("farmsrv %d not ready after 60 s" % shard)


# ---------------------------------------------------------------- measuring

def cpu_of(pids):
    """utime+stime in seconds of the processes pids (from /proc)."""
    total = 0
    for pid in pids:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_measured(argv, server_pids, stdout=subprocess.PIPE, **kw):
    """Run argv; (completed process, wall s, children CPU s, server CPU s)."""
    c0, s0, w0 = children_cpu(), cpu_of(server_pids), time.monotonic()
    res = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, text=True,
                         stdin=subprocess.DEVNULL, **kw)
    wall = time.monotonic() - w0
    return res, wall, children_cpu() - c0, cpu_of(server_pids) - s0


def nice(argv):
    return ["nice", "-n", "5"] + argv


def callgrind_split(path):
    """Total Ir of a callgrind output, and the inclusive Ir of the parts a
    check is made of: TLS handshakes (gnutls_handshake), libunbound (its
    queries and DNSSEC validation: its own thread's event_base_loop in
    builds before 2026-12, the calls into it on the caller's loop since:
    ub_resolve_event and the callbacks source_dispatch runs) and
    mxtls_verify_run. None when the file or the annotation is missing."""
    if not os.path.exists(path):
        return None
    res = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", path],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    total = re.search(r"^\s*([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", res.stdout, re.M)
    if not total:
        return None

    def incl(fn):
        best = 0                   # a function shows once per file:function line
        for m in re.finditer(r"^\s*([\d,]+) \([^)]*\)\s+\S*:%s \[" % re.escape(fn),
                             res.stdout, re.M):
            best = max(best, int(m.group(1).replace(",", "")))
        return best

    return {"total": int(total.group(1).replace(",", "")),
            "handshakes": incl("gnutls_handshake"),
            "resolver": incl("event_base_loop") or
                        incl("source_dispatch") + incl("ub_resolve_event"),
            "verify": incl("mxtls_verify_run")}


def callgrind_total(path):
    """The total Ir of a callgrind output file (its \"totals:\" line), or None."""
    try:
        with open(path) as f:
            for line in f:
                if line.startswith("totals:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def perf_counts_instructions():
    """Whether `perf stat -e instructions` counts here (a VM without a PMU
    prints <not supported>)."""
    if not shutil.which("perf"):
        return False
    res = subprocess.run(["perf", "stat", "-x", ",", "-e", "instructions", "true"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return res.returncode == 0 and re.search(r"^\d+,", res.stderr, re.M) is not None


class Bench:
    def __init__(self, args, farm, work, anchor, ca, servers):
        self.args, self.farm, self.work = args, farm, work
        self.anchor, self.ca, self.servers = anchor, ca, servers
        self.build = args.build_dir
        self.rows = {}          # name -> list of per-run dicts
        self.problems = []      # failed expectations, printed at the end

    def targets_file(self, count):
        path = os.path.join(self.work, "domains-%d.txt" % count)
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.writelines(self.farm.domain(i) + "\n" for i in range(count))
        return path

    def good_targets_file(self, count):
        """The good domains among the first count, for the mxtls runs that
        the crypto floor (which only does good hosts) is compared with."""
        path = os.path.join(self.work, "good-domains-%d.txt" % count)
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.writelines(self.farm.domain(i) + "\n" for i in self.farm.good(count))
        return path

    def expected_failures(self, count):
        return {self.farm.domain(i) for i in range(count) if self.farm.fault(i)}

    def check_lines(self, out_path, count, label, good_only=False):
        """Every target exactly once; every failure a deliberate one."""
        seen, failed = {}, set()
        with open(out_path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                seen[parts[0]] = seen.get(parts[0], 0) + 1
                if parts[1] != "MXTLS_OK" or parts[2] != "ok":
                    failed.add(parts[0])
        indexes = self.farm.good(count) if good_only else range(count)
        want = {self.farm.domain(i) for i in indexes}
        expected = set() if good_only else self.expected_failures(count)
        missing = want - set(seen)
        dup = [t for t, k in seen.items() if k != 1]
        undeliberate = failed - expected
        unnoticed = expected - failed
        ok = not (missing or dup or undeliberate or unnoticed or set(seen) - want)
        if not ok:
            self.problems.append(
                "%s: %d missing, %d duplicated, %d failed without a deliberate fault "
                "(e.g. %s), %d deliberate faults not reported"
                % (label, len(missing), len(dup), len(undeliberate),
                   sorted(undeliberate)[:3], len(unnoticed)))
        return {"lines": sum(seen.values()), "failed": len(failed),
                "undeliberate": len(undeliberate), "lines_ok": ok}

    def mxtls(self, count, conc, label, good_only=False, dns_tcp=False, wait="watch"):
        out = os.path.join(self.work, "report-%s.tsv" % label)
        targets = self.good_targets_file(count) if good_only else self.targets_file(count)
        argv = nice([os.path.join(self.build, "bench", "mxtls-batch-bench"),
                     "--dns", "%s@53" % self.farm.dns_addr, "--zone", ZONE,
                     "--anchor", self.anchor, "--ca", self.ca,
                     "--targets", targets, "--concurrency", str(conc),
                     "--out", out, "--dns-tcp", "yes" if dns_tcp else "no",
                     "--wait", wait])
        res, wall, _, server = run_measured(argv, self.servers)
        if res.returncode not in (0, 1) or not res.stdout.strip():
            self.problems.append("%s: exit %d: %s" % (label, res.returncode,
                                                      res.stderr.strip()[-500:]))
            return None
        m = json.loads(res.stdout.strip().splitlines()[-1])
        cpu, n = m["user_s"] + m["sys_s"], m["checks"]
        row = {"n": n, "wall": m["wall_s"], "rate": n / m["wall_s"],
               "cpu_per": cpu / n, "sys_per": m["sys_s"] / n, "cpu": cpu,
               "rss_kib": m["maxrss_kib"], "server": server, "server_per": server / n}
        row.update(self.check_lines(out, count, label, good_only))
        return row

    def crypto_floor(self, count, conc, dns_in_loop=False, valgrind=None):
        """bench/crypto-floor over the good domains among the first count.
        valgrind: a callgrind output file to run it under callgrind instead
        (only its measured part instrumented)."""
        path = os.path.join(self.work, "crypto-floor-%d.txt" % count)
        with open(path, "w") as f:
            f.writelines("%s %s %s\n" % (self.farm.domain(i), self.farm.host(i),
                                         self.farm.addr(i)) for i in self.farm.good(count))
        argv = [os.path.join(self.build, "bench", "crypto-floor"), "--targets", path,
                "--dns", "%s@53" % self.farm.dns_addr, "--zone", ZONE,
                "--anchor", self.anchor, "--ca", self.ca, "--port", str(TLS_PORT),
                "--concurrency", str(conc), "--dns-in-loop", "yes" if dns_in_loop else "no"]
        if valgrind:
            argv = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                    "--callgrind-out-file=" + valgrind] + argv
        res, wall, _, server = run_measured(nice(argv), self.servers)
        label = "crypto floor c=%d%s" % (conc, ", DNS in loop" if dns_in_loop else "")
        try:
            m = json.loads(res.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            self.problems.append("%s: exit %d: %s" % (label, res.returncode,
                                                      res.stderr.strip()[-500:]))
            return None
        if m["failed"]:
            self.problems.append("%s: %d of %d targets failed (%d DNSSEC, %d chain)"
                                 % (label, m["failed"], m["targets"], m["dnssec_failed"],
                                    m["chain_failed"]))
        n = m["targets"]
        cpu = m["user_s"] + m["sys_s"]
        return {"n": n, "wall": m["wall_s"], "rate": n / m["wall_s"], "cpu_per": cpu / n,
                "sys_per": m["sys_s"] / n, "cpu": cpu, "rss_kib": m["maxrss_kib"],
                "server": server, "server_per": server / n, "failed": m["failed"],
                "dnssec_per": m["dnssec_cpu_s"] / n, "chain_per": m["chain_cpu_s"] / n,
                "rrsig_per": m["rrsig_verified"] / n, "handshakes_per": m["handshakes"] / n}

    def instructions(self, count, concs):
        """Instructions per check of mxtls and per target of the crypto floor
        over the good domains among the first count: {conc: (mxtls, floor)}
        and the source (\"perf\" or \"callgrind\"), or ({}, why not).

        perf stat counts only what it can: on a machine without a PMU (a
        VM) \"instructions\" is <not supported>, and callgrind counts
        user-space instructions of the measured part instead (the batch, or
        the floor's targets; every thread), not the kernel's."""
        if perf_counts_instructions():
            return self.perf_instructions(count, concs), "perf"
        if not shutil.which("valgrind"):
            return {}, "unavailable (no perf counter, no valgrind)"
        out = {}
        for conc in concs:
            cg_m = os.path.join(self.work, "callgrind-batch-c%d.out" % conc)
            cg_f = os.path.join(self.work, "callgrind-crypto-floor-c%d.out" % conc)
            argv = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                    "--callgrind-out-file=" + cg_m,
                    os.path.join(self.build, "bench", "mxtls-batch-bench"),
                    "--dns", "%s@53" % self.farm.dns_addr, "--zone", ZONE,
                    "--anchor", self.anchor, "--ca", self.ca,
                    "--targets", self.good_targets_file(count), "--concurrency", str(conc)]
            res = subprocess.run(nice(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, stdin=subprocess.DEVNULL)
            floor = self.crypto_floor(count, conc, valgrind=cg_f)
            im, iff = callgrind_total(cg_m), callgrind_total(cg_f)
            try:
                checks = json.loads(res.stdout.strip().splitlines()[-1])["ok"]
            except (ValueError, IndexError, KeyError):
                checks = 0
            if not im or not iff or not floor or checks != len(self.farm.good(count)):
                self.problems.append("callgrind c=%d: batch exit %d (%d ok), floor %s"
                                     % (conc, res.returncode, checks,
                                        "ok" if floor else "failed"))
                continue
            out[conc] = (im / checks, iff / floor["n"])
        return out, "callgrind, %d good domains" % len(self.farm.good(count))

    def perf_instructions(self, count, concs):
        """perf stat -e instructions (user and kernel) of whole runs at two
        sizes: the difference over the difference in targets is the count
        per check, without the fixed set-up (contexts, CA, the floor's
        fetched answers)."""
        out = {}
        small = max(len(self.farm.good(count)) // 4, 1)
        for conc in concs:
            per = []
            for kind in ("mxtls", "floor"):
                counts = []
                for n in (small, count):
                    path = os.path.join(self.work, "perf-%s-%d-%d.txt" % (kind, conc, n))
                    counts.append((len(self.farm.good(n)),
                                   self.perf_run(kind, n, conc, path)))
                (n0, i0), (n1, i1) = counts
                per.append((i1 - i0) / (n1 - n0) if i0 and i1 and n1 > n0 else None)
            if None not in per:
                out[conc] = tuple(per)
        return out

    def perf_run(self, kind, count, conc, path):
        if kind == "mxtls":
            argv = [os.path.join(self.build, "bench", "mxtls-batch-bench"),
                    "--dns", "%s@53" % self.farm.dns_addr, "--zone", ZONE,
                    "--anchor", self.anchor, "--ca", self.ca,
                    "--targets", self.good_targets_file(count), "--concurrency", str(conc)]
        else:
            tf = os.path.join(self.work, "perf-floor-%d.txt" % count)
            with open(tf, "w") as f:
                f.writelines("%s %s %s\n" % (self.farm.domain(i), self.farm.host(i),
                                             self.farm.addr(i))
                             for i in self.farm.good(count))
            argv = [os.path.join(self.build, "bench", "crypto-floor"), "--targets", tf,
                    "--dns", "%s@53" % self.farm.dns_addr, "--zone", ZONE,
                    "--anchor", self.anchor, "--ca", self.ca, "--port", str(TLS_PORT),
                    "--concurrency", str(conc)]
        subprocess.run(nice(["perf", "stat", "-x", ",", "-e", "instructions", "-o", path]
                            + argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL)
        try:
            with open(path) as f:
                for line in f:
                    fields = line.split(",")
                    if len(fields) > 2 and fields[2].startswith("instructions"):
                        return int(fields[0])
        except (OSError, ValueError):
            pass
        return None

    def floor(self, count, conc):
        path = os.path.join(self.work, "floor-addrs.txt")
        with open(path, "w") as f:
            f.writelines(self.farm.addr(i) + "\n" for i in self.farm.good(count))
        argv = nice([os.path.join(self.build, "bench", "handshake-floor"),
                     "--addrs", path, "--port", str(TLS_PORT), "--concurrency", str(conc)])
        res, wall, _, server = run_measured(argv, self.servers)
        m = json.loads(res.stdout.strip().splitlines()[-1])
        if m["failed"]:
            self.problems.append("floor c=%d: %d handshakes failed" % (conc, m["failed"]))
        n = m["handshakes"]
        cpu = m["user_s"] + m["sys_s"]
        return {"n": n, "wall": m["wall_s"], "rate": n / m["wall_s"], "cpu_per": cpu / n,
                "cpu": cpu, "rss_kib": m["maxrss_kib"], "server": server,
                "server_per": server / n, "failed": m["failed"]}

    def posttls_finger(self, count, parallel):
        conf = os.path.join(self.work, "postfix")
        os.makedirs(conf, exist_ok=True)
        with open(os.path.join(conf, "main.cf"), "w") as f:
            f.write("compatibility_level = 3.6\nsmtp_dns_support_level = dnssec\n")
        resolv = os.path.join(self.work, "resolv.conf")
        with open(resolv, "w") as f:
            f.write("nameserver %s\noptions attempts:2 timeout:2\n" % self.farm.dns_addr)
        targets = os.path.join(self.work, "ptf-%d.txt" % count)
        with open(targets, "w") as f:
            f.writelines(self.farm.domain(i) + "\n" for i in self.farm.good(count))
        n = len(self.farm.good(count))
        script = ('mount --bind "$1" /etc/resolv.conf && exec xargs -a "$2" -P "$3" -n 1 '
                  'posttls-finger -c -l verify -F "$4" -L summary')
        argv = nice(["unshare", "-m", "sh", "-c", script, "sh", resolv, targets,
                     str(parallel), self.ca])
        env = dict(os.environ, MAIL_CONFIG=conf)
        res, wall, cpu, server = run_measured(argv, self.servers, env=env)
        verified = len(re.findall(r"Verified TLS connection established", res.stdout))
        if verified != n:
            self.problems.append("posttls-finger -P%d: %d of %d verified; stderr: %s"
                                 % (parallel, verified, n, res.stderr.strip()[-300:]))
        return {"n": n, "wall": wall, "rate": n / wall, "cpu_per": cpu / n, "cpu": cpu,
                "server": server, "server_per": server / n, "ok": verified}

    def gnutls_cli(self, count):
        args = os.path.join(self.work, "gnutls-cli-%d.txt" % count)
        good = self.farm.good(count)
        with open(args, "w") as f:
            for i in good:
                f.write("--verify-hostname=%s %s\n" % (self.farm.host(i), self.farm.addr(i)))
        argv = nice(["xargs", "-a", args, "-L", "1", "gnutls-cli", "--starttls-proto=smtp",
                     "--port", str(SMTP_PORT), "--x509cafile", self.ca])
        res, wall, cpu, server = run_measured(argv, self.servers)
        ok = res.stdout.count("- Handshake was completed")
        if ok != len(good):
            self.problems.append("gnutls-cli: %d of %d handshakes completed" % (ok, len(good)))
        n = len(good)
        return {"n": n, "wall": wall, "rate": n / wall, "cpu_per": cpu / n, "cpu": cpu,
                "server": server, "server_per": server / n, "ok": ok}

    def callgrind(self):
        """Instructions (Ir) of one check of a good host, split by where they
        go, and of one handshake of the floor client: {total, handshakes,
        n_handshakes, resolver, verify, floor_handshake} or None."""
        out = os.path.join(self.work, "callgrind.out")
        argv = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                "--callgrind-out-file=" + out,
                os.path.join(self.build, "bench", "mxtls-batch-bench"),
                "--dns", "%s@53" % self.farm.dns_addr, "--zone", ZONE,
                "--anchor", self.anchor, "--ca", self.ca, "--one", self.farm.domain(1),
                "--warm", self.farm.domain(2)]
        res = subprocess.run(nice(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, stdin=subprocess.DEVNULL)
        irs = callgrind_split(out)
        m = re.search(r"handshakes (\d+)", res.stdout)
        if res.returncode != 0 or not irs or not m:
            self.problems.append("callgrind: exit %d %s" % (res.returncode, res.stdout.strip()))
            return None
        irs["n_handshakes"] = int(m.group(1))
        irs["floor_handshake"] = self.callgrind_floor()
        return irs

    def callgrind_floor(self, count=10):
        """Ir per handshake of the floor client (gnutls_handshake inclusive)."""
        path = os.path.join(self.work, "floor-cg-addrs.txt")
        with open(path, "w") as f:
            f.writelines(self.farm.addr(i) + "\n" for i in self.farm.good(count))
        out = os.path.join(self.work, "callgrind-floor.out")
        argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                os.path.join(self.build, "bench", "handshake-floor"), "--addrs", path,
                "--port", str(TLS_PORT), "--concurrency", "1"]
        res = subprocess.run(nice(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, stdin=subprocess.DEVNULL)
        split = callgrind_split(out)
        try:
            ok = json.loads(res.stdout.strip().splitlines()[-1])["ok"]
        except (ValueError, IndexError, KeyError):
            ok = 0
        if res.returncode != 0 or not split or not ok:
            self.problems.append("callgrind floor: exit %d" % res.returncode)
            return None
        return split["handshakes"] / ok

    def record(self, name, row):
        if row is not None:
            self.rows.setdefault(name, []).append(row)


def median_row(rows):
    keys = [k for k, v in rows[0].items() if isinstance(v, (int, float))]
    med = {k: statistics.median(r[k] for r in rows) for k in keys}
    med["runs"] = len(rows)
    for k, v in rows[0].items():
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            med[k] = all(r[k] for r in rows) if isinstance(v, bool) else v
    return med


# ---------------------------------------------------------------- report

def fmt_ms(s):
    return "%.3f" % (s * 1e3)


def print_table(b, irs, big):
    med = {k: median_row(v) for k, v in b.rows.items()}
    print()
    print("farm: %d hosts on %s.0.0/16, 1 in %d deliberately faulty; medians of %d runs "
          "(client under nice -n 5; 2 shared cores)" % (b.farm.n, b.farm.net, FAULT_EVERY,
                                                       b.args.runs))
    head = "%-34s %6s %9s %12s %10s %12s %9s %8s" % (
        "client", "n", "checks/s", "CPU ms/check", "RSS KiB", "server ms/ck", "cli share",
        "failed")
    print(head)
    print("-" * len(head))
    for name in b.order:
        if name not in med:
            continue
        r = med[name]
        share = r["cpu"] / (r["cpu"] + r["server"]) if r["cpu"] + r["server"] else 0
        print("%-34s %6d %9.1f %12s %10s %12s %8.0f%% %8s" % (
            name, r["n"], r["rate"], fmt_ms(r["cpu_per"]),
            "%d" % r["rss_kib"] if "rss_kib" in r else "-",
            fmt_ms(r["server_per"]), 100 * share,
            "%d" % r.get("failed", r["n"] - r.get("ok", r["n"]))))
    print()
    return med


def targets(b, med, irs, big):
    print("ratios and targets")

    def get(name, key):
        return med[name][key] if name in med else None
    verdicts = []

    def line(text, ok):
        verdicts.append(ok)
        print("  %-6s %s" % ({True: "MET", False: "NOT MET", None: "n/a"}[ok], text))

    for conc, fl in ((1, "floor: handshake only, seq"), (64, "floor: handshake only, 64")):
        a, f = get("mxtls batch c=%d" % conc, "cpu_per"), get(fl, "cpu_per")
        if a and f:
            print("  info   client CPU per check / floor CPU per handshake at c=%d: %.2fx "
                  "(the old target, <= 1.5x, is replaced by the crypto floor's: a check "
                  "must do two handshakes and validate DNSSEC)" % (conc, a / f))
    for conc in FLOOR_CONCS:
        a, f = get("mxtls good c=%d" % conc, "cpu_per"), get("crypto floor c=%d" % conc,
                                                              "cpu_per")
        ins = b.instr.get(conc)
        if conc == 64 and a and f:
            line("check / crypto floor at c=64: CPU %.2fx%s (target <= 1.2x)"
                 % (a / f, ", instructions %.2fx" % (ins[0] / ins[1]) if ins else
                    ", instructions n/a"),
                 a / f <= 1.2 and (not ins or ins[0] / ins[1] <= 1.2))
    for conc in (1, 64):
        a = get("mxtls batch c=%d" % conc, "cpu_per")
        for p in (1, 64):
            pf = get("posttls-finger -P%d" % p, "cpu_per")
            if a and pf:
                line("posttls-finger -P%d CPU per check / mxtls c=%d: %.1fx (target >= 20x)"
                     % (p, conc, pf / a), pf / a >= 20)
    g, a = get("gnutls-cli, seq", "cpu_per"), get("mxtls batch c=1", "cpu_per")
    if g and a:
        print("  info   gnutls-cli CPU per host / mxtls c=1 per check: %.1fx" % (g / a))
    name = "mxtls batch c=1024"
    if name in med:
        r = med[name]
        cli_busy, srv_busy = r["cpu"] / r["wall"], r["server"] / r["wall"]
        nsrv = len(b.servers)
        line("c=1024: server busy %.0f%% of a core per process (%d process%s), client busy "
             "%.0f%% of a core, client share of farm CPU %.0f%% (target: server-bound)"
             % (100 * srv_busy / nsrv, nsrv, "es" if nsrv > 1 else "", 100 * cli_busy,
                100 * r["cpu"] / (r["cpu"] + r["server"])),
             srv_busy / nsrv > cli_busy)
    base = get("mxtls batch c=1", "rss_kib")
    for name, inflight in (("mxtls batch c=1024", min(b.domains, 1024)),
                           (b.order[3], big)):
        rss = get(name, "rss_kib")
        if rss and base and inflight and inflight < 1000:
            print("  info   peak RSS at %d in flight: %d KiB (the target is judged at 1,000 "
                  "and 10,000 in flight, where fixed costs no longer dominate)"
                  % (inflight, rss))
        elif rss and base and inflight:
            line("peak RSS at %d in flight: %d KiB = %.1f KiB per check in flight (%.1f "
                 "above c=1's %d KiB) (target <= 100)"
                 % (inflight, rss, rss / inflight, (rss - base) / inflight, base),
                 rss / inflight <= 100)
    name = b.order[3]
    if name in med:
        r = med[name]
        line("%d-line batch: %d report lines, %d failed, %d of them without a deliberate "
             "fault (target: one line each, only deliberate failures)"
             % (r["n"], r["lines"], r["failed"], r["undeliberate"]), bool(r["lines_ok"]))
    if irs:
        print_callgrind(irs, b.farm.domain(1))
    for p in b.problems:
        print("  PROBLEM " + p)
    return verdicts


FLOOR_CONCS = (1, 64, 1024)


def print_floor_table(b, med):
    """The check against the crypto floor, per concurrency: CPU per check
    (user+sys, and the kernel's part), instructions, and their ratios."""
    rows = [c for c in FLOOR_CONCS if "crypto floor c=%d" % c in med]
    if not rows:
        return
    fl = med["crypto floor c=%d" % rows[0]]
    print("crypto floor: per good domain, %.0f TLS handshakes (SNI, then none; port 465), "
          "%.2f RRSIG verifications (the distinct signed RRsets of its MX, A, AAAA, TLSA "
          "and two TXT answers, each once per run), its chain judged once; mxtls batch "
          "over the same %d good domains; CPU medians of %d runs; instructions: %s"
          % (fl["handshakes_per"], fl["rrsig_per"], fl["n"], b.args.runs, b.instr_source))
    head = "%5s %11s %11s %11s %11s %7s %11s %11s %7s" % (
        "conc", "check ms", "  kernel ms", "floor ms", "  kernel ms", "CPU x",
        "check MIr", "floor MIr", "Ir x")
    print(head)
    print("-" * len(head))
    for conc in rows:
        m, f = med.get("mxtls good c=%d" % conc), med["crypto floor c=%d" % conc]
        ins = b.instr.get(conc)
        print("%5d %11s %11s %11s %11s %7s %11s %11s %7s" % (
            conc, fmt_ms(m["cpu_per"]) if m else "-", fmt_ms(m["sys_per"]) if m else "-",
            fmt_ms(f["cpu_per"]), fmt_ms(f["sys_per"]),
            "%.2f" % (m["cpu_per"] / f["cpu_per"]) if m else "-",
            "%.2f" % (ins[0] / 1e6) if ins else "n/a", "%.2f" % (ins[1] / 1e6) if ins else "n/a",
            "%.2f" % (ins[0] / ins[1]) if ins else "n/a"))
    f = med.get("crypto floor c=64")
    if f:
        print("  floor at c=64, its parts: DNSSEC %s ms, chain %s ms, the rest (handshakes, "
              "sockets) %s ms per target" % (fmt_ms(f["dnssec_per"]), fmt_ms(f["chain_per"]),
                                            fmt_ms(f["cpu_per"] - f["dnssec_per"]
                                                   - f["chain_per"])))
    t, m = med.get("mxtls good c=64, DNS over TCP"), med.get("mxtls good c=64")
    if f and t and m:
        print("  check at c=64 with every DNS query over TCP (--dns-tcp, connections kept "
              "open): %s ms (kernel %s ms) per check, %.2fx the floor; over UDP %s ms "
              "(kernel %s ms)" % (fmt_ms(t["cpu_per"]), fmt_ms(t["sys_per"]),
                                  t["cpu_per"] / f["cpu_per"], fmt_ms(m["cpu_per"]),
                                  fmt_ms(m["sys_per"])))
    for conc in (64, 1024):
        p, w = med.get("mxtls good c=%d, poll()" % conc), med.get("mxtls good c=%d" % conc)
        if p and w:
            print("  check at c=%d waiting with poll() over every descriptor (--wait poll): "
                  "%s ms (kernel %s ms) per check; on the engine's epoll set (the default) "
                  "%s ms (kernel %s ms), %+.1f%%"
                  % (conc, fmt_ms(p["cpu_per"]), fmt_ms(p["sys_per"]), fmt_ms(w["cpu_per"]),
                     fmt_ms(w["sys_per"]), 100 * (w["cpu_per"] / p["cpu_per"] - 1)))
    d = med.get("crypto floor c=64, DNS in loop")
    if f and d:
        print("  floor at c=64 with its six DNS queries sent in the loop (blocking): %s ms "
              "(kernel %s ms) per target, %+.3f ms for the queries' I/O"
              % (fmt_ms(d["cpu_per"]), fmt_ms(d["sys_per"]), (d["cpu_per"] - f["cpu_per"]) * 1e3))
    print()


def print_callgrind(irs, domain):
    """Where one check's instructions go, against the floor's handshake: the
    part of the CPU target's gap that the check's own design accounts for."""
    m = 1e6
    t, hs, n = irs["total"], irs["handshakes"], irs["n_handshakes"]
    rest = t - hs - irs["resolver"] - irs["verify"]
    print("  info   callgrind, one check of a good host (%s, after a warm-up check of "
          "another): %.1fM Ir = %d TLS handshakes %.1fM + libunbound (queries, DNSSEC) "
          "%.1fM + verify %.1fM + the rest %.1fM" % (domain, t / m, n, hs / m,
                                                     irs["resolver"] / m, irs["verify"] / m,
                                                     rest / m))
    fh = irs.get("floor_handshake")
    if fh and n:
        print("  info   callgrind, floor client: %.2fM Ir per handshake; the check's "
              "handshakes %.2fM each; the whole check = %.1f floor handshakes, of which "
              "%.1f are its own handshakes and %.1f its DNS"
              % (fh / m, hs / n / m, t / fh, hs / fh, irs["resolver"] / fh))


# ---------------------------------------------------------------- main

def serve(b, count):
    """Print the command lines of the mxtls and crypto-floor clients over the
    good domains among the first count, then wait for an interrupt."""
    floor = os.path.join(b.work, "crypto-floor-%d.txt" % count)
    with open(floor, "w") as f:
        f.writelines("%s %s %s\n" % (b.farm.domain(i), b.farm.host(i), b.farm.addr(i))
                     for i in b.farm.good(count))
    common = ["--dns", "%s@53" % b.farm.dns_addr, "--zone", ZONE, "--anchor", b.anchor,
              "--ca", b.ca]
    mxtls = [os.path.join(b.build, "bench", "mxtls-batch-bench")] + common + [
        "--targets", b.good_targets_file(count), "--concurrency", "64",
        "--out", "/dev/null"]
    crypto = [os.path.join(b.build, "bench", "crypto-floor"), "--targets", floor] + common + [
        "--port", str(TLS_PORT), "--concurrency", "64", "--dns-in-loop", "no"]
    print("mxtls:        " + " ".join(mxtls))
    print("crypto floor: " + " ".join(crypto))
    print("serving until interrupted (Ctrl-C)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--quick", action="store_true", help="100 domains, 1000-host farm")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (medians)")
    ap.add_argument("--domains", type=int, help="domains per batch (default 1000)")
    ap.add_argument("--big", type=int, help="checks in flight of the large case "
                    "(default 10000; 0 skips it)")
    ap.add_argument("--big-runs", type=int, default=1, choices=(1, 2))
    ap.add_argument("--tool-domains", type=int,
                    help="domains for posttls-finger and gnutls-cli, which cost tens of ms "
                    "each (default 200; 100 with --quick): their per-check figures do not "
                    "depend on it")
    ap.add_argument("--workers", type=int, default=1,
                    help="worker processes per farmsrv (one farmsrv per 9,000 hosts)")
    ap.add_argument("--shards", type=int, default=0,
                    help="farmsrv processes, each serving a slice of the hosts (default: "
                    "as many as the descriptor limit needs)")
    ap.add_argument("--callgrind-domains", type=int,
                    help="domains of the callgrind runs that count a check's instructions "
                    "against the crypto floor's (default 128; 64 with --quick); they run "
                    "at each concurrency up to the good domains among them")
    ap.add_argument("--keep", metavar="DIR", help="work directory, kept afterwards")
    ap.add_argument("--serve", action="store_true",
                    help="start the farm, print the client command lines (for perf, strace "
                    "or callgrind by hand) and keep it up until interrupted; measure nothing")
    args = ap.parse_args()
    args.domains = args.domains or (100 if args.quick else 1000)
    args.big = (1000 if args.quick else 10000) if args.big is None else args.big
    args.tool_domains = args.tool_domains or min(args.domains, 200)
    args.callgrind_domains = args.callgrind_domains or (64 if args.quick else 128)
    args.build_dir = os.path.abspath(args.build_dir)
    n_hosts = max(args.domains, args.big, args.tool_domains, args.callgrind_domains)
    farm = Farm(n_hosts, farm_net())
    work = args.keep or tempfile.mkdtemp(prefix="mxtls-farm-")
    os.makedirs(work, exist_ok=True)
    verdicts = []
    try:
        with proc.ProcGroup() as group:
            t0 = time.monotonic()
            pki = certs.Pki(os.path.join(work, "certs"))
            leaf = pki.leaf("farm", ["*." + FARM], key="ecdsa")
            anchor = start_dns(group, farm, os.path.join(work, "dns"))
            servers = start_farmsrv(group, farm, args.build_dir, work, leaf,
                                    max(args.domains, args.callgrind_domains),
                                    args.workers, args.shards)
            print("farm up in %.1f s: %d hosts, nsd on %s, farmsrv workers %s"
                  % (time.monotonic() - t0, farm.n, farm.dns_addr, servers), flush=True)
            b = Bench(args, farm, work, anchor, pki.root, servers)
            b.domains = args.domains
            if args.serve:
                return serve(b, args.domains)
            b.order = ["mxtls batch c=1", "mxtls batch c=64", "mxtls batch c=1024",
                       "mxtls batch 10000 in flight", "floor: handshake only, seq",
                       "floor: handshake only, 64", "posttls-finger -P1",
                       "posttls-finger -P64", "gnutls-cli, seq"]
            b.order[3] = "mxtls batch %d in flight" % args.big
            b.record("mxtls batch c=1", b.mxtls(args.domains, 1, "warmup"))
            b.rows.clear()                 # the first run warms caches; drop it
            for run in range(args.runs):
                for conc in (1, 64, 1024):
                    b.record("mxtls batch c=%d" % conc,
                             b.mxtls(args.domains, conc, "c%d-%d" % (conc, run)))
                b.record("floor: handshake only, seq", b.floor(args.domains, 1))
                b.record("floor: handshake only, 64", b.floor(args.domains, 64))
                b.record("posttls-finger -P1", b.posttls_finger(args.tool_domains, 1))
                b.record("posttls-finger -P64", b.posttls_finger(args.tool_domains, 64))
                b.record("gnutls-cli, seq", b.gnutls_cli(args.tool_domains))
                for conc in FLOOR_CONCS:
                    b.record("mxtls good c=%d" % conc,
                             b.mxtls(args.domains, conc, "good-c%d-%d" % (conc, run),
                                     good_only=True))
                    b.record("crypto floor c=%d" % conc, b.crypto_floor(args.domains, conc))
                for conc in (64, 1024):
                    b.record("mxtls good c=%d, poll()" % conc,
                             b.mxtls(args.domains, conc, "good-poll-c%d-%d" % (conc, run),
                                     good_only=True, wait="poll"))
                b.record("mxtls good c=64, DNS over TCP",
                         b.mxtls(args.domains, 64, "good-tcp-%d" % run, good_only=True,
                                 dns_tcp=True))
                b.record("crypto floor c=64, DNS in loop",
                         b.crypto_floor(args.domains, 64, dns_in_loop=True))
                print("run %d done at %.0f s" % (run + 1, time.monotonic() - t0), flush=True)
            if args.big:
                for run in range(args.big_runs):
                    b.record(b.order[3], b.mxtls(args.big, args.big, "big-%d" % run))
            irs = b.callgrind()
            b.instr, b.instr_source = b.instructions(
                args.callgrind_domains, [c for c in FLOOR_CONCS
                                         if c <= len(farm.good(args.callgrind_domains))])
            med = print_table(b, irs, args.big)
            print_floor_table(b, med)
            verdicts = targets(b, med, irs, args.big if args.big else 0)
            print("total %.0f s" % (time.monotonic() - t0))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if not b.problems else 1


if __name__ == "__main__":
    sys.exit(main())
