// SPDX-License-Identifier: GPL-2.0-or-later
// Pieces of the tcpdump-style printer shared between its source files (not a public API).
// The printer mirrors tcpdump 4.99's print-ip.c / print-ip6.c / print-tcp.c decisions so that
// its lines compare equal to tcpdump's, character for character.
#pragma once

#include "tcpscope/address.h"
#include "tcpscope/byte_reader.h"
#include "tcpscope/frame.h"
#include "tcpscope/tcpdump_format.h"

#include <array>
#include <cstdarg>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <unordered_map>

namespace tcpscope::tcpdump {

// printf-style append; tcpdump's output is printf-built, so this keeps formats recognisable.
void appendf(std::string& out, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
// Decimal digits of v, as appendf's %u writes them without reading a format: the printer's
// most common piece (sequence numbers, ports, lengths, timestamps).
void appendUint(std::string& out, uint64_t v);

// tcpdump keeps one record per connection (both directions, collated by port order) with the
// initial sequence numbers, so seq/ack can be printed relative to them.
struct SeqKey {
    uint8_t family = 0;
    std::array<uint8_t, 16> src{};
    std::array<uint8_t, 16> dst{};
    uint32_t port = 0;
    friend auto operator<=>(const SeqKey&, const SeqKey&) = default;
};
struct SeqBase {
    uint32_t seq = 0;
    uint32_t ack = 0;
};
struct SeqKeyHash {
    size_t operator()(const SeqKey& k) const;
};
using SeqTable = std::unordered_map<SeqKey, SeqBase, SeqKeyHash>;

// What the IP layer hands to the TCP printer (tcp_print's bp/length/bp2/fragmented).
struct TcpInput {
    ByteReader bytes;       // the frame, cut at the IP layer's snap end (IP length)
    uint32_t tcpOffset = 0; // where the TCP header starts
    uint32_t length = 0;    // TCP header + payload length as the IP layer computed it
    uint8_t ipVersion = 4;
    bool addressesWithPorts = true; // IPv4 proto / IPv6 first next-header is TCP
    bool fragmented = false;
    std::span<const uint8_t> src; // 4 or 16 bytes
    std::span<const uint8_t> dst;
    std::span<const uint8_t> pseudoDst; // IPv4 source-route final hop, else dst
};

// Everything below the link layer: the frame, where IP starts, and tcpdump's `length` (the
// wire length after the link header).
struct IpView {
    const Frame& frame;
    uint32_t off;
    uint32_t length;
};

// print-ip.c's ip_print and print-ip6.c's ip6_print: the IP layer, then TCP through printTcp
// (tcpdump_format_ip.cpp). Return printTcp's longjmp flag (false for anything but TCP).
bool printIpv4(std::string& out, const IpView& v, const TcpdumpOptions& o, SeqTable& table);
bool printIpv6(std::string& out, const IpView& v, const TcpdumpOptions& o, SeqTable& table);

// tcpdump's HTTP text printer for port 80/8080 payloads: ": HTTP" and, for a request or
// response, its first line (all lines with -v).
void printHttpText(std::string& out, std::span<const uint8_t> payload, bool verbose);

// tcpdump's RESP printer for port 6379 payloads (print-resp.c): ": RESP" and the messages'
// strings. `captured` is the part of the payload the capture holds, `length` the payload's
// length. Returns true when tcpdump would have stopped through its longjmp truncation path.
bool printResp(std::string& out, std::span<const uint8_t> captured, uint32_t length);

// Outcome of printing one TCP option: fine, "[bad opt]" (its length contradicts the header or
// the option's own rules) or truncated (the capture ends inside it).
enum class OptResult { Ok, Bad, Trunc };

// One MPTCP option (RFC 8684 3) as tcpdump's print-mptcp.c prints it after "mptcp": `bytes` is
// bounded at the option's end, `opt` is its kind byte, `flags` the TCP flags' low byte.
OptResult printMptcp(std::string& out, ByteReader bytes, size_t opt, uint32_t len, uint8_t flags);

// Appends tcp_print's output for one segment. Returns true when tcpdump would have stopped
// through its longjmp truncation path (a GET_ macro running off the capture), after which its
// -x/-X dump starts at the link header instead of the network header.
bool printTcp(std::string& out, const TcpInput& in, const TcpdumpOptions& options, SeqTable& table);

// What an IP layer hands to the tunnel printers (tcpdump_format_tunnel.cpp).
struct TunnelInput {
    const Frame& frame;
    ByteReader bytes; // the frame, cut at the IP layer's snap end
    uint32_t off = 0; // where the IP payload starts
    uint32_t length = 0;
    uint8_t proto = 0;
    uint8_t ipVersion = 4;
    bool fragmented = false;
    bool addressesPrinted = false; // ip6_print has printed "src > dst: " already
    std::string src, dst;
    std::span<const uint8_t> srcBytes, dstBytes;
};

// Whether tcpdump prints this IP payload through a tunnel printer: GRE, IP in IP, AH, ESP, and
// UDP to or from the VXLAN, Geneve and L2TP ports.
bool isTunnelPayload(uint8_t proto, const ByteReader& r, uint32_t off);
// Prints it (and the packet inside); returns printTcp's longjmp flag for an inner TCP.
bool printTunnelPayload(std::string& out, const TunnelInput& in, const TcpdumpOptions& o,
                        SeqTable& table);
// Link types and ethertypes whose payload is an encapsulation (PPP, Cisco HDLC, MPLS, PPPoE):
// prints it and sets `handled`; returns how many bytes the -x/-X dumps leave out.
uint32_t printLinkEncapsulation(std::string& out, const Frame& frame, uint32_t off,
                                uint16_t etherType, const TcpdumpOptions& o, SeqTable& table,
                                bool& handled);

// -x/-xx (hex) and -X/-XX (hex and ASCII) dumps: "\n\t0x0000:  4500 ...".
void appendHex(std::string& out, std::span<const uint8_t> bytes, bool ascii);

} // namespace tcpscope::tcpdump
