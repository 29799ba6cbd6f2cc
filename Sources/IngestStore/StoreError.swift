import IngestCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the store refused or failed an operation; every case names the path involved.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Another process holds the write lock (`pid` is nil when it has not written it yet).
    case locked(path: String, pid: Int32?)
    /// The store was written by a newer version of ingest than this one understands.
    case newerFormat(path: String, found: Int, supported: Int)
    /// A committed line (1-based `line`, starting at byte `offset`) is not a record of its file:
    /// damaged on disk, hand-edited or foreign. `ingest repair` moves such lines to quarantine.
    case corrupt(path: String, line: Int, offset: Int64, reason: String)
    /// Records the store needs are not there: a deleted `format.json` or data file, or one
    /// file referring to records another does not hold.
    case missing(path: String, reason: String)
    /// The directory holds other files but no `format.json`: it is not a store, and ingest
    /// will not write into it.
    case notAStore(path: String)
    /// A system call failed (disk full, permission denied, …).
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case let .locked(path, pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "store is locked by \(holder) (lock file \(path)); another sync is running"
        case let .newerFormat(path, found, supported):
            return "\(path): store format version \(found) was written by a newer ingest "
                + "(this one reads up to version \(supported)); upgrade ingest to use this store"
        case let .corrupt(path, line, offset, reason):
            // Only a record file's lines can be quarantined; format.json is restored by hand.
            let repair = path.hasSuffix(".jsonl") ? "; 'ingest repair' moves damaged lines to quarantine/" : ""
            return "\(path):\(line): damaged line at byte \(offset) (\(reason))" + repair
        case let .missing(path, reason):
            return "\(path): missing (\(reason))"
        case let .notAStore(path):
            return "\(path): not an ingest store (it holds other files but no format.json); choose another --store"
        case let .io(path, operation, code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
        }
    }

    /// Copies that fetch states with validators name but copies.jsonl does not hold (`others`:
    /// how many more states name missing copies), as every command reports them.
    static func missingCopies(path: String, example: String, others: Int) -> StoreError {
        .missing(path: path, reason: "fetch.jsonl names copy \(example)" + (others > 0 ? " and \(others) more" : "")
            + " that it does not hold (with validators: the next sync would take it as unchanged); 'ingest repair' "
            + "resets those fetch states so that it fetches them again")
    }

    /// The store's error for a failed system call of a shared helper (`AtomicFile`, `POSIXIO`).
    public init(_ failure: SystemCallError) {
        self = .io(path: failure.path, operation: failure.operation, errno: failure.errno)
    }

    /// Runs a shared file helper, reporting its failure as a store error.
    static func io<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure as SystemCallError { throw StoreError(failure) }
    }

    /// The error for a failed system call, capturing `errno` now.
    static func system(_ operation: String, _ path: String) -> StoreError {
        .io(path: path, operation: operation, errno: errno)
    }
}
