// SPDX-License-Identifier: GPL-2.0-or-later
// The one frame of a fuzz_dissect or fuzz_plain_tcp input: byte 0 picks the link type, the rest
// are the captured bytes; bit 7 of byte 0 claims a longer wire length, as a capture cut at a
// snap length does. make_seeds.cpp writes the selectors (linkSelector).
#pragma once

#include "tcpscope/frame.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace tcpscope::fuzz {

// New link types go at the end, so that the selector of every saved input keeps its meaning.
inline constexpr std::array<uint32_t, 14> kLinkTypes = {
    LinkType::Ethernet, LinkType::Raw,       LinkType::LinuxSll,  LinkType::LinuxSll2,
    LinkType::Null,     LinkType::Loop,      LinkType::Ppp,       LinkType::PppHdlc,
    LinkType::PppEther, LinkType::CiscoHdlc, LinkType::Ieee80211, LinkType::Ppi,
    LinkType::Nflog,    LinkType::Ipoib};

// The frame of an input of at least one byte; its bytes stay the input's.
inline Frame inputFrame(const uint8_t* data, size_t size) {
    Frame frame;
    frame.number = 1;
    frame.linkType = kLinkTypes[data[0] % kLinkTypes.size()];
    frame.data = std::span<const uint8_t>(data + 1, size - 1);
    frame.originalLength = static_cast<uint32_t>(size - 1) + ((data[0] & 0x80) ? 1000 : 0);
    return frame;
}

} // namespace tcpscope::fuzz
