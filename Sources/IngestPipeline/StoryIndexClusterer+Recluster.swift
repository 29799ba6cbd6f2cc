import IngestDedup
import IngestStore

extension StoryIndexClusterer {
    /// Re-clusters every live copy of `store` with the current rules (`Reclustering`), stores
    /// the copies that move and the aliases of old ids left without a story, and saves the new
    /// index as the store's dedup snapshot. `ingest compact --recluster`.
    public static func recluster(_ store: Store) throws -> Reclustering.Result {
        var plan = Reclustering()
        try store.forEachLiveCopyInArrivalOrder { copy, story in plan.add(copyID: copy.id, story: story, text: copy.text) }
        let result = plan.finish(aliases: try store.recordedAliases().map { ($0.from, $0.to) })
        try store.reassign(result.moves, aliases: result.aliases.map { StoryAlias(from: $0.from, to: $0.to) })
        try StoryIndexClusterer(result.index).save(to: store)
        return result
    }
}
