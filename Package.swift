// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ingest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ingest", targets: ["ingest"]),
        .library(name: "IngestCore", targets: ["IngestCore"]),
        .library(name: "IngestMarkup", targets: ["IngestMarkup"]),
        .library(name: "IngestDiscover", targets: ["IngestDiscover"]),
        .library(name: "IngestFetch", targets: ["IngestFetch"]),
        .library(name: "IngestExtract", targets: ["IngestExtract"]),
        .library(name: "IngestDedup", targets: ["IngestDedup"]),
        .library(name: "IngestStore", targets: ["IngestStore"]),
        .library(name: "IngestSync", targets: ["IngestSync"]),
        .library(name: "IngestPipeline", targets: ["IngestPipeline"]),
        .library(name: "IngestWARC", targets: ["IngestWARC"]),
        // The test doubles (like NIOEmbedded), for the benchmarks' own package; not for production.
        .library(name: "IngestTesting", targets: ["IngestTesting"]),
        .library(name: "IngestPostgres", targets: ["IngestPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation --target IngestPipeline` (and IngestCore): a
        // plugin only; ordinary builds compile nothing of it (resolving it adds about 5 s).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The PostgreSQL store (`--store postgresql://…`); NIO stays inside IngestPostgres.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries from Debian (libcurl4-openssl-dev, libxml2-dev).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // OpenSSL's libcrypto (already loaded by libcurl4-openssl): SHA-1 for WARC digests.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // A compiler builtin Swift lacks (header only, links nothing).
        .systemLibrary(name: "CPrefetch"),

        // The vocabulary every stage shares (Article, validators, dates, hashing, file writes);
        // no stage imports another stage for these.
        .target(name: "IngestCore"),
        // One module per pipeline stage.
        .target(name: "IngestMarkup", dependencies: ["CLibXML2"]),
        .target(name: "IngestFetch", dependencies: ["IngestCore", "CCurl"]),
        .target(name: "IngestExtract", dependencies: ["IngestCore", "IngestMarkup"], exclude: ["DESIGN.md"]),
        .target(name: "IngestDedup", dependencies: ["IngestCore", "CPrefetch"]),
        .target(name: "IngestDiscover", dependencies: ["IngestCore", "IngestMarkup", "CZlib"]),
        .target(name: "IngestStore", dependencies: ["IngestCore"]),
        // WARC (ISO 28500) records: reader, writer, digests; no pipeline stage.
        .target(name: "IngestWARC", dependencies: ["IngestCore", "CZlib", "CCrypto"]),
        // The PostgreSQL store: the directory store's records as rows, behind a blocking API
        // without NIO types (postgres-nio's event loop stays inside).
        .target(name: "IngestPostgres", dependencies: [
            "IngestCore", "IngestStore", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // The sync engine: decisions and schedules over the stages' protocols, no stage module.
        .target(name: "IngestSync", dependencies: ["IngestCore"]),
        // The facade: the real stages wired behind the engine (what the CLI and benchmarks run).
        .target(name: "IngestPipeline", dependencies: [
            "IngestCore", "IngestSync", "IngestDiscover", "IngestFetch", "IngestExtract", "IngestDedup", "IngestStore",
            "IngestWARC",
            "IngestPostgres",
        ]),
        .executableTarget(name: "ingest", dependencies: [
            "IngestPipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests mirror the modules.
        .testTarget(name: "IngestCoreTests", dependencies: ["IngestCore"]),
        .testTarget(name: "IngestMarkupTests", dependencies: ["IngestMarkup"]),
        .testTarget(name: "IngestDiscoverTests", dependencies: ["IngestCore", "IngestDiscover", "IngestTesting"]),
        .testTarget(name: "IngestSyncTests", dependencies: ["IngestCore", "IngestSync", "IngestDiscover", "IngestTesting"]),
        .testTarget(name: "IngestExtractTests", dependencies: ["IngestCore", "IngestExtract", "IngestMarkup"]),
        .testTarget(name: "IngestDedupTests", dependencies: ["IngestDedup", "IngestTesting"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ingest", "LoopbackServer", "IngestTesting", "IngestWARC"]),
        .testTarget(name: "IngestPipelineTests", dependencies: [
            "IngestCore", "IngestPipeline", "IngestSync", "IngestStore", "IngestExtract", "IngestDedup",
            "IngestTesting", "IngestWARC",
        ]),
        .target(name: "LoopbackServer", path: "Tests/LoopbackServer"),
        // Test doubles and helpers shared by the tests (like NIOEmbedded/NIOTestUtils).
        .target(name: "IngestTesting", dependencies: ["IngestCore", "IngestSync"], path: "Tests/IngestTesting"),
        .testTarget(name: "IngestFetchTests", dependencies: ["IngestCore", "IngestFetch", "LoopbackServer", "IngestTesting"]),
        .testTarget(name: "IngestWARCTests", dependencies: ["IngestWARC", "IngestTesting"]),
        .testTarget(name: "IngestPostgresTests", dependencies: [
            "IngestCore", "IngestStore", "IngestPostgres", "IngestPipeline", "IngestTesting", "IngestFetch", "LoopbackServer",
        ]),
        .testTarget(name: "IngestStoreTests", dependencies: ["IngestCore", "IngestStore", "StoreCrashHarness", "IngestTesting"]),
        .executableTarget(name: "StoreCrashHarness", dependencies: ["IngestCore", "IngestStore"], path: "Tests/StoreCrashHarness"),
    ]
)
