/// Copy id → its latest revision's index entry, kept dense: a dictionary of 4-byte positions
/// into one array, rather than a dictionary of whole entries (whose power-of-two bucket array
/// would hold up to twice as many 72-byte slots as there are copies).
struct CopyIndex {
    private var positions: [StableKey: Int32] = [:]
    /// Every copy's entry, in the order copies were first indexed.
    private(set) var values: [Store.CopyEntry] = []

    var count: Int { values.count }

    /// Where a copy's entry sits in `values`.
    func position(of key: StableKey) -> Int32? { positions[key] }

    subscript(key: StableKey) -> Store.CopyEntry? {
        get { positions[key].map { values[Int($0)] } }
        set {
            guard let newValue else { preconditionFailure("copies are never removed from the index") }
            if let position = positions[key] {
                values[Int(position)] = newValue
            } else {
                positions[key] = Int32(values.count)
                values.append(newValue)
            }
        }
    }
}
