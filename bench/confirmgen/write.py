"""Write a generated template set to disk: ``python -m bench.confirmgen --seed 2 --pages 200
--out DIR`` gives ``DIR/<id>.html`` per page and ``DIR/truth.jsonl`` (one line per page:
id, url, file and the truth). The same seed always gives the same bytes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.confirmgen.generate import generate


def main(argv: list[str] | None = None) -> int:
    """Generate ``--pages`` pages of ``--seed`` into ``--out``."""
    parser = argparse.ArgumentParser(prog="python -m bench.confirmgen", description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for page in generate(args.seed, args.pages):
            name = f"{page['id']}.html"
            (args.out / name).write_text(page["html"], encoding="utf-8")
            fh.write(json.dumps({"id": page["id"], "url": page["url"], "file": name,
                                 **page["truth"]}, ensure_ascii=False) + "\n")
    print(f"{args.pages} pages of seed {args.seed} in {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
