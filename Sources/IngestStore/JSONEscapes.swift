/// Decodes JSON string escapes (`\n`, `\"`, `\u00e9`, surrogate pairs…); a lone surrogate becomes U+FFFD.
enum JSONEscapes {
    /// The string for the raw bytes between the quotes; nil when an escape is malformed.
    static func unescape(_ raw: UnsafeRawBufferPointer) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        var pendingHighSurrogate: UInt32?
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                flushLoneSurrogate(&pendingHighSurrogate, into: &out)
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < raw.count else { return nil }
            let code = raw[index + 1]
            index += 2
            if code != UInt8(ascii: "u") {
                flushLoneSurrogate(&pendingHighSurrogate, into: &out)
                switch code {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
                default: return nil
                }
                continue
            }
            guard index + 4 <= raw.count,
                  let unit = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: raw[index..<index + 4]), as: UTF8.self), radix: 16)
            else { return nil }
            index += 4
            if (0xD800..<0xDC00).contains(unit) {
                flushLoneSurrogate(&pendingHighSurrogate, into: &out)
                pendingHighSurrogate = unit
                continue
            }
            var scalarValue = unit
            if (0xDC00..<0xE000).contains(unit) {
                // A low surrogate pairs with the high one just before it; alone it becomes U+FFFD.
                scalarValue = pendingHighSurrogate.map { 0x10000 + (($0 - 0xD800) << 10) + (unit - 0xDC00) } ?? 0xFFFD
                pendingHighSurrogate = nil
            }
            flushLoneSurrogate(&pendingHighSurrogate, into: &out)
            guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
        flushLoneSurrogate(&pendingHighSurrogate, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A high surrogate not followed by a low one (a hand-edited line: Swift never writes one)
    /// becomes U+FFFD rather than vanishing.
    private static func flushLoneSurrogate(_ pending: inout UInt32?, into out: inout [UInt8]) {
        guard pending != nil else { return }
        out.append(contentsOf: [0xEF, 0xBF, 0xBD])
        pending = nil
    }
}
