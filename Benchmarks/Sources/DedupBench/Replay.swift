import Foundation
import IngestDedup

/// Profiling driver: `dump FILE --docs N` writes the first N generated documents (NUL-separated);
/// `replay FILE` adds them to an index and nothing else, so `valgrind --tool=callgrind` sees
/// only the indexing path (the generator costs more instructions than the index). With
/// `--out PRED`, `replay` writes each document's story id, one a line, to compare the
/// clustering of two builds (`cmp`).
func runDump(corpus: String, total: Int, path: String) throws {
    var set = ScaleSet(devTexts: try loadDevCorpus(corpus).map(\.text), seed: 42)
    var out = Data()
    for _ in 0..<total {
        out.append(contentsOf: set.next().text.utf8)
        out.append(0)
    }
    try out.write(to: URL(fileURLWithPath: path))
}

func runReplay(path: String, predictions: String?) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let texts = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    var index = StoryIndex(reservingCapacity: texts.count)
    // Timed per segment of 50k adds (a clock read per add would cost more than it measures).
    var seconds = 0.0
    for start in stride(from: 0, to: texts.count, by: 50_000) {
        let end = min(texts.count, start + 50_000)
        let t0 = cpuNow()
        for n in start..<end { index.add(copyID: "doc-\(n + 1)", text: texts[n]) }
        let segment = cpuNow() - t0
        seconds += segment
        print(String(format: "%d docs: segment %.0f docs/s", end, Double(end - start) / segment))
    }
    if let predictions {
        let lines = texts.indices.map { index.storyID(ofCopy: "doc-\($0 + 1)") ?? "-" }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: predictions))
    }
    print(String(format: "replayed %d docs: %.0f docs/s (CPU), %d stories", texts.count, Double(texts.count) / seconds,
                 Set(texts.indices.compactMap { index.storyID(ofCopy: "doc-\($0 + 1)") }).count))
}
