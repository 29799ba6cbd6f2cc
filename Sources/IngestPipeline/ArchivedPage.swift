import Foundation
import IngestCore
import IngestDiscover
import IngestFetch
import IngestWARC

/// A page from a WARC `response` record, as if the fetcher had just received it: its
/// `WARC-Target-URI`, its `WARC-Date`, and the HTTP answer in its block with the transfer
/// and content codings removed (curl removes them for a live fetch).
///
///     switch ArchivedPage.decide(record, maxPageBytes: 5_000_000) {
///     case .success(let page): …                 // page.response.charset as the fetcher detects it
///     case .failure(let skip): print(skip.reason) // "a request record", "HTTP 404", "not HTML (image/png)"
///     }
public struct ArchivedPage: Sendable {
    /// The record's `WARC-Target-URI`.
    public var url: String
    /// The answer, with the charset found as for a live fetch (BOM, header, `<meta>`, bytes)
    /// and dated with the record's `WARC-Date` (`fetchedAt`).
    public var response: FetchResponse

    /// Why a record is not imported: a short reason, the same for every record of its kind,
    /// so that they can be counted.
    public struct Skip: Error, Sendable, Equatable {
        public var reason: String
    }

    /// The page in `record`, or why it is not one: only `response` records of http(s) URLs
    /// answering 200 with an HTML body (or no `Content-Type`: the extractor judges) are pages.
    public static func decide(_ record: WARCRecord, maxPageBytes: Int) -> Result<ArchivedPage, Skip> {
        func skip(_ reason: String) -> Result<ArchivedPage, Skip> { .failure(Skip(reason: reason)) }
        guard let type = record.type else { return skip("a record of unknown type \(record["WARC-Type"] ?? "(none)")") }
        guard type == .response else { return skip("a \(type.rawValue) record") }
        guard let url = record.targetURI, let scheme = URLComponents(string: url)?.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else { return skip("not an http(s) response") }
        guard record.contentType?.lowercased().hasPrefix("application/http") ?? true,
              let message = HTTPMessage(parsing: record.block), let status = message.status else {
            return skip("no HTTP response in the record")
        }
        guard status == 200 else { return skip("HTTP \(status)") }
        if let contentType = message.headers["content-type"] {
            let mime = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard mime == "text/html" || mime == "application/xhtml+xml" else { return skip("not HTML (\(mime))") }
        }
        guard let dateField = record.date, let date = InternetDate.parse(dateField) else { return skip("no valid WARC-Date") }
        var body: [UInt8]
        do {
            body = try message.decodedBody()
        } catch {
            return skip(error.description)
        }
        switch message.headers["content-encoding"]?.lowercased() {
        case nil, "identity": break
        case "gzip", "x-gzip", "deflate":
            guard let inflated = try? Gunzip.inflate(body, limit: maxPageBytes) else {
                return skip("a compressed body that does not inflate within maxPageBytes")
            }
            body = inflated
        case let other?: return skip("Content-Encoding \(other)")
        }
        guard body.count <= maxPageBytes else { return skip("larger than maxPageBytes") }
        var headers = message.headers
        // The body handed on is decoded, as curl hands it on.
        headers["content-encoding"] = nil
        headers["transfer-encoding"] = nil
        let response = FetchResponse(status: status, finalURL: url, headers: headers, body: body,
                                     charset: Charset.detect(body, contentType: headers["content-type"]),
                                     remoteIP: record["WARC-IP-Address"], fetchedAt: date,
                                     head: Array(record.block[..<message.body.startIndex]))
        return .success(ArchivedPage(url: url, response: response))
    }
}
