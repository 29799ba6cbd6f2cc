import Foundation
import IngestTesting
import Testing
@testable import IngestWARC

/// Reads `bytes` handing the reader at most `chunk` bytes per read (1 tests every boundary).
func readAll(_ bytes: [UInt8], chunk: Int = 1 << 20, maxBlockBytes: Int = 64 << 20) -> [WARCReader.Event] {
    var position = 0
    let reader = WARCReader(maxBlockBytes: maxBlockBytes) { buffer in
        let count = min(chunk, buffer.count, bytes.count - position)
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.withUnsafeBytes { $0 }[position..<position + count]))
        position += count
        return count
    }
    return Array(sequence(state: reader) { $0.next() })
}

func records(_ events: [WARCReader.Event]) -> [WARCRecord] {
    events.compactMap { if case .record(let record) = $0 { record } else { nil } }
}

func damages(_ events: [WARCReader.Event]) -> [WARCDamage] {
    events.compactMap { if case .damaged(let damage) = $0 { damage } else { nil } }
}

@Suite struct WARCReaderWriterTests {
    static let sample = [
        WARCRecord(type: .warcinfo, headers: [("WARC-Date", "2026-12-04T06:00:01Z"), ("Content-Type", "application/warc-fields")],
                   block: Array("software: ingest\r\n".utf8)),
        WARCRecord(type: .response, headers: [("WARC-Target-URI", "https://example.com/a"), ("WARC-Date", "2026-12-04T06:00:02Z")],
                   block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>a</p>".utf8)),
        WARCRecord(type: .conversion, headers: [("WARC-Target-URI", "https://example.com/a")], block: []),
    ]

    // WARC/1.1 §4: version line, fields, Content-Length, CRLF, block, CRLF CRLF.
    @Test func serializesTheStandardLayout() {
        let record = WARCRecord(type: .resource, headers: [("WARC-Target-URI", "urn:x"), ("Bad", "a\r\nInjected: 1")],
                                block: Array("hello".utf8))
        let expected = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: urn:x\r\nBad: a  Injected: 1\r\n"
            + "Content-Length: 5\r\n\r\nhello\r\n\r\n"
        #expect(String(decoding: record.serialized(), as: UTF8.self) == expected)
    }

    @Test(arguments: [true, false], [1, 7, 1 << 20])
    func writerOutputReadsBackRecordForRecord(gzip: Bool, chunk: Int) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/out.warc"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let writer = WARCWriter(fileDescriptor: fd, path: path, gzip: gzip)
        var offsets: [Int] = []
        for record in Self.sample {
            offsets.append(writer.bytesWritten)
            try writer.write(record)
        }
        close(fd)
        let bytes = Fixture.bytesAt(path)
        #expect(bytes.count == writer.bytesWritten)
        let events = readAll(bytes, chunk: chunk)
        #expect(damages(events).isEmpty)
        #expect(records(events) == Self.sample)
        if gzip {
            // One gzip member per record: reading from any record's offset gives that record on.
            for (index, offset) in offsets.enumerated() {
                #expect(Array(bytes[offset..<offset + 2]) == [0x1F, 0x8B])
                #expect(records(readAll(Array(bytes[offset...]))) == Array(Self.sample[index...]))
            }
        } else {
            #expect(bytes == Self.sample.flatMap { $0.serialized() })
        }
    }

    /// Records queued in many small groups, compressed on worker threads with at most
    /// `inFlight` groups held, come out in the order queued and as the same bytes as records
    /// written one by one (records of very different sizes, so groups finish out of order).
    @Test(arguments: [true, false], [1, 3])
    func queuedRecordsEqualOneByOne(gzip: Bool, inFlight: Int) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let many = (0..<60).flatMap { i in
            Self.sample.map { record in
                var record = record
                record["X-Index"] = String(i)
                // Every seventh record is large and varied (slow to compress), the rest small.
                if i % 7 == 3 { record.block = (0..<(200_000 + i * 1000)).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> (i % 5)) } }
                return record
            }
        }
        func written(_ body: (WARCWriter) throws -> Void, groupBytes: Int = 1 << 20) throws -> (bytes: [UInt8], recordBytes: Int) {
            let path = dir.path + "/\(UUID().uuidString).warc"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let writer = WARCWriter(fileDescriptor: fd, path: path, gzip: gzip, level: 1, groupBytes: groupBytes,
                                    groupsInFlight: inFlight)
            try body(writer)
            close(fd)
            let bytes = Fixture.bytesAt(path)
            #expect(bytes.count == writer.bytesWritten)
            return (bytes, writer.recordBytes)
        }
        let queued = try written({ writer in
            for record in many { try writer.queue(record) }
            try writer.finish()
        }, groupBytes: 700)
        let single = try written { writer in for record in many { try writer.write(record) } }
        #expect(queued.bytes == single.bytes)
        #expect(queued.recordBytes == many.reduce(0) { $0 + $1.serialized().count })
        #expect(records(readAll(queued.bytes)) == many)
        if !gzip { #expect(queued.bytes == many.flatMap { $0.serialized() }) }
    }

    /// Several pieces compressed in one call are each a gzip member of its own, the same
    /// bytes as compressing each piece alone.
    @Test func membersAreTheSameAsOneByOne() {
        let pieces: [[UInt8]] = [Array("first".utf8), [], Array(repeating: 0x41, count: 100_000), Array("last".utf8)]
        var ends: [Int] = []
        for piece in pieces { ends.append((ends.last ?? 0) + piece.count) }
        let together = GzipMemberCompressor(level: 1).members(pieces.flatMap { $0 }, ends: ends)
        #expect(together == pieces.flatMap { GzipMemberCompressor(level: 1).member($0) })
        func inflated(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            #expect(GzipMembers().inflate(bytes[...], into: &out, atEnd: true).isEmpty)
            return out
        }
        #expect(inflated(together) == pieces.flatMap { $0 })
        for piece in pieces { #expect(inflated(GzipMemberCompressor(level: 1).member(piece)) == piece) }
    }

    /// Records that compress a thousandfold: one read of the file inflates to 64 MB, which the
    /// reader must not hold at once (it inflates about a read's worth at a time).
    @Test func compressibleRecordsDoNotInflateAllAtOnce() throws {
        let records = (0..<64).map { i in
            WARCRecord(type: .resource, headers: [("WARC-Target-URI", "urn:\(i)")], block: Array(repeating: 65, count: 1 << 20))
        }
        let compressor = GzipMemberCompressor(level: 9)
        let file = records.flatMap { compressor.member($0.serialized()) }
        #expect(file.count < 1 << 20, "the whole file fits in one read")
        var position = 0
        let reader = WARCReader { buffer in
            let count = min(buffer.count, file.count - position)
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: file.withUnsafeBytes { $0 }[position..<position + count]))
            position += count
            return count
        }
        var read: [WARCRecord] = []
        var largestBuffer = 0
        while let event = reader.next() {
            guard case .record(let record) = event else { Issue.record("\(event)"); continue }
            read.append(record)
            largestBuffer = max(largestBuffer, reader.bufferCapacity)
        }
        #expect(read == records)
        #expect(largestBuffer < 8 << 20, "the buffer held \(largestBuffer) bytes")
    }

    // A WARC written by warcio (Tests/Fixtures/warc/make-warcio-pages.py): our SHA-1 and
    // base32 give the digests warcio wrote.
    @Test(arguments: [1, 100, 1 << 20])
    func readsWarcioOutputAndAgreesOnDigests(chunk: Int) throws {
        let events = readAll(Fixture.bytes("warc/warcio-pages.warc.gz"), chunk: chunk)
        #expect(damages(events).isEmpty)
        let read = records(events)
        #expect(read.map(\.type) == [.warcinfo, .response, .response, .response])
        #expect(read.map(\.targetURI) == [nil, "http://example.com/ferry.html", "http://example.com/gone.html",
                                          "http://example.com/logo.png"])
        for record in read {
            #expect(WARCDigest.sha1(record.block) == record["WARC-Block-Digest"])
            if let payloadDigest = record["WARC-Payload-Digest"] {
                let message = try #require(HTTPMessage(parsing: record.block))
                #expect(WARCDigest.sha1(message.body) == payloadDigest)
            }
        }
        let ferry = try #require(HTTPMessage(parsing: read[1].block))
        #expect(ferry.status == 200)
        #expect(ferry.headers["content-type"] == "text/html; charset=iso-8859-1")
        #expect(ferry.body.starts(with: Array("<html>".utf8)))
        #expect(HTTPMessage(parsing: read[2].block)?.status == 404)
    }

    @Test func gzipCutShortReportsTheRecordAndKeepsTheOnesBefore() {
        let events = readAll(Fixture.bytes("warc/truncated-in-second-record.warc.gz"))
        #expect(records(events).map(\.type) == [.warcinfo])
        #expect(damages(events).count == 1)
    }

    @Test(arguments: [1, 1 << 20])
    func corruptGzipMemberCostsOnlyItsRecord(chunk: Int) throws {
        let events = readAll(Fixture.bytes("warc/corrupt-second-member.warc.gz"), chunk: chunk)
        #expect(records(events).map(\.targetURI) == [nil, "http://example.com/gone.html", "http://example.com/logo.png"])
        let damage = try #require(damages(events).first)
        #expect(damages(events).count == 1, "\(events)")
        #expect(damage.offset == 256)
        // The damage comes where the record was, between the first record and the third.
        guard case .damaged = events[1] else { Issue.record("damage not in order: \(events)"); return }
    }

    @Test(arguments: [1, 1 << 20])
    func junkBetweenPlainRecordsIsSkippedOnce(chunk: Int) throws {
        let bytes = Fixture.bytes("warc/plain-junk-between-records.warc")
        let events = readAll(bytes, chunk: chunk)
        #expect(records(events).count == 4)
        let damage = try #require(damages(events).first)
        #expect(damages(events).count == 1)
        let offset = try #require(damage.offset)
        #expect(bytes[Int(offset)...].starts(with: Array("junk line".utf8)))
    }

    @Test func plainRecordCutShortIsReportedWithItsHead() throws {
        let events = readAll(Fixture.bytes("warc/plain-truncated-last-record.warc"), chunk: 13)
        #expect(records(events).count == 3)
        let damage = try #require(damages(events).first)
        #expect(damage.record?.targetURI == "http://example.com/logo.png")
        #expect(damage.line.contains("ends inside this record"))
    }

    @Test func oversizedBlocksAreSkippedAndTheRestRead() {
        let big = WARCRecord(type: .resource, headers: [("WARC-Target-URI", "urn:big")], block: Array(repeating: 65, count: 5000))
        let bytes = Self.sample[0].serialized() + big.serialized() + Self.sample[1].serialized()
        let events = readAll(bytes, chunk: 64, maxBlockBytes: 1000)
        #expect(records(events) == [Self.sample[0], Self.sample[1]])
        #expect(damages(events).isEmpty)
        #expect(events.compactMap { if case .oversized(let head) = $0 { head.targetURI } else { nil } } == ["urn:big"])
    }

    @Test func headWithoutContentLengthIsSkipped() {
        let bytes = Array("WARC/1.1\r\nWARC-Type: resource\r\n\r\n".utf8) + Self.sample[1].serialized()
        let events = readAll(bytes)
        #expect(records(events) == [Self.sample[1]])
        #expect(damages(events).count == 1)
    }

    @Test func chunkedBodiesAreDecoded() throws {
        let block = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\nx-a: 2\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n".utf8)
        let message = try #require(HTTPMessage(parsing: block))
        #expect(message.headers["x-a"] == "1, 2")
        #expect(try message.decodedBody() == Array("Wikipedia".utf8))
        let cut = try #require(HTTPMessage(parsing: Array(block.dropLast(12))))
        #expect(throws: HTTPMessageError.badChunk) { try cut.decodedBody() }
    }
}

extension Fixture {
    static func bytesAt(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }
}
