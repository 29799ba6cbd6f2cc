/// A page as a user names it to `import` or `extract`: an http(s) URL, or a saved file (a
/// path, or a `file://` URL).
///
///     PageInput("https://example.com/a.html")     // .url("https://example.com/a.html")
///     PageInput("file:///tmp/a.html")             // .file(path: "/tmp/a.html")
///     PageInput("saved/a.html")                   // .file(path: "saved/a.html")
public enum PageInput: Equatable, Sendable {
    case url(String)
    case file(path: String)

    /// Decides by the scheme (case-insensitive); anything without http, https or file is a path.
    public init(_ argument: String) {
        let lower = argument.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            self = .url(argument)
        } else if lower.hasPrefix("file://") {
            self = .file(path: String(argument.dropFirst("file://".count)))
        } else {
            self = .file(path: argument)
        }
    }
}
