"""Requests per second of the search results page, measured with wrk on loopback.

    uv run python benchmarks/http_throughput.py [--url http://127.0.0.1:8811] [--seconds 30] [--connections 8]

Start the server first, on the data to measure, for example
`GONGKAI_HOME=/tmp/laws uv run gongkai serve --port 8811`. Two runs follow:

- hot: one popular query (行政复议) requested again and again, as when many people follow the
  same link; after the first request the results come from the cache;
- mixed: the 580 STARD questions in turn (every connection walks the list), so most requests
  are searches the server has not seen; run it against a freshly started server.

Needs wrk (apt-get install wrk). Prints wrk's summary for each run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT.parent / "shared" / "eval" / "stard_dev.jsonl"
HOT_QUERY = "行政复议"

WALK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local counter = 0
setup = function(thread) thread:set("offset", counter * 97); counter = counter + 1 end
local index = 0
request = function()
  index = index + 1
  return wrk.format("GET", paths[((index + offset) %% #paths) + 1])
end
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8811", help="Base URL of the running server.")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    arguments = parser.parse_args()

    if shutil.which("wrk") is None:
        sys.stderr.write("wrk is not installed: apt-get install wrk\n")
        return 2
    if not QUESTIONS.exists():
        sys.stderr.write(f"{QUESTIONS} is absent: the evaluation data must sit in ../shared/eval beside the checkout.\n")
        return 2

    common = ["wrk", "-t2", f"-c{arguments.connections}", f"-d{arguments.seconds}s"]
    print(f"== hot: /search/?q={HOT_QUERY}", flush=True)
    subprocess.run([*common, f"{arguments.url}/search/?{urlencode({'q': HOT_QUERY})}"], check=True)

    questions = [json.loads(line)["query"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        paths = Path(folder) / "paths.txt"
        paths.write_text("".join(f"/search/?{urlencode({'q': question})}\n" for question in questions), encoding="utf-8")
        script = Path(folder) / "walk.lua"
        script.write_text(WALK_SCRIPT % paths, encoding="utf-8")
        print(f"== mixed: {len(questions)} STARD questions in turn", flush=True)
        subprocess.run([*common, "-s", str(script), arguments.url], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
