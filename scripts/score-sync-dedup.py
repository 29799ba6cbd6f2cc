#!/usr/bin/env python3
"""Scores the stories a sync made on the SyncBench world against the world's truth.jsonl.

    score-sync-dedup.py TRUTH_JSONL PRED_JSONL [--name NAME] [--detail N]

TRUTH: {"url", "story"} per article (SyncBench generate writes it beside the host folders).
PRED: {"url", "story"} per copy (`ingest export --copies`, or the Python peer's output);
an article missing from PRED counts as a story of its own. Prints one line per half and one
for all: pairwise precision / recall / F1 over same-story article pairs, and the false merges:
predicted stories that hold more than one gold story, the gold stories they join, and the
article pairs joined across gold stories. The tune half is the gold stories whose number is
even, the report half the odd ones (a predicted story is scored on the articles of the half).
With --detail N, the first N false merges with their URLs.
"""
import argparse, collections, json


def pairs(n):
    return n * (n - 1) // 2


def score(gold, pred):
    """gold, pred: url -> story id, over the same urls."""
    by_pred = collections.defaultdict(list)
    for url in gold:
        by_pred[pred[url]].append(url)
    gold_sizes = collections.Counter(gold.values())
    joint = collections.Counter((gold[u], pred[u]) for u in gold)
    true_pairs = sum(pairs(n) for n in joint.values())
    pred_pairs = sum(pairs(len(m)) for m in by_pred.values())
    gold_pairs = sum(pairs(n) for n in gold_sizes.values())
    p = true_pairs / pred_pairs if pred_pairs else 1.0
    r = true_pairs / gold_pairs if gold_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    mixed = [m for m in by_pred.values() if len({gold[u] for u in m}) > 1]
    joined = sum(len({gold[u] for u in m}) for m in mixed)
    return {"articles": len(gold), "gold_stories": len(gold_sizes), "stories": len(by_pred),
            "P": p, "R": r, "F1": f, "false_merges": len(mixed), "gold_stories_joined": joined,
            "false_pairs": pred_pairs - true_pairs, "missed_pairs": gold_pairs - true_pairs, "mixed": mixed}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("truth")
    parser.add_argument("pred")
    parser.add_argument("--name", default="")
    parser.add_argument("--detail", type=int, default=0)
    args = parser.parse_args()
    gold = {r["url"]: r["story"] for r in map(json.loads, open(args.truth)) if r}
    pred = {}
    for line in open(args.pred):
        if line.strip():
            r = json.loads(line)
            pred[r["url"]] = r["story"]
    unknown = sum(1 for u in pred if u not in gold)
    missing = sum(1 for u in gold if u not in pred)
    for u in gold:
        pred.setdefault(u, "missing:" + u)
    number = lambda story: int(story.rsplit("-", 1)[1])
    name = args.name + " " if args.name else ""
    for half in ("tune", "report", "all"):
        keep = {u: s for u, s in gold.items() if half == "all" or (number(s) % 2 == 0) == (half == "tune")}
        s = score(keep, pred)
        print("%s%-6s P %.4f R %.4f F1 %.4f; false merges %d (joining %d gold stories, %d article pairs); "
              "%d missed pairs; %d articles, %d gold stories, %d stories%s" % (
                  name, half, s["P"], s["R"], s["F1"], s["false_merges"], s["gold_stories_joined"], s["false_pairs"],
                  s["missed_pairs"], s["articles"], s["gold_stories"], s["stories"],
                  "; %d articles not in the prediction, %d predicted URLs not in the world" % (missing, unknown)
                  if half == "all" and (missing or unknown) else ""))
    for m in score(gold, pred)["mixed"][: args.detail]:
        print("  false merge: " + ", ".join("%s (%s)" % (u, gold[u]) for u in sorted(m, key=gold.get)))


if __name__ == "__main__":
    main()
