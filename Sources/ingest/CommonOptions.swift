import ArgumentParser
import Foundation
import IngestPipeline

/// `--store`, the same for every command that reads or writes a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The store directory, or a PostgreSQL store's URL (postgresql://user:password@host:port/database; PG* variables fill in the rest).",
        valueName: "dir-or-url"))
    var store = "./store"

    /// True when `--store` names a PostgreSQL store.
    var isPostgres: Bool { PostgresURL.isPostgres(store) }

    /// A store named by another URL would otherwise become a directory called `scheme:`; a
    /// PostgreSQL URL that cannot be used is refused before anything is written.
    func validate() throws {
        if isPostgres {
            do { _ = try PostgresURL(store) } catch { throw ValidationError("\(error)") }
        } else if let scheme = store.range(of: "://").map({ store[..<$0.lowerBound] }), !scheme.contains("/") {
            throw ValidationError("--store: '\(scheme)://' stores are not supported; give a directory or a postgresql:// URL")
        }
    }

    /// What a writer of a PostgreSQL store logs when another writer holds it: it waits.
    func waitNotice(_ command: String) -> () -> Void {
        { Log.line(command, "another ingest is writing to \((try? PostgresURL(store))?.description ?? store); waiting for it") }
    }
}

/// `--verbose` and `--quiet` for the commands that log as they go; asking for both is a
/// usage error rather than a guess at which one wins.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log every source and page on stderr.") var verbose = false
    @Flag(name: .shortAndLong, help: "No summary line on stderr (failures are still reported).") var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
    }
}

/// The inputs of `import` and `extract` as the user meant them: `-` is the non-empty lines of
/// stdin, a directory is its `*.html` and `*.htm` files (sorted, not recursive), anything else
/// is kept as given.
enum InputList {
    static func expand(_ inputs: [String], stdinPrefix: [UInt8] = []) -> [String] {
        inputs.flatMap { input -> [String] in
            if input == "-" {
                // `stdinPrefix`: bytes already read from stdin to sniff it.
                let text = String(decoding: stdinPrefix + FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                return text.split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            }
            var isDirectory: ObjCBool = false
            guard case .file(path: input) = PageInput(input),
                  FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory),
                  isDirectory.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: input) else { return [input] }
            let pages = names.filter { ["html", "htm"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            // An empty folder stays one input, reported as failing, rather than vanishing.
            return pages.isEmpty ? [input] : pages.map { (input as NSString).appendingPathComponent($0) }
        }
    }
}
