#if canImport(Glibc)
import Glibc
#endif

/// One input from libFuzzer: its bytes and their count; return 0.
public typealias FuzzInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                                 _ callback: FuzzInput) -> Int32

/// Hands the process to libFuzzer with `input` as the target. SwiftPM gives an executable
/// target its own `main` (from main.swift's top-level code), so libFuzzer's `main` is not
/// linked in; this is the entry point libFuzzer offers for that case.
public func runFuzzer(_ input: FuzzInput) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, input))
}

/// The input as a buffer (empty for a null pointer).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: data, count: data == nil ? 0 : count)
}
