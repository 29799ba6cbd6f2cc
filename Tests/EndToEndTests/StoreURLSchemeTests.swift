import Foundation
import IngestTesting
import Testing

/// A `--store` that names a store by URL with a scheme ingest does not support is a usage
/// error (exit 64) for every command, never a directory called `mysql:`.
@Suite struct StoreURLSchemeTests {
    @Test(arguments: ["mysql://db.example/news", "s3://bucket/news", "http://127.0.0.1:9/store", "sqlite:///srv/news.db"])
    func anUnsupportedStoreSchemeIsRefusedWithExit64(_ store: String) throws {
        let temp = TemporaryDirectory("ingest-store-url")
        defer { temp.remove() }
        let scheme = String(store[..<store.range(of: "://")!.lowerBound])
        for command in [["sync"], ["import", "page.html"], ["export"], ["status"], ["compact"], ["repair"]] {
            let result = try IngestBinary.run(command + ["--store", store], in: temp.url)
            #expect(result.status == 64, "\(command) \(store): \(result.stderr)")
            #expect(result.stderr.contains("'\(scheme)://' stores are not supported"), "\(command): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty, "nothing created")
    }
}
