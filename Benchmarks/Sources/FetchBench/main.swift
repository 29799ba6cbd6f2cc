// FetchBench: the fetcher against the `curl` command line (same libcurl) on the same URL
// lists from a loopback server (nginx, started by scripts/bench-fetch) on several ports.
//
//   scripts/bench-fetch                      # installs/starts nginx, builds release, runs this
//   FetchBench --root DIR --ports 18081,18082 [--concurrency 16] [--runs 3]
//
// Writes 5,000 small pages and 500 pages of 200 KB under DIR (served by nginx), then for
// each run and workload fetches every URL with `Fetcher` (per-host delay 0, robots off,
// per-host concurrency = concurrency) and with `curl --parallel --parallel-max N`, and
// prints medians of pages/s and MB/s, peak RSS, and the ratio fetcher/curl.
import IngestCore
import Foundation
import IngestFetch

struct Options {
    var root = ""
    var ports: [Int] = []
    var concurrency = 16
    var runs = 3
    var only: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--root": root = value
            case "--ports": ports = value.split(separator: ",").compactMap { Int($0) }
            case "--concurrency": concurrency = Int(value) ?? concurrency
            case "--runs": runs = Int(value) ?? runs
            case "--only": only = value
            default: fatalError("unknown option \(flag)")
            }
        }
        guard !root.isEmpty, !ports.isEmpty else { fatalError("usage: FetchBench --root DIR --ports P1,P2 [--concurrency N] [--runs N]") }
    }
}

struct Workload {
    let name: String
    let count: Int
    let size: Int
}

struct Measurement {
    let seconds: Double
    let pages: Int
    let bytes: Int
    /// Peak resident set during the run.
    var peakKiB = 0
    var pagesPerSecond: Double { Double(pages) / seconds }
    var megabytesPerSecond: Double { Double(bytes) / seconds / 1_000_000 }
}

/// Writes `count` HTML pages of exactly `size` bytes as DIR/name/N.html.
func writePages(_ workload: Workload, under root: String) throws {
    let folder = URL(fileURLWithPath: root).appendingPathComponent(workload.name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let paragraph = Array("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n".utf8)
    let tail = Array("</body></html>\n".utf8)
    for index in 0..<workload.count {
        var page = Array("<!doctype html><html><head><meta charset=utf-8><title>Page \(index)</title></head><body>\n".utf8)
        while page.count < workload.size { page += paragraph }
        page = Array(page.prefix(workload.size - tail.count)) + tail
        try Data(page).write(to: folder.appendingPathComponent("\(index).html"))
    }
}

func urls(_ workload: Workload, ports: [Int]) -> [String] {
    (0..<workload.count).map { "http://127.0.0.1:\(ports[$0 % ports.count])/\(workload.name)/\($0).html" }
}

func runFetcher(_ list: [String], concurrency: Int) async -> Measurement {
    var settings = FetchSettings()
    settings.concurrency = concurrency
    settings.perHostConcurrency = concurrency
    settings.perHostDelay = 0
    settings.obeyRobots = false
    settings.retries = 0
    // Resets this process's VmHWM so the peak covers this run, not the page generation.
    resetHighWater()
    let fetcher = Fetcher(settings: settings)
    defer { fetcher.shutdown() }
    let started = ContinuousClock.now
    // A window of 4 x concurrency requests in flight, as a caller with a long list would
    // do: the fetcher queues and schedules them; a task per URL up front only costs memory.
    let (pages, bytes) = await withTaskGroup(of: Result<Int, FetchError>.self) { group in
        var pending = list.makeIterator()
        func addNext() -> Bool {
            guard let url = pending.next() else { return false }
            group.addTask { await fetcher.fetch(FetchRequest(url: url, allowPrivateAddresses: true)).map(\.body.count) }
            return true
        }
        for _ in 0..<(4 * concurrency) where !addNext() { break }
        var pages = 0, bytes = 0
        for await result in group {
            switch result {
            case .success(let size): pages += 1; bytes += size
            case .failure(let error): fatalError("fetcher: \(error)")
            }
            _ = addNext()
        }
        return (pages, bytes)
    }
    return Measurement(seconds: elapsed(since: started), pages: pages, bytes: bytes,
                       peakKiB: highWaterKiB(getpid()) ?? 0)
}

/// Runs `curl --parallel` on the list.
func runCurl(_ list: [String], concurrency: Int, bytes: Int) throws -> Measurement {
    let config = FileManager.default.temporaryDirectory.appendingPathComponent("fetchbench-\(getpid()).curlrc")
    try list.map { "url = \"\($0)\"\noutput = \"/dev/null\"\n" }.joined().write(to: config, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: config) }
    let arguments = ["curl", "--silent", "--no-progress-meter", "--show-error", "--fail", "--parallel", "--parallel-max", "\(concurrency)", "--config", config.path]
    let started = ContinuousClock.now
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    guard posix_spawnp(&pid, "curl", nil, nil, argv, environ) == 0 else { fatalError("cannot run curl") }
    // wait4's ru_maxrss would report our own RSS: Linux carries the high-water mark across
    // the exec of a vfork'd child. curl's own VmHWM is sampled from /proc instead.
    var status: Int32 = 0
    var peak = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        peak = max(peak, highWaterKiB(pid) ?? 0)
        usleep(5_000)
    }
    let seconds = elapsed(since: started)
    guard status == 0 else { fatalError("curl failed with status \(status)") }
    return Measurement(seconds: seconds, pages: list.count, bytes: bytes, peakKiB: peak)
}

/// Resets this process's VmHWM (Linux: "5" to /proc/self/clear_refs).
func resetHighWater() {
    let fd = open("/proc/self/clear_refs", O_WRONLY)
    guard fd >= 0 else { return }
    _ = write(fd, "5", 1)
    close(fd)
}

/// VmHWM (peak resident set) of a running process, in KiB.
func highWaterKiB(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.split(separator: " ").dropFirst().first ?? "")
}

func elapsed(since start: ContinuousClock.Instant) -> Double {
    let (s, atto) = (ContinuousClock.now - start).components
    return Double(s) + Double(atto) / 1e18
}

func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let options = Options(CommandLine.arguments)
let workloads = [Workload(name: "small", count: 5_000, size: 2_048), Workload(name: "large", count: 500, size: 200_000)]
for workload in workloads { try writePages(workload, under: options.root) }

print("FetchBench: \(options.ports.count) ports, concurrency \(options.concurrency), median of \(options.runs) runs")
print("workload        client    pages/s     MB/s  peak RSS   (each run: pages/s)")
var summary: [String] = []
for workload in workloads where options.only == nil || options.only == workload.name {
    let list = urls(workload, ports: options.ports)
    var ours: [Measurement] = [], theirs: [Measurement] = []
    // A warm-up pass (nginx's open-file cache, the page cache), then runs in alternating order.
    let bytes = await runFetcher(list, concurrency: options.concurrency).bytes
    for run in 0..<options.runs {
        if run % 2 == 1 { theirs.append(try runCurl(list, concurrency: options.concurrency, bytes: bytes)) }
        let mine = await runFetcher(list, concurrency: options.concurrency)
        guard mine.pages == list.count, mine.bytes == bytes else { fatalError("fetcher got \(mine.pages) of \(list.count) pages") }
        ours.append(mine)
        if run % 2 == 0 { theirs.append(try runCurl(list, concurrency: options.concurrency, bytes: bytes)) }
    }
    let label = "\(workload.count) × \(workload.size / 1000) KB"
    for (client, runs) in [("Fetcher", ours), ("curl", theirs)] {
        let rss = runs.map(\.peakKiB).max() ?? 0
        let pages = median(runs.map(\.pagesPerSecond)), megabytes = median(runs.map(\.megabytesPerSecond))
        let each = runs.map { String(format: "%.0f", $0.pagesPerSecond) }.joined(separator: ", ")
        print(pad(label, 16) + pad(client, 8) + String(format: "%9.0f %8.1f %7.1f MB   (%@)",
                                                        pages, megabytes, Double(rss) / 1024, each as NSString))
    }
    let ratio = median(ours.map(\.pagesPerSecond)) / median(theirs.map(\.pagesPerSecond))
    summary.append(String(format: "%@: %.2f× curl", label, ratio))
}
print("ratio Fetcher/curl (median pages/s): " + summary.joined(separator: "; ") + " (target ≥ 0.80)")
