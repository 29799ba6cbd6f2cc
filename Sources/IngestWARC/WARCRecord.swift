/// One WARC record (ISO 28500, WARC/1.1): named header fields in their order, and the block.
///
///     var record = WARCRecord(type: .resource, headers: [("WARC-Target-URI", "https://example.com/")],
///                             block: Array("hello".utf8))
///     record["WARC-Date"] = "2026-12-04T06:00:01Z"
///     let bytes = record.serialized()    // "WARC/1.1\r\n…Content-Length: 5\r\n\r\nhello\r\n\r\n"
///
/// `Content-Length` is not kept in `headers`: it is always the block's length, written by
/// `serialized()` and checked by the reader.
public struct WARCRecord: Sendable, Equatable {
    /// The record types of WARC/1.1 §6.
    public enum RecordType: String, Sendable, CaseIterable {
        case warcinfo, response, resource, request, metadata, revisit, conversion, continuation
    }

    /// The version line without its CRLF (`WARC/1.1`; a reader keeps what it read, e.g. `WARC/1.0`).
    public var version: String
    /// Header fields in order, names as written (matched without case).
    public var headers: [(name: String, value: String)]
    /// The content block (for `response` and `request`: the whole HTTP message).
    public var block: [UInt8]

    /// A record of `type`; `WARC-Type` is the first header, `headers` follow it.
    public init(type: RecordType, headers: [(name: String, value: String)] = [], block: [UInt8] = []) {
        self.init(version: "WARC/1.1", headers: [("WARC-Type", type.rawValue)] + headers, block: block)
    }

    /// A record exactly as read.
    public init(version: String, headers: [(name: String, value: String)], block: [UInt8]) {
        self.version = version
        self.headers = headers
        self.block = block
    }

    /// The first value of a header (case-insensitive name); setting replaces it or appends it.
    public subscript(name: String) -> String? {
        get { headers.first { $0.name.caseInsensitiveEquals(name) }?.value }
        set {
            let index = headers.firstIndex { $0.name.caseInsensitiveEquals(name) }
            switch (index, newValue) {
            case let (index?, value?): headers[index].value = value
            case let (index?, nil): headers.remove(at: index)
            case let (nil, value?): headers.append((name, value))
            case (nil, nil): break
            }
        }
    }

    /// `WARC-Type`, or nil when missing or not a WARC/1.1 type.
    public var type: RecordType? { self["WARC-Type"].flatMap { RecordType(rawValue: $0.lowercased()) } }
    /// `WARC-Target-URI` (a WARC/1.0 writer may wrap it in `<…>`; those are dropped).
    public var targetURI: String? {
        guard let uri = self["WARC-Target-URI"] else { return nil }
        return uri.hasPrefix("<") && uri.hasSuffix(">") ? String(uri.dropFirst().dropLast()) : uri
    }
    /// `WARC-Date` as written (ISO 8601 UTC, W3C profile).
    public var date: String? { self["WARC-Date"] }
    /// `WARC-Record-ID` (`<urn:uuid:…>`).
    public var recordID: String? { self["WARC-Record-ID"] }
    /// `Content-Type` of the block.
    public var contentType: String? { self["Content-Type"] }

    public static func == (lhs: WARCRecord, rhs: WARCRecord) -> Bool {
        lhs.version == rhs.version && lhs.block == rhs.block && lhs.headers.count == rhs.headers.count
            && zip(lhs.headers, rhs.headers).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { asciiLower($0) == asciiLower($1) }
    }
}

@inline(__always) func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}
