// SPDX-License-Identifier: GPL-2.0-or-later
// The bounded big-endian reads every dissector makes: each value as the bytes say, at any
// alignment, and nothing read when the bytes are not all there.
#include "tcpscope/byte_reader.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <limits>

using namespace tcpscope;

TEST_CASE("byte reader: big-endian values at every alignment, none past the end", "[byte_reader]") {
    const std::array<uint8_t, 9> bytes = {0x01, 0x80, 0xff, 0x00, 0x7f, 0xfe, 0x10, 0x20, 0x30};
    const ByteReader r{std::span<const uint8_t>(bytes)};
    for (size_t at = 0; at < bytes.size(); ++at) {
        INFO("offset " << at);
        // Each read against the bytes shifted in one at a time, the way the header is written.
        uint64_t want = 0;
        for (size_t n = 1; n <= 4; ++n) {
            const bool there = at + n <= bytes.size();
            if (there) want = want << 8 | bytes[at + n - 1];
            if (n == 1)
                CHECK(r.u8(at) == (there ? std::optional<uint8_t>(uint8_t(want)) : std::nullopt));
            if (n == 2)
                CHECK(r.u16(at) ==
                      (there ? std::optional<uint16_t>(uint16_t(want)) : std::nullopt));
            if (n == 3)
                CHECK(r.u24(at) ==
                      (there ? std::optional<uint32_t>(uint32_t(want)) : std::nullopt));
            if (n == 4)
                CHECK(r.u32(at) ==
                      (there ? std::optional<uint32_t>(uint32_t(want)) : std::nullopt));
            if (there && n == 2) CHECK(loadBe16(bytes.data() + at) == want);
            if (there && n == 4) CHECK(loadBe32(bytes.data() + at) == want);
        }
    }
    CHECK(r.u16(1) == 0x80ff);
    CHECK(r.u32(2) == 0xff007ffeu);
    CHECK(r.u32(5) == 0xfe102030u);
    CHECK(r.u64(0) == 0x0180ff007ffe1020ull);
    CHECK(!r.u64(2));
    CHECK(r.u16le(0) == 0x8001);
    CHECK(r.u32le(5) == 0x302010feu);
    // Offsets far past the end, as a length field can make them: nothing, no wrap-around.
    for (size_t at : {size_t(9), size_t(10), size_t(1) << 32, std::numeric_limits<size_t>::max(),
                      std::numeric_limits<size_t>::max() - 1})
        CHECK((!r.u8(at) && !r.u16(at) && !r.u32(at) && !r.has(at, 1) && r.remaining(at) == 0 &&
               r.bytes(at, 4).empty()));
    // A reader from an offset reads what the whole one reads there, and ends where it ends.
    for (size_t at = 0; at <= bytes.size() + 1; ++at) {
        const ByteReader tail = r.from(at);
        CHECK(tail.size() == r.remaining(at));
        for (size_t k = 0; k < 6; ++k)
            CHECK((tail.u8(k) == r.u8(at + k) && tail.u16(k) == r.u16(at + k) &&
                   tail.u32(k) == r.u32(at + k)));
    }
    CHECK(r.from(std::numeric_limits<size_t>::max()).size() == 0);
    CHECK(r.bytes(7, 100).size() == 2);
    CHECK(!r.has(8, std::numeric_limits<size_t>::max()));
}
