import Testing

@Suite struct HelpTests {
    @Test(arguments: ["sync", "import", "export", "extract", "status"])
    func everyCommandAnswersHelp(command: String) throws {
        let result = try IngestBinary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: ingest \(command)"))
    }

    @Test func anUnknownCommandIsAUsageError() throws {
        let result = try IngestBinary.run(["frobnicate"])
        #expect(result.status == 64)
    }
}
