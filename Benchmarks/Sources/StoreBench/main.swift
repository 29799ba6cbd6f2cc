// StoreBench: a synthetic store of 1,000,000 copies.
//
//   swift run -c release --package-path Benchmarks StoreBench [copies] [directory (kept)]
//
// Builds two stores, of a quarter of the copies and of all of them (`copies-N` in the
// directory; a kept directory is reused by later runs, so the 1.5 GB store is written once),
// measuring append throughput (batches of 1,000 per fsync) while it writes them. Then the time
// to open the large store, and export MB/s and peak RSS of each store. Each export runs in a
// child process (this binary with `export DIR`), so its peak RSS is the export's own; medians
// of 3 runs. Baseline: Foundation's JSONDecoder over copies.jsonl. Appends of one record per
// fsync go to a scratch store, so a kept store stays as generated.
import Foundation
import IngestCore
import IngestStore

let arguments = CommandLine.arguments

/// Copy `i`: ~1.2 KB of text, three copies per story.
func copy(_ i: Int) -> CopyInput {
    let sentence = "Copy \(i) of a wire story about harbour works, council budgets and the weather. "
    return CopyInput(id: "copy-\(i)", story: "story-\(i / 3)", url: "https://site\(i % 50).example/news/\(i)",
                     metadata: ArticleMetadata(title: "Headline number \(i / 3)", authors: ["Staff"],
                                               published: "2026-01-01T00:00:00Z", site: "site\(i % 50).example",
                                               language: "en"),
                     text: String(repeating: sentence, count: 14), source: "feed-\(i % 20)", contentHash: "sha256:\(String(i, radix: 16))")
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The process's peak resident set. Linux: VmHWM, the high-water mark of this image's own memory
/// (`ru_maxrss` would also count the parent's, carried over through fork and exec).
func peakRSSMegabytes() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kilobytes = Double(line.split(separator: " ")[1]) {
        return kilobytes / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Child mode: export the store to /dev/null as `ingest export` does; print "seconds bytes peakRSS-MB".
if arguments.count == 3 && arguments[1] == "export" {
    let null = open("/dev/null", O_WRONLY)
    var bytes = 0
    let elapsed = try seconds {
        bytes = try Store.export(directory: arguments[2], ExportOptions(), to: .fileDescriptor(null)).bytes
    }
    print(elapsed, bytes, peakRSSMegabytes())
    exit(0)
}

let total = arguments.count > 1 ? Int(arguments[1])! : 1_000_000
let kept = arguments.count > 2
let root = kept ? arguments[2] : NSTemporaryDirectory() + "/storebench-\(getpid())"
defer { if !kept { try? FileManager.default.removeItem(atPath: root) } }
try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)

/// Appends copies [0, count) in batches of 1,000 to a new store; returns records/s.
func fill(_ directory: String, count: Int) throws -> Double {
    try? FileManager.default.removeItem(atPath: directory)
    let store = try Store.open(directory: directory, access: .write)
    let elapsed = try seconds {
        for start in stride(from: 0, to: count, by: 1000) {
            _ = try store.append(copies: (start..<min(start + 1000, count)).map(copy))
        }
    }
    return Double(count) / elapsed
}

/// The store of `count` copies in the root directory, written unless a previous run completed
/// it (the `.complete` marker beside it); with the append rate when it was written now.
func store(of count: Int) throws -> (directory: String, appendRate: Double?) {
    let directory = root + "/copies-\(count)", marker = directory + ".complete"
    if FileManager.default.fileExists(atPath: marker) { return (directory, nil) }
    let rate = try fill(directory, count: count)
    _ = FileManager.default.createFile(atPath: marker, contents: nil)
    return (directory, rate)
}

/// Exports in a child process 3 times; returns median MB/s and peak RSS.
func exportFigures(_ directory: String) throws -> (mbps: Double, rss: Double, seconds: Double) {
    var runs: [(Double, Double, Double)] = []
    for _ in 0..<3 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: arguments[0])
        child.arguments = ["export", directory]
        let out = Pipe()
        child.standardOutput = out
        try child.run()
        let fields = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        child.waitUntilExit()
        runs.append((fields[1] / 1e6 / fields[0], fields[2], fields[0]))
    }
    return (median(runs.map(\.0)), median(runs.map(\.1)), median(runs.map(\.2)))
}

/// Baseline: decoding every line of copies.jsonl with Foundation's JSONDecoder (what export
/// would cost with Codable alone, before grouping and writing), MB/s of input.
func decoderBaseline(_ directory: String) throws -> Double {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: directory + "/copies.jsonl"))
    defer { try? handle.close() }
    let decoder = JSONDecoder()
    var bytes = 0, pending = Data()
    let elapsed = try seconds {
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(chunk)
            let consumed = try pending.withUnsafeBytes { buffer -> Int in
                var start = 0
                while start < buffer.count,
                      let newline = memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start) {
                    let end = buffer.baseAddress!.distance(to: UnsafeRawPointer(newline))
                    _ = try decoder.decode(CopyRevision.self, from: Data(bytes: buffer.baseAddress! + start, count: end - start))
                    start = end + 1
                }
                return start
            }
            bytes += consumed
            pending = Data(pending[(pending.startIndex + consumed)...])
        }
    }
    return Double(bytes) / 1e6 / elapsed
}

func fileMB(_ directory: String) -> Double {
    let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/copies.jsonl")[.size] as? Int) ?? 0
    return Double(size) / 1e6
}

print("StoreBench: \(total) copies (~1.2 KB text each, 3 per story) in \(root)")
let quarter = total / 4
let small = try store(of: quarter), large = try store(of: total)
if let rate = large.appendRate ?? small.appendRate {
    print(String(format: "append, 1,000 per fsync: %.0f records/s", rate))
} else {
    print("append, 1,000 per fsync: not measured (stores reused)")
}
let smallExport = try exportFigures(small.directory)
print(String(format: "at %d copies (%.0f MB): export %.0f MB/s (%.2f s), peak RSS %.0f MB", quarter,
             fileMB(small.directory), smallExport.mbps, smallExport.seconds, smallExport.rss))
var openTimes: [Double] = []
for _ in 0..<3 { openTimes.append(try seconds { _ = try Store.open(directory: large.directory, access: .read) }) }
print(String(format: "open (read) of %d copies: %.2f s median", total, median(openTimes)))
let largeExport = try exportFigures(large.directory)
print(String(format: "at %d copies (%.0f MB): export %.0f MB/s (%.2f s), peak RSS %.0f MB", total,
             fileMB(large.directory), largeExport.mbps, largeExport.seconds, largeExport.rss))
print(String(format: "peak RSS at %d copies / at %d: x%.2f", total, quarter, largeExport.rss / smallExport.rss))
let inputMBps = fileMB(large.directory) / largeExport.seconds
let baseline = try decoderBaseline(large.directory)
print(String(format: "export reads copies.jsonl at %.0f MB/s; baseline JSONDecoder alone: %.0f MB/s (export x%.1f)",
             inputMBps, baseline, inputMBps / baseline))
let writeOpen = try seconds { _ = try Store.open(directory: large.directory, access: .write) }
print(String(format: "open (write: lock, tail check, story check) of %d copies: %.2f s", total, writeOpen))
let scratch = root + "/scratch-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: scratch) }
let single = try Store.open(directory: scratch, access: .write)
let singleRate = 2000 / (try seconds {
    for i in 0..<2000 { _ = try single.append(copies: [copy(i)]) }
})
print(String(format: "append, 1 per fsync: %.0f records/s", singleRate))
