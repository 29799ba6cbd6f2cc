import Foundation

extension String {
    /// Without leading and trailing white space.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    /// `nil` when empty, so `a.nonEmpty ?? b` falls through blank values.
    var nonEmpty: String? { isEmpty ? nil : self }
}
