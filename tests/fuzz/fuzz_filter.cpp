// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: bytes as a display filter's text, compiled; when it compiles, tested on
// the full trees of two packets built once (a SYN with options, and a segment with a payload),
// with and without the frames' bytes, so every comparison, slice, function and regular
// expression path runs against real values.
#include "tcpscope/display_filter.h"
#include "tcpscope/dissect.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

using namespace tcpscope;

namespace {

// Ethernet, IPv4 (10.0.0.1 -> 10.0.0.2) and TCP 40000 -> 80 with `flags`, `options` and
// `payload`; lengths filled in, checksums left zero.
std::vector<uint8_t> frame(uint8_t flags, std::vector<uint8_t> options, std::string_view payload) {
    while (options.size() % 4) options.push_back(1); // NOP padding
    const size_t tcpLen = 20 + options.size(), ipLen = 20 + tcpLen + payload.size();
    std::vector<uint8_t> f = {0,
                              1,
                              2,
                              3,
                              4,
                              5,
                              6,
                              7,
                              8,
                              9,
                              10,
                              11,
                              0x08,
                              0x00,
                              0x45,
                              0,
                              uint8_t(ipLen >> 8),
                              uint8_t(ipLen),
                              0x12,
                              0x34,
                              0x40,
                              0,
                              64,
                              6,
                              0,
                              0,
                              10,
                              0,
                              0,
                              1,
                              10,
                              0,
                              0,
                              2,
                              0x9c,
                              0x40,
                              0,
                              80,
                              0,
                              0,
                              0x10,
                              0,
                              0,
                              0,
                              0x20,
                              0,
                              uint8_t((tcpLen / 4) << 4),
                              flags,
                              0xff,
                              0xff,
                              0,
                              0,
                              0,
                              0};
    for (uint8_t b : options) f.push_back(b);
    for (char c : payload) f.push_back(uint8_t(c));
    return f;
}

struct Packets {
    std::vector<std::vector<uint8_t>> frames;
    std::vector<ProtoTree> trees;
};

Packets makePackets() {
    Packets p;
    p.frames = {
        frame(0x02, {2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7}, {}),
        frame(0x18, {1, 1, 8, 10, 0, 0, 0, 2, 0, 0, 0, 1}, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
    };
    const auto& frames = p.frames;
    auto& trees = p.trees;
    trees.resize(frames.size());
    for (size_t i = 0; i < frames.size(); ++i) {
        Frame f;
        f.number = i + 1;
        f.linkType = LinkType::Ethernet;
        f.originalLength = uint32_t(frames[i].size());
        f.data = frames[i];
        PacketSummary s;
        dissectFrame(f, s, &trees[i]);
    }
    return p;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Packets packets = makePackets();
    FilterError error;
    const auto filter =
        DisplayFilter::compile(std::string_view(reinterpret_cast<const char*>(data), size), &error);
    if (!filter) {
        volatile size_t sink = error.text().size(); // the message is built, and bounded
        (void)sink;
        return 0;
    }
    // With the frame's bytes (protocol slices) and without them.
    for (size_t i = 0; i < packets.trees.size(); ++i) {
        (void)filter->matches(packets.trees[i], packets.frames[i]);
        (void)filter->matches(packets.trees[i]);
    }
    return 0;
}
