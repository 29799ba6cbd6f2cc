import Foundation

/// Runs the real `ingest` binary that `swift test` built next to the test bundle.
struct IngestBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var url: URL {
        // The test runner lives in the products directory (.build/<config>/), beside `ingest`.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("ingest").path),
              dir.pathComponents.count > 1 {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("ingest")
    }

    /// Runs `ingest` with arguments and optional stdin, in `directory`; with `clockOffset`
    /// (faketime's "+40d") the binary's wall clock runs that far ahead of the real one.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
                    clockOffset: String? = nil) throws -> Result {
        let process = Process()
        if let clockOffset {
            // scripts/install-deps installs faketime; the monotonic clock (curl's timeouts) stays real.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/faketime")
            process.arguments = ["-f", clockOffset, url.path] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["FAKETIME_DONT_FAKE_MONOTONIC": "1"]) { $1 }
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // stderr is drained on its own thread so that neither pipe can fill up and stall the child.
        let errData = ThreadReader(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.result(), as: UTF8.self))
    }
}

/// Reads a file handle to its end on a separate thread.
final class ThreadReader: @unchecked Sendable {
    // Safe: `data` is written once by the thread before `done` is signalled and read only after.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func result() -> Data {
        done.wait()
        return data
    }
}
