import ArgumentParser

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the deduplicated store: one record per story, or per copy.")

    @Option(help: "The store directory.") var store = "./store"
    @Option(help: "jsonl or csv.") var format = "jsonl"
    @Flag(help: "One record per copy instead of per story.") var copies = false
    @Option(help: "Write here (atomically) instead of stdout.") var output: String?

    func run() async throws { try notBuiltYet("export") }
}
