#!/usr/bin/env python3
"""Helpers for the dev-corpus scripts. The tune part is the pages whose id is not 3 modulo 4,
the report part (a quarter) those whose id is. Until 2026-12-06 the split was even ids /
odd ids; by then every rule had seen the odd ids' aggregate figures, so ids 1 mod 4 joined
the tune part and the report figure is taken on ids 3 mod 4 only. The "odd" row keeps the
old report half comparable.

  halves.py ids                     ingest extract JSON lines on stdin -> {"id", ...} lines
  halves.py meta PRED CORPUS [--detail]   author/date per half with the corpus's scorer
  halves.py text PRED CORPUS [--worst N]  text F1 per half on the article pages, and the
                                          not-article decision on kinds.jsonl and on articles
"""
import json, os, sys


def half(page_id):
    return "report" if int(page_id) % 4 == 3 else "tune"


def in_set(name, page_id):
    return name == "all" or (name == "odd" and int(page_id) % 2 == 1) or half(page_id) == name


SETS = ("tune", "report", "odd", "all")


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
    for name in SETS:
        rows = [t for t in truth if in_set(name, t["id"])]
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


def text(pred_path, corpus, worst):
    sys.path.insert(0, corpus)
    from score import aggregate, page_counts
    truth = {t["id"]: t for t in map(json.loads, open(os.path.join(corpus, "ground-truth.jsonl"))) if t}
    kinds = {k["id"]: k for k in map(json.loads, open(os.path.join(corpus, "kinds.jsonl"))) if k}
    pred = {r["id"]: r for r in map(json.loads, open(pred_path))}
    counts = {i: page_counts(t["text"], pred.get(i, {}).get("text", "")) for i, t in truth.items()}
    print("%-7s %5s %-7s %-7s %-7s" % ("half", "pages", "P", "R", "F1"))
    for name in SETS:
        ids = [i for i in sorted(truth) if in_set(name, i)]
        p, r, f = aggregate([counts[i] for i in ids])
        print("%-7s %5d %.4f  %.4f  %.4f" % (name, len(ids), p, r, f))
    refused = lambda i: pred.get(i, {}).get("kind") != "article"
    hits = [i for i in kinds if refused(i)]
    wrong = [i for i in truth if refused(i)]
    print("not-article pages (kinds.jsonl) called not-article: %d/%d = %.3f"
          % (len(hits), len(kinds), len(hits) / len(kinds)))
    for name in SETS[:3]:
        ids = [i for i in kinds if in_set(name, i)]
        print("  %-7s %d/%d" % (name, sum(1 for i in ids if refused(i)), len(ids)))
    print("article pages called not-article: %d/%d = %.3f" % (len(wrong), len(truth), len(wrong) / len(truth)))
    for i in sorted(wrong):
        if half(i) == "tune":
            print("  tune   %s %s" % (i, pred.get(i, {}).get("reason")))
    print("  (report-part ids: %s)" % " ".join(sorted(i for i in wrong if half(i) == "report")))
    missed = sorted(i for i in kinds if not refused(i) and half(i) == "tune")
    print("tune-part not-articles kept as articles: %s" % " ".join("%s(%s)" % (i, kinds[i]["page_type"]) for i in missed))
    rows = []
    for i in sorted(truth):
        if half(i) != "tune":
            continue
        tp, fp, fn = counts[i]
        prec = tp / (tp + fp) if tp + fp else 0
        rec = tp / (tp + fn) if tp + fn else 0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0
        rows.append((f1, prec, rec, i, pred.get(i, {}).get("kind"), pred.get(i, {}).get("reason")))
    rows.sort()
    print("worst tune-part pages:")
    for row in rows[:worst]:
        print("  %.3f P%.3f R%.3f %s %s %s" % row)


if __name__ == "__main__":
    if sys.argv[1] == "ids":
        ids()
    elif sys.argv[1] == "text":
        args = sys.argv[4:]
        text(sys.argv[2], sys.argv[3], int(args[args.index("--worst") + 1]) if "--worst" in args else 15)
    else:
        meta(sys.argv[2], sys.argv[3], "--detail" in sys.argv[4:])
