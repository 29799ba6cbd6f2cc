import ArgumentParser

/// The exit codes the README documents; scripts depend on them.
extension ExitCode {
    /// The store or a resource is unusable (unwritable, disk full, newer format).
    static let fatal = ExitCode(1)
    /// Some sources or inputs failed; the others were done.
    static let partialFailure = ExitCode(3)
    /// Bad arguments or an invalid feeds.json (argument-parser's own validation code).
    static let usage = ExitCode(64)
    /// Another process holds the store's write lock.
    static let storeLocked = ExitCode(75)
}

