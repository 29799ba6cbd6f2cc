// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ingest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ingest", targets: ["ingest"]),
        .library(name: "IngestMarkup", targets: ["IngestMarkup"]),
        .library(name: "IngestFetch", targets: ["IngestFetch"]),
        .library(name: "IngestExtract", targets: ["IngestExtract"]),
        .library(name: "IngestDedup", targets: ["IngestDedup"]),
        .library(name: "IngestStore", targets: ["IngestStore"]),
        .library(name: "IngestSync", targets: ["IngestSync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian (libcurl4-openssl-dev, libxml2-dev).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // A compiler builtin Swift lacks (header only, links nothing).
        .systemLibrary(name: "CPrefetch"),

        // One module per pipeline stage.
        .target(name: "IngestMarkup", dependencies: ["CLibXML2"]),
        .target(name: "IngestFetch", dependencies: ["CCurl"]),
        .target(name: "IngestExtract", dependencies: ["IngestMarkup"], exclude: ["DESIGN.md"]),
        .target(name: "IngestDedup", dependencies: ["CPrefetch"]),
        .target(name: "IngestStore"),
        .target(name: "IngestSync", dependencies: [
            "IngestMarkup", "IngestFetch", "IngestExtract", "IngestDedup", "IngestStore", "CZlib",
        ]),
        .executableTarget(name: "ingest", dependencies: [
            "IngestSync",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests mirror the modules.
        .testTarget(name: "IngestMarkupTests", dependencies: ["IngestMarkup"]),
        .testTarget(name: "IngestSyncTests", dependencies: ["IngestSync", "IngestMarkup", "IngestExtract", "IngestFetch"]),
        .testTarget(name: "IngestExtractTests", dependencies: ["IngestExtract", "IngestMarkup"]),
        .testTarget(name: "IngestDedupTests", dependencies: ["IngestDedup", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ingest", "LoopbackServer", "TestSupport"]),
        .testTarget(name: "IngestLiveTests", dependencies: ["IngestSync", "IngestStore", "IngestExtract", "IngestDedup", "TestSupport"]),
        .target(name: "LoopbackServer", path: "Tests/LoopbackServer"),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "IngestFetchTests", dependencies: ["IngestFetch", "LoopbackServer"]),
        .testTarget(name: "IngestStoreTests", dependencies: ["IngestStore", "StoreCrashHarness", "TestSupport"]),
        .executableTarget(name: "StoreCrashHarness", dependencies: ["IngestStore"], path: "Tests/StoreCrashHarness"),
    ]
)
