import Foundation
import IngestTesting
import Testing

/// The command line's conventions, run through the real binary.
@Suite struct HelpTests {
    static let commands = ["sync", "import", "export", "extract", "status", "compact", "migrate"]

    @Test(arguments: commands)
    func everyCommandAnswersHelpWithExamples(command: String) throws {
        let result = try IngestBinary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: ingest \(command)"))
        #expect(result.stdout.contains("Examples:\n  ingest \(command)"), "\(result.stdout)")
        if !["extract", "migrate"].contains(command) {
            #expect(result.stdout.contains("-s, --store <dir-or-url>"), "\(result.stdout)")
        }
    }

    @Test func valueNamesSayWhatTheyAre() throws {
        #expect(try IngestBinary.run(["sync", "--help"]).stdout.contains("-f, --feeds <file>"))
        let export = try IngestBinary.run(["export", "--help"]).stdout
        #expect(export.contains("-o, --output <file-or-dir>") && export.contains("--since <date>") && export.contains("-f, --format"))
    }

    @Test func versionIsPrinted() throws {
        let result = try IngestBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(result.stdout)")
    }

    @Test func verboseWithQuietIsRefusedAsUsage() throws {
        let result = try IngestBinary.run(["sync", "-v", "-q"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--verbose and --quiet cannot be used together"), "\(result.stderr)")
    }

    @Test func anUnknownCommandIsAUsageError() throws {
        let result = try IngestBinary.run(["frobnicate"])
        #expect(result.status == 64)
    }

    /// The parser writes the completion scripts; `scripts/completions` installs them.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEveryCommand(shell: String) throws {
        let result = try IngestBinary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for command in Self.commands { #expect(result.stdout.contains(command), "\(shell): \(command)") }
        #expect(result.stdout.contains("store"))
    }

    /// What `scripts/completions` feeds the parser's man page generator (running that
    /// generator here would nest a `swift build` inside the test run).
    @Test func theManPageSourceDescribesEveryCommandWithItsExamples() throws {
        let result = try IngestBinary.run(["--experimental-dump-help"])
        #expect(result.status == 0)
        let root = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let subcommands = try #require((root["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        for command in Self.commands {
            let entry = subcommands.first { $0["commandName"] as? String == command }
            #expect((entry?["discussion"] as? String)?.contains("Examples:") == true, "\(command)")
        }
    }

    @Test func aFolderMeansItsHTMLFilesAndDashReadsTheListFromStdin() throws {
        let temp = TemporaryDirectory("ingest-inputs")
        defer { temp.remove() }
        let folder = temp.url.appendingPathComponent("saved")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = try String(contentsOf: ExtractCommandTests.fixtures.appendingPathComponent("metadata-visible-byline-time.html"),
                              encoding: .utf8)
        for name in ["b.html", "a.HTM"] { try page.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try "not a page".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let fromFolder = try IngestBinary.run(["extract", "-f", "jsonl", "saved"], in: temp.url)
        #expect(fromFolder.status == 0, "\(fromFolder.stderr)")
        let inputs = try fromFolder.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["input"] as? String
        }
        #expect(inputs == ["saved/a.HTM", "saved/b.html"])

        let fromStdin = try IngestBinary.run(["extract", "-f", "jsonl", "-"], stdin: "saved/b.html\n\n", in: temp.url)
        #expect(fromStdin.status == 0 && fromStdin.stdout.split(separator: "\n").count == 1, "\(fromStdin.stderr)")

        let imported = try IngestBinary.run(["import", "-s", "store", "saved"], in: temp.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let lines = imported.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { !$0.hasPrefix("failed") }, "\(imported.stdout)")
        let export = try IngestBinary.run(["export", "-s", "store", "--copies", "-f", "csv", "-o", "copies.csv"], in: temp.url)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: temp.url.appendingPathComponent("copies.csv").path))
    }
}
