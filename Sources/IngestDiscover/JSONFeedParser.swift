import Foundation
import IngestCore

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org).
enum JSONFeedParser {
    /// Entries of a JSON Feed; throws when the bytes are not one.
    static func parse(_ body: [UInt8], baseURL: String) throws(DiscoveryError) -> DiscoveryResult {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              case .object(let feed) = value else { throw DiscoveryError("not a JSON Feed: invalid JSON") }
        guard case .string(let version)? = feed["version"], version.hasPrefix("https://jsonfeed.org/version/") else {
            throw DiscoveryError("not a JSON Feed: no \"version\" of https://jsonfeed.org/version/…")
        }
        guard case .array(let items)? = feed["items"] else { throw DiscoveryError("JSON Feed without \"items\"") }
        var result = DiscoveryResult(kind: .jsonfeed)
        for case .object(let item) in items {
            let id: String? = switch item["id"] {
            case .string(let text)?: text
            case .integer(let number)?: String(number)
            default: nil
            }
            let link = item["url"]?.string ?? item["external_url"]?.string ?? id.flatMap { CanonicalURL.normalise($0) }
            guard let link, let url = CanonicalURL.resolve(link, against: baseURL) else { continue }
            result.entries.append(DiscoveredEntry(
                url: url, guid: id, title: item["title"]?.string,
                published: item["date_published"]?.string.flatMap(InternetDate.parse),
                updated: item["date_modified"]?.string.flatMap(InternetDate.parse)))
        }
        return result
    }
}

extension JSONValue {
    /// The string, if this value is one.
    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
