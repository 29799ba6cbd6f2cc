import IngestCore

/// Decides from its shape alone whether a same-site link on a section page looks like an
/// article (`/world/2024/05/01/ceasefire-talks-resume`, `/news/article-123456`) or like
/// navigation (About, Contact, category, tag and author pages, login, pagination, files).
public enum ArticleLinkHeuristics {
    /// Path segments that mark navigation, not articles.
    public static let navigationSegments: Set<String> = [
        "about", "about-us", "contact", "contact-us", "contacts", "privacy", "privacy-policy", "terms",
        "terms-of-use", "terms-of-service", "cookies", "cookie-policy", "legal", "imprint", "impressum",
        "login", "log-in", "signin", "sign-in", "signup", "sign-up", "register", "logout", "account",
        "subscribe", "subscription", "subscriptions", "newsletter", "newsletters", "donate", "shop",
        "search", "tag", "tags", "category", "categories", "author", "authors", "topic", "topics",
        "section", "sections", "page", "feed", "feeds", "rss", "sitemap", "archive", "archives",
        "careers", "jobs", "advertise", "advertising", "help", "faq", "staff", "team", "masthead",
        "corrections", "wp-admin", "wp-login.php", "cdn-cgi", "static", "assets",
    ]

    /// File extensions that are never article pages.
    public static let fileExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "pdf", "css", "js", "json", "xml", "rss",
        "zip", "gz", "mp3", "mp4", "webm", "mov", "avi", "doc", "docx", "xls", "xlsx", "ppt", "txt",
    ]

    /// Query parameters that make a link a listing page (pagination, search, sorting) or an
    /// action on a page (share buttons, print, comment replies), not an article link.
    public static let listingParameters: Set<String> = [
        "page", "p", "paged", "s", "q", "query", "sort", "offset", "start",
        "share", "action", "print", "replytocom", "output",
    ]

    /// Whether `url` (absolute, normalised) looks like an article page.
    public static func looksLikeArticle(_ url: String) -> Bool {
        guard let parts = CanonicalURL.httpComponents(url) else { return false }
        if let items = parts.queryItems, items.contains(where: { listingParameters.contains($0.name.lowercased()) }) {
            return false
        }
        let segments = parts.path.lowercased().split(separator: "/").map(String.init)
        guard let last = segments.last else { return false }
        if segments.contains(where: navigationSegments.contains) { return false }
        if let dot = last.lastIndex(of: "."), fileExtensions.contains(String(last[last.index(after: dot)...])) {
            return false
        }
        let stem = last.split(separator: ".").first.map(String.init) ?? last
        let words = stem.split(whereSeparator: { $0 == "-" || $0 == "_" }).filter { $0.contains(where: \.isLetter) }
        // Numeric ids count in the path and in query values (`/story?id=987654`).
        let idText = segments.joined(separator: "/") + "/" + (parts.queryItems ?? []).compactMap(\.value).joined(separator: "/")
        let longestDigitRun = idText.split(whereSeparator: { !$0.isNumber }).map(\.count).max() ?? 0
        // A slug of several words, or a long numeric id: both mark one article.
        if words.count >= 3 && stem.count >= 12 { return true }
        if longestDigitRun >= 5 && !(stem.allSatisfy(\.isNumber) && stem.count <= 4) { return true }
        return false
    }

    /// Whether two hosts belong to the same site (equal once a leading `www.` is removed).
    public static func sameSite(_ a: String, _ b: String) -> Bool {
        func bare(_ host: String) -> Substring { host.hasPrefix("www.") ? host.dropFirst(4) : Substring(host) }
        return bare(a) == bare(b)
    }
}
