#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc iconv, one conversion at a time: every invalid or incomplete sequence becomes
/// U+FFFD and conversion carries on after it.
enum Iconv {
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// `bytes` in the canonical charset `name`, as UTF-8; `nil` when iconv does not know it.
    static func toUTF8(_ bytes: [UInt8], from name: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", Charset.iconvNames[name] ?? name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 2)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = result == -1 ? errno : 0
                    output.append(contentsOf: outBuffer[0..<(outBuffer.count - outLeft)])
                    if failure == EILSEQ || failure == EINVAL {
                        // Skip one byte of the bad sequence (EINVAL: truncated at the end).
                        output.append(contentsOf: replacement)
                        inPointer = inPointer?.advanced(by: 1)
                        inLeft -= 1
                    } else if failure != 0 && failure != E2BIG {
                        break
                    }
                }
            }
        }
        return output
    }
}
