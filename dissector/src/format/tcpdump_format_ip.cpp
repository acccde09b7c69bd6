// SPDX-License-Identifier: GPL-2.0-or-later
// The IP layer of a tcpdump line, as tcpdump 4.99's print-ip.c and print-ip6.c write it: the
// -v header details, IPv4 options, the IPv6 extension headers walked before TCP, and the short
// forms tcpdump prints for UDP, ICMP and other protocols. TCP goes on in tcpdump_format_tcp.cpp.
#include "protocols/checksum.h"
#include "tcpdump_format_internal.h"

#include <algorithm>
#include <optional>

namespace tcpscope::tcpdump {

namespace {

enum : uint8_t {
    ProtoIcmp = 1,
    ProtoTcp = 6,
    ProtoUdp = 17,
    ProtoIcmp6 = 58,
    ProtoSctp = 132,
    ProtoDccp = 33
};

const char* ipProtoName(uint8_t p) {
    switch (p) {
    case 0:
        return "HBH"; // newer tcpdump 4.99 names; 4.99.3 said "Options"
    case 1:
        return "ICMP";
    case 2:
        return "IGMP";
    case 4:
        return "IPIP";
    case 6:
        return "TCP";
    case 17:
        return "UDP";
    case 41:
        return "IPv6";
    case 43:
        return "Routing";
    case 44:
        return "Fragment";
    case 47:
        return "GRE";
    case 50:
        return "ESP";
    case 51:
        return "AH";
    case 58:
        return "ICMPv6";
    case 59:
        return "NONE";
    case 89:
        return "OSPF";
    case 103:
        return "PIM";
    case 112:
        return "VRRP";
    case 132:
        return "SCTP";
    default:
        return "unknown";
    }
}

const char* icmpTypeName(uint8_t type, bool v6) {
    if (!v6) {
        switch (type) {
        case 8:
            return "echo request";
        case 0:
            return "echo reply";
        case 3:
            return "unreachable";
        case 11:
            return "time exceeded";
        }
        return nullptr;
    }
    switch (type) {
    case 128:
        return "echo request";
    case 129:
        return "echo reply";
    case 135:
        return "neighbor solicitation";
    case 136:
        return "neighbor advertisement";
    case 133:
        return "router solicitation";
    case 134:
        return "router advertisement";
    }
    return nullptr;
}

void printOtherTransport(std::string& out, uint8_t proto, const std::string& src,
                         const std::string& dst, ByteReader r, size_t off, uint32_t len, bool v6) {
    if (proto == ProtoUdp) {
        auto sp = r.u16(off), dp = r.u16(off + 2), ul = r.u16(off + 4);
        if (!sp || !dp) {
            appendf(out, "%s > %s: [|udp]", src.c_str(), dst.c_str());
            return;
        }
        appendf(out, "%s.%u > %s.%u: UDP, length %u", src.c_str(), *sp, dst.c_str(), *dp,
                ul && *ul >= 8 ? *ul - 8u : (len >= 8 ? len - 8 : 0));
        return;
    }
    appendf(out, "%s > %s: ", src.c_str(), dst.c_str());
    if (proto == ProtoIcmp || proto == ProtoIcmp6) {
        auto type = r.u8(off);
        if (!type) {
            out += v6 ? "[|icmp6]" : "[|icmp]";
            return;
        }
        if (const char* name = icmpTypeName(*type, v6))
            appendf(out, "%s %s, length %u", v6 ? "ICMP6," : "ICMP", name, len);
        else
            appendf(out, "%s type-#%u, length %u", v6 ? "ICMP6," : "ICMP", *type, len);
        return;
    }
    appendf(out, "ip-proto-%u %u", proto, len);
}

// ---- IPv4 (print-ip.c) ----

// What ip_print takes from the fixed header before it prints anything else.
struct Ipv4Header {
    uint32_t hlen = 0;
    uint32_t len = 0;               // total length (or the wire length for TSO / BIG TCP)
    const char* presumed = nullptr; // why the total length was presumed
    uint16_t off = 0;               // flags and fragment offset
    uint8_t proto = 0;
};

// ip_print's checks on the fixed header; prints tcpdump's complaint and returns nothing when
// one fails.
std::optional<Ipv4Header> checkIpv4Header(std::string& out, const IpView& v) {
    ByteReader all(v.frame.data);
    const uint32_t ip = v.off;
    if (!all.has(ip, 20)) {
        out += " [|ip]";
        return std::nullopt;
    }
    if (v.length < 20) {
        appendf(out, "truncated-ip %u", v.length);
        return std::nullopt;
    }
    Ipv4Header h;
    h.hlen = (*all.u8(ip) & 0x0f) * 4u;
    if (h.hlen < 20) {
        appendf(out, "bad-hlen %u", h.hlen);
        return std::nullopt;
    }
    h.len = *all.u16(ip + 2);
    if (h.len < h.hlen) {
        if (h.len != 0) {
            appendf(out, "bad-len %u", h.len);
            return std::nullopt;
        }
        // Total length 0: segmentation offload captured before the NIC split it.
        h.len = v.length;
        h.presumed = v.length > 0xffff ? "BIG TCP" : "TSO";
    }
    h.off = *all.u16(ip + 6);
    h.proto = *all.u8(ip + 9);
    return h;
}

void appendIpv4OptionName(std::string& out, uint8_t code) {
    switch (code) {
    case 0:
        out += "EOL";
        break;
    case 1:
        out += "NOP";
        break;
    case 7:
        out += "RR";
        break;
    case 68:
        out += "timestamp";
        break;
    case 130:
        out += "security";
        break;
    case 131:
        out += "LSRR";
        break;
    case 137:
        out += "SSRR";
        break;
    case 148:
        out += "RA";
        break;
    default:
        appendf(out, "unknown %u", code);
        break;
    }
}

bool isRouteOption(uint8_t code) {
    return code == 7 || code == 131 || code == 137;
}

// Route options (RFC 791 3.1): the recorded hops, ',' after those already visited by the
// pointer. Returns true when a hop runs off the capture.
bool printRouteOption(std::string& out, const ByteReader& r, size_t cp, uint32_t olen) {
    if (olen < 3) {
        appendf(out, " [bad length %u]", olen);
        return false;
    }
    if ((olen + 1) & 3) appendf(out, " [bad length %u]", olen);
    uint32_t ptr = *r.u8(cp + 2) - 1u;
    if (ptr < 3 || ((ptr + 1) & 3) || ptr > olen + 1) appendf(out, " [bad ptr %u]", *r.u8(cp + 2));
    for (uint32_t i = 3; i < olen; i += 4) {
        auto hop = r.bytes(cp + i, 4);
        if (hop.size() < 4) return true;
        appendf(out, " %s", ipv4ToString(hop).c_str());
        if (ptr > i) out += ",";
    }
    return false;
}

// After one IPv4 option: the next one, the end of the list, or the capture ran out.
enum class OptionStep { Next, End, Truncated };

OptionStep printIpv4Option(std::string& out, const ByteReader& r, size_t cp, uint32_t left,
                           uint32_t& olen) {
    auto code = r.u8(cp);
    if (!code) return OptionStep::Truncated;
    appendIpv4OptionName(out, *code);
    olen = 1;
    if (*code > 1) {
        auto l = r.u8(cp + 1);
        if (!l) return OptionStep::Truncated;
        olen = *l;
        if (olen < 2) {
            appendf(out, " [bad length %u]", olen);
            return OptionStep::End;
        }
    }
    if (olen > left) {
        appendf(out, " [bad length %u]", olen);
        return OptionStep::End;
    }
    if (!r.has(cp, olen)) return OptionStep::Truncated;
    if (*code == 0) return OptionStep::End;
    if (isRouteOption(*code))
        return printRouteOption(out, r, cp, olen) ? OptionStep::Truncated : OptionStep::Next;
    if (*code == 148 && olen >= 4 && *r.u16(cp + 2) != 0) appendf(out, " value %u", *r.u16(cp + 2));
    return OptionStep::Next;
}

// ", options (NOP,NOP,RR ...)"; true when the options ran off the capture.
bool printIpv4Options(std::string& out, const ByteReader& r, size_t cp, uint32_t left) {
    out += ", options (";
    bool truncated = false;
    for (const char* sep = ""; left > 0; sep = ",") {
        out += sep;
        uint32_t olen = 0;
        OptionStep step = printIpv4Option(out, r, cp, left, olen);
        if (step != OptionStep::Next) {
            truncated = step == OptionStep::Truncated;
            break;
        }
        cp += olen;
        left -= olen;
    }
    if (truncated) out += " [truncated-option]";
    out += ")";
    return truncated;
}

// RFC 3168 5: the ECN field's codepoints.
void appendEcn(std::string& out, uint8_t tos) {
    switch (tos & 0x03) {
    case 1:
        out += ",ECT(1)";
        break;
    case 2:
        out += ",ECT(0)";
        break;
    case 3:
        out += ",CE";
        break;
    }
}

void appendFragmentFlags(std::string& out, uint16_t off) {
    std::string fl;
    if (off & 0x2000) fl += "+";
    if (off & 0x4000) fl += fl.empty() ? "DF" : ", DF";
    if (off & 0x8000) fl += fl.empty() ? "rsvd" : ", rsvd";
    out += fl.empty() ? "none" : fl;
}

// The -v part: "(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)\n    ".
// Returns true when the options ran off the capture.
bool printIpv4Verbose(std::string& out, const ByteReader& r, uint32_t ip, const Ipv4Header& h) {
    uint8_t tos = *r.u8(ip + 1);
    appendf(out, "(tos 0x%x", tos);
    appendEcn(out, tos);
    appendf(out, ", ttl %u, id %u, offset %u, flags [", *r.u8(ip + 8), *r.u16(ip + 4),
            (h.off & 0x1fff) * 8u);
    appendFragmentFlags(out, h.off);
    appendf(out, "], proto %s (%u)", ipProtoName(h.proto), h.proto);
    if (h.presumed)
        appendf(out, ", length %u [was 0, presumed %s]", h.len, h.presumed);
    else
        appendf(out, ", length %u", h.len);
    const bool optTrunc = h.hlen > 20 && printIpv4Options(out, r, ip + 20, h.hlen - 20);
    if (r.has(ip, h.hlen)) {
        auto sum = static_cast<uint16_t>(
            ~proto::foldChecksum(proto::onesComplementSum(r.bytes(ip, h.hlen))));
        if (sum != 0) {
            uint16_t field = *r.u16(ip + 10);
            appendf(out, ", bad cksum %x (->%x)!", field, proto::checksumShouldBe(field, sum));
        }
    }
    out += ")\n    ";
    return optTrunc;
}

// The pseudo-header's destination is the last hop of a source route (RFC 791 3.1).
std::span<const uint8_t> pseudoDestination(const ByteReader& r, uint32_t ip, uint32_t hlen) {
    std::span<const uint8_t> dst = r.bytes(ip + 16, 4);
    for (size_t cp = ip + 20; cp < ip + hlen;) {
        auto t = r.u8(cp);
        if (!t || *t == 0) break;
        if (*t == 1) {
            ++cp;
            continue;
        }
        auto l = r.u8(cp + 1);
        if (!l || *l < 2 || cp + *l > ip + hlen || !r.has(cp, *l)) break;
        if ((*t == 131 || *t == 137) && *l >= 7) dst = r.bytes(cp + *l - 4, 4);
        cp += *l;
    }
    return dst;
}

// ---- IPv6 (print-ip6.c) ----

// Where the walk over the extension headers (RFC 8200 4) stands.
struct Ipv6Walk {
    uint8_t nh = 0;    // the next header to read
    size_t cp = 0;     // where it starts
    uint32_t left = 0; // bytes from there to the end of the datagram
    bool fragmented = false;
};

bool isUpper(uint8_t p) {
    return p == ProtoTcp || p == ProtoUdp || p == ProtoDccp || p == ProtoSctp;
}

bool isExtensionHeader(uint8_t nh) {
    return nh == 0 || nh == 60 || nh == 43 || nh == 44;
}

// "(class 0x.., flowlabel 0x....., hlim 64, next-header TCP (6), payload length 20) ".
void printIpv6Verbose(std::string& out, const ByteReader& r, uint32_t ip, uint32_t payloadLen,
                      uint32_t len, bool presumedBig) {
    uint32_t flow = *r.u32(ip);
    uint8_t nh = *r.u8(ip + 6);
    out += "(";
    if (flow & 0x0ff00000) appendf(out, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
    if (flow & 0x000fffff) appendf(out, "flowlabel 0x%05x, ", flow & 0x000fffff);
    appendf(out, "hlim %u, next-header %s (%u), payload length %u) ", *r.u8(ip + 7),
            ipProtoName(nh), nh, payloadLen);
    if (presumedBig) appendf(out, "[real length %u, presumed BIG TCP] ", len);
}

// Hop-by-Hop and Destination Options (RFC 8200 4.2), listed with -v only; the Jumbo Payload
// option (RFC 2675) gives a jumbogram's length either way.
void printOptionsHeader(std::string& out, const ByteReader& r, Ipv6Walk& w, uint32_t extLen,
                        bool verbose, uint32_t payloadLen) {
    out += w.nh == 0 ? "HBH " : "DSTOPT ";
    for (size_t p = w.cp + 2; p < w.cp + extLen;) {
        auto t = r.u8(p);
        if (!t) break;
        if (*t == 0) {
            if (verbose) out += "(pad1)";
            ++p;
            continue;
        }
        auto ol = r.u8(p + 1);
        if (!ol) break;
        if (*t == 0xc2 && *ol == 4 && r.u32(p + 2)) {
            if (verbose) appendf(out, "(jumbo: %u) ", *r.u32(p + 2));
            if (payloadLen == 0) w.left = *r.u32(p + 2);
        } else if (!verbose) {
        } else if (*t == 1)
            out += "(padn)";
        else if (*t == 5 && *ol == 2 && r.u16(p + 2))
            appendf(out, "(rtalert: 0x%04x) ", *r.u16(p + 2));
        else
            appendf(out, "(opt_type 0x%02x: len=%u)", *t, *ol);
        p += 2 + *ol;
    }
    if (verbose) out += " ";
}

// "frag (offset|length) "; false when the line ends here (a later fragment, or truncated).
bool printFragmentHeader(std::string& out, const ByteReader& r, Ipv6Walk& w, uint8_t next,
                         bool verbose, const std::string& src, const std::string& dst) {
    auto fo = r.u16(w.cp + 2);
    auto id = r.u32(w.cp + 4);
    if (!fo || !id) {
        out += "frag [|frag6]";
        return false;
    }
    uint32_t fragLen = w.left >= 8 ? w.left - 8 : 0;
    if (verbose)
        appendf(out, "frag (0x%08x:%u|%u) ", *id, *fo & 0xfff8u, fragLen);
    else
        appendf(out, "frag (%u|%u) ", *fo & 0xfff8u, fragLen);
    if ((*fo & 0xfff8) != 0) {
        appendf(out, "%s > %s: ip-proto-%u", src.c_str(), dst.c_str(), next);
        return false;
    }
    w.fragmented = (*fo & 1) != 0;
    return true;
}

// One extension header, printed and stepped over; false when the line ends here.
bool printExtensionHeader(std::string& out, const ByteReader& r, Ipv6Walk& w, bool verbose,
                          uint32_t payloadLen, const std::string& src, const std::string& dst) {
    auto next = r.u8(w.cp);
    auto hl = r.u8(w.cp + 1);
    if (!next || !hl) {
        out += w.nh == 44 ? "frag [|frag6]" : "[|ip6]";
        return false;
    }
    uint32_t extLen = w.nh == 44 ? 8 : (*hl + 1u) * 8;
    if (w.nh == 0 || w.nh == 60) {
        printOptionsHeader(out, r, w, extLen, verbose, payloadLen);
    } else if (w.nh == 43) {
        auto type = r.u8(w.cp + 2), segs = r.u8(w.cp + 3);
        appendf(out, "srcrt (len=%u, type=%u, segleft=%u) ", *hl, type ? *type : 0,
                segs ? *segs : 0);
    } else if (!printFragmentHeader(out, r, w, *next, verbose, src, dst)) {
        return false;
    }
    if (w.left < extLen) {
        out += "[|ip6]";
        return false;
    }
    w.nh = *next;
    w.cp += extLen;
    w.left -= extLen;
    return true;
}

// What tcpdump prints for an IPv6 payload other than TCP; `firstNh` is the fixed header's.
void printIpv6Other(std::string& out, const ByteReader& r, const Ipv6Walk& w, uint8_t firstNh,
                    const std::string& src, const std::string& dst) {
    if (isUpper(firstNh) || w.nh == ProtoUdp) {
        printOtherTransport(out, w.nh, src, dst, r, w.cp, w.left, true);
    } else if (w.nh == ProtoIcmp6) {
        // The addresses were printed before the extension headers.
        std::string tmp;
        printOtherTransport(tmp, w.nh, src, dst, r, w.cp, w.left, true);
        out += tmp.substr(src.size() + dst.size() + 5);
    } else {
        appendf(out, "ip-proto-%u %u", w.nh, w.left);
    }
}

} // namespace

// print-ip.c's ip_print for one datagram.
bool printIpv4(std::string& out, const IpView& v, const TcpdumpOptions& o, SeqTable& table) {
    const uint32_t ip = v.off;
    out += "IP ";
    auto h = checkIpv4Header(out, v);
    if (!h) return false;
    // Bytes past the IP total length (Ethernet padding) are not IP's.
    size_t snapEnd = std::min<size_t>(v.frame.data.size(), size_t(ip) + h->len);
    ByteReader r(v.frame.data.first(snapEnd));
    if (v.length < h->len) appendf(out, "truncated-ip - %u bytes missing! ", h->len - v.length);
    // The addresses' text where this layer may print them (TCP prints its own, with the
    // ports; -v may stop at the IP options before it).
    const bool tcp = !o.verbose && (h->off & 0x1fff) == 0 && h->proto == ProtoTcp;
    const std::string src = tcp ? std::string() : ipv4ToString(r.bytes(ip + 12, 4));
    const std::string dst = tcp ? std::string() : ipv4ToString(r.bytes(ip + 16, 4));
    if (o.verbose && printIpv4Verbose(out, r, ip, *h)) {
        appendf(out, "%s > %s:  [|ip]", src.c_str(), dst.c_str());
        return false;
    }
    if ((h->off & 0x1fff) != 0) {
        appendf(out, "%s > %s: ip-proto-%u", src.c_str(), dst.c_str(), h->proto);
        return false;
    }
    if (h->proto != ProtoTcp && isTunnelPayload(h->proto, r, ip + h->hlen)) {
        TunnelInput t{v.frame,  r,   ip + h->hlen,           h->len - h->hlen,
                      h->proto, 4,   (h->off & 0x2000) != 0, false,
                      src,      dst, r.bytes(ip + 12, 4),    r.bytes(ip + 16, 4)};
        return printTunnelPayload(out, t, o, table);
    }
    if (h->proto != ProtoTcp) {
        printOtherTransport(out, h->proto, src, dst, r, ip + h->hlen, h->len - h->hlen, false);
        return false;
    }
    TcpInput in;
    in.bytes = r;
    in.tcpOffset = ip + h->hlen;
    in.length = h->len - h->hlen;
    in.ipVersion = 4;
    in.addressesWithPorts = true;
    in.fragmented = (h->off & 0x2000) != 0;
    in.src = r.bytes(ip + 12, 4);
    in.dst = r.bytes(ip + 16, 4);
    in.pseudoDst = pseudoDestination(r, ip, h->hlen);
    return printTcp(out, in, o, table);
}

// print-ip6.c's ip6_print, with the extension headers tcpdump walks before TCP.
bool printIpv6(std::string& out, const IpView& v, const TcpdumpOptions& o, SeqTable& table) {
    ByteReader all(v.frame.data);
    const uint32_t ip = v.off;
    out += "IP6 ";
    if (!all.has(ip, 40)) {
        out += " [|ip6]";
        return false;
    }
    if (v.length < 40) {
        appendf(out, "truncated-ip6 %u", v.length);
        return false;
    }
    if ((*all.u8(ip) >> 4) != 6) {
        appendf(out, "version error: %u != 6", *all.u8(ip) >> 4);
        return false;
    }
    const uint32_t payloadLen = *all.u16(ip + 4);
    const uint8_t firstNh = *all.u8(ip + 6);
    // IPv6 header + payload as the header says; a jumbogram says it in the Hop-by-Hop option.
    const uint32_t len = payloadLen != 0 ? payloadLen + 40 : v.length;
    if (payloadLen != 0 && v.length < len)
        appendf(out, "truncated-ip6 - %u bytes missing!", len - v.length);
    ByteReader r(v.frame.data.first(std::min<size_t>(v.frame.data.size(), size_t(ip) + len)));
    std::string src = ipv6ToString(r.bytes(ip + 8, 16), Ipv6Text::Tcpdump);
    std::string dst = ipv6ToString(r.bytes(ip + 24, 16), Ipv6Text::Tcpdump);
    if (o.verbose) printIpv6Verbose(out, r, ip, payloadLen, len, payloadLen == 0 && firstNh != 0);
    Ipv6Walk w{firstNh, ip + 40, len - 40, false};
    if (!isUpper(w.nh)) appendf(out, "%s > %s: ", src.c_str(), dst.c_str());
    while (isExtensionHeader(w.nh))
        if (!printExtensionHeader(out, r, w, o.verbose, payloadLen, src, dst)) return false;
    if (w.nh != ProtoTcp && isTunnelPayload(w.nh, r, static_cast<uint32_t>(w.cp))) {
        TunnelInput t{v.frame,
                      r,
                      static_cast<uint32_t>(w.cp),
                      w.left,
                      w.nh,
                      6,
                      w.fragmented,
                      !isUpper(firstNh),
                      src,
                      dst,
                      r.bytes(ip + 8, 16),
                      r.bytes(ip + 24, 16)};
        return printTunnelPayload(out, t, o, table);
    }
    if (w.nh != ProtoTcp) {
        printIpv6Other(out, r, w, firstNh, src, dst);
        return false;
    }
    TcpInput in;
    in.bytes = r;
    in.tcpOffset = static_cast<uint32_t>(w.cp);
    in.length = w.left;
    in.ipVersion = 6;
    in.addressesWithPorts = firstNh == ProtoTcp;
    in.fragmented = w.fragmented;
    in.src = r.bytes(ip + 8, 16);
    in.dst = r.bytes(ip + 24, 16);
    in.pseudoDst = in.dst;
    return printTcp(out, in, o, table);
}

} // namespace tcpscope::tcpdump
