import Foundation
import FuzzSupport
import IngestStore

nonisolated(unsafe) private var scratch: ScratchStore?  // libFuzzer calls in from one thread
nonisolated(unsafe) private let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)

/// The store's line scanner and record decoding: the first byte picks the record file the
/// rest becomes; then every reader runs over it (open and status, and the export, which reads
/// without the index). A damaged line is a `StoreError`; only a crash, leak or hang is a finding.
runFuzzer { data, count in
    guard count > 0 else { return 0 }
    let store = scratch ?? ScratchStore()
    scratch = store
    let bytes = UnsafeRawBufferPointer(fuzzBytes(data, count))
    let file = ScratchStore.recordFiles[Int(bytes[0]) % ScratchStore.recordFiles.count]
    store.write(Data(bytes[1...]), to: file)
    _ = try? Store.open(directory: store.path, access: .read).status()
    for options in [ExportOptions(), ExportOptions(perCopy: true, includeDeleted: true)] {
        _ = try? Store.export(directory: store.path, options, to: .fileDescriptor(devNull))
    }
    return 0
}
