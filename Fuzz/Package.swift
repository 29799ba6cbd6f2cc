// swift-tools-version:6.0
// libFuzzer targets for ingest's parsers (issue #13). Kept out of the main package so that
// `swift build` and `swift test` never see them; built and run by `scripts/fuzz` with
// AddressSanitizer, libFuzzer's coverage and its no-main library. Each target's main.swift
// hands its input function to libFuzzer (`runFuzzer`, through `LLVMFuzzerRunDriver`).
import PackageDescription

let package = Package(
    name: "IngestFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ingest", path: "..")],
    targets: [
        // Shared by the targets: the libFuzzer entry point and a scratch store folder.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(name: "FuzzExtract", dependencies: [
            "FuzzSupport", .product(name: "IngestExtract", package: "ingest"), .product(name: "IngestCore", package: "ingest"),
        ]),
        .executableTarget(name: "FuzzFeeds", dependencies: [
            "FuzzSupport", .product(name: "IngestDiscover", package: "ingest"), .product(name: "IngestCore", package: "ingest"),
        ]),
        .executableTarget(name: "FuzzRobots", dependencies: ["FuzzSupport", .product(name: "IngestFetch", package: "ingest")]),
        .executableTarget(name: "FuzzCharset", dependencies: ["FuzzSupport", .product(name: "IngestFetch", package: "ingest")]),
        .executableTarget(name: "FuzzCanonicalURL", dependencies: ["FuzzSupport", .product(name: "IngestCore", package: "ingest")]),
        .executableTarget(name: "FuzzFeedsConfig", dependencies: ["FuzzSupport", .product(name: "IngestSync", package: "ingest")]),
        .executableTarget(name: "FuzzStoreLines", dependencies: [
            "FuzzSupport", .product(name: "IngestStore", package: "ingest"),
        ]),
    ]
)
