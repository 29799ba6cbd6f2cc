#!/usr/bin/env python3
"""How much of a story's wording is "common" (its 9-byte shingles in >= K other stories) as a
store grows, for real stories and for DedupBench's scale-set model.
  scripts/common-share.py [--k 8] [DEV_DIR]   (default ../shared/corpus/dedup-dev)
Real: the originals of wire-short (role "original": 701 article texts of WCXB, one text per
story, as CommonMinima counts: reprints do not count), in corpus order, story lines only. Model: stories built
as ScaleSet builds its bases (6-20 pool paragraphs of 12-150 words, 30% of words replaced by
words drawn from the pool), from the same dev texts. All shingles are counted (the index
counts bin minima, a uniform sample of them). Prints, at each store size N (stories), the
mean share of a story's shingles found in >= K earlier-or-later stories of the first N."""
import json, os, random, sys
from collections import Counter

args = sys.argv[1:]
k = int(args[args.index("--k") + 1]) if "--k" in args else 8
rest = [a for i, a in enumerate(args) if a != "--k" and (i == 0 or args[i - 1] != "--k")]
dev = rest[0] if rest else os.path.join(os.path.dirname(__file__), "../../shared/corpus/dedup-dev")

def norm(t): return " ".join(t.lower().split()).encode()
def shingles(t):
    b = norm(t)
    return {b[i:i + 9] for i in range(max(1, len(b) - 8))}

def story_text(t):  # StoryText's rule, roughly: >= 30 words, or >= 8 ending like a sentence
    keep = [l for l in t.split("\n") if len(l.split()) >= 30 or (len(l.split()) >= 8 and l.rstrip()[-1:] in '.!?"\u201d')]
    return "\n".join(keep)
short = [json.loads(line) for line in open(os.path.join(dev, "wire-short.jsonl"))]
real = [t for t in (story_text(d["text"]) for d in short if d.get("role") == "original") if t]

pool, lines = [], set()
for line in open(os.path.join(dev, "wire-copies.jsonl")):
    for p in json.loads(line)["text"].split("\n"):
        if 12 <= len(p.split(" ")) <= 150 and p not in lines:
            lines.add(p); pool.append(p.split(" "))
vocab = [w for p in pool for w in p]
rng = random.Random(42)
def model_story():
    return story_text("\n".join(" ".join(rng.choice(vocab) if rng.random() < 0.3 else w for w in rng.choice(pool))
                     for _ in range(rng.randint(6, 20))))

def shares(texts, sizes):
    sets = [shingles(t) for t in texts]
    out = []
    for n in sizes:
        df = Counter()
        for s in sets[:n]: df.update(s)
        # >= k other stories: df counts the story itself too
        out.append(sum(sum(df[x] > k for x in s) / len(s) for s in sets[:n]) / n)
    return out

sizes = [n for n in (125, 250, 500) if n < len(real)] + [len(real)]
model = [model_story() for _ in range(max(sizes) * 4)]
print(f"share of a story's shingles in >= {k} other stories, mean over the first N stories")
print("N stories   real (wire-short originals, WCXB)     scale-set model")
for n, r, m in zip(sizes, shares(real, sizes), shares(model, sizes)):
    print(f"{n:9d}   {r:35.3f}   {m:15.3f}")
msizes = [len(real) * 2, len(real) * 4]
for n, m in zip(msizes, shares(model, msizes)):
    print(f"{n:9d}   {'-':>35}   {m:15.3f}")
