import FuzzSupport
import IngestCore

/// URL normalisation and resolution: the first line is a base, the rest a reference. A
/// normalised URL must normalise to itself.
runFuzzer { data, count in
    let text = String(decoding: UnsafeRawBufferPointer(fuzzBytes(data, count)), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let base = parts[0], reference = parts.count > 1 ? parts[1] : ""
    for url in [CanonicalURL.normalise(base), CanonicalURL.resolve(reference, against: base),
                CanonicalURL.resolve(reference, against: nil)].compactMap({ $0 }) {
        guard let once = CanonicalURL.normalise(url) else { continue }
        precondition(CanonicalURL.normalise(once) == once, "normalise is not idempotent: \(url) -> \(once)")
    }
    return 0
}
