import Foundation
import IngestCore
@testable import IngestStore
import IngestTesting

/// One test's temporary directory (TestSupport's, removed when released).
typealias TempDirectory = TemporaryDirectory

extension TemporaryDirectory {
    /// The store directory inside (not created).
    var store: String { path + "/store" }
}

/// A clock frozen at `seconds` after 2026-01-01T00:00:00Z.
func clock(_ seconds: TimeInterval) -> @Sendable () -> Date {
    { Date(timeIntervalSince1970: 1_767_225_600 + seconds) }
}

/// A copy input whose content depends on `i` and `version`.
func sampleCopy(_ i: Int, story: String? = nil, version: Int = 1, title: String? = nil, text: String? = nil) -> CopyInput {
    CopyInput(id: "copy-\(i)", story: story ?? "story-\(i)", url: "https://site\(i % 3).test/article/\(i)",
              metadata: ArticleMetadata(title: title ?? "Title \(i)", authors: i % 2 == 0 ? ["A. Writer"] : [],
                                        published: "2026-01-0\(1 + i % 9)T10:00:00Z", site: "site\(i % 3).test",
                                        language: "en"),
              text: text ?? "Paragraph one of \(i) v\(version).\n\nParagraph two.", source: "feed", contentHash: "sha256:\(i)-v\(version)\(text ?? "")")
}

extension Store {
    /// The export as a string, through a file like `--output` does.
    func exported(_ options: ExportOptions = ExportOptions()) throws -> String {
        try exportedText { try export(options, to: $0) }
    }
}

/// What an export wrote, through a file like `--output` does.
func exportedText(_ export: (ExportDestination) throws -> Void) throws -> String {
    let path = NSTemporaryDirectory() + "/ingest-export-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try export(.file(path: path))
    return try String(contentsOfFile: path, encoding: .utf8)
}

/// Lines of a JSON-lines text, each parsed as an object.
func jsonObjects(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
}

/// The lines of a store file; a missing file is an error, never "no lines", so a loop over
/// them cannot pass by running zero times.
func lines(of file: String, in directory: String) throws -> [Substring] {
    try String(contentsOfFile: directory + "/" + file, encoding: .utf8).split(separator: "\n")
}

/// The test-support executable next to the test bundle, which `swift test` builds.
enum Harness {
    static var path: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("StoreCrashHarness").path),
              dir.pathComponents.count > 1 {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("StoreCrashHarness").path
    }

    /// Starts the harness; stdout is piped so a test can wait for it.
    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out)
    }

    /// The first line the harness writes, waiting at most `seconds`; nil on timeout or EOF.
    static func firstLine(_ pipe: Pipe, seconds: Int32 = 20) -> String? {
        let fd = pipe.fileHandleForReading.fileDescriptor
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.last != 0x0A {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, seconds * 1000) == 1, read(fd, &byte, 1) == 1 else { return nil }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// Runs the harness to completion; returns its exit status.
    static func run(_ arguments: [String]) throws -> Int32 {
        let (process, _) = try start(arguments)
        process.waitUntilExit()
        return process.terminationStatus
    }
}
