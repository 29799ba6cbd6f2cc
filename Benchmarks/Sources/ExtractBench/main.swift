// ExtractBench: quality and speed of the extractor on a directory of pages with ground truth.
//
//   swift run -c release --package-path Benchmarks ExtractBench [CORPUS_DIR] [--rounds N]
//
// CORPUS_DIR holds pages/<id>.html and ground-truth.jsonl ({"id", "url", "title", "text"});
// the default is ../shared/corpus/extraction-dev beside the repo. One thread, pages already in memory.
// Quality uses the corpus's metric (4-gram shingles of \w+ tokens, mean per-page P and R,
// F1 of the means); speed is the median of N rounds, against libxml2's parse alone measured
// in the same run.
import Foundation
import IngestExtract
import IngestMarkup

struct Page {
    var id: String
    var url: String
    var title: String
    var truth: String
    var html: [UInt8]
}

func loadCorpus(_ directory: String) -> [Page] {
    guard let lines = try? String(contentsOfFile: directory + "/ground-truth.jsonl", encoding: .utf8) else {
        FileHandle.standardError.write(Data("ExtractBench: cannot read \(directory)/ground-truth.jsonl\n".utf8))
        exit(64)
    }
    return lines.split(separator: "\n").compactMap { line in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let id = object["id"] as? String,
              let data = FileManager.default.contents(atPath: "\(directory)/pages/\(id).html") else { return nil }
        return Page(id: id, url: object["url"] as? String ?? "", title: object["title"] as? String ?? "",
                    truth: object["text"] as? String ?? "", html: [UInt8](data))
    }
}

/// CPU time of this thread for one run of `body`, in seconds. The machine is shared, so
/// wall time would also count the time other processes hold the core.
func time(_ body: () -> Void) -> Double {
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024 // kilobytes on Linux
}

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 5
if let flag = arguments.firstIndex(of: "--rounds"), flag + 1 < arguments.count {
    rounds = Int(arguments[flag + 1]) ?? rounds
    arguments.removeSubrange(flag...(flag + 1))
}
// The repo is four levels above this file (Benchmarks/Sources/ExtractBench/main.swift).
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let directory = arguments.first ?? repo.appendingPathComponent("../shared/corpus/extraction-dev").standardized.path
let pages = loadCorpus(directory)
let megabytes = Double(pages.reduce(0) { $0 + $1.html.count }) / 1_000_000
print("ExtractBench: \(pages.count) pages, \(String(format: "%.1f", megabytes)) MB, \(rounds) rounds, one thread, CPU time")

// Quality.
let extractor = Extractor()
let articles = pages.map { extractor.extract(html: $0.html, url: $0.url, encoding: "UTF-8") }
var scores: [(id: String, score: ShingleScore)] = []
for (page, article) in zip(pages, articles) {
    scores.append((page.id, ShingleScore(truth: page.truth, prediction: article.text)))
}
let quality = ShingleScore.summary(scores.map(\.score))
print(String(format: "quality: P %.4f  R %.4f  F1 %.4f  (bag of words F1 %.4f)",
             quality.precision, quality.recall, quality.f1, quality.bowF1))
print("worst pages (F1, P, R, id, kind):")
for (index, entry) in scores.enumerated().sorted(by: { $0.element.score.f1 < $1.element.score.f1 }).prefix(10) {
    let score = entry.score
    print(String(format: "  %.3f  %.3f  %.3f  ", score.f1, score.precision, score.recall)
          + "\(entry.id)  \(articles[index].kind.rawValue)")
}
print(MetadataCheck(pages: pages, articles: articles).report())

// Speed: parse alone and full extraction on the same pages, interleaved round by round so
// that load from other processes hits both alike; medians of the rounds, in thread CPU time.
var parseTimes: [Double] = [], extractTimes: [Double] = []
for _ in 0..<rounds {
    parseTimes.append(time { for page in pages { _ = Document(html: page.html, encoding: "UTF-8", url: page.url) } })
    extractTimes.append(time { for page in pages { _ = extractor.extract(html: page.html, url: page.url, encoding: "UTF-8") } })
}
let parseTime = parseTimes.sorted()[rounds / 2], extractTime = extractTimes.sorted()[rounds / 2]
let count = Double(pages.count)
print(String(format: "parse alone:     %7.1f pages/s  %6.1f MB/s", count / parseTime, megabytes / parseTime))
print(String(format: "full extraction: %7.1f pages/s  %6.1f MB/s  (%.0f%% of parse-alone rate)",
             count / extractTime, megabytes / extractTime, 100 * parseTime / extractTime))
print(String(format: "peak RSS: %.0f MB", peakRSSMegabytes()))
