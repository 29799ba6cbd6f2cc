// SyncBench has two modes:
//   SyncBench engine                      the engine alone on in-memory fakes (EngineBench.swift)
//   SyncBench generate --root DIR --ports P1,...,P20 [--articles 10000] [--feeds FILE] [--prose words|news]
//                                         [--boilerplate]
//                                         writes the static loopback world that scripts/bench-sync
//                                         serves with nginx and syncs with the real `ingest` binary
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())

/// The value after `--name`, if given.
func option(_ name: String) -> String? {
    arguments.firstIndex(of: "--" + name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

switch arguments.first {
case "generate":
    guard let root = option("root"), let ports = option("ports")?.split(separator: ",").compactMap({ Int($0) }),
          !ports.isEmpty else {
        FileHandle.standardError.write(Data("usage: SyncBench generate --root DIR --ports P1,P2,... [--articles N] [--feeds FILE] [--prose words|news] [--boilerplate]\n".utf8))
        exit(64)
    }
    guard let prose = WorldGenerator.Style(rawValue: option("prose") ?? "words") else {
        FileHandle.standardError.write(Data("SyncBench generate: --prose is words or news\n".utf8))
        exit(64)
    }
    let generator = WorldGenerator(root: URL(fileURLWithPath: root), ports: ports,
                                   articles: option("articles").flatMap(Int.init) ?? 10_000, prose: prose,
                                   boilerplate: arguments.contains("--boilerplate"))
    let summary = try generator.write(feedsFile: URL(fileURLWithPath: option("feeds") ?? root + "/feeds.json"))
    print(summary)
case nil, "engine":
    try await EngineBench.run()
default:
    FileHandle.standardError.write(Data("usage: SyncBench [engine | generate ...]\n".utf8))
    exit(64)
}
