import Foundation
import IngestCore
import IngestExtract

/// Metadata accuracy on pages that carry it: the title against the ground truth's title; the
/// published date against the date in the URL path, where the URL has one (an independent
/// check); authors and dates as coverage, since the ground truth has no author or date.
struct MetadataCheck {
    let pages: [Page]
    let articles: [Article]

    func report() -> String {
        var titleHits = 0, titled = 0
        var dateChecked = 0, dateHits = 0
        var withAuthor = 0, withPublished = 0
        for (page, meta) in zip(pages, articles.map(\.metadata)) {
            if !page.title.isEmpty {
                titled += 1
                if let title = meta.title, MetadataCheck.key(title) == MetadataCheck.key(page.title) { titleHits += 1 }
            }
            if !meta.authors.isEmpty { withAuthor += 1 }
            if meta.published != nil { withPublished += 1 }
            if let urlDate = MetadataCheck.urlDate(page.url) {
                dateChecked += 1
                if meta.published?.hasPrefix(urlDate) == true { dateHits += 1 }
            }
        }
        let n = pages.count
        return """
        metadata: title matches ground truth \(titleHits)/\(titled) (\(percent(titleHits, titled)))
                  published agrees with the URL's date path \(dateHits)/\(dateChecked) (\(percent(dateHits, dateChecked)))
                  pages with an author \(withAuthor)/\(n), with a published date \(withPublished)/\(n)
        """
    }

    private func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "n/a" : String(format: "%.1f%%", 100 * Double(a) / Double(b))
    }

    /// Letters and digits only, lower-cased: quotes and dashes differ between sources.
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            .map(Character.init))
    }

    /// "/2024/05/01/" in a URL path, as "2024-05-01".
    static func urlDate(_ url: String) -> String? {
        let parts = url.split(separator: "/").map(String.init)
        for index in parts.indices.dropLast(2) {
            guard parts[index].count == 4, let year = Int(parts[index]), (1990...2100).contains(year),
                  parts[index + 1].count == 2, let month = Int(parts[index + 1]), (1...12).contains(month),
                  parts[index + 2].count == 2, let day = Int(parts[index + 2]), (1...31).contains(day) else { continue }
            return "\(parts[index])-\(parts[index + 1])-\(parts[index + 2])"
        }
        return nil
    }
}
