#!/usr/bin/env python3
"""The Python peer of `ingest sync` for scripts/bench-sync: what a user would write instead.

Reads feeds.json, discovers article URLs (feedparser for RSS/Atom, json for JSON Feed,
ElementTree for sitemaps, lxml for HTML section pages), then in a ThreadPoolExecutor of the
configured concurrency downloads each article (urllib3, keep-alive), extracts it with
trafilatura and clusters it with datasketch MinHash-LSH (128 permutations, word 5-shingles,
threshold 0.5); writes one JSON line per article. Prints a JSON summary line.
    bench-sync-peer.py FEEDS_JSON OUT_JSONL [--limit N]
"""
import argparse, json, sys, threading, time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin, urlparse

import feedparser, lxml.html, trafilatura, urllib3
from datasketch import MinHash, MinHashLSH


def discover(http, source):
    body = http.request("GET", source["url"]).data
    kind = source.get("kind", "auto")
    if kind == "jsonfeed":
        return [item["url"] for item in json.loads(body)["items"]]
    if kind == "sitemap":
        urls, queue = [], [body]
        while queue:
            root = ET.fromstring(queue.pop())
            for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
                if root.tag.endswith("sitemapindex"):
                    queue.append(http.request("GET", loc.text.strip()).data)
                else:
                    urls.append(loc.text.strip())
        return urls
    if kind == "html":
        page = lxml.html.fromstring(body)
        host = urlparse(source["url"]).netloc
        links = (urljoin(source["url"], a.get("href", "")) for a in page.iter("a"))
        return [u for u in links if urlparse(u).netloc == host and urlparse(u).path.rstrip("/").split("/")[-1].count("-") >= 2]
    return [entry.link for entry in feedparser.parse(body).entries]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("feeds")
    parser.add_argument("out")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    config = json.load(open(args.feeds))
    concurrency = config.get("settings", {}).get("concurrency", 16)
    http = urllib3.PoolManager(maxsize=concurrency, headers={"User-Agent": "python-peer/1.0"})

    start = time.monotonic()
    per_source = [discover(http, source) for source in config["sources"]]
    # Interleaved across hosts, as the peer's pool would naturally spread them.
    urls, seen = [], set()
    for row in range(max(map(len, per_source))):
        for links in per_source:
            if row < len(links) and links[row] not in seen:
                seen.add(links[row]); urls.append(links[row])
    if args.limit:
        urls = urls[: args.limit]

    lsh, lock, stories = MinHashLSH(threshold=0.5, num_perm=128), threading.Lock(), {}
    out = open(args.out, "w")

    def handle(url):
        html = http.request("GET", url).data.decode("utf-8", "replace")
        doc = trafilatura.extract(html, url=url, with_metadata=True, output_format="json")
        if not doc:
            return
        record = json.loads(doc)
        words = (record.get("text") or "").split()
        minhash = MinHash(num_perm=128)
        for i in range(max(1, len(words) - 4)):
            minhash.update(" ".join(words[i:i + 5]).encode())
        with lock:
            match = lsh.query(minhash)
            story = stories[match[0]] if match else url
            stories[url] = story
            lsh.insert(url, minhash)
            out.write(json.dumps({"url": url, "story": story, "title": record.get("title"), "text": record.get("text")}) + "\n")

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(handle, urls))
    out.close()
    seconds = time.monotonic() - start
    print(json.dumps({"pages": len(urls), "stored": len(stories), "story_count": len(set(stories.values())),
                      "seconds": round(seconds, 2), "pages_per_second": round(len(urls) / seconds, 1)}))


if __name__ == "__main__":
    sys.exit(main())
