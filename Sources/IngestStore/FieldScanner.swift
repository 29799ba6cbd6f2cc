import Foundation

/// Reads the top-level fields of a one-line JSON object: strings, integers, booleans, null and
/// arrays of strings (all that store records hold); other fields are skipped.
///
/// Only the fields in `keys` are decoded, into an array in `keys` order (no dictionary, no key
/// strings); the rest of the line is skipped with `memchr`, never decoded, but it must be
/// there: a line is accepted only as one whole object, so a line cut short (damage in the middle
/// of a file) is refused by every reader, not only by the one that decodes its `text`. Keys in
/// `checked` must hold strings, which are skipped, not decoded: opening a large store never
/// decodes article texts.
struct FieldScanner {
    /// A scanned value.
    enum Value: Equatable {
        case string(String)
        case number(Int64)
        case bool(Bool)
        case null
        case strings([String])
    }

    private let keys: [[UInt8]]
    private let checked: [[UInt8]]

    /// A scanner for these keys (`scan` answers in this order) that also requires string
    /// values at the `checked` keys.
    init(keys: [String], checked: [String] = []) {
        self.keys = keys.map { Array($0.utf8) }
        precondition(checked.count < 64, "one bit per checked key")
        self.checked = checked.map { Array($0.utf8) }
    }

    /// The values of the keys (nil where absent), or nil when the line is not one whole JSON
    /// object (nothing but spaces after its closing brace) or lacks a `checked` string.
    func scan(_ line: UnsafeRawBufferPointer) -> [Value?]? {
        var cursor = Cursor(bytes: line)
        var found = [Value?](repeating: nil, count: keys.count)
        var missing: UInt64 = (1 << UInt64(checked.count)) &- 1  // a bit per checked key, no allocation
        cursor.skipSpace()
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        cursor.skipSpace()
        if !cursor.take(UInt8(ascii: "}")) {
            while true {
                cursor.skipSpace()
                guard let key = cursor.rawString() else { return nil }
                cursor.skipSpace()
                guard cursor.take(UInt8(ascii: ":")) else { return nil }
                cursor.skipSpace()
                if let slot = keys.firstIndex(where: { $0.elementsEqual(key) }) {
                    guard let value = cursor.scalar() else { return nil }
                    found[slot] = value
                } else if let slot = checked.firstIndex(where: { $0.elementsEqual(key) }) {
                    guard cursor.current == UInt8(ascii: "\""), cursor.skipValue() else { return nil }
                    missing &= ~(1 << UInt64(slot))
                } else {
                    guard cursor.skipValue() else { return nil }
                }
                cursor.skipSpace()
                if cursor.take(UInt8(ascii: ",")) { continue }
                guard cursor.take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        cursor.skipSpace()
        return cursor.current == nil && missing == 0 ? found : nil
    }
}

extension Optional where Wrapped == FieldScanner.Value {
    /// The string, or nil for any other value.
    var string: String? { if case let .string(value)? = self { value } else { nil } }
    /// The integer, or nil for any other value.
    var int: Int? { if case let .number(value)? = self { Int(value) } else { nil } }
    /// The boolean, or nil for any other value.
    var bool: Bool? { if case let .bool(value)? = self { value } else { nil } }
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

    /// A key's bytes as written (keys of store records have no escapes).
    mutating func rawString() -> UnsafeRawBufferPointer? {
        let start = index
        guard skipString() else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<(index - 1)])
    }

    /// A string value, escapes decoded.
    mutating func string() -> String? {
        let start = index
        guard skipString() else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<(index - 1)])
        guard raw.count > 0, memchr(raw.baseAddress!, 0x5C, raw.count) != nil else {
            return String(decoding: raw, as: UTF8.self)
        }
        return JSONEscapes.unescape(raw)
    }

    /// An array of strings.
    mutating func strings() -> [String]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var values: [String] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return values }
        while true {
            skipSpace()
            guard let value = string() else { return nil }
            values.append(value)
            skipSpace()
            if take(UInt8(ascii: "]")) { return values }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    mutating func scalar() -> FieldScanner.Value? {
        switch current {
        case UInt8(ascii: "\""): return string().map { .string($0) }
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "["): return strings().map { .strings($0) }
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

    /// Skips a string (memchr to each quote, then counts the backslashes before it).
    private mutating func skipString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        let base = bytes.baseAddress!
        while index < bytes.count {
            guard let found = memchr(base + index, 0x22, bytes.count - index) else { return false }
            let quote = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while quote - backslashes - 1 >= index && bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            index = quote + 1
            if backslashes % 2 == 0 { return true }
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
