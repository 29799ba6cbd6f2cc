import Foundation
import IngestTesting
import IngestWARC
import LoopbackServer
import Testing

/// `ingest export --format warc` through the binary: the records, their digests and links, the
/// filters, copies without raw pages, and the round trip through `ingest import`.
@Suite struct WARCExportTests {
    private func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    private func records(_ path: String) -> [WARCRecord] {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let reader = WARCReader(fileDescriptor: fd)
        var out: [WARCRecord] = []
        while let event = reader.next() {
            if case .record(let record) = event { out.append(record) } else { Issue.record("\(event)") }
        }
        return out
    }

    /// The export fields that do not depend on when a page was fetched.
    private func timeless(_ records: [[String: Any]]) -> [String] {
        records.map { record in
            let copies = (record["copies"] as? [[String: Any]] ?? []).map { "\($0["url"] ?? "")|\($0["title"] ?? "")|\($0["content_hash"] ?? "")" }
            return ["id", "url", "title", "text", "author", "published", "site", "language", "content_hash"]
                .map { "\(record[$0] ?? "nil")" }.joined(separator: "|") + "|" + copies.joined(separator: ",")
        }
    }

    @Test func exportIsValidWARCAndImportsBackToTheSameStories() throws {
        let world = try SmallWorld()
        defer { world.server.stop() }
        let temp = TemporaryDirectory("ingest-warc-export")
        defer { temp.remove() }
        let dir = temp.url
        let urls = [world.server.url("/news/wire-story-one", site: 0), world.server.url("/news/harbour-council-vote", site: 0),
                    world.server.url("/world/ports-shut-by-storm", site: 1), world.server.url("/world/orchestra-new-season", site: 1)]
        #expect(try IngestBinary.run(["import", "--store", "a", "--keep-raw"] + urls, in: dir).status == 0)
        let exported = try IngestBinary.run(["export", "--store", "a", "-f", "warc", "-o", "a.warc.gz"], in: dir)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("4 copies in 17 WARC records; 0 copies without a raw page"), "\(exported.stderr)")

        let all = records(dir.appendingPathComponent("a.warc.gz").path)
        #expect(all.map(\.type) == [.warcinfo] + Array(repeating: [.request, .response, .conversion, .metadata], count: 4).flatMap { $0 })
        #expect(all.allSatisfy { $0.version == "WARC/1.1" && $0.recordID != nil && $0.date != nil })
        let copies = try objects(try IngestBinary.run(["export", "--store", "a", "--copies"], in: dir).stdout)
        for (index, copy) in copies.enumerated() {
            let group = Array(all[(1 + 4 * index)..<(5 + 4 * index)])
            let (request, response, conversion, metadata) = (group[0], group[1], group[2], group[3])
            for record in group { #expect(record["WARC-Block-Digest"] == WARCDigest.sha1(record.block)) }
            let http = try #require(HTTPMessage(parsing: response.block))
            #expect(http.status == 200)
            #expect(response["WARC-Payload-Digest"] == WARCDigest.sha1(http.body))
            #expect(response["WARC-IP-Address"] == "127.0.0.1")
            #expect(request["WARC-Concurrent-To"] == response.recordID)
            #expect(conversion["WARC-Refers-To"] == response.recordID)
            #expect(String(decoding: conversion.block, as: UTF8.self) == copy["text"] as? String)
            let fields = String(decoding: metadata.block, as: UTF8.self)
            #expect(fields.contains("story: \(copy["story"] as? String ?? "?")\r\n"))
            #expect(fields.contains("title: \(copy["title"] as? String ?? "?")\r\n"))
            #expect(conversion.targetURI == copy["url"] as? String)
        }

        // Round trip: the archive imported into a new store gives the same stories and texts.
        let back = try IngestBinary.run(["import", "--store", "b", "--keep-raw", "a.warc.gz"], in: dir)
        #expect(back.status == 0, "\(back.stderr)")
        let storiesA = try objects(try IngestBinary.run(["export", "--store", "a"], in: dir).stdout)
        let storiesB = try objects(try IngestBinary.run(["export", "--store", "b"], in: dir).stdout)
        #expect(storiesA.count == 3)
        #expect(timeless(storiesB) == timeless(storiesA))
        // ... dated at the captures' times, and exporting the same WARC records again.
        let responses = all.filter { $0.type == .response }
        let copiesB = try objects(try IngestBinary.run(["export", "--store", "b", "--copies"], in: dir).stdout)
        #expect(Set(copiesB.compactMap { $0["first_seen"] as? String }) == Set(responses.compactMap(\.date)))
        #expect(try IngestBinary.run(["export", "--store", "b", "-f", "warc", "-o", "b.warc.gz"], in: dir).status == 0)
        let again = records(dir.appendingPathComponent("b.warc.gz").path)
        // (Metadata aside: store a dated its copies at commit, store b at capture, maybe a second apart.
        // Requests aside: store a kept the request heads curl sent; a WARC import keeps a page's
        // response head only, so store b's request records are rebuilt from the URL.)
        func blocks(_ records: [WARCRecord]) -> [[UInt8]] {
            records.dropFirst().filter { $0.type != .metadata && $0.type != .request }.map(\.block)
        }
        #expect(blocks(again) == blocks(all))
        #expect(again.filter { $0.type == .request }.allSatisfy { String(decoding: $0.block, as: UTF8.self).hasPrefix("GET /") })

        // Filters: one site's copies only; a future --since leaves only the warcinfo record.
        #expect(try IngestBinary.run(["export", "--store", "a", "-f", "warc", "-o", "none.warc.gz", "--since", "2999-01-01"],
                                     in: dir).status == 0)
        #expect(records(dir.appendingPathComponent("none.warc.gz").path).map(\.type) == [.warcinfo])
        let site = try #require(copies.first?["site"] as? String)
        #expect(try IngestBinary.run(["export", "--store", "a", "-f", "warc", "-o", "site.warc.gz", "--site", site], in: dir).status == 0)
        #expect(records(dir.appendingPathComponent("site.warc.gz").path).filter { $0.type == .conversion }.count
                == copies.filter { $0["site"] as? String == site }.count)
    }

    @Test func copiesWithoutRawPagesGetConversionAndMetadataOnly() throws {
        let temp = TemporaryDirectory("ingest-warc-noraw")
        defer { temp.remove() }
        try SmallWorld.page(title: "Plain", paragraphs: SmallWorld.paragraphs(seed: 61), canonical: nil)
            .write(to: temp.url.appendingPathComponent("plain.html"), atomically: true, encoding: .utf8)
        #expect(try IngestBinary.run(["import", "--store", "s", "plain.html"], in: temp.url).status == 0)
        let result = try IngestBinary.run(["export", "--store", "s", "-f", "warc", "-o", "s.warc.gz"], in: temp.url)
        #expect(result.status == 0)
        #expect(result.stderr.contains("1 copies in 3 WARC records; 1 copies without a raw page"), "\(result.stderr)")
        let all = records(temp.url.appendingPathComponent("s.warc.gz").path)
        #expect(all.map(\.type) == [.warcinfo, .conversion, .metadata])
        #expect(all[1]["WARC-Refers-To"] == nil)
        // A saved file kept raw is one resource record (it was not an HTTP exchange).
        #expect(try IngestBinary.run(["import", "--store", "r", "--keep-raw", "plain.html"], in: temp.url).status == 0)
        #expect(try IngestBinary.run(["export", "--store", "r", "-f", "warc", "-o", "r.warc.gz"], in: temp.url).status == 0)
        let kept = records(temp.url.appendingPathComponent("r.warc.gz").path)
        #expect(kept.map(\.type) == [.warcinfo, .resource, .conversion, .metadata])
        #expect(kept[1]["WARC-Payload-Digest"] == WARCDigest.sha1(kept[1].block))
        #expect(kept[2]["WARC-Refers-To"] == kept[1].recordID)
    }

    /// Issue #15: a page kept raw is exported with its status line and header lines exactly as
    /// the server sent them (reason phrase, order, case, repeated fields), and with the request
    /// head curl sent.
    @Test func responseRecordHoldsTheHeadAsReceivedAndTheRequestAsSent() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let page = Array(SmallWorld.page(title: "Harbour council delays vote", paragraphs: SmallWorld.paragraphs(seed: 2),
                                         canonical: nil).utf8)
        let head = Array(("HTTP/1.1 200 Fine Thanks\r\ncontent-TYPE: text/html; charset=utf-8\r\nX-Odd-CASE: one\r\n"
                          + "Set-Cookie: a=1; Path=/\r\nX-Between: x\r\nSet-Cookie: b=2\r\nX-Empty:\r\n"
                          + "Content-Length: \(page.count)\r\n\r\n").utf8)
        server.route("/news/odd") { _ in
            var response = LoopbackResponse()
            response.raw = head + page
            return response
        }
        let temp = TemporaryDirectory("ingest-warc-raw-head")
        defer { temp.remove() }
        let imported = try IngestBinary.run(["import", "--store", "s", "--keep-raw", server.url("/news/odd")], in: temp.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try IngestBinary.run(["export", "--store", "s", "-f", "warc", "-o", "s.warc.gz"], in: temp.url)
        #expect(exported.status == 0, "\(exported.stderr)")

        let all = records(temp.url.appendingPathComponent("s.warc.gz").path)
        let response = try #require(all.first { $0.type == .response })
        #expect(response.block == head + page, "\(String(decoding: response.block.prefix(400), as: UTF8.self))")
        #expect(response["WARC-Block-Digest"] == WARCDigest.sha1(response.block))
        #expect(response["WARC-Payload-Digest"] == WARCDigest.sha1(page))

        // The request as the server received it: curl's own headers, in curl's order.
        let request = try #require(all.first { $0.type == .request })
        let sent = String(decoding: request.block, as: UTF8.self)
        #expect(sent.hasPrefix("GET /news/odd HTTP/1.1\r\nHost: 127.0.0.1:"), "\(sent)")
        #expect(sent.hasSuffix("\r\n\r\n"))
        let received = try #require(server.requests("/news/odd").first)
        let fields = Dictionary(sent.split(separator: "\r\n").dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }, uniquingKeysWith: { first, _ in first })
        #expect(fields == received.headers, "\(sent)")
        #expect(request["WARC-Block-Digest"] == WARCDigest.sha1(request.block))
    }
}
