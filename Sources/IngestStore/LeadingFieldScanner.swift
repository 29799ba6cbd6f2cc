import Foundation

/// Reads a few top-level fields of a one-line JSON object without decoding the rest.
///
/// Store records are written with sorted keys, so the fields the index needs (`content_hash`,
/// `deleted`, `first_seq`, `id`, `revision`, `seq`, `story`, `url`) come before the long `text`, and the
/// scan stops as soon as it has them: opening a large store never decodes article texts.
struct LeadingFieldScanner {
    /// A scanned scalar value.
    enum Value: Equatable {
        case string(String)
        case number(Int64)
        case bool(Bool)
        case null
    }

    let wanted: Set<String>

    /// The wanted fields found in `line`, or nil when the line is not a JSON object.
    func scan(_ line: UnsafeRawBufferPointer) -> [String: Value]? {
        var cursor = Cursor(bytes: line)
        var found: [String: Value] = [:]
        cursor.skipSpace()
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        cursor.skipSpace()
        if cursor.take(UInt8(ascii: "}")) { return found }
        while found.count < wanted.count {
            cursor.skipSpace()
            guard let key = cursor.string() else { return nil }
            cursor.skipSpace()
            guard cursor.take(UInt8(ascii: ":")) else { return nil }
            cursor.skipSpace()
            if wanted.contains(key) {
                guard let value = cursor.scalar() else { return nil }
                found[key] = value
            } else {
                guard cursor.skipValue() else { return nil }
            }
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            guard cursor.take(UInt8(ascii: "}")) else { return nil }
            break
        }
        return found
    }
}

/// A position in a line's bytes.
private struct Cursor {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { index += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// A string value; escapes are decoded by JSONDecoder (rare in ids and hashes).
    mutating func string() -> String? {
        let start = index
        guard skipString() else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<(index - 1)])
        if !raw.contains(UInt8(ascii: "\\")) { return String(decoding: raw, as: UTF8.self) }
        let quoted = Data(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        return try? JSONDecoder().decode(String.self, from: quoted)
    }

    mutating func scalar() -> LeadingFieldScanner.Value? {
        switch current {
        case UInt8(ascii: "\""): return string().map { .string($0) }
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default:
            let start = index
            guard skipNumber() else { return nil }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            return Int64(text).map { .number($0) }
        }
    }

    /// Skips any value; nesting is tracked with a counter, never recursion.
    mutating func skipValue() -> Bool {
        var depth = 0
        repeat {
            skipSpace()
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "\""): guard skipString() else { return false }
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; index += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"): index += 1
            case UInt8(ascii: "t"): guard literal("true") else { return false }
            case UInt8(ascii: "f"): guard literal("false") else { return false }
            case UInt8(ascii: "n"): guard literal("null") else { return false }
            default: guard skipNumber() else { return false }
            }
        } while depth > 0
        return depth == 0
    }

    private mutating func skipString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        while let byte = current {
            index += byte == UInt8(ascii: "\\") ? 2 : 1
            if byte == UInt8(ascii: "\"") { return true }
        }
        return false
    }

    private mutating func skipNumber() -> Bool {
        let start = index
        while let byte = current, (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2B
            || byte == 0x2E || byte == 0x65 || byte == 0x45 { index += 1 }
        return index > start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }
}
