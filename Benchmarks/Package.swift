// swift-tools-version:6.0
// Benchmarks live in their own package so that `swift test` and users never build them.
// Run one with: swift run -c release --package-path Benchmarks <Name> (see the README).
import PackageDescription

let package = Package(
    name: "IngestBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ingest", path: "..")],
    targets: [
        .executableTarget(name: "FetchBench", dependencies: [
            .product(name: "IngestCore", package: "ingest"), .product(name: "IngestFetch", package: "ingest"),
        ]),
        .executableTarget(name: "ExtractBench", dependencies: [
            .product(name: "IngestCore", package: "ingest"), .product(name: "IngestExtract", package: "ingest"),
            .product(name: "IngestMarkup", package: "ingest"),
        ]),
        .executableTarget(name: "DedupBench", dependencies: [.product(name: "IngestDedup", package: "ingest")]),
        .executableTarget(name: "StoreBench", dependencies: [
            .product(name: "IngestCore", package: "ingest"), .product(name: "IngestStore", package: "ingest"),
        ]),
        .executableTarget(name: "SyncBench", dependencies: [
            .product(name: "IngestCore", package: "ingest"), .product(name: "IngestDiscover", package: "ingest"),
            .product(name: "IngestSync", package: "ingest"), .product(name: "IngestTesting", package: "ingest"),
        ]),
    ]
)
