// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: one frame. The first byte picks the link type, the rest are the captured
// bytes. The frame is dissected with a tree and printed every way a user can ask for, so the
// formatters (which re-read the frame bytes for -x and option details) are fuzzed as well.
#include "exercise_frame.h"

#include <array>
#include <cstddef>
#include <cstdint>

using namespace tcpscope;

namespace {
// The order must match make_seeds.cpp's linkSelector; new link types go at the end, so the
// selector of every saved input keeps its meaning.
constexpr std::array<uint32_t, 14> kLinkTypes = {
    LinkType::Ethernet, LinkType::Raw,       LinkType::LinuxSll,  LinkType::LinuxSll2,
    LinkType::Null,     LinkType::Loop,      LinkType::Ppp,       LinkType::PppHdlc,
    LinkType::PppEther, LinkType::CiscoHdlc, LinkType::Ieee80211, LinkType::Ppi,
    LinkType::Nflog,    LinkType::Ipoib};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    Frame frame;
    frame.number = 1;
    frame.linkType = kLinkTypes[data[0] % kLinkTypes.size()];
    frame.data = std::span<const uint8_t>(data + 1, size - 1);
    // Bit 7 of the selector claims a longer wire length, as a snap-length-cut capture does.
    frame.originalLength = static_cast<uint32_t>(size - 1) + ((data[0] & 0x80) ? 1000 : 0);
    fuzz::exerciseFrame(frame, data[0]);
    return 0;
}
