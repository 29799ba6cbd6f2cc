import Foundation
import IngestDedup

/// Runs the scale benchmark `runs` times (same generated set each time) and prints each run's
/// docs/s per segment, then their medians; memory, disk size and the scale-set F1 come from
/// the last run.
func runScale(corpus: String, total: Int, runs: Int, causes: Bool = false) throws {
    let texts = try loadDevCorpus(corpus).map(\.text)
    guard !causes else { return printCauses(devTexts: texts, total: total) }
    var segments: [[Double]] = []
    for run in 1...runs {
        if runs > 1 { print("run \(run) of \(runs)") }
        segments.append(try scaleRun(devTexts: texts, total: total, report: run == runs))
    }
    guard runs > 1 else { return }
    let medians = segments[0].indices.map { i in segments.map { $0[i] }.sorted()[runs / 2] }
    print("median segment docs/s over \(runs) runs: " + medians.map { String(format: "%.0f", $0) }.joined(separator: " / "))
}

/// Adds `total` generated documents one by one and prints docs/s per segment (returned too);
/// with `report`, also memory and disk size, the scale-set clustering F1, and the exact-hash
/// baseline (ContentHash.of).
private func scaleRun(devTexts texts: [String], total: Int, report: Bool) throws -> [Double] {
    var set = ScaleSet(devTexts: texts, seed: 42)
    let checkpoints = [50_000, 100_000, 200_000].filter { $0 <= total } + (total % 50_000 == 0 && total <= 200_000 ? [] : [total])
    let rssBefore = currentRSS()
    var index = StoryIndex(reservingCapacity: total)
    var segments: [Double] = []
    var gold: [Int32] = []
    gold.reserveCapacity(total)
    var seconds = 0.0, wallSeconds = 0.0, baselineSeconds = 0.0, bytes = 0
    var lastCheck = (docs: 0, seconds: 0.0, candidates: 0)
    print("docs      segment docs/s  cumulative docs/s  wall-clock docs/s  candidates/add  (normalise + signature + lookup + insert, CPU time of one core)")
    // Documents are generated in batches of 1,000 outside the timed region, then added one by
    // one: the generator allocates heavily, and interleaving it with every add evicted the
    // index from the caches and timed the generator's aftermath (measured 29k vs 41k docs/s).
    let batchSize = 1_000
    var n = 0
    while n < total {
        var batch: [String] = []
        for _ in 0..<min(batchSize, total - n) {
            let doc = set.next()
            bytes += doc.text.utf8.count
            gold.append(Int32(doc.story))
            batch.append(doc.text)
        }
        // The baseline hashes the same documents as the index adds, all of them.
        let b0 = cpuNow()
        for text in batch { _ = ContentHash.of(text) }
        baselineSeconds += cpuNow() - b0
        let ids = batch.indices.map { "doc-\(n + $0 + 1)" }
        let w0 = now(), t0 = cpuNow()
        for (id, text) in zip(ids, batch) { index.add(copyID: id, text: text) }
        seconds += cpuNow() - t0
        wallSeconds += now() - w0
        n += batch.count
        if checkpoints.contains(n) {
            let segment = Double(n - lastCheck.docs) / (seconds - lastCheck.seconds)
            let candidates = Double(index.candidatesVerified - lastCheck.candidates) / Double(n - lastCheck.docs)
            print(String(format: "%-9d %14.0f %18.0f %18.0f %15.1f", n, segment, Double(n) / seconds, Double(n) / wallSeconds, candidates))
            lastCheck = (n, seconds, index.candidatesVerified)
            segments.append(segment)
        }
    }
    guard report else { return segments }
    print(String(format: "mean document %.0f bytes of UTF-8; %.1f MB/s of text", Double(bytes) / Double(total), Double(bytes) / seconds / 1e6))
    print(String(format: "baseline, exact hash only (ContentHash.of: normalise + SHA-256), same %d docs: %.0f docs/s",
                 total, Double(total) / baselineSeconds))
    let rssAfter = currentRSS()
    print(String(format: "index in memory: %.0f bytes/doc (estimate from capacities), RSS growth %.0f bytes/doc, peak RSS %.1f MB",
                 Double(index.estimatedByteCount) / Double(total), Double(rssAfter - rssBefore) / Double(total),
                 Double(peakRSS()) / 1e6))
    let path = NSTemporaryDirectory() + "dedup-bench-\(getpid()).idx"
    let t0 = now()
    try index.save(to: path)
    let saveSeconds = now() - t0
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let t1 = now()
    let loaded = try StoryIndex.load(from: path)
    let loadSeconds = now() - t1
    try? FileManager.default.removeItem(atPath: path)
    print(String(format: "on disk: %.0f bytes/doc (%.1f MB); save %.2f s, load %.2f s (%d copies)",
                 Double(size) / Double(total), Double(size) / 1e6, saveSeconds, loadSeconds, loaded.copyCount))
    printScaleF1(index: index, gold: gold)
    return segments
}

/// Pairwise precision / recall / F1 of the scale-set clustering against the generator's stories.
private func printScaleF1(index: StoryIndex, gold: [Int32]) {
    var pairCounts: [String: Int] = [:], predCounts: [String: Int] = [:], goldCounts: [Int32: Int] = [:]
    for (i, g) in gold.enumerated() {
        let p = index.storyID(ofCopy: "doc-\(i + 1)") ?? "?"
        pairCounts["\(g) \(p)", default: 0] += 1
        predCounts[p, default: 0] += 1
        goldCounts[g, default: 0] += 1
    }
    func pairs<K>(_ d: [K: Int]) -> Double { d.values.reduce(0.0) { $0 + Double($1 * ($1 - 1) / 2) } }
    var storiesPerPrediction: [String: Set<Int32>] = [:]
    for (i, g) in gold.enumerated() { storiesPerPrediction[index.storyID(ofCopy: "doc-\(i + 1)") ?? "?", default: []].insert(g) }
    let largest = predCounts.sorted { $0.value > $1.value }.prefix(3)
        .map { "\($0.value) docs / \(storiesPerPrediction[$0.key]?.count ?? 0) stories" }
    print("largest predicted stories: " + largest.joined(separator: ", "))
    let tp = pairs(pairCounts), pp = pairs(predCounts), gp = pairs(goldCounts)
    let p = tp / pp, r = tp / gp
    print(String(format: "scale-set clustering: pairwise P=%.4f R=%.4f F1=%.4f (%d stories, %d predicted)",
                 p, r, 2 * p * r / (p + r), goldCounts.count, predCounts.count))
}

/// `scale --causes`: adds the same generated documents, and before each copy of a story
/// already seen asks the index how it would judge it against the story's first document
/// (`StoryIndex.diagnose`). Per 25k documents: copies, those left apart from their first
/// document, the check that refused them, and how much of the evidence is common. Untimed.
private func printCauses(devTexts texts: [String], total: Int) {
    var set = ScaleSet(devTexts: texts, seed: 42)
    var index = StoryIndex(reservingCapacity: total)
    var first: [Int: Int] = [:]
    typealias Tally = (copies: Int, apart: Int, common: Double, commonApart: Double, by: [MatchDiagnosis.Check: Int],
                       ownBinsEvidence: [Int], agreeingOnCommonApart: Double)
    let empty: Tally = (0, 0, 0, 0, [:], [], 0)
    var tally = empty
    print("docs     copies  apart  share of copies' bins common (all / apart)  common share of agreeing bins (apart)  apart by first refusing check")
    for n in 1...total {
        let doc = set.next()
        let id = "doc-\(n)"
        if let original = first[doc.story] {
            let diagnosis = index.diagnose(text: doc.text, against: "doc-\(original)")!
            index.add(copyID: id, text: doc.text)
            tally.copies += 1
            tally.common += diagnosis.commonShare
            if index.storyID(ofCopy: id) != index.storyID(ofCopy: "doc-\(original)") {
                tally.apart += 1
                tally.commonApart += diagnosis.commonShare
                tally.agreeingOnCommonApart += diagnosis.agreeing == 0 ? 0 : Double(diagnosis.agreeingOnCommon) / Double(diagnosis.agreeing)
                tally.by[diagnosis.refusedBy, default: 0] += 1
                if diagnosis.refusedBy == .evidence { tally.ownBinsEvidence.append(diagnosis.ownBins) }
            }
        } else {
            first[doc.story] = n
            index.add(copyID: id, text: doc.text)
        }
        if n % 25_000 == 0 || n == total {
            let by = MatchDiagnosis.Check.allCases.map { "\($0.rawValue) \(tally.by[$0] ?? 0)" }.joined(separator: ", ")
            let own = tally.ownBinsEvidence.sorted()
            let quartiles = own.isEmpty ? "-" : [own.count / 4, own.count / 2, own.count * 3 / 4].map { String(own[$0]) }.joined(separator: "/")
            print(String(format: "%-8d %6d %6d %21.2f / %.2f %36.2f            ", n, tally.copies, tally.apart,
                         tally.common / Double(max(1, tally.copies)), tally.commonApart / Double(max(1, tally.apart)),
                         tally.agreeingOnCommonApart / Double(max(1, tally.apart))) + by + " (own bins of those refused on evidence, quartiles: \(quartiles))")
            tally = empty
        }
    }
}
