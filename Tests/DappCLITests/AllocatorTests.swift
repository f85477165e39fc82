import DappTesting
import Foundation
import Testing

/// The dappctl binary allocates through mimalloc, C libraries included (see
/// Sources/dappctl/Allocator.swift): glibc's dynamic linker reports where each library's `malloc`
/// was bound.
@Suite struct AllocatorTests {
    @Test func everyLibraryAllocatesThroughMimalloc() throws {
        let result = try CommandRunner.dappctl(["--version"], environment: ["LD_DEBUG": "bindings"])
        #expect(result.status == 0)
        let bindings = result.stderr.split(separator: "\n").filter { $0.hasSuffix("normal symbol `malloc' [GLIBC_2.2.5]") }
        let yaml = bindings.filter { $0.contains("binding file") && $0.contains("libyaml") }
        #expect(!yaml.isEmpty, "libyaml's malloc was not bound at all")
        #expect(bindings.allSatisfy { $0.contains("libmimalloc.so") }, "\(bindings.filter { !$0.contains("libmimalloc.so") })")
    }
}
