// SPDX-License-Identifier: GPL-2.0-or-later
// The compact first-pass decode of a frame (DESIGN.md, "The first pass ... no heap allocation
// per packet"): what the packet list, the tcpdump-style printer and the tracker need. The same
// dissector code fills it whether or not a ProtoTree is being built.
#pragma once

#include "tcpscope/address.h"
#include "tcpscope/field.h"

#include <array>
#include <cstdint>

namespace tcpscope {

enum class ChecksumStatus : uint8_t {
    NotChecked, // not verified (e.g. not enough bytes captured, or a later fragment)
    Good,
    Bad,
    Offloaded, // wrong, but the capture was taken on the sending host (loopback): likely offload
};

// Problems found while decoding, by layer. Truncated: the capture holds fewer bytes than the
// headers say. Malformed: header values contradict each other or the packet.
namespace Problem {
inline constexpr uint32_t LinkTruncated = 1u << 0;
inline constexpr uint32_t IpTruncated = 1u << 1;
inline constexpr uint32_t IpMalformed = 1u << 2;
inline constexpr uint32_t TcpTruncated = 1u << 3;
inline constexpr uint32_t TcpMalformed = 1u << 4;
inline constexpr uint32_t OptionsMalformed = 1u << 5;
inline constexpr uint32_t PayloadTruncated = 1u << 6;
} // namespace Problem

// TCP flag bits as they sit in the 12-bit flags field (RFC 9293 + RFC 3168 + AccECN's AE).
namespace TcpFlag {
inline constexpr uint16_t Fin = 0x001;
inline constexpr uint16_t Syn = 0x002;
inline constexpr uint16_t Rst = 0x004;
inline constexpr uint16_t Psh = 0x008;
inline constexpr uint16_t Ack = 0x010;
inline constexpr uint16_t Urg = 0x020;
inline constexpr uint16_t Ece = 0x040;
inline constexpr uint16_t Cwr = 0x080;
inline constexpr uint16_t Ae = 0x100;
inline constexpr uint16_t Reserved = 0xe00;
} // namespace TcpFlag

// The TCP options the tracker needs, already parsed. Values are -1 / false when absent.
struct TcpOptionSummary {
    int32_t mss = -1;
    int16_t wscale = -1; // shift count as sent (may exceed 14; the tracker clamps)
    bool sackPermitted = false;
    bool hasTimestamp = false;
    uint32_t tsVal = 0;
    uint32_t tsEcr = 0;
    uint8_t sackCount = 0; // blocks stored (at most 4)
    std::array<std::array<uint32_t, 2>, 4> sack{};
    friend bool operator==(const TcpOptionSummary&, const TcpOptionSummary&) = default;
};

enum class Undecoded : uint8_t { None, LinkType, EtherType, IpProtocol, UdpPort };

struct PacketSummary {
    uint32_t linkType = 0;
    uint32_t capturedLength = 0;
    uint32_t problems = 0;
    // The highest protocol layer a dissector claimed (Wireshark's COL_PROTOCOL): the field of
    // its layer, e.g. tcp, http, tls. Payload dissectors claim on the first pass too.
    FieldId topProtocol = kNoField;

    // Link layer
    uint16_t etherType = 0; // ethertype (or SLL protocol) that led to IP, 0 if none
    uint8_t vlanCount = 0;

    // Encapsulation: tunnels (GRE, VXLAN, Geneve, IP in IP, GTP-U, L2TP...) walked before the
    // innermost IP. The network and TCP fields below are the innermost packet's: an IP header
    // inside a tunnel starts them afresh (resetForInnerIp).
    uint8_t ipDepth = 0;       // IP headers walked (2 and more: tunnelled)
    FieldId tunnel = kNoField; // the innermost tunnel's layer (gre, vxlan, geneve...)
    uint32_t tunnelKey = 0;    // identifiers of the tunnels that name a virtual network
                               // (VXLAN VNI, NVGRE VSID, GRE key), folded: connections
                               // are keyed by it as well as by their addresses and ports
    // The last payload TcpScope could not follow: what kind of number named it and the number
    // (an ethertype, IP protocol, UDP port or link type), so "no TCP" can say where it stopped.
    Undecoded undecoded = Undecoded::None;
    uint32_t undecodedType = 0;

    // Network layer (ipVersion 0: no IP found)
    uint8_t ipVersion = 0;
    uint32_t ipOffset = 0;       // where the IP header starts in the frame
    uint16_t ipHeaderLength = 0; // IPv4 IHL*4, IPv6 40 + extension headers walked
    uint8_t tos = 0;             // IPv4 TOS byte / IPv6 traffic class
    uint32_t flowLabel = 0;
    uint8_t ttl = 0; // TTL / hop limit
    uint16_t ipId = 0;
    uint16_t fragOffset = 0; // in 8-byte units
    bool ipDf = false;
    bool ipMf = false;
    bool ipReservedFlag = false;
    bool isLaterFragment = false; // fragment offset > 0: not parsed as TCP
    bool ipv6Fragment = false;    // IPv6 fragment header seen
    uint32_t ipv6FragId = 0;
    uint8_t ipProto = 0;        // upper-layer protocol (after IPv6 extension headers)
    uint32_t ipTotalLength = 0; // IPv4 total length / IPv6 40 + payload length (or jumbo)
    bool jumbo = false;
    uint16_t ipChecksum = 0;
    ChecksumStatus ipChecksumStatus = ChecksumStatus::NotChecked;
    uint16_t ipChecksumComputed = 0;
    Address src;
    Address dst;
    uint32_t ipPayloadOffset = 0;
    uint32_t ipPayloadLength = 0; // as the IP header says (not clipped to capture)

    // TCP (hasTcp: at least the 20-byte fixed header was captured)
    bool hasTcp = false;
    uint32_t tcpOffset = 0;
    uint16_t srcPort = 0;
    uint16_t dstPort = 0;
    uint32_t seq = 0;
    uint32_t ack = 0;
    uint8_t dataOffset = 0; // in 32-bit words
    uint16_t flags = 0;     // 12 bits, TcpFlag
    uint16_t window = 0;
    uint16_t tcpChecksum = 0;
    uint16_t tcpChecksumComputed = 0;
    ChecksumStatus tcpChecksumStatus = ChecksumStatus::NotChecked;
    uint16_t urgentPointer = 0;
    uint32_t optionsOffset = 0;
    uint32_t optionsLength = 0; // as the data offset says
    uint32_t payloadOffset = 0;
    uint32_t payloadLength = 0;   // from the IP length (what tcpdump prints as "length N")
    uint32_t payloadCaptured = 0; // how much of it is in the capture
    TcpOptionSummary options;
    friend bool operator==(const PacketSummary&, const PacketSummary&) = default;
};

// An IP header inside a tunnel: the network and transport fields start afresh (the link,
// tunnel and problem fields stay), so the summary describes the innermost packet.
void resetForInnerIp(PacketSummary& s);

} // namespace tcpscope
