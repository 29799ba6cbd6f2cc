import Foundation

/// The feed files of one benchmark host, by kind: path → document.
enum Feeds {
    static func files(kind: String, origin: String, host: Int, items: [WorldGenerator.Item]) -> [(String, String)] {
        func date(_ item: WorldGenerator.Item) -> String { item.published.formatted(.iso8601) }
        switch kind {
        case "rss":
            let entries = items.map { "<item><title>\($0.title)</title><link>\(origin)\($0.path)</link><guid>\(origin)\($0.path)</guid><pubDate>\(rfc822($0.published))</pubDate></item>" }
            return [("/feed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Host \(host)</title><link>\(origin)/</link>\n\(entries.joined(separator: "\n"))\n</channel></rss>")]
        case "atom":
            let entries = items.map { "<entry><title>\($0.title)</title><link href=\"\(origin)\($0.path)\"/><id>\(origin)\($0.path)</id><updated>\(date($0))</updated></entry>" }
            return [("/atom.xml", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Host \(host)</title><id>\(origin)/</id><updated>\(date(items[0]))</updated>\n\(entries.joined(separator: "\n"))\n</feed>")]
        case "jsonfeed":
            let entries: [[String: Any]] = items.map { ["id": $0.path, "url": origin + $0.path, "title": $0.title, "date_published": date($0)] }
            let data = try! JSONSerialization.data(withJSONObject: ["version": "https://jsonfeed.org/version/1.1", "title": "Host \(host)", "items": entries])
            return [("/feed.json", String(decoding: data, as: UTF8.self))]
        case "sitemap":
            let urls = items.map { "<url><loc>\(origin)\($0.path)</loc><news:news><news:publication><news:name>Host \(host)</news:name><news:language>en</news:language></news:publication><news:publication_date>\(date($0))</news:publication_date><news:title>\($0.title)</news:title></news:news></url>" }
            return [("/sitemap-index.xml", "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>\(origin)/sitemap-news.xml</loc></sitemap></sitemapindex>"),
                    ("/sitemap-news.xml", "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n\(urls.joined(separator: "\n"))\n</urlset>")]
        default:
            let links = items.map { "<li><a href=\"\($0.path)\">\($0.title)</a></li>" }
            return [("/world/", "<!DOCTYPE html><html><head><title>World | Host \(host)</title></head><body><nav><a href=\"/about/\">About</a> <a href=\"/contact/\">Contact</a> <a href=\"/category/world/\">World</a></nav><h1>World</h1><ul>\n\(links.joined(separator: "\n"))\n</ul></body></html>")]
        }
    }

    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
