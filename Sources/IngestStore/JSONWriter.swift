import IngestCore

/// Writes one JSON object line fast: the caller gives keys in sorted order, so lines are
/// byte-stable and the index fields come before `text`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 2048) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray(_ key: String) { self.key(key); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// Starts an array element (an object inside an array).
    mutating func element() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    mutating func string(_ key: String, _ value: String?) {
        self.key(key)
        if let value { quoted(value) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// A string field left out when nil (store records, where absent means unknown).
    mutating func stringIfPresent(_ key: String, _ value: String?) {
        if let value { string(key, value) }
    }

    mutating func int(_ key: String, _ value: Int) {
        self.key(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func strings(_ key: String, _ values: [String]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            quoted(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func key(_ key: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        quoted(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A JSON string (`JSONString`: the one escaping rule of every JSON writer).
    private mutating func quoted(_ value: String) {
        JSONString.append(value, to: &bytes)
    }
}
