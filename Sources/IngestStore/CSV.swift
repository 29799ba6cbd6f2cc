/// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled, CRLF line ends.
enum CSV {
    /// One record line; nil fields are empty.
    static func line(_ fields: [String?]) -> String {
        fields.map { quote($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
