import IngestMarkup
import Testing

/// `Document.walk`, the IngestMarkup API the page tree is built with (added by this module).
@Suite struct DocumentWalkTests {
    func events(_ html: String, skipping: Set<String> = []) -> [String] {
        guard let document = Document(html: Array(html.utf8)) else { return [] }
        var result: [String] = []
        document.walk(attributes: ["class"]) { event in
            switch event {
            case .open(let name, let attributes):
                result.append("<\(name)" + attributes.map { " \($0.name)=\($0.value)" }.joined() + ">")
                return skipping.contains(name) ? .skipContent : .descend
            case .text(let text):
                result.append(text)
            case .close:
                result.append("</>")
            }
            return .descend
        }
        return result
    }

    @Test func reportsElementsTextAndClosesInDocumentOrder() {
        let seen = events("<html><body><p class=\"lead\" id=\"x\">Hi <b>there</b></p><p>Bye</p></body></html>")
        #expect(seen == ["<html>", "<body>", "<p class=lead>", "Hi ", "<b>", "there", "</>", "</>",
                         "<p>", "Bye", "</>", "</>", "</>"])
    }

    @Test func skippedContentIsNotVisitedButStillCloses() {
        let seen = events("<html><body><div><p>hidden</p></div><p>shown</p></body></html>", skipping: ["div"])
        #expect(seen == ["<html>", "<body>", "<div>", "</>", "<p>", "shown", "</>", "</>", "</>"])
    }

    @Test func deepNestingIsWalkedWithoutRecursion() {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth)
        let seen = events(html)
        // libxml2 stops building below its depth limit (a few hundred levels); every level it
        // built is opened and closed exactly once.
        let opened = seen.filter { $0 == "<div>" }.count
        #expect(opened >= 200)
        #expect(seen.filter { $0 == "</>" }.count == opened + 2)
    }
}
