#!/usr/bin/env python3
"""Validate mxtls report JSON documents (mxtls_report_json(), mxtls-check
--json) against doc/report-schema.json.

    validate_report.py [--schema SCHEMA] FILE...

Prints each document's errors and exits 1 if any document is invalid, 2 on
bad usage or an unreadable file. Importable: validate(document, schema)
returns the error messages. Needs python3-jsonschema (Debian 12: 4.10,
which knows draft 2020-12)."""
import argparse
import json
import os
import sys

import jsonschema

DEFAULT_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                              "doc", "report-schema.json")
# mxtls-check --batch lines that are no report (doc/report-json.md)
ERROR_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                            "doc", "error-schema.json")


def load_schema(path=DEFAULT_SCHEMA):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def validate(document, schema):
    """The schema violations in document, as 'path: message' strings."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", default=None,
                        help="default: doc/report-schema.json, or doc/error-schema.json "
                             "for a document whose schema is mxtls-error/1")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    try:
        schema = load_schema(args.schema or DEFAULT_SCHEMA)
        error_schema = schema if args.schema else load_schema(ERROR_SCHEMA)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"validate_report: schema {args.schema}: {e}", file=sys.stderr)
        return 2
    bad = 0
    for path in args.files:
        try:
            with open(path, "rb") as f:
                # strict UTF-8: invalid bytes from a server must not survive
                document = json.loads(f.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            print(f"{path}: not a JSON document: {e}")
            bad += 1
            continue
        is_error = isinstance(document, dict) and document.get("schema") == "mxtls-error/1"
        errors = validate(document, error_schema if is_error else schema)
        for message in errors:
            print(f"{path}: {message}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
