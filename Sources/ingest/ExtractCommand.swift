import ArgumentParser

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract pages without touching the store, to check what ingest sees.")

    @Argument(help: "Files or URLs.") var inputs: [String]
    @Option(help: "text, json or jsonl.") var format = "text"

    func run() async throws { try notBuiltYet("extract") }
}
