import Foundation
import IngestCore

/// `ingest import`'s fetcher: `file:///absolute/path` is read from disk as it is, its charset
/// left to the extractor to detect (`Charset.detect`: a saved file has no HTTP
/// header); every other URL goes to `network`. A file has no validators, so an unchanged one
/// is found unchanged by its content hash. A file over `maxPageBytes` (the extractor's limit,
/// 16 MB: more would not be parsed) is refused before more than that is read.
public struct FileFetcher: PageFetching {
    let network: any PageFetching
    let maxPageBytes: Int

    /// A fetcher reading files itself and passing other URLs to `network`.
    public init(network: any PageFetching, maxPageBytes: Int) {
        self.network = network
        self.maxPageBytes = maxPageBytes
    }

    /// Reads a `file://` URL (a 200 with the file's bytes) or fetches any other URL.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        guard let url = URL(string: request.url), url.isFileURL else { return await network.fetch(request) }
        let headers = Self.contentType(forPath: url.path).map { ["content-type": $0] } ?? [:]
        return Self.readSavedPage(atPath: url.path, limit: maxPageBytes).map {
            FetchResponse(status: 200, finalURL: request.url, headers: headers, body: $0, remoteIsPrivate: true)
        }
    }

    /// The content type a saved file's extension names when it is a kind of file that is never
    /// a page (scripts, styles, JSON, SVG), which the extractor refuses by it; nil for any
    /// other file, read as HTML whatever its name.
    public static func contentType(forPath path: String) -> String? {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return nonPageTypes[name[name.index(after: dot)...].lowercased()]
    }

    static let nonPageTypes = ["js": "text/javascript", "mjs": "text/javascript", "css": "text/css",
                               "json": "application/json", "svg": "image/svg+xml"]

    /// A saved page's bytes as on disk, or why it cannot be read (larger than `limit` bytes too).
    public static func readSavedPage(atPath path: String, limit: Int) -> Result<[UInt8], FetchError> {
        guard let bytes = contents(atPath: path, limit: limit) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = exists ? (isDirectory.boolValue ? "is a directory" : "cannot read file") : "no such file"
            return .failure(.unreadable(url: fileURL(forPath: path), reason: why))
        }
        guard bytes.count <= limit else { return .failure(.tooLarge(url: fileURL(forPath: path), limit: limit)) }
        return .success(bytes)
    }

    /// A file's bytes read straight into an array, sized by `fstat` and read on to the end (a
    /// pipe such as `<(curl …)` has no size): no `Data` and no second copy, as `ingest extract`
    /// reads every page this way. Stops after `limit + 1` bytes, enough to tell the file is too
    /// large. Nil when the file cannot be opened or read.
    static func contents(atPath path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        var bytes = [UInt8]()
        let size = fstat(fd, &status) == 0 ? max(Int(status.st_size), 0) : 1 << 16
        bytes.reserveCapacity(min(size, limit) + 1)
        while bytes.count <= limit {
            if bytes.count == bytes.capacity { bytes.reserveCapacity(bytes.capacity * 2) }
            let start = bytes.count, room = min(bytes.capacity - start, limit + 1 - start)
            var got = 0
            bytes.append(contentsOf: repeatElement(0, count: room))
            bytes.withUnsafeMutableBytes { buffer in got = read(fd, buffer.baseAddress! + start, room) }
            bytes.removeLast(room - max(got, 0))
            if got == 0 { return bytes }
            if got < 0, errno != EINTR { return nil }
        }
        return bytes
    }

    /// The absolute `file://` URL for a path as the user typed it (relative to the working directory).
    public static func fileURL(forPath path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }
}
