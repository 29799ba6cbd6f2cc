import ArgumentParser
import IngestPipeline

extension StoreError {
    /// The README's exit code for this error: 75 when locked, 1 (fatal) otherwise.
    var exitCode: ExitCode { if case .locked = self { .storeLocked } else { .fatal } }
}

/// Runs a store command body; a `StoreError` becomes a message on stderr and its exit code.
@discardableResult
func reportingStoreErrors<T>(_ command: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        Log.line(command, "\(error)")
        throw error.exitCode
    } catch let error as PostgresStoreError {
        Log.line(command, "\(error)")
        throw ExitCode.fatal
    }
}
