import Foundation
import IngestDedup

// DedupBench: dev-set quality (score.py) and throughput at 50k / 100k / 200k documents.
//   swift run -c release --package-path Benchmarks DedupBench [quality|scale|all] [--docs N] [--runs N (scale; default 3)]
//   DedupBench scale --causes: why copies stay apart from their story, per 25k documents (untimed)
//   DedupBench dump FILE [--docs N]; DedupBench replay FILE [--out PRED]   (profiling driver, see Replay.swift)
let arguments = CommandLine.arguments.dropFirst()
let mode = arguments.first { !$0.hasPrefix("-") } ?? "all"
let docCount = arguments.firstIndex(of: "--docs").flatMap { Int(arguments[$0 + 1]) } ?? 200_000
let runCount = max(1, arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 3)
// Default: the dev corpus beside the repo, four levels above this file (Benchmarks/Sources/DedupBench/main.swift).
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let corpus = ProcessInfo.processInfo.environment["DEDUP_CORPUS"]
    ?? repo.appendingPathComponent("../shared/corpus/dedup-dev/wire-copies.jsonl").standardized.path
let scorer = URL(fileURLWithPath: corpus).deletingLastPathComponent().appendingPathComponent("score.py").path

do {
    if mode == "quality" || mode == "all" {
        try runQuality(corpus: corpus, scorer: scorer, output: NSTemporaryDirectory() + "dedup-dev-pred.jsonl")
    }
    if mode == "dump" || mode == "replay" {
        guard let file = arguments.dropFirst().first else { throw CocoaError(.fileNoSuchFile) }
        try mode == "dump" ? runDump(corpus: corpus, total: docCount, path: file) : runReplay(path: file, predictions: arguments.firstIndex(of: "--out").map { arguments[$0 + 1] })
    }
    if mode == "scale" || mode == "all" {
        try runScale(corpus: corpus, total: docCount, runs: runCount, causes: arguments.contains("--causes"))
    }
} catch {
    FileHandle.standardError.write(Data("DedupBench: \(error)\n".utf8))
    exit(1)
}
