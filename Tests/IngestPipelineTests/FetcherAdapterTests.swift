import IngestCore
import IngestFetch
import IngestPipeline
import IngestSync
import Testing

/// `FetcherAdapter` passes on what the fetcher found, for sources as for articles.
@Suite struct FetcherAdapterTests {
    /// Answers every request with one response.
    struct OneAnswer: PageFetching {
        let headers: [String: String]
        let body: [UInt8]

        func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
            .success(FetchResponse(requestedURL: request.url, headers: headers, body: body))
        }
    }

    /// Dropping a source's charset made discovery read a Windows-1252 section page as UTF-8.
    @Test(arguments: [FetchRequest.Purpose.source, .article])
    func theCharsetFromTheHeaderGoesWithEveryBody(_ purpose: FetchRequest.Purpose) async throws {
        let fetcher = OneAnswer(headers: ["content-type": "text/html; charset=windows-1252"], body: Array("caf\u{E9}".utf8))
        let response = try await FetcherAdapter(fetcher).fetch(
            FetchRequest(url: "https://fr.example/monde", allowPrivateAddresses: false, purpose: purpose)).get()
        #expect(response.charset == "windows-1252")
        #expect(response.status == 200)
    }
}
