# Writes Tests/Fixtures/warc/warcio-pages.warc.gz with warcio 1.7 (what the fixture was made with).
import io, sys
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders
html = """<html><head><meta charset="windows-1251"><title>Ferry</title></head><body><article><h1>Ferry</h1><p>Caf\u00e9 na\u00efve text of a ferry story with enough words in it.</p></article></body></html>"""
with open(sys.argv[1], 'wb') as out:
    w = WARCWriter(out, gzip=True, warc_version='WARC/1.1')
    w.write_record(w.create_warcinfo_record('pages.warc.gz', {'software': 'warcio'}))
    def resp(url, status, ctype, body, date):
        headers = StatusAndHeaders(status, [('Content-Type', ctype)], protocol='HTTP/1.1')
        rec = w.create_warc_record(url, 'response', payload=io.BytesIO(body), http_headers=headers,
                                   warc_headers_dict={'WARC-Date': date})
        w.write_record(rec)
    resp('http://example.com/ferry.html', '200 OK', 'text/html; charset=iso-8859-1', html.encode('latin-1'), '2026-11-01T10:00:00Z')
    resp('http://example.com/gone.html', '404 Not Found', 'text/html', b'<html>gone</html>', '2026-11-01T10:00:01Z')
    resp('http://example.com/logo.png', '200 OK', 'image/png', b'\x89PNG\r\n\x1a\n', '2026-11-01T10:00:02Z')
