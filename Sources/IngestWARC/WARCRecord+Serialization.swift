extension WARCRecord {
    /// The record as WARC/1.1 writes it: version line, header fields, `Content-Length`, an
    /// empty line, the block and two CRLFs (§5). CR and LF inside a header value would end
    /// the field early, so they are written as spaces.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(block.count + 64 * (headers.count + 2))
        append(to: &out)
        return out
    }

    /// Appends `serialized()` to `out` (without building it apart first).
    func append(to out: inout [UInt8]) {
        appendHead(to: &out)
        out.append(contentsOf: block)
        out.append(contentsOf: Self.crlf + Self.crlf)
    }

    /// The version line, the header fields and `Content-Length`, up to and including the
    /// empty line that ends them.
    func appendHead(to out: inout [UInt8]) {
        out.append(contentsOf: version.utf8)
        out.append(contentsOf: Self.crlf)
        for (name, value) in headers where !name.caseInsensitiveEquals("Content-Length") {
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: value.utf8.map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 })
            out.append(contentsOf: Self.crlf)
        }
        out.append(contentsOf: "Content-Length: \(block.count)".utf8)
        out.append(contentsOf: Self.crlf + Self.crlf)
    }

    static let crlf: [UInt8] = [0x0D, 0x0A]
}
