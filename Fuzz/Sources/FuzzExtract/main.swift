import FuzzSupport
import IngestCore
import IngestExtract

/// The HTML extractor: bytes in, an `Article` out, whatever the bytes (with and without a
/// declared charset, so the transcoding path runs too).
runFuzzer { data, count in
    let bytes = Array(UnsafeRawBufferPointer(fuzzBytes(data, count)))
    let article = Extractor().extract(html: bytes, url: "https://example.test/news/story.html")
    _ = Extractor().extract(html: bytes, url: nil, encoding: nil, contentType: "text/html; charset=windows-1252")
    _ = article.text.count
    return 0
}
