/// BLAKE2s (RFC 7693) with a chosen digest length, unkeyed: what Python's
/// `hashlib.blake2s(data, digest_size=n)` computes. The digest length is part of the parameter
/// block, so a 10-byte BLAKE2s is not a prefix of the 32-byte one.
///
/// ```swift
/// BLAKE2s.hash(Array("abc".utf8))  // 508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982
/// ```
public enum BLAKE2s {
    static let iv: [UInt32] = [
        0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19,
    ]

    static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    /// The digest of `data`, `digestSize` bytes (1...32), with an optional key (0...32 bytes).
    public static func hash(_ data: [UInt8], digestSize: Int = 32, key: [UInt8] = []) -> [UInt8] {
        precondition((1...32).contains(digestSize) && key.count <= 32, "BLAKE2s: digest 1...32 bytes, key at most 32")
        var h = iv
        h[0] ^= 0x0101_0000 ^ UInt32(key.count) << 8 ^ UInt32(digestSize)
        var message = data
        if !key.isEmpty { message = key + [UInt8](repeating: 0, count: 64 - key.count) + data }
        var counter: UInt64 = 0
        var offset = 0
        // Every block but the last is compressed as it comes; the last (possibly empty, then
        // zero-padded) carries the final flag.
        while message.count - offset > 64 {
            counter += 64
            compress(&h, block: message[offset..<(offset + 64)], counter: counter, last: false)
            offset += 64
        }
        let remaining = message.count - offset
        counter += UInt64(remaining)
        var block = [UInt8](repeating: 0, count: 64)
        block.replaceSubrange(0..<remaining, with: message[offset...])
        compress(&h, block: block[...], counter: counter, last: true)
        var out: [UInt8] = []
        for word in h {
            for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(k)))) }
        }
        return Array(out.prefix(digestSize))
    }

    private static func compress(_ h: inout [UInt32], block: ArraySlice<UInt8>, counter: UInt64, last: Bool) {
        var m = [UInt32](repeating: 0, count: 16)
        let base = block.startIndex
        for i in 0..<16 {
            m[i] = (0..<4).reduce(UInt32(0)) { acc, k in acc | UInt32(block[base + 4 * i + k]) << (8 * UInt32(k)) }
        }
        var v = h + iv
        v[12] ^= UInt32(truncatingIfNeeded: counter)
        v[13] ^= UInt32(truncatingIfNeeded: counter >> 32)
        if last { v[14] = ~v[14] }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
        func g(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt32, _ y: UInt32) {
            v[a] = v[a] &+ v[b] &+ x
            v[d] = rotr(v[d] ^ v[a], 16)
            v[c] = v[c] &+ v[d]
            v[b] = rotr(v[b] ^ v[c], 12)
            v[a] = v[a] &+ v[b] &+ y
            v[d] = rotr(v[d] ^ v[a], 8)
            v[c] = v[c] &+ v[d]
            v[b] = rotr(v[b] ^ v[c], 7)
        }
        for round in 0..<10 {
            let s = sigma[round]
            g(0, 4, 8, 12, m[s[0]], m[s[1]])
            g(1, 5, 9, 13, m[s[2]], m[s[3]])
            g(2, 6, 10, 14, m[s[4]], m[s[5]])
            g(3, 7, 11, 15, m[s[6]], m[s[7]])
            g(0, 5, 10, 15, m[s[8]], m[s[9]])
            g(1, 6, 11, 12, m[s[10]], m[s[11]])
            g(2, 7, 8, 13, m[s[12]], m[s[13]])
            g(3, 4, 9, 14, m[s[14]], m[s[15]])
        }
        for i in 0..<8 { h[i] ^= v[i] ^ v[i + 8] }
    }
}
