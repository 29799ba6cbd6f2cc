import FuzzSupport
import IngestFetch

/// Charset detection and transcoding: the first line is a Content-Type header value, the rest
/// the body; the detected charset and every label the header names are transcoded.
runFuzzer { data, count in
    let bytes = Array(UnsafeRawBufferPointer(fuzzBytes(data, count)))
    let newline = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let header = String(decoding: bytes[..<newline], as: UTF8.self)
    let body = Array(bytes[min(newline + 1, bytes.count)...])
    let detected = Charset.detect(body, contentType: header.isEmpty ? nil : header)
    _ = Charset.transcode(body, from: detected)
    _ = Charset.decode(body, contentType: header)
    if let label = Charset.normalize(header) { _ = Charset.transcode(body, from: label) }
    _ = Charset.isValidUTF8(body)
    return 0
}
