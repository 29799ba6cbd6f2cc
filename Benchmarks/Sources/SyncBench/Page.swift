import Foundation

/// Article pages of the benchmark world: each host's own chrome (a 40-link menu, inline
/// script and style, share bar, related links, comments, footer) around the story, about
/// 20 KB a page as news pages go without their images.
enum Page {
    static func article(host: Int, title: String, paragraphs: [String], published: Date) -> String {
        let site = "Host \(host) News"
        let date = published.formatted(.iso8601)
        let menu = (0..<40).map { "<li><a href=\"/section/\(Prose.vocabulary[(host * 40 + $0) % Prose.vocabulary.count])/\">\(Prose.vocabulary[(host * 40 + $0 * 3) % Prose.vocabulary.count].capitalized)</a></li>" }.joined()
        let script = "var cfg={site:'\(site)',ads:[" + (0..<120).map { "{slot:'ad\($0)',size:[300,250],lazy:true}" }.joined(separator: ",") + "]};"
        let style = (0..<60).map { ".c\(host)-\($0){margin:\($0)px;padding:\($0 % 7)px;color:#333;font-size:\(12 + $0 % 6)px}" }.joined()
        return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(title) | \(site)</title>
        <meta property="og:title" content="\(title)"><meta property="og:site_name" content="\(site)">
        <meta property="article:published_time" content="\(date)"><style>\(style)</style><script>\(script)</script></head>
        <body><header><a href="/">\(site)</a><nav><ul>\(menu)</ul></nav></header>
        <main><article><h1>\(title)</h1><p class="byline">By Staff Reporter · <time datetime="\(date)">\(date)</time></p>
        <div class="share"><a href="/share/fb">Share</a> <a href="/share/x">Post</a> <a href="/share/mail">Email</a></div>
        \(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
        <aside class="newsletter">Get our morning briefing: sign up for the \(site) newsletter.</aside>
        <section class="related"><h2>Related</h2><ul>\((0..<5).map { "<li><a href=\"/news/related-\(host)-\($0)\">More from \(site) number \($0)</a></li>" }.joined())</ul></section>
        <section class="comments"><h2>3 comments</h2><p>Great piece.</p><p>Not convinced.</p><p>Thanks for this.</p></section>
        </article></main><footer>© 2026 \(site) · <a href="/about/">About</a> · <a href="/contact/">Contact</a></footer></body></html>
        """
    }
}
