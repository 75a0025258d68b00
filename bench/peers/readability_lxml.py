"""Times readability-lxml over the benchmark pages: reads ids from stdin, writes JSON to the path in argv[2]."""
import gzip
import json
import os
import sys
import time

import lxml.html
from readability import Document


def main() -> None:
    folder, out_path = sys.argv[1], sys.argv[2]
    ids = [line.strip() for line in sys.stdin if line.strip()]
    pages = [(i, gzip.open(os.path.join(folder, "html", i + ".html.gz")).read().decode("utf-8")) for i in ids]
    texts, failures = {}, 0
    cpu, wall = time.process_time(), time.perf_counter()
    for page_id, html in pages:
        try:
            summary = Document(html).summary()
            texts[page_id] = lxml.html.fromstring(summary).text_content()
        except Exception:  # a peer's failure on one page is counted, not fatal
            failures += 1
            texts[page_id] = ""
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump({"cpu_seconds": cpu, "wall_seconds": wall, "failures": failures, "texts": texts}, out)


main()
