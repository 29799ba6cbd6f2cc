import Foundation
import Testing
@testable import IngestExtract

/// The shortcuts taken for speed must agree with the slower checks they stand in for: a byte
/// scan never turns away a text the full check would accept, one table answers as the sets.
@Suite struct ShortcutTests {
    @Test func everyBylineLabelMayHoldALabelInAnyCase() {
        for label in Byline.labels {
            let before = label + (label.hasPrefix("author") ? ": " : " ") + "Jane Doe"
            for text in [label, label.uppercased(), label.capitalized, "Jun 2 · " + label.capitalized,
                         before.capitalized, before.uppercased()] {
                let accepted = Byline.endsWithLabel(text) || Byline.afterLabel(text) != nil
                #expect(accepted, "\(text)")
                #expect(Byline.mayHoldLabel(text), "\(text)")
            }
        }
    }

    @Test func linesWithoutALabelAreTurnedAwayAndSoAreTheyByTheFullCheck() {
        for text in ["Jane Doe · May 1, 2024", "3 min read", "Share this story", "Updated 10:42 a.m."] {
            #expect(!Byline.mayHoldLabel(text), "\(text)")
            #expect(!Byline.endsWithLabel(text) && Byline.afterLabel(text) == nil, "\(text)")
        }
    }

    @Test func authorPathSegmentsAreMatchedWithoutRegardToCase() {
        #expect(Byline.isAuthorPath("/AUTHOR/jane-doe"))
        #expect(Byline.isAuthorPath("https://example.com/Contributors/jdoe"))
        #expect(Byline.isAuthorPath("??/people/jdoe"))
        // Empty segments are not segments: the name must follow in a segment of its own.
        #expect(Byline.isAuthorPath("/author//jane"))
        #expect(!Byline.isAuthorPath("/author//"))
        #expect(!Byline.isAuthorPath("/news/author"))
        #expect(!Byline.isAuthorPath("/authör/jane"))
        #expect(!Byline.isAuthorPath("/writer?/jane"))
        #expect(!Byline.isAuthorPath(""))
    }

    @Test func aDateNeedsFourDigitsInARow() {
        #expect(DateNormalizer.hasFourDigits("May 5, 2024"))
        #expect(DateNormalizer.hasFourDigits("x123456"))
        #expect(!DateNormalizer.hasFourDigits("12:30, 10/3/24"))
        #expect(!DateNormalizer.hasFourDigits("20 24"))
        // Texts without such a run read no date, with or without the scan.
        #expect(DateNormalizer.readings(in: "12:30, 10/3/24") == nil)
        #expect(DateNormalizer.readings(in: "5 min read · 12 comments") == nil)
        #expect(DateNormalizer.readings(in: "Updated May 5, 2024")?.date == "2024-05-05")
        #expect(DateNormalizer.readings(in: "5/10/2024")?.date == "2024-05-10")
    }

    @Test func oneTagLookupAnswersAsBothTagSets() {
        for tag in PageTree.skippedTags.union(TextBlocks.blockTags).union(["span", "a", "title", "h7"]) {
            let role = PageTree.tagRoles[tag] ?? []
            #expect(role.contains(.skipped) == PageTree.skippedTags.contains(tag), "\(tag)")
            #expect(role.contains(.block) == TextBlocks.blockTags.contains(tag), "\(tag)")
        }
    }

    @Test func everyPleaPhraseIsFoundWhereverItStandsAndInAnyCase() {
        for phrase in Boilerplate.pleaPhrases {
            #expect(Boilerplate.isPlea(phrase), "\(phrase)")
            #expect(Boilerplate.isPlea("As we said: " + phrase.uppercased() + ", thanks."), "\(phrase)")
        }
        #expect(!Boilerplate.isPlea("A story about a fund, a month and a favor."))
    }

    @Test func doubleDecodedTextIsRepairedAndOtherTextLeftAsItIs() {
        #expect(Mojibake.repaired("Itâ€™s") == "It’s")
        #expect(Mojibake.repaired("cafÃ©") == "café")
        #expect(Mojibake.repaired("Fuß“") == "Fuß“")
        #expect(Mojibake.repaired("plain text") == "plain text")
    }
}
