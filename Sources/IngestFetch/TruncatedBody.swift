/// Whether a body that curl accepted is the whole page, judged on its bytes and headers alone.
enum TruncatedBody {
    /// The `Content-Length` a body can be compared with: announced, and not of a compressed
    /// encoding (which counts the bytes before decoding).
    static func announcedLength(_ headers: [String: String]) -> Int? {
        guard let value = headers["content-length"], let length = Int(value), length >= 0 else { return nil }
        let encoding = headers["content-encoding"]?.lowercased() ?? ""
        guard encoding.isEmpty || encoding == "identity" else { return nil }
        return length
    }

    /// True when an HTML document ends exactly at its `Content-Length` and mid-element: it
    /// opened `<html` but never closed it, and its last byte that is not white space is not `>`
    /// (it stops inside text, a tag or a comment). curl stops reading at the announced length
    /// and reports success, so a server that announces fewer bytes than it sends leaves a cut
    /// page that only its end gives away. A cut right after a tag, or a body without `<html`,
    /// passes as whole: a missed cut, never a refused page.
    static func stopsMidElement(body: [UInt8], headers: [String: String]) -> Bool {
        guard headers["content-type"]?.lowercased().contains("html") == true,
              announcedLength(headers) == body.count,
              let last = body.lastIndex(where: { !isSpace($0) }),
              body[last] != UInt8(ascii: ">") else { return false }
        return contains(body, lowercased: Array("<html".utf8)) && !contains(body, lowercased: Array("</html".utf8))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// ASCII case-insensitive search; runs only for bodies that already end mid-element.
    private static func contains(_ body: [UInt8], lowercased needle: [UInt8]) -> Bool {
        guard body.count >= needle.count else { return false }
        return (0...(body.count - needle.count)).contains { start in
            needle.indices.allSatisfy { lowercased(body[start + $0]) == needle[$0] }
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
    }
}
