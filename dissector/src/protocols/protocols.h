// SPDX-License-Identifier: GPL-2.0-or-later
// Internal: each protocol file's registration hook, called once by registerAllProtocols().
#pragma once

#include "checksum.h"
#include "tcpscope/dissect.h"
#include "tcpscope/field_format.h"

#include <string>

namespace tcpscope::proto {

void registerFrame();
void registerLinkLayers();
void registerIpv4();
void registerIpv6();
void registerTcp();
void registerTcpOptions();
void registerResp();
void registerHttp();
void registerTls();

// The frame layer's entry: dispatches on the link type.
void dissectFrameLayer(DissectContext& ctx);

// Shared by IPv4/IPv6: hand the IP payload to the ip.proto table. `length` is what the IP
// header says the payload is.
uint32_t dispatchIpPayload(DissectContext& ctx, uint8_t proto, uint32_t offset, uint32_t length,
                           int32_t parent);

// After the upper layer: when nothing took the payload (not TCP) and the capture holds less of
// it than the IP header says, flag the truncation on the IP node.
void noteIpPayloadCut(DissectContext& ctx, int32_t ipNode, uint32_t payloadOffset,
                      uint32_t payloadLength, uint32_t used);

// A fragment after the first: its payload is not an upper-layer header. Marks the summary, adds
// the bytes as `payloadField` with `label` and a note (only when building a tree), and notes a cut.
void addLaterFragment(DissectContext& ctx, int32_t ipNode, FieldId payloadField, uint32_t offset,
                      uint32_t length, const Shown& label, std::string_view noteId,
                      std::string_view message);

// "%u" of any unsigned, without iostreams.
std::string num(uint64_t v);
// "0x" + zero-padded lower-case hex digits.
std::string hexN(uint64_t v, int digits);
inline std::string hex2(uint64_t v) {
    return hexN(v, 2);
}
inline std::string hex4(uint64_t v) {
    return hexN(v, 4);
}
inline std::string hex8(uint64_t v) {
    return hexN(v, 8);
}
// ".... 0101 = text" for a field that shares its byte(s) with others.
std::string bitPatternLine(uint64_t raw, uint64_t mask, std::string text, unsigned bits = 8);

} // namespace tcpscope::proto
