import Foundation

/// Writes to the standard streams without buffering surprises: data to stdout, logs to stderr.
enum FileHandleOutput {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
