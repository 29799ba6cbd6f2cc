import Foundation

/// One document of the dev corpus (wire-copies.jsonl).
struct DevDocument {
    let id: String
    let cluster: String
    let text: String
}

/// Reads the JSON-lines dev corpus.
func loadDevCorpus(_ path: String) throws -> [DevDocument] {
    let data = try String(contentsOfFile: path, encoding: .utf8)
    return try data.split(separator: "\n").compactMap { line in
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let id = object["id"] as? String, let cluster = object["cluster"] as? String,
              let text = object["text"] as? String else { return nil }
        return DevDocument(id: id, cluster: cluster, text: text)
    }
}

/// SplitMix64: a small seeded generator so the scale set is identical on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Peak resident set size in bytes (VmHWM), 0 where /proc is missing.
func peakRSS() -> Int { procStatus("VmHWM:") }

/// Current resident set size in bytes (VmRSS).
func currentRSS() -> Int { procStatus("VmRSS:") }

private func procStatus(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field) {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

/// CPU seconds used by this thread: "docs/s on one core" without the other processes
/// sharing the machine.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Monotonic seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
