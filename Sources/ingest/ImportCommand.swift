import ArgumentParser

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import URLs or saved HTML files into the store ('-' reads a list from stdin).")

    @Argument(help: "URLs or files.") var inputs: [String]
    @Option(help: "The store directory.") var store = "./store"

    func run() async throws { try notBuiltYet("import") }
}
