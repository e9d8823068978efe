"""Refresh the GraphiQL page's assets from the npm registry, so the served IDE needs no CDN.

    python scripts/vendor_graphiql.py                      # the versions pinned below
    python scripts/vendor_graphiql.py --graphiql 3.8.3 --react 18.2.0

Runs `npm pack` for graphiql and react/react-dom (the registry's tarballs, checked by npm against
their published integrity), keeps only the browser builds the page loads (GraphiQL's UMD bundle and
CSS, React's production UMD builds) and each package's LICENSE, and writes them to
src/govorg/api/static/graphiql/ with VENDORED.json recording each package's version, its npm
integrity and each file's SHA-256 (the tests check the served files against it).

GraphiQL 3.x is the last line with a standalone UMD build over React's UMD globals (4.x moved to
ES modules and Monaco web workers). React 18 is the last React shipping `umd/` builds.
Source-map comments are removed: the maps are not vendored, and a browser with developer tools
open would otherwise ask for them.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "govorg" / "api" / "static" / "graphiql"
GRAPHIQL = "3.8.3"
REACT = "18.2.0"

# (package, file inside the tarball's package/ folder, name served)
FILES = (
    ("graphiql", "graphiql.min.js", "graphiql.min.js"),
    ("graphiql", "graphiql.min.css", "graphiql.min.css"),
    ("graphiql", "LICENSE", "LICENSE.graphiql"),
    ("react", "umd/react.production.min.js", "react.production.min.js"),
    ("react", "LICENSE", "LICENSE.react"),
    ("react-dom", "umd/react-dom.production.min.js", "react-dom.production.min.js"),
    ("react-dom", "LICENSE", "LICENSE.react-dom"),
)
SOURCE_MAP = re.compile(rb"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ ?\*/)\s*$")


def npm_pack(spec: str, into: Path) -> tuple[Path, dict[str, str]]:
    """The package's tarball, fetched by npm from the configured registry, and npm's own record of it."""
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(into)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)[0]
    return into / info["filename"], {
        "version": info["version"],
        "integrity": info["integrity"],
        "tarball": f"https://registry.npmjs.org/{info['name']}/-/{info['name']}-{info['version']}.tgz",  # unscoped names
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graphiql", default=GRAPHIQL, help="graphiql version (3.x)")
    parser.add_argument("--react", default=REACT, help="react and react-dom version (18.x)")
    args = parser.parse_args()
    versions = {"graphiql": args.graphiql, "react": args.react, "react-dom": args.react}
    OUT.mkdir(parents=True, exist_ok=True)
    packages: dict[str, dict[str, str]] = {}
    written: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        tarballs: dict[str, tarfile.TarFile] = {}
        for package, version in versions.items():
            path, packages[package] = npm_pack(f"{package}@{version}", Path(tmp))
            tarballs[package] = stack.enter_context(tarfile.open(path))
        for package, inside, served in FILES:
            member = tarballs[package].extractfile(f"package/{inside}")
            if member is None:
                raise SystemExit(f"{package}: no file package/{inside} in the tarball")
            data = member.read()
            if served.endswith((".js", ".css")):
                data = SOURCE_MAP.sub(b"\n", data)
            (OUT / served).write_bytes(data)
            written[served] = {"package": package, "from": inside, "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {"packages": packages, "files": written}
    (OUT / "VENDORED.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(FILES)} files and VENDORED.json to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
