#!/usr/bin/env python3
"""The conformance suite: mxtls's parsers and matchers against other
implementations' test vectors and the RFCs' own examples (issue 20).

Every vector in vectors/*.jsonl is run through the conformance driver (the
real parsers, see driver.c). A vector agrees when each key of its "expect"
equals mxtls's answer. A disagreement must be recorded in differences.jsonl
with the RFC sentence that decides it; an unrecorded one fails the suite,
and so does a recorded one that no longer differs (the record went stale).

    run.py DRIVER [--verbose] [--kind KIND] [--report]

--report prints the agreement per kind and per source, and lists every
recorded difference, for a closing note.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "vectors")
DIFFERENCES = os.path.join(HERE, "differences.jsonl")


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not JSON: {e}")
    return out


def load_vectors(kind_filter):
    vectors = []
    for name in sorted(os.listdir(VECTORS)):
        if name.endswith(".jsonl"):
            for v in read_jsonl(os.path.join(VECTORS, name)):
                v["_file"] = name
                if kind_filter is None or v.get("kind") == kind_filter:
                    vectors.append(v)
    seen = set()
    for v in vectors:
        for key in ("id", "kind", "expect", "source"):
            if key not in v:
                sys.exit(f"{v['_file']}: a vector without {key!r}: {v}")
        if v["id"] in seen:
            sys.exit(f"{v['_file']}: duplicate id {v['id']}")
        seen.add(v["id"])
    return vectors


def hexarg(value):
    if isinstance(value, bytes):
        return value.hex()
    return value.encode("utf-8").hex()


def input_bytes(v):
    if "input_hex" in v:
        return bytes.fromhex(v["input_hex"])
    return v["input"]


def tlsa_hex(rec):
    usage, selector, mtype, data = rec
    return bytes([usage, selector, mtype]).hex() + data.lower()


def request(v):
    """The driver line for a vector: KIND TAB hex-args."""
    k = v["kind"]
    if k in ("sts-txt-set", "tlsrpt-txt-set"):
        args = [hexarg(t) for t in v["inputs"]]
    elif k == "mx-pattern":
        args = [hexarg(v["pattern"]), hexarg(v["host"])]
    elif k == "cert-name":
        args = [hexarg(v["pattern"]), hexarg(v["reference"])]
    elif k == "dane":
        args = [hexarg(v.get("reference", "")), hexarg("".join(v["certs_pem"]))]
        args += [tlsa_hex(r) for r in v["tlsa"]]
    else:
        args = [hexarg(input_bytes(v))]
    return "\t".join([k] + args)


def normalise(kind, key, value):
    """Forms that peers write differently but mean the same."""
    if key == "mx" and isinstance(value, list):
        return [m.lower() for m in value]
    if key == "mode" and isinstance(value, str):
        return value.lower()
    if key == "data" and isinstance(value, str):
        return value.lower()
    if key == "auth" and isinstance(value, list):
        return sorted(a.upper() for a in value)
    if key == "name" and isinstance(value, str):
        return value.lower().rstrip(".") or "."
    return value


def compare(v, ours):
    """The keys of expect on which mxtls answers otherwise: {key: ours}."""
    if "error" in ours:
        return {"error": ours["error"]}
    out = {}
    for key, want in v["expect"].items():
        if key not in ours and want is False and key != "valid":
            continue                    # an absent flag is false
        got = ours.get(key)
        if normalise(v["kind"], key, got) != normalise(v["kind"], key, want):
            out[key] = got
    return out


def run_driver(driver, vectors):
    lines = "".join(request(v) + "\n" for v in vectors)
    proc = subprocess.run([driver], input=lines.encode(), capture_output=True, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"driver exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    answers = proc.stdout.decode("latin-1").splitlines()
    if len(answers) != len(vectors):
        sys.exit(f"driver answered {len(answers)} of {len(vectors)} requests")
    return [json.loads(a) for a in answers]


def source_name(v):
    src = v["source"]
    return src.get("repo", "?")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("driver")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--kind")
    args = ap.parse_args()

    vectors = load_vectors(args.kind)
    recorded = {d["id"]: d for d in read_jsonl(DIFFERENCES)} if os.path.exists(DIFFERENCES) else {}
    for d in recorded.values():
        if not d.get("rfc") or not d.get("why"):
            sys.exit(f"differences.jsonl: {d['id']} needs the RFC sentence and why")
    answers = run_driver(args.driver, vectors)

    per_kind = collections.defaultdict(lambda: [0, 0])
    per_source = collections.defaultdict(lambda: [0, 0])
    unexplained, stale, explained = [], [], []
    ids = set()
    for v, ours in zip(vectors, answers):
        ids.add(v["id"])
        diff = compare(v, ours)
        agree = not diff
        per_kind[v["kind"]][0] += agree
        per_kind[v["kind"]][1] += 1
        per_source[source_name(v)][0] += agree
        per_source[source_name(v)][1] += 1
        rec = recorded.get(v["id"])
        if rec is None and diff:
            unexplained.append((v, ours, diff))
        elif rec is not None and not diff:
            stale.append(v)
        elif rec is not None:
            explained.append((v, rec))
        if args.verbose and diff:
            print(f"DIFF {v['id']}: expect {v['expect']} ours {diff}")
    missing = sorted(set(recorded) - ids) if args.kind is None else []

    total = sum(n for _, n in per_kind.values())
    agreed = sum(a for a, _ in per_kind.values())
    print(f"conformance: {total} vectors, {agreed} agree "
          f"({100.0 * agreed / max(total, 1):.1f}%), {len(explained)} recorded differences")
    for kind in sorted(per_kind):
        a, n = per_kind[kind]
        print(f"  {kind:16} {n:4} vectors  {a:4} agree  {100.0 * a / n:5.1f}%")
    if args.report:
        print("per source:")
        for src in sorted(per_source):
            a, n = per_source[src]
            print(f"  {src:40} {n:4} vectors  {a:4} agree")
        print("recorded differences:")
        for v, rec in explained:
            print(f"  {v['id']} [{v['kind']}]: {rec['why']} -- {rec['rfc']}")
    status = 0
    for v, ours, diff in unexplained:
        print(f"FAIL {v['id']} ({v['_file']}): the peer expects {v['expect']}, "
              f"mxtls answers {diff}")
        status = 1
    for v in stale:
        print(f"FAIL {v['id']}: recorded as a difference, but mxtls now agrees: "
              f"drop it from differences.jsonl")
        status = 1
    for i in missing:
        print(f"FAIL differences.jsonl names {i}, which no vector has")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
