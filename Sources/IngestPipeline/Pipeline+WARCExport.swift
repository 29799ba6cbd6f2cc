import Foundation
import IngestCore
import IngestDiscover
import IngestStore
import IngestWARC

/// What `Pipeline.exportWARC` wrote.
public struct WARCExportCounts: Sendable, Equatable {
    /// Copies exported, and those among them with no raw answer for their latest revision
    /// (they get only conversion and metadata records).
    public var copies = 0
    public var copiesWithoutRaw = 0
    /// Records written, their bytes before compression, and the file's bytes.
    public var records = 0
    public var recordBytes = 0
    public var bytesWritten = 0
}

extension Pipeline {
    /// Writes the copies that `options` keeps (its filters, `includeDeleted`) of the store at
    /// `directory` as WARC/1.1, one gzip member per record, to `output` (a path, replaced
    /// atomically once complete, or nil for stdout): a `warcinfo` record first, then per copy
    /// a `request` and a `response` record for each raw answer the store keeps of it (see
    /// `keepRaw`), a `conversion` record with its extracted text (`WARC-Refers-To` the
    /// response of its latest revision) and a `metadata` record with its story and fields.
    /// `gzip: false` writes plain WARC (no compression: the fastest export, for a pipe).
    public static func exportWARC(store directory: String, _ options: ExportOptions, to output: String?, gzip: Bool = true,
                                  software: String, skippingDamaged: ((DamagedLine) -> Void)? = nil) throws -> WARCExportCounts {
        var captures: [String: [RawCapture]] = [:]
        try Store.forEachRawCapture(directory: directory) { captures[$0.copy, default: []].append($0) }
        let file = try output.map { path in try storeIO { try OutputFile(path) } }
        let fd = file?.descriptor ?? 1
        // zlib's fastest level: about 2.5 times the speed of its default, files about 15 % larger.
        let writer = WARCWriter(fileDescriptor: fd, path: file?.writingPath ?? "stdout", gzip: gzip, level: 1)
        var counts = WARCExportCounts()
        // Queued records are compressed on worker threads while the next ones are built
        // (`WARCWriter.queue`: bounded, in order); `finish` writes what is left.
        func write(_ record: WARCRecord) throws {
            try storeIO { try writer.queue(record) }
            counts.records += 1
        }
        let now = Timestamp.string(Date())
        try write(WARCArchive.warcinfo(software: software, date: now, filename: output.map { ($0 as NSString).lastPathComponent }))
        try Store.forEachExportedCopy(directory: directory, options, skippingDamaged: skippingDamaged) { revision, story in
            counts.copies += 1
            var latestResponse: String?
            for capture in captures[revision.id] ?? [] {
                guard let gzip = Store.rawBody(directory: directory, digest: capture.body),
                      let body = try? Gunzip.inflate([UInt8](gzip), limit: max(capture.length, 1)) else { continue }
                let records = WARCArchive.records(capture, body: body)
                for record in records { try write(record) }
                if capture.contentHash == revision.contentHash { latestResponse = records.last?.recordID }
            }
            if latestResponse == nil { counts.copiesWithoutRaw += 1 }
            try write(WARCArchive.conversion(revision, refersTo: latestResponse))
            try write(WARCArchive.metadata(revision, story: story, refersTo: latestResponse))
        }
        try storeIO { try writer.finish() }
        try storeIO { try file?.commit() }
        counts.recordBytes = writer.recordBytes
        counts.bytesWritten = writer.bytesWritten
        return counts
    }
}

/// A failed write or rename reported as the store reports its own (exit 1, naming the path).
private func storeIO<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let failure as SystemCallError { throw StoreError(failure) }
}

/// The records of a WARC export, built from store records (pure).
enum WARCArchive {
    static func warcinfo(software: String, date: String, filename: String?) -> WARCRecord {
        let fields = [("software", software), ("format", "WARC File Format 1.1"),
                      ("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
                      ("description", "ingest store export: request, response, conversion (extracted text) and metadata records per copy")]
        let block = Array(fields.map { "\($0): \($1)\r\n" }.joined().utf8)
        var headers: [(name: String, value: String)] = [("WARC-Record-ID", recordID("warcinfo", date, filename ?? "")), ("WARC-Date", date)]
        if let filename { headers.append(("WARC-Filename", filename)) }
        headers += [("Content-Type", "application/warc-fields"), ("WARC-Block-Digest", WARCDigest.sha1(block))]
        return WARCRecord(type: .warcinfo, headers: headers, block: block)
    }

    /// The records of one raw answer: `request` and `response` for an http(s) URL; a saved
    /// file (`file:` URL) was not an HTTP exchange, so it is one `resource` record of its bytes.
    static func records(_ capture: RawCapture, body: [UInt8]) -> [WARCRecord] {
        let scheme = URLComponents(string: capture.finalURL)?.scheme?.lowercased()
        if scheme == "http" || scheme == "https" {
            let (request, response) = exchange(capture, body: body)
            return [request, response]
        }
        let type = capture.headers.first { $0.first == "content-type" }?.last ?? "text/html"
        return [WARCRecord(type: .resource, headers: [
            ("WARC-Record-ID", recordID("resource", capture.copy, capture.fetched, capture.body)),
            ("WARC-Date", capture.fetched), ("WARC-Target-URI", capture.finalURL), ("Content-Type", type),
            ("WARC-Payload-Digest", capture.body), ("WARC-Block-Digest", capture.body),
        ], block: body)]
    }

    /// The `request` and `response` records of one raw answer. The body is written decoded, as
    /// kept. The response head kept with it is written as received, but for the lines about
    /// codings that were removed (`decodedHead`); the request head as sent. A capture kept
    /// before heads were (no `head`/`request`) gets them rebuilt: `HTTP/1.1`, the standard
    /// reason phrase and its header pairs without the codings, `content-length` the body's
    /// length; the request line and `Host` from the URL.
    static func exchange(_ capture: RawCapture, body: [UInt8]) -> (request: WARCRecord, response: WARCRecord) {
        let target = capture.finalURL
        let responseID = recordID("response", capture.copy, capture.fetched, capture.body)
        let requestID = recordID("request", capture.copy, capture.fetched, capture.body)
        let requestBlock = capture.requestBytes ?? {
            let parts = URLComponents(string: target)
            let path = (parts?.percentEncodedPath).flatMap { $0.isEmpty ? nil : $0 } ?? "/"
            let query = parts?.percentEncodedQuery.map { "?" + $0 } ?? ""
            let host = parts?.host.map { host in parts?.port.map { "\(host):\($0)" } ?? host } ?? ""
            return Array("GET \(path)\(query) HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8)
        }()
        let responseHead = capture.headBytes.map { decodedHead($0, bodyLength: body.count) } ?? {
            var head = "HTTP/1.1 \(capture.status) \(reasonPhrase(capture.status))\r\n"
            for pair in capture.headers where pair.count == 2
                && !["content-encoding", "transfer-encoding", "content-length"].contains(pair[0]) {
                head += "\(pair[0]): \(pair[1].replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))\r\n"
            }
            return Array((head + "content-length: \(body.count)\r\n\r\n").utf8)
        }()
        let responseBlock = responseHead + body
        var common: [(name: String, value: String)] = [("WARC-Date", capture.fetched), ("WARC-Target-URI", target)]
        if let ip = capture.ip { common.append(("WARC-IP-Address", ip)) }
        let request = WARCRecord(type: .request, headers: [("WARC-Record-ID", requestID)] + common + [
            ("WARC-Concurrent-To", responseID), ("Content-Type", "application/http; msgtype=request"),
            ("WARC-Block-Digest", WARCDigest.sha1(requestBlock)),
        ], block: requestBlock)
        let response = WARCRecord(type: .response, headers: [("WARC-Record-ID", responseID)] + common + [
            ("Content-Type", "application/http; msgtype=response"),
            ("WARC-Payload-Digest", capture.body), ("WARC-Block-Digest", WARCDigest.sha1(responseBlock)),
        ], block: responseBlock)
        return (request, response)
    }

    /// A response head as received, for the body as kept (decoded): every line as it came, but
    /// a `Content-Encoding` or `Transfer-Encoding` other than `identity`, and a `Content-Length`
    /// that is not the kept body's length, are renamed `X-Crawler-<name>` (as Common Crawl
    /// writes a decoded payload, so that readers do not decode it again and the payload digest
    /// holds), followed by the body's `Content-Length`; one is added at the end when a coding
    /// was renamed and there was none (a chunked answer).
    static func decodedHead(_ head: [UInt8], bodyLength: Int) -> [UInt8] {
        let renamed = Array("X-Crawler-".utf8), length = Array("Content-Length: \(bodyLength)\r\n".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(head.count + 64)
        var lineStart = head.startIndex, codingRenamed = false, lengthWritten = false
        while lineStart < head.endIndex {
            let lineEnd = head[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? head.endIndex
            let line = head[lineStart..<lineEnd]
            defer { lineStart = lineEnd }
            if line.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) {  // the empty line that ends the head
                if codingRenamed && !lengthWritten { out += length }
                out += line
                continue
            }
            // The status line and folded continuation lines are no fields of their own.
            guard lineStart > head.startIndex, line.first != 0x20, line.first != 0x09,
                  let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                out += line
                continue
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            switch name {
            case "content-encoding", "transfer-encoding":
                let identity = value.lowercased() == "identity"
                out += (identity ? [] : renamed) + line
                codingRenamed = codingRenamed || !identity
            case "content-length":
                if Int(value) == bodyLength || lengthWritten {
                    out += (Int(value) == bodyLength ? [] : renamed) + line
                } else {
                    out += renamed + line + length
                }
                lengthWritten = true
            default:
                out += line
            }
        }
        return out
    }

    /// The extracted text of a copy's latest revision.
    static func conversion(_ revision: CopyRevision, refersTo: String?) -> WARCRecord {
        derived(.conversion, of: revision, refersTo: refersTo, contentType: "text/plain; charset=utf-8",
                block: Array(revision.text.utf8))
    }

    /// The copy's story and fields as `application/warc-fields` (one line each; absent ones left out).
    static func metadata(_ revision: CopyRevision, story: String, refersTo: String?) -> WARCRecord {
        let meta = revision.metadata
        let fields: [(String, String?)] = [
            ("story", story), ("copy", revision.id), ("title", meta.title), ("author", meta.author),
            ("published", meta.published), ("modified", meta.modified), ("first-seen", revision.firstSeen),
            ("updated", revision.updated), ("revision", String(revision.revision)), ("site", meta.site),
            ("language", meta.language), ("source", revision.source), ("content-hash", revision.contentHash),
            ("deleted", revision.deleted ? "true" : nil),
        ]
        let text = fields.compactMap { name, value in
            value.map { "\(name): \($0.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))\r\n" }
        }.joined()
        return derived(.metadata, of: revision, refersTo: refersTo, contentType: "application/warc-fields",
                       block: Array(text.utf8))
    }

    /// A record made from a copy revision (its text or its fields), dated by the revision and
    /// pointing at the capture it came from, if kept.
    private static func derived(_ type: WARCRecord.RecordType, of revision: CopyRevision, refersTo: String?,
                                contentType: String, block: [UInt8]) -> WARCRecord {
        var headers: [(name: String, value: String)] = [
            ("WARC-Record-ID", recordID(type.rawValue, revision.id, revision.contentHash)), ("WARC-Date", revision.updated),
            ("WARC-Target-URI", revision.url),
        ]
        if let refersTo { headers.append(("WARC-Refers-To", refersTo)) }
        headers += [("Content-Type", contentType), ("WARC-Block-Digest", WARCDigest.sha1(block))]
        return WARCRecord(type: type, headers: headers, block: block)
    }

    /// A name-based UUID (version 5 layout over SHA-1, RFC 9562) of the parts: the same store
    /// exports the same record ids.
    static func recordID(_ parts: String...) -> String {
        var bytes = WARCDigest.sha1Bytes(Array(("ingest:" + parts.joined(separator: "|")).utf8)).prefix(16)
        bytes[bytes.startIndex + 6] = bytes[bytes.startIndex + 6] & 0x0F | 0x50
        bytes[bytes.startIndex + 8] = bytes[bytes.startIndex + 8] & 0x3F | 0x80
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return "<urn:uuid:\(groups.joined(separator: "-"))>"
    }

    static func reasonPhrase(_ status: Int) -> String {
        [200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 206: "Partial Content"][status] ?? ""
    }
}
