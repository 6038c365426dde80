"""Check a running Open Referral UK 3.0 API with the independent client (testsupport/oruk_client).

    python scripts/oruk_check.py http://127.0.0.1:8000/openreferral/
    python scripts/oruk_check.py http://127.0.0.1:8000/openreferral/ --details 20

Needs only the standard library and jsonschema; reads the profile's schemas from
opensend/directory/oruk_schema/ (no internet). Prints what it checked and every problem; exits 1
if there was one, 2 if the address is not an http(s) address.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from testsupport.oruk_client import check, urllib_fetch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "base", help="the API's / address, e.g. http://127.0.0.1:8000/openreferral/"
    )
    parser.add_argument(
        "--details", type=int, default=None, help="open only the first N of each {id} endpoint"
    )
    args = parser.parse_args()
    if not args.base.startswith(("http://", "https://")):
        print("The address must start with http:// or https://", file=sys.stderr)
        return 2
    report = check(args.base, urllib_fetch(), details=args.details)
    print(report.text())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
