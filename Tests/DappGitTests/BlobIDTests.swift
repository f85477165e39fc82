import Testing

@testable import DappGit

/// Blob ids are computed here to check what is read from the object database.
@Suite struct BlobIDTests {
    @Test func idsAreGitsBlobIDs() {
        // `git hash-object` of an empty file and of "hello\n".
        #expect(BlobID.of(UnsafeRawBufferPointer(start: nil, count: 0)).description == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        Array("hello\n".utf8).withUnsafeBytes { bytes in
            #expect(BlobID.of(bytes).description == "ce013625030ba8dba906f756967f9e9ca394464a")
        }
    }

    @Test(arguments: [0, 1, 9, 10, 99, 100, 4_096, 12_345, 1_000_000_007, Int.max])
    func headerIsBlobSizeAndNul(size: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            let length = BlobID.writeHeader(size: size, into: buffer)
            #expect(Array(buffer[..<length]) == Array("blob \(size)\0".utf8))
        }
    }
}
