// SPDX-License-Identifier: GPL-2.0-or-later
// Internal: each protocol file's registration hook, called once by registerAllProtocols().
#pragma once

#include "checksum.h"
#include "tcpscope/dissect.h"
#include "tcpscope/field_format.h"
#include "text/catalogue_parts.h"

#include <string>

namespace tcpscope::proto {

// The dissectors' expert notes come from one table (text/note_texts.cpp).
using detail::noteText;

void registerFrame();
void registerLinkLayers();
void registerIpv4();
void registerIpv6();
void registerTcp();
void registerTcpOptions();
void registerResp();
void registerHttp();
void registerTls();
void registerUdp();
void registerTunnels();
void registerEncapsulations();
void registerCaptureHostLinks();

// The frame layer's entry: dispatches on the link type.
void dissectFrameLayer(DissectContext& ctx);

// A plain TCP frame (readPlainTcp) into the summary as the layers would fill it, its payload
// then to the payload dissectors (plain_tcp.cpp); the TCP layer's part of it (tcp.cpp).
void dissectPlainTcp(DissectContext& ctx, const PlainTcp& plain);
void plainTcpFields(DissectContext& ctx, const PlainTcp& plain);

// Shared by IPv4/IPv6: hand the IP payload to the ip.proto table. `length` is what the IP
// header says the payload is.
uint32_t dispatchIpPayload(DissectContext& ctx, uint8_t proto, uint32_t offset, uint32_t length,
                           int32_t parent);

// Notes what a layer carried that nothing decodes (PacketSummary::undecoded); returns 0, what
// the dissector that could not hand its payload on returns.
[[gnu::cold]] uint32_t markUndecoded(DissectContext& ctx, Undecoded kind, uint32_t type);

// Hands a payload to the ethertype table (Ethernet, VLAN, SLL, GRE, Geneve, PPPoE...): 0 and
// the type noted as undecoded when nothing is registered for it. Inline: every Ethernet frame
// passes here on the first pass.
inline uint32_t dispatchEtherType(DissectContext& ctx, uint16_t type, uint32_t offset,
                                  uint32_t length, int32_t parent) {
    if (DissectFn fn = DissectorTables::instance().etherType.find(type)) {
        if (type == 0x0800 || type == 0x86dd) ctx.summary->etherType = type;
        return fn(ctx, offset, length, parent);
    }
    return markUndecoded(ctx, Undecoded::EtherType, type);
}

// A header the capture cut short: flags the frame and notes how many bytes were needed, with
// the note text `key` (noteText: "_ws.truncated.ethernet-header", placeholders {need}, {have}).
void noteTruncated(DissectContext& ctx, int32_t node, std::string_view key, uint32_t need,
                   uint32_t have);

// A layer with a fixed header of `need` bytes: claims the packet, adds the layer's node and
// says whether the header was captured (noting it as truncated when not, with the note text
// `key`, as noteTruncated).
int32_t headerLayer(DissectContext& ctx, FieldId layer, uint32_t offset, uint32_t need,
                    std::string_view key, bool& ok);

// Every IP dissector's first step: an IP header after another one (a tunnel's inner packet)
// starts the summary's network and transport fields afresh.
void enterIp(PacketSummary& s);

// A packet that is IPv4 or IPv6 by its first nibble (MPLS payload, GTP-U, ERSPAN III): 0 and
// noted as undecoded when it is neither.
uint32_t dissectRawIp(DissectContext& ctx, uint32_t offset, uint32_t length);

// A PPP frame (optional 0xff 0x03, then a 1- or 2-byte protocol) and what it carries.
uint32_t dissectPppFrame(DissectContext& ctx, uint32_t offset, uint32_t length);

// Helpers of the encapsulation dissectors. `n` bytes at `off` as a big-endian number, 0 for
// bytes not captured (the callers check the header's length first).
inline uint64_t be(const DissectContext& ctx, uint32_t off, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | ctx.bytes.u8(off + i).value_or(0);
    return v;
}
// What is left of `length` after `used` bytes.
inline uint32_t rest(uint32_t length, uint32_t used) {
    return length > used ? length - used : 0;
}
// A header and what its payload's dissector recognised; 0 when that was nothing, so the IP
// layer below notes a payload the capture cut short.
inline uint32_t inner(uint32_t header, uint32_t used) {
    return used ? header + used : 0;
}

// After the upper layer: when nothing took the payload (not TCP) and the capture holds less of
// it than the IP header says, flag the truncation on the IP node. Inline, as most packets need
// no note: the note itself is made out of line.
void notePayloadCut(DissectContext& ctx, int32_t ipNode, uint32_t have, uint32_t payloadLength);
inline void noteIpPayloadCut(DissectContext& ctx, int32_t ipNode, uint32_t payloadOffset,
                             uint32_t payloadLength, uint32_t used) {
    const auto have = static_cast<uint32_t>(ctx.bytes.remaining(payloadOffset));
    if (used == 0 && have < payloadLength) notePayloadCut(ctx, ipNode, have, payloadLength);
}

// A fragment after the first: its payload is not an upper-layer header. Marks the summary, adds
// the bytes as `payloadField` with `label` and a note `noteId` whose text is noteText(`key`)
// (only when building a tree), and notes a cut.
void addLaterFragment(DissectContext& ctx, int32_t ipNode, FieldId payloadField, uint32_t offset,
                      uint32_t length, const Shown& label, std::string_view noteId,
                      std::string_view key);

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
