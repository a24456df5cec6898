#!/usr/bin/python3
"""Validate SARIF files against the SARIF 2.1.0 JSON schema.

Usage: /usr/bin/python3 tests/sarif_validate.py FILE...

The schema is ../shared/schemas/sarif-schema-2.1.0.json relative to the
repository root (the parent of this script's directory); the environment
variable SARIF_SCHEMA overrides it. The validator class is the one the
schema's "$schema" draft calls for; formats are checked where jsonschema can.

Prints "FILE: valid", or "FILE: PATH: message" for each error (PATH is a
JSON path such as $.runs[0].results[2].locations). Exit status: 0 when every
file is valid, 1 when one is not (or cannot be read), 2 on a usage error or
an unusable schema.
"""

import json
import os
import sys

try:
    import jsonschema
    from jsonschema.validators import validator_for
except ImportError:
    sys.stderr.write("sarif_validate: python3-jsonschema is not installed for %s\n" % sys.executable)
    sys.exit(2)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SCHEMA = os.path.join(REPO_ROOT, "..", "shared", "schemas", "sarif-schema-2.1.0.json")


def json_path(parts):
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += "[%d]" % p
        elif p.isidentifier():
            out += "." + p
        else:
            out += "[%s]" % json.dumps(p)
    return out


def load_validator(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = validator_for(schema, default=jsonschema.Draft4Validator)
    cls.check_schema(schema)
    checker = getattr(cls, "FORMAT_CHECKER", None)
    return cls(schema, format_checker=checker)


def validate_file(validator, path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("%s: cannot load: %s" % (path, e))
        return False
    errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        print("%s: valid" % path)
        return True
    for e in errors:
        print("%s: %s: %s" % (path, json_path(e.absolute_path), e.message))
        # anyOf/oneOf failures: say which branch came closest.
        best = jsonschema.exceptions.best_match(e.context) if e.context else None
        if best is not None:
            print("%s:   %s: %s" % (path, json_path(best.absolute_path), best.message))
    return False


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: %s FILE...\n" % argv[0])
        return 2
    schema_path = os.environ.get("SARIF_SCHEMA") or DEFAULT_SCHEMA
    try:
        validator = load_validator(schema_path)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write("sarif_validate: schema %s: %s\n" % (schema_path, e))
        return 2
    ok = True
    for path in argv[1:]:
        ok = validate_file(validator, path) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
