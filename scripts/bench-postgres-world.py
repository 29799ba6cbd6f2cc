#!/usr/bin/env python3
"""A loopback news world for scripts/bench-postgres: SITES sites on consecutive ports of
127.0.0.1, each with an RSS feed of its ARTICLES/SITES articles (every tenth one a wire copy
of another site's article with a changed last line), answered after LATENCY seconds, with
ETags (If-None-Match -> 304). Each request is appended to LOG as "port path status start end"
(Unix seconds) when it is answered, and the most requests in flight at once per site is written
to LOG.max on exit.

    bench-postgres-world.py FIRST_PORT SITES ARTICLES LATENCY_MS LOG
"""
import hashlib, random, signal, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

first_port, sites, articles, latency_ms, log_path = (int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]),
                                                      int(sys.argv[4]), sys.argv[5])
words = ("harbour council storm ferry budget school river museum festival railway minister court police "
         "hospital election market harvest winter coast bridge orchestra volunteers strike energy report").split()
per_site = articles // sites


def text(seed):
    rng = random.Random(seed)
    return ["{}.".format(" ".join(rng.choice(words) for _ in range(60)).capitalize()) for _ in range(5)]


pages = {}  # (site, path) -> html
for site in range(sites):
    items = []
    for i in range(per_site):
        n = site * per_site + i
        paragraphs = text(n)
        if i % 10 == 9:  # a wire copy of an article of the next site, its last line changed
            paragraphs = text(((site + 1) % sites) * per_site + i - 1)[:-1] + ["Reporting by the wire desk {}.".format(site)]
        path = "/news/{}-story-number-{}".format(words[n % len(words)], n)
        title = "Story {} from site {}".format(n, site)
        pages[(site, path)] = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{t}</title></head>'
                               '<body><article><h1>{t}</h1><p class="byline">By Staff Reporter</p>{p}</article>'
                               '</body></html>').format(t=title, p="".join("<p>{}</p>".format(x) for x in paragraphs))
        items.append('<item><title>{}</title><link>http://127.0.0.1:{}{}</link></item>'.format(title, first_port + site, path))
    pages[(site, "/feed.xml")] = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Site {}</title>{}</channel></rss>'
                                  .format(site, "".join(items)))

lock = threading.Lock()
in_flight = [0] * sites
most = [0] * sites
log = open(log_path, "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The headers and the body are two writes: with Nagle's algorithm the body waits for the
    # client's (delayed, ~40 ms on Linux) ACK of the headers, which made every answer take
    # ~85 ms instead of the 50 ms of latency meant here.
    disable_nagle_algorithm = True

    def do_GET(self):
        site = self.server.server_address[1] - first_port
        start = time.time()
        with lock:
            in_flight[site] += 1
            most[site] = max(most[site], in_flight[site])
        try:
            threading.Event().wait(latency_ms / 1000)
            body = pages.get((site, self.path.split("?")[0]))
            if body is None:
                status, data, etag = 404, b"not found", None
            else:
                data = body.encode()
                etag = '"{}"'.format(hashlib.sha1(data).hexdigest()[:16])
                status = 304 if self.headers.get("If-None-Match") == etag else 200
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            ctype = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", "0" if status == 304 else str(len(data)))
            self.end_headers()
            if status != 304:
                self.wfile.write(data)
            log.write("{} {} {} {:.4f} {:.4f}\n".format(first_port + site, self.path, status, start, time.time()))
        finally:
            with lock:
                in_flight[site] -= 1

    def log_message(self, *args):
        pass


servers = [ThreadingHTTPServer(("127.0.0.1", first_port + s), Handler) for s in range(sites)]
for server in servers:
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()


def stop(*_):
    with open(log_path + ".max", "w") as out:
        out.write(" ".join(map(str, most)) + "\n")
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
print("ready", flush=True)
signal.pause()
