import Foundation

/// The world's epochs. Epoch 0: the wire story on every main site, three own stories each.
/// Epoch 1, a news day later: new articles, an edited one, a 404 and a 410 (still listed,
/// with a newer date, as feeds and sitemaps lag), and an item scrolled out of its sitemap.
extension World {
    /// The wire story's seed; own stories use `site * 10 + 1...`.
    static let wireSeed = 100

    func initialArticles() -> [WorldArticle] {
        var result: [WorldArticle] = []
        for site in sites {
            let minutes = Double(site.index * 10)
            result.append(.make(site: site, seed: World.wireSeed, variant: site.index + 1, published: start.addingTimeInterval(minutes * 60)))
            for own in 1...3 {
                result.append(.make(site: site, seed: site.index * 10 + own, published: start.addingTimeInterval((minutes + Double(own)) * 60)))
            }
        }
        return result
    }

    /// What changes in epoch 1, by article seed.
    enum Epoch1 {
        static let added = [4, 44]
        static let edited = 11
        static let notFound = 21
        static let gone = 22
        static let scrolledOut = 31
    }

    /// Moves the world to epoch 1. Changed entries carry a date after the last sync.
    func advanceToEpoch1() {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) + 1)
        mutate { articles in
            for seed in Epoch1.added {
                articles.append(.make(site: sites[seed / 10], seed: seed, published: now))
            }
            for index in articles.indices {
                switch articles[index].seed {
                case Epoch1.edited:
                    articles[index].paragraphs[2] += " The council later corrected the figures it had given."
                    articles[index].entryDate = now
                case Epoch1.notFound: articles[index].status = 404; articles[index].entryDate = now
                case Epoch1.gone: articles[index].status = 410; articles[index].entryDate = now
                case Epoch1.scrolledOut: articles[index].listed = false
                default: break
                }
            }
        }
    }

    /// URLs of the live copies, grouped by story (seed), as the store should hold them now.
    func expectedStories() -> [Int: Set<String>] {
        Dictionary(grouping: currentArticles.filter { $0.status == 200 }, by: \.seed).mapValues { Set($0.map(url(of:))) }
    }

    /// URLs of copies deleted by 404/410.
    func expectedDeleted() -> Set<String> {
        Set(currentArticles.filter { $0.status != 200 }.map(url(of:)))
    }

    /// Whether `path` on a main site is an article page (not a feed or navigation).
    func isArticle(_ path: String, site: Int) -> Bool {
        currentArticles.contains { $0.site == site && $0.path == path }
    }
}
