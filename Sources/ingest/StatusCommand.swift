import ArgumentParser

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds and how the last sync went.")

    @Option(help: "The store directory.") var store = "./store"
    @Flag(help: "Print JSON.") var json = false

    func run() async throws { try notBuiltYet("status") }
}
