import Foundation
import IngestPipeline

/// Turns sync events into stderr output: a self-overwriting progress line on a terminal
/// (never in a log file: sources polled, then pages), and one line per page and source with
/// `--verbose`.
final class SyncProgress {
    let command: String
    let verbose: Bool
    private let onTerminal: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(command: String, verbose: Bool, quiet: Bool) {
        self.command = command
        self.verbose = verbose && !quiet
        onTerminal = !quiet && Log.toTerminal
    }

    /// Handles one event from the run.
    func handle(_ event: SyncEvent) {
        switch event {
        case let .polling(name, done, total):
            draw("\(done)/\(total) sources polled" + (name.map { " (\($0))" } ?? ""), final: done == total)
        case let .sourcePolled(name, entries, notModified, error):
            // A failed source is reported once, by the summary.
            if verbose, error == nil { log("source \(name): " + (notModified ? "not modified" : "\(entries) links")) }
        case let .planned(pages):
            if verbose { log("\(pages) pages to fetch") }
        case let .page(url, outcome, reason, done, total):
            if verbose { log("\(outcome.rawValue) \(url)" + (reason.map { " (\($0))" } ?? "")) }
            draw("\(done)/\(total) pages", final: done == total)
        }
    }

    /// Clears the progress line before the final output.
    func finish() {
        if drawn { Log.write("\r\u{1B}[K") }
        drawn = false
    }

    private func log(_ line: String) {
        finish()
        Log.line(command, line)
    }

    /// At most ten redraws a second (a terminal is slow next to thousands of pages), and
    /// always the last step of a phase.
    private func draw(_ progress: String, final: Bool) {
        guard onTerminal, final || Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        drawn = true
        Log.write("\r\u{1B}[Kingest \(command): \(progress)")
    }
}
