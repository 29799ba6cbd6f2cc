import Foundation

/// Test files under Tests/Fixtures, located from this source file (no SwiftPM resources).
/// A missing fixture stops the run with its name: a test must never run on an empty stand-in.
public enum Fixture {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    public static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    public static func bytes(_ name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            fatalError("missing fixture \(name)")
        }
        return [UInt8](data)
    }

    /// The article links of charset/section-page-windows-1251.html (at https://ru.example/mir),
    /// percent-encoded from UTF-8 by Python's urllib.parse.quote, not by the code under test.
    public static let windows1251SectionLinks = [
        "https://ru.example/mir/2024/05/01/peregovory-v-zheneve",
        "https://ru.example/mir/2024/05/02/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8-%D0%B4%D0%BD%D1%8F-%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0",
    ]
}
