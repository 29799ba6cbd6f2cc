#!/usr/bin/env python3
"""Helpers for the dev-corpus scripts: the tune half is the pages with an even id, the
report half those with an odd one.

  halves.py ids                     ingest extract JSON lines on stdin -> {"id", ...} lines
  halves.py meta PRED CORPUS [--detail]   author/date per half with the corpus's scorer
"""
import json, os, sys


def half(page_id):
    return "tune" if int(page_id) % 2 == 0 else "report"


def ids():
    for line in sys.stdin:
        r = json.loads(line)
        r["id"] = os.path.basename(r.pop("input"))[:-5]
        print(json.dumps(r))


def meta(pred_path, corpus, detail):
    sys.path.insert(0, corpus)
    from score_meta import author_ok, date_ok
    truth = [json.loads(l) for l in open(os.path.join(corpus, "ground-truth.jsonl")) if l.strip()]
    pred = {r["id"]: r for r in map(json.loads, open(pred_path))}
    print("%-7s %-16s %-16s" % ("half", "author", "published"))
    for name in ("tune", "report", "all"):
        rows = [t for t in truth if name == "all" or half(t["id"]) == name]
        cells = []
        for field, ok in (("author", author_ok), ("published", date_ok)):
            having = [t for t in rows if t.get(field)]
            right = sum(1 for t in having if ok(pred.get(t["id"], {}).get(field), t[field]))
            cells.append("%d/%d = %.3f" % (right, len(having), right / len(having) if having else 0))
        print("%-7s %-16s %-16s" % (name, *cells))
    if detail:
        for t in truth:
            if half(t["id"]) != "tune":
                continue
            p = pred.get(t["id"], {})
            for field, ok in (("author", author_ok), ("published", date_ok)):
                if t.get(field) and not ok(p.get(field), t[field]):
                    print("miss", t["id"], field, repr(p.get(field)), "truth:", repr(t[field]))


if __name__ == "__main__":
    if sys.argv[1] == "ids":
        ids()
    else:
        meta(sys.argv[2], sys.argv[3], "--detail" in sys.argv[4:])
