/// JSON string literals as every writer of JSON here spells them: `"` and `\` escaped, `\n`,
/// `\r`, `\t`, other control characters as `\u00xx`, everything else as UTF-8, so equal
/// strings give equal bytes.
///
///     JSONString.literal("a \"b\"\n")          // "\"a \\\"b\\\"\\n\""
public enum JSONString {
    /// Appends `value` as a JSON string literal. With `escapingLineSeparators`, U+2028 and
    /// U+2029 are escaped too (output meant to be pasted into JavaScript).
    public static func append(_ value: String, to bytes: inout [UInt8], escapingLineSeparators: Bool = false) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var start = 0, index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let separator = escapingLineSeparators && byte == 0xE2 && index + 2 < utf8.count
                    && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9)
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || separator else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                if separator {
                    bytes.append(contentsOf: (utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 3
                } else {
                    escape(byte, into: &bytes)
                    index += 1
                }
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// `value` as a JSON string literal (see `append(_:to:escapingLineSeparators:)`).
    public static func literal(_ value: String, escapingLineSeparators: Bool = false) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes, escapingLineSeparators: escapingLineSeparators)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func escape(_ byte: UInt8, into bytes: inout [UInt8]) {
        let backslash = UInt8(ascii: "\\")
        switch byte {
        case 0x22, 0x5C: bytes.append(contentsOf: [backslash, byte])
        case 0x0A: bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
