import Foundation

/// Logs go to stderr, data to stdout. A log line reads `ingest COMMAND: message`; when stderr
/// is not a terminal (a cron log, a pipe) it starts with an ISO 8601 UTC timestamp, so a log
/// read days later says when each line was written.
enum Log {
    static let toTerminal = isatty(2) == 1

    static func line(_ command: String, _ message: String) {
        let stamp = toTerminal ? "" : Date().formatted(.iso8601) + " "
        write(stamp + "ingest \(command): \(message)\n")
    }

    /// Unformatted bytes on stderr (the progress line redraws itself in place).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
