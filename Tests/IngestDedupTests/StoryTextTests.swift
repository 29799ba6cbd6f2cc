import Testing
@testable import IngestDedup

@Suite struct StoryTextTests {
    @Test func chromeLinesAreNotStoryText() {
        let text = Edit.chrome(["The central bank raised its main interest rate by a quarter point on Thursday, citing stubborn inflation."])
        #expect(StoryText.lines(of: text) == [
            "the central bank raised its main interest rate by a quarter point on thursday, citing stubborn inflation.",
        ])
    }

    @Test func hardWrappedParagraphsAreJoined() {
        let paragraph = "The central bank raised its main interest rate by a quarter point on the last day of the month, citing stubborn inflation and a tight labour market."
        let wrapped = Edit.reflow([paragraph], width: 30)[0]
        #expect(StoryText.lines(of: wrapped) == StoryText.lines(of: paragraph))
    }
}
