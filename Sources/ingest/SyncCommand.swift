import ArgumentParser

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Run one incremental pass over every source in feeds.json.")

    @Option(help: "The feeds file.") var feeds = "./feeds.json"
    @Option(help: "The store directory.") var store = "./store"

    func run() async throws { try notBuiltYet("sync") }
}
