/// The HTTP message in the block of a `response` (or `request`) record: start line, header
/// fields (names lower-cased, repeated fields joined with ", ", as the fetcher keeps them)
/// and the body as it was on the wire.
///
///     let message = HTTPMessage(parsing: record.block)
///     message?.status            // 200
///     message?.headers["content-type"]
///     try message?.decodedBody() // chunked transfer coding removed
public struct HTTPMessage: Sendable, Equatable {
    /// The first line (`HTTP/1.1 200 OK`, or `GET /path HTTP/1.1`).
    public var startLine: String
    /// Header fields, lower-cased names.
    public var headers: [String: String]
    /// The body bytes as recorded (still chunked if `transfer-encoding` says so).
    public var body: ArraySlice<UInt8>

    /// The status code of a response's start line, nil for a request or a malformed line.
    public var status: Int? {
        let parts = startLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
        return Int(parts[1])
    }

    /// Parses a block; nil when it has no header section ending in an empty line.
    public init?(parsing block: [UInt8]) {
        let end: Int
        let separatorLength: Int
        if let crlf = block.withUnsafeBufferPointer({ WARCFraming.find(WARCFraming.crlfcrlf, in: $0, limit: 1 << 20) }) {
            (end, separatorLength) = (crlf, 4)
        } else if let lf = block.withUnsafeBufferPointer({ WARCFraming.find([0x0A, 0x0A], in: $0, limit: 1 << 20) }) {
            (end, separatorLength) = (lf, 2)  // bare LF line ends, as some tools write
        } else {
            return nil
        }
        var lines = block[0..<end].split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self) }[...]
        guard let first = lines.popFirst(), !first.isEmpty else { return nil }
        var fields: [(String, String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].1 += " " + line.trimmingSpaces
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]).trimmingSpaces.lowercased(), String(line[line.index(after: colon)...]).trimmingSpaces))
            }
        }
        var headers: [String: String] = [:]
        for (name, value) in fields { headers[name] = headers[name].map { "\($0), \(value)" } ?? value }
        self.init(startLine: first, headers: headers, body: block[(end + separatorLength)...])
    }

    /// A message from its parts.
    public init(startLine: String, headers: [String: String], body: ArraySlice<UInt8>) {
        self.startLine = startLine
        self.headers = headers
        self.body = body
    }

    /// The body with a chunked transfer coding removed (other bodies as they are).
    public func decodedBody() throws(HTTPMessageError) -> [UInt8] {
        guard headers["transfer-encoding"]?.lowercased().contains("chunked") == true else { return Array(body) }
        return try Self.dechunk(body)
    }

    /// The data of a chunked body (RFC 9112 §7.1); chunk extensions and trailers ignored.
    static func dechunk(_ body: ArraySlice<UInt8>) throws(HTTPMessageError) -> [UInt8] {
        var out: [UInt8] = []
        var index = body.startIndex
        while true {
            guard let lineEnd = body[index...].firstIndex(of: 0x0A) else { throw .badChunk }
            let sizeField = body[index..<lineEnd].prefix { $0 != 0x3B && $0 != 0x0D && $0 != 0x20 }
            guard let size = Int(String(decoding: sizeField, as: UTF8.self), radix: 16), size >= 0 else { throw .badChunk }
            index = lineEnd + 1
            if size == 0 { return out }
            guard body.endIndex - index >= size else { throw .badChunk }
            out.append(contentsOf: body[index..<index + size])
            index += size
            if index < body.endIndex, body[index] == 0x0D { index += 1 }
            if index < body.endIndex, body[index] == 0x0A { index += 1 }
        }
    }
}

/// Why an HTTP body could not be decoded.
public enum HTTPMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    case badChunk

    public var description: String { "a chunked body that is cut short or malformed" }
}

extension String {
    var trimmingSpaces: String {
        var part = self[...]
        while part.first == " " || part.first == "\t" { part = part.dropFirst() }
        while part.last == " " || part.last == "\t" { part = part.dropLast() }
        return String(part)
    }
}
