import Foundation

/// Reading records, rather than bytes, from a record file.
extension RecordFile {
    /// Decodes every line of a small record file.
    func decodeAll<T: Decodable>(_ type: T.Type) throws -> [T] {
        let decoder = JSONDecoder()
        var records: [T] = []
        var lineNumber = 0
        try forEachLine { _, line in
            lineNumber += 1
            do {
                records.append(try decoder.decode(T.self, from: Data(line)))
            } catch {
                throw StoreError.corrupt(path: path, line: lineNumber, reason: "not a \(T.self) record")
            }
        }
        return records
    }

    /// Reads and decodes one line of copies.jsonl.
    func copyRevision(at line: Store.LineRef) throws -> CopyRevision {
        let data = try read(offset: line.offset, count: Int(line.length))
        guard let revision = data.withUnsafeBytes({ CopyRevision(line: $0) }) else {
            throw StoreError.corrupt(path: path, line: 0, reason: "record at byte \(line.offset) does not decode")
        }
        return revision
    }
}
