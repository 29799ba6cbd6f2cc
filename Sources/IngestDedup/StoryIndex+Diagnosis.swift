/// Why a text would or would not join a given copy's story, check by check: for benchmarks
/// (`DedupBench scale --causes`) and reports. `add` does not use it.
public struct MatchDiagnosis: Sendable, Equatable {
    /// The checks a candidate passes in order.
    public enum Check: String, Sendable, CaseIterable {
        /// The LSH lookup did not return the copy (no band in common).
        case lookup
        /// The sketch's containment estimate (`MatchRule.matches`).
        case sketch
        /// The match rests mostly on common evidence and neither the text's own bins nor its
        /// sentences back it (`standsOnItsEvidence`).
        case evidence
        /// The shared text is one block, or learned shared blocks (`isCopy`).
        case blocks
        /// No check refuses: the copy matches (whether it joins also depends on its story's
        /// representative and other copies).
        case none
    }
    /// The first check that refuses (`none` when none does).
    public var refusedBy: Check
    /// Estimated Jaccard similarity of the two sketches.
    public var similarity: Double
    /// Bins the two sketches agree on, and how many of those hold a common minimum.
    public var agreeing: Int, agreeingOnCommon: Int
    /// The text's own bins (filled, minimum not common) and how many of them the other agrees on.
    public var ownBins: Int, ownAgreeing: Int
    /// Of the text's filled bins, the share whose minimum is common.
    public var commonShare: Double
}

extension StoryIndex {
    /// How `text`, if added now, would be judged against the live copy `copyID`; nil when the
    /// copy is unknown. Pure: the index is not changed.
    public func diagnose(text: String, against copyID: String) -> MatchDiagnosis? {
        guard let doc = doc(ofCopy: copyID) else { return nil }
        let story = StoryText.blocks(of: text)
        let signature = Signature(storyBytes: story.bytes, blockEnds: story.ends)
        var parts = LazyParts(signature)
        let j = similarity(signature, doc)
        let common = parts.commonFlags(commonMinima) ?? Array(repeating: false, count: Signature.bins)
        let evidence = self.evidence(signature, doc, common: common)
        let filled = signature.values.filter { $0 != 0 }.count
        let check: MatchDiagnosis.Check
        if !candidates(of: signature).contains(doc) {
            check = .lookup
        } else if !isMatch(signature, doc, similarity: j) {
            check = .sketch
        } else if !standsOnItsEvidence(signature, doc, similarity: j, parts: &parts) {
            check = .evidence
        } else if !isCopy(signature, doc, of: root(docStory[Int(doc)]), similarity: j, parts: &parts) {
            check = .blocks
        } else {
            check = .none
        }
        return MatchDiagnosis(refusedBy: check, similarity: j, agreeing: evidence.agreeing, agreeingOnCommon: evidence.agreeingOnCommon,
                              ownBins: evidence.own, ownAgreeing: evidence.ownAgreeing,
                              commonShare: filled == 0 ? 0 : Double(common.filter { $0 }.count) / Double(filled))
    }
}
