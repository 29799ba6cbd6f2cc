/// Everything wrong with a feeds.json, each problem naming the key (and the source).
///
///     sources[2] "tass": unknown key "kindd"
///     settings: "concurrency" must be an integer from 1 to 256, got 0
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file the problems were found in (`nil` when parsed from bytes).
    public var file: String?
    /// One line per problem, in file order.
    public var problems: [String]

    public init(file: String? = nil, problems: [String]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        let prefix = file.map { "\($0): " } ?? ""
        return problems.map { prefix + $0 }.joined(separator: "\n")
    }
}
