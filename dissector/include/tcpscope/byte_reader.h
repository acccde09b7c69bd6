// SPDX-License-Identifier: GPL-2.0-or-later
// Bounded big-endian reads over a byte span. Every read says whether the bytes were there;
// nothing here can read past the end (DESIGN.md, "Bad input").
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

namespace tcpscope {

// A big-endian value at p, whose bytes the caller checked are there: one load and a byte swap
// (the byte-by-byte shifts cost a dozen instructions a read, and a packet has some thirty).
inline uint16_t loadBe16(const uint8_t* p) {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap16(v);
    return v;
}
inline uint32_t loadBe32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
    return v;
}

class ByteReader {
  public:
    ByteReader() = default;
    explicit ByteReader(std::span<const uint8_t> data) : m_data(data) {}

    size_t size() const { return m_data.size(); }
    std::span<const uint8_t> data() const { return m_data; }

    // True when [offset, offset+length) lies inside the buffer (overflow-safe).
    bool has(size_t offset, size_t length) const {
        return offset <= m_data.size() && length <= m_data.size() - offset;
    }
    // Bytes available from offset (0 past the end).
    size_t remaining(size_t offset) const {
        return offset <= m_data.size() ? m_data.size() - offset : 0;
    }

    std::optional<uint8_t> u8(size_t offset) const {
        if (!has(offset, 1)) return std::nullopt;
        return m_data[offset];
    }
    std::optional<uint16_t> u16(size_t offset) const {
        if (!has(offset, 2)) return std::nullopt;
        return loadBe16(m_data.data() + offset);
    }
    std::optional<uint32_t> u24(size_t offset) const {
        if (!has(offset, 3)) return std::nullopt;
        return uint32_t(m_data[offset]) << 16 | uint32_t(m_data[offset + 1]) << 8 |
               m_data[offset + 2];
    }
    std::optional<uint32_t> u32(size_t offset) const {
        if (!has(offset, 4)) return std::nullopt;
        return loadBe32(m_data.data() + offset);
    }
    std::optional<uint64_t> u64(size_t offset) const {
        if (!has(offset, 8)) return std::nullopt;
        return uint64_t(*u32(offset)) << 32 | *u32(offset + 4);
    }
    // Little-endian reads, for link headers such as BSD loopback that use host order.
    std::optional<uint16_t> u16le(size_t offset) const {
        if (!has(offset, 2)) return std::nullopt;
        return uint16_t(m_data[offset + 1] << 8 | m_data[offset]);
    }
    std::optional<uint32_t> u32le(size_t offset) const {
        if (!has(offset, 4)) return std::nullopt;
        return uint32_t(m_data[offset + 3]) << 24 | uint32_t(m_data[offset + 2]) << 16 |
               uint32_t(m_data[offset + 1]) << 8 | m_data[offset];
    }

    // The bytes from offset on, as a reader of their own (empty past the end). A dissector
    // reading a header's fields keeps one in a local: its bounds stay in registers and each
    // check against a constant offset is one compare.
    ByteReader from(size_t offset) const {
        return offset < m_data.size() ? ByteReader(m_data.subspan(offset)) : ByteReader();
    }
    // The bytes [offset, offset+length) clipped to what is present (possibly empty).
    std::span<const uint8_t> bytes(size_t offset, size_t length) const {
        if (offset >= m_data.size()) return {};
        size_t n = length < m_data.size() - offset ? length : m_data.size() - offset;
        return m_data.subspan(offset, n);
    }

  private:
    std::span<const uint8_t> m_data;
};

// Sequence-number arithmetic modulo 2^32 (RFC 9293 section 3.4; Linux's before()/after()).
constexpr bool seqBefore(uint32_t a, uint32_t b) {
    return static_cast<int32_t>(a - b) < 0;
}
constexpr bool seqAfter(uint32_t a, uint32_t b) {
    return seqBefore(b, a);
}
constexpr bool seqBeforeEq(uint32_t a, uint32_t b) {
    return static_cast<int32_t>(a - b) <= 0;
}
constexpr bool seqAfterEq(uint32_t a, uint32_t b) {
    return seqBeforeEq(b, a);
}

} // namespace tcpscope
