import Foundation
import IngestCore

/// A page as fetched, kept with `settings.keepRaw` / `ingest import --keep-raw`: the answer's
/// status, headers, request and final URL, fetch time and remote address, and its body by
/// digest (`raw/bodies/<digest>.gz`, shared by every capture of identical bytes).
/// One line of `raw/captures.jsonl`.
public struct RawCapture: Codable, Sendable, Equatable {
    /// The copy whose revision this fetch produced, and that revision's content hash.
    public var copy: String
    public var contentHash: String
    /// The URL requested, and the one that answered (after redirects).
    public var url: String
    public var finalURL: String
    public var status: Int
    /// Response header fields as `[name, value]` pairs (names lower-cased, as the fetcher keeps them).
    public var headers: [[String]]
    /// When the answer was received (ISO 8601 UTC).
    public var fetched: String
    /// The address the answer came from, when known.
    public var ip: String?
    /// The body's digest (`sha1:` base32, as WARC's `WARC-Payload-Digest`) and its length.
    public var body: String
    public var length: Int
    /// The response's status line and header lines as received, and the request head as sent
    /// (`head`, `request` in JSON), each byte as the character of the same number (ISO 8859-1),
    /// so that any header byte survives JSON. Nil in captures kept before they were recorded.
    public var head: String?
    public var request: String?

    enum CodingKeys: String, CodingKey {
        case copy, contentHash = "content_hash", url, finalURL = "final_url", status, headers, fetched, ip, body, length,
             head, request
    }

    public init(copy: String, contentHash: String, url: String, finalURL: String, status: Int, headers: [[String]],
                fetched: String, ip: String?, body: String, length: Int, head: [UInt8]? = nil, request: [UInt8]? = nil) {
        self.copy = copy; self.contentHash = contentHash; self.url = url; self.finalURL = finalURL
        self.status = status; self.headers = headers; self.fetched = fetched; self.ip = ip
        self.body = body; self.length = length
        self.head = head.map(Self.latin1); self.request = request.map(Self.latin1)
    }

    /// The response head's bytes, when kept.
    public var headBytes: [UInt8]? { head.map(Self.bytes) }
    /// The request head's bytes, when kept.
    public var requestBytes: [UInt8]? { request.map(Self.bytes) }

    private static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// A character above U+00FF (a hand-edited line) cannot be a byte; it is dropped.
    private static func bytes(_ latin1: String) -> [UInt8] {
        latin1.unicodeScalars.compactMap { $0.value < 256 ? UInt8($0.value) : nil }
    }
}

/// Raw captures live in `raw/`, beside the record files and outside their validation: a
/// store without `raw/` is complete (keeping raw pages is optional).
extension Store {
    static let rawFolder = "raw", rawCaptures = "raw/captures.jsonl", rawBodies = "raw/bodies"

    /// The path of a body file: its digest's base32 part (A–Z, 2–7: safe in a file name).
    static func rawBodyPath(directory: String, digest: String) -> String {
        directory + "/" + rawBodies + "/" + digest.replacingOccurrences(of: "sha1:", with: "") + ".gz"
    }

    /// Stores a body (`compressed` makes its gzip form, called only when needed) under its digest, unless a body with that
    /// digest is there already. Written to a temp file, `fsync`ed and renamed before this
    /// returns: a capture that names it is only appended afterwards, so no capture ever names
    /// a body that is not whole.
    public func putRawBody(digest: String, compressed: () -> Data) throws {
        precondition(access == .write, "writing to a store opened for reading")
        let path = Self.rawBodyPath(directory: directory, digest: digest)
        if FileManager.default.fileExists(atPath: path) { return }
        try StoreError.io {
            if !FileManager.default.fileExists(atPath: directory + "/" + Self.rawBodies) {
                try FileManager.default.createDirectory(atPath: directory + "/" + Self.rawBodies, withIntermediateDirectories: true)
                try POSIXIO.fsyncDirectory(of: directory + "/" + Self.rawBodies)
                try POSIXIO.fsyncDirectory(of: directory + "/" + Self.rawFolder)
            }
            try AtomicFile.write(compressed(), to: path)
        }
    }

    /// Appends captures (one write and `fsync`), after their bodies were put.
    public func append(rawCaptures captures: [RawCapture]) throws {
        guard !captures.isEmpty else { return }
        let file = try RecordFile(appendingAt: directory + "/" + Self.rawCaptures)
        try file.append(try captures.map { try encoder.encode($0) })
    }

    /// Every capture of the store at `directory`, in the order written (a torn last line is
    /// ignored; a damaged line is an error naming it).
    public static func forEachRawCapture(directory: String, _ body: (RawCapture) throws -> Void) throws {
        let file = try RecordFile(readingAt: directory + "/" + rawCaptures)
        let decoder = JSONDecoder()
        try file.forEachRecord("raw capture", decode: { try? decoder.decode(RawCapture.self, from: Data($0)) }) { _, _, capture in
            try body(capture)
        }
    }

    /// The gzip bytes of a body, or nil when the store has none under that digest.
    public static func rawBody(directory: String, digest: String) -> Data? {
        FileManager.default.contents(atPath: rawBodyPath(directory: directory, digest: digest))
    }

    /// Bytes held in `raw/` (captures and bodies).
    var rawBytes: Int64 {
        let root = directory + "/" + Self.rawFolder
        guard let files = FileManager.default.enumerator(atPath: root) else { return 0 }
        var total: Int64 = 0
        for case let name as String in files {
            if let size = (try? FileManager.default.attributesOfItem(atPath: root + "/" + name))?[.size] as? Int,
               (try? FileManager.default.attributesOfItem(atPath: root + "/" + name))?[.type] as? FileAttributeType == .typeRegular {
                total += Int64(size)
            }
        }
        return total
    }

    /// Compaction of `raw/`, after the copies were compacted: keeps the captures of each
    /// copy's latest revision (the ones an export uses), then removes bodies no capture names.
    /// The captures file is replaced atomically first, so a crash leaves at worst bodies that
    /// nothing names (removed by the next compaction), never a capture without its body.
    func compactRaw() throws {
        let path = directory + "/" + Self.rawCaptures
        guard FileManager.default.fileExists(atPath: path) else { return }
        var kept: [RawCapture] = []
        try Self.forEachRawCapture(directory: directory) { capture in
            if let entry = copyIndex[StableKey(capture.copy)], entry.contentHash == StableKey(capture.contentHash) {
                kept.append(capture)
            }
        }
        let writer = try StoreError.io { try AtomicFile.Writer(replacing: path) }
        for capture in kept { try StoreError.io { try writer.write(try encoder.encode(capture) + Data([0x0A])) } }
        try StoreError.io { try writer.commit() }
        let named = Set(kept.map { Self.rawBodyPath(directory: directory, digest: $0.body) })
        let folder = directory + "/" + Self.rawBodies
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !named.contains(folder + "/" + name) {
            unlink(folder + "/" + name)
        }
    }
}
