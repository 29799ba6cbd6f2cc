import ArgumentParser
import Foundation
import IngestPipeline

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract pages without touching the store, to check what ingest sees.",
        discussion: """
        Formats: text (readable), json (one array of records), jsonl (one record per input, \
        in input order, with the fields input, kind, reason, title, text, author, published, \
        modified, site, url, language, description). Exit code 3 when some inputs could not \
        be read.

        Examples:
          ingest extract page.html
          ingest extract https://example.com/news/story.html --format json
          ingest extract saved/ -f jsonl | jq -r .title     (every .html file in the folder)
          find . -name '*.html' | ingest extract - -f jsonl
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }

    @Argument(help: ArgumentHelp("Files, folders of .html files or URLs; '-' reads one per line from stdin.",
                                 valueName: "file-or-url"))
    var inputs: [String]
    @Option(name: .shortAndLong, help: "text, json or jsonl.") var format: Format = .text

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one file or URL.") }
    }

    func run() async throws {
        let inputs = InputList.expand(self.inputs)
        let extractor = PageExtractor()
        defer { extractor.shutdown() }
        var failures = 0
        var printed = 0
        let output = ExtractOutput(format: format)
        output.begin()
        // Pages are extracted on every core; results are printed as soon as all earlier
        // inputs are done, so the output keeps the input order.
        let results = orderedMap(inputs, width: ProcessInfo.processInfo.activeProcessorCount) { input in
            await extractor.extract(input)
        }
        for await (index, result) in results {
            if case .failure(let message) = result {
                failures += 1
                Log.line("extract", "\(inputs[index]): \(message)")
            }
            output.write(input: inputs[index], result: result, first: printed == 0)
            printed += 1
        }
        output.end()
        if failures > 0 { throw ExitCode.partialFailure }
    }
}

/// Runs `transform` over `items` with at most `width` running at once and yields
/// (index, result) pairs strictly in index order.
func orderedMap<Result: Sendable>(_ items: [String], width: Int,
                                  _ transform: @escaping @Sendable (String) async -> Result) -> AsyncStream<(Int, Result)> {
    AsyncStream { continuation in
        let task = Task {
            await withTaskGroup(of: (Int, Result).self) { group in
                var next = 0
                var pending: [Int: Result] = [:]
                var emitted = 0
                func launch() {
                    guard next < items.count else { return }
                    let index = next, item = items[index]
                    group.addTask { (index, await transform(item)) }
                    next += 1
                }
                for _ in 0..<max(1, width) { launch() }
                while let (index, result) = await group.next() {
                    pending[index] = result
                    while let ready = pending.removeValue(forKey: emitted) {
                        continuation.yield((emitted, ready))
                        emitted += 1
                    }
                    launch()
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
    }
}
