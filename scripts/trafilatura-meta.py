#!/usr/bin/env python3
"""trafilatura's author and date for every dev page, as score-meta's prediction lines, so
both tools are scored in one run.  Needs trafilatura (pip install trafilatura, in a venv).

  python trafilatura-meta.py CORPUS_DIR > PRED.jsonl
"""
import glob, json, os, sys
import trafilatura

for path in sorted(glob.glob(os.path.join(sys.argv[1], "pages", "*.html"))):
    html = open(path, encoding="utf-8", errors="replace").read()
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    get = (lambda k: getattr(doc, k, None)) if doc is not None and not isinstance(doc, dict) else (lambda k: (doc or {}).get(k))
    print(json.dumps({"id": os.path.basename(path)[:-5], "author": get("author"), "published": get("date")}))
