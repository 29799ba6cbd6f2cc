import Foundation

/// The HTML a world site serves for an article: the site's chrome (navigation, share bar,
/// comments, related links, footer) around the story's headline and paragraphs.
enum ArticlePage {
    /// A full article page.
    static func html(site: WorldSite, title: String, paragraphs: [String], published: Date, related: [String]) -> String {
        let body = paragraphs.map { "<p>\(escape($0))</p>" }.joined(separator: "\n")
        let links = related.map { "<li><a href=\"\($0)\">\(escape(titleCase($0)))</a></li>" }.joined()
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>\(escape(title)) | \(site.displayName)</title>
        <meta property="og:site_name" content="\(site.displayName)">
        <meta name="author" content="\(site.displayName) Staff">
        <meta property="article:published_time" content="\(WorldDates.iso(published))">
        </head><body>
        \(chrome(site))
        <main><article>
        <h1>\(escape(title))</h1>
        <p class="byline">By \(site.displayName) Staff · <time datetime="\(WorldDates.iso(published))">\(WorldDates.iso(published))</time></p>
        <div class="share"><a href="/share/facebook">Share on Facebook</a> <a href="/share/x">Share on X</a> <a href="/share/email">Email this story</a></div>
        <div class="article-body">
        \(body)
        </div>
        <aside class="subscribe">Support independent journalism: subscribe to \(site.displayName) for unlimited access.</aside>
        <section class="related"><h2>Related content</h2><ul>\(links)</ul></section>
        <section id="comments" class="comments"><h2>Comments (2)</h2>
        <div class="comment">reader42: Finally some news about this, thanks for covering it.</div>
        <div class="comment">anon: I disagree with the council as usual.</div></section>
        </article></main>
        \(footer(site))
        </body></html>
        """
    }

    /// The site's navigation bar: About, Contact and category pages, none of them articles.
    static func chrome(_ site: WorldSite) -> String {
        """
        <header><a href="/" class="logo">\(site.displayName)</a>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/category/politics/">Politics</a></li>
        <li><a href="/category/business/">Business</a></li><li><a href="/tag/climate/">Climate</a></li>
        <li><a href="/about/">About us</a></li><li><a href="/contact/">Contact</a></li></ul></nav></header>
        """
    }

    static func footer(_ site: WorldSite) -> String {
        "<footer><p>© 2026 \(site.displayName). All rights reserved. <a href=\"/privacy/\">Privacy</a> · <a href=\"/terms/\">Terms</a></p></footer>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func titleCase(_ path: String) -> String {
        (path.split(separator: "/").last ?? "").replacingOccurrences(of: "-", with: " ").capitalized
    }
}

/// Date formats the world's feeds use.
enum WorldDates {
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// RFC 822, as in RSS `pubDate` and HTTP `Last-Modified`.
    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
