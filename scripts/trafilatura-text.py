#!/usr/bin/env python3
"""trafilatura's main text (favor_recall, its best mode on this set) for every dev page, as
score-extract's prediction lines, so both tools are scored by halves in one run. A page it
returns nothing for counts as refused (kind "not-article").  Needs trafilatura (in a venv).

  python trafilatura-text.py CORPUS_DIR > PRED.jsonl
  python3 scripts/halves.py text PRED.jsonl CORPUS_DIR
"""
import glob, json, os, sys
import trafilatura

for path in sorted(glob.glob(os.path.join(sys.argv[1], "pages", "*.html"))):
    html = open(path, encoding="utf-8", errors="replace").read()
    text = trafilatura.extract(html, favor_recall=True) or ""
    print(json.dumps({"id": os.path.basename(path)[:-5], "text": text, "kind": "article" if text else "not-article"}))
