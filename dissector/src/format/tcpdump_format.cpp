// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump-style output (tcpdump 4.99 with -n): packet number, timestamp, the IPv4/IPv6 layer as
// print-ip.c / print-ip6.c write it, the TCP part (tcpdump_format_tcp.cpp) and hex dumps.
// The IP layer is re-read from the frame bytes because tcpdump's wording depends on details
// (wire length vs IP length, snap end, option bytes) that the summary does not keep.
#include "tcpscope/tcpdump_format.h"

#include "protocols/checksum.h"
#include "protocols/link_walk.h"
#include "tcpdump_format_internal.h"

#include <ctime>

namespace tcpscope {

using namespace tcpdump;

struct TcpdumpPrinter::Impl {
    SeqTable seqTable;
    bool haveRef = false; // tcpdump's tv_ref for -ttt / -ttttt
    int64_t refSec = 0;
    int64_t refFrac = 0;
    // The clock text of the last second printed: packets arrive many per second, and
    // gmtime_r + strftime cost more than the rest of a line.
    int64_t clockSec = -1;
    bool clockWithDate = false;
    std::string clockText;
};

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

// Everything below the link layer: tcpdump's `length` (on the wire) and the captured bytes.
struct IpView {
    const Frame& frame;
    uint32_t off;    // IP header offset in the frame
    uint32_t length; // wire length after the link header
};

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
        const char* name = nullptr;
        if (!v6) {
            if (*type == 8)
                name = "echo request";
            else if (*type == 0)
                name = "echo reply";
            else if (*type == 3)
                name = "unreachable";
            else if (*type == 11)
                name = "time exceeded";
        } else {
            if (*type == 128)
                name = "echo request";
            else if (*type == 129)
                name = "echo reply";
            else if (*type == 135)
                name = "neighbor solicitation";
            else if (*type == 136)
                name = "neighbor advertisement";
            else if (*type == 133)
                name = "router solicitation";
            else if (*type == 134)
                name = "router advertisement";
        }
        if (name)
            appendf(out, "%s %s, length %u", v6 ? "ICMP6," : "ICMP", name, len);
        else
            appendf(out, "%s type-#%u, length %u", v6 ? "ICMP6," : "ICMP", *type, len);
        return;
    }
    appendf(out, "ip-proto-%u %u", proto, len);
}

// print-ip.c's ip_print for one datagram.
bool printIpv4(std::string& out, const IpView& v, const TcpdumpOptions& o, SeqTable& table) {
    ByteReader all(v.frame.data);
    const uint32_t ip = v.off;
    out += "IP ";
    if (!all.has(ip, 20)) {
        out += " [|ip]";
        return false;
    }
    uint32_t length = v.length;
    if (length < 20) {
        appendf(out, "truncated-ip %u", length);
        return false;
    }
    uint32_t hlen = (*all.u8(ip) & 0x0f) * 4u;
    if (hlen < 20) {
        appendf(out, "bad-hlen %u", hlen);
        return false;
    }
    uint32_t len = *all.u16(ip + 2);
    const char* presumed = nullptr;
    if (len < hlen) {
        if (len != 0) {
            appendf(out, "bad-len %u", len);
            return false;
        }
        // Total length 0: segmentation offload captured before the NIC split it.
        len = length;
        presumed = length > 0xffff ? "BIG TCP" : "TSO";
    }
    // Bytes past the IP total length (Ethernet padding) are not IP's.
    size_t snapEnd = std::min<size_t>(v.frame.data.size(), size_t(ip) + len);
    ByteReader r(v.frame.data.first(snapEnd));
    if (length < len) appendf(out, "truncated-ip - %u bytes missing! ", len - length);
    uint32_t payloadLen = len - hlen;
    uint16_t off = *r.u16(ip + 6);
    uint8_t proto = *r.u8(ip + 9);
    std::string src = ipv4ToString(r.bytes(ip + 12, 4));
    std::string dst = ipv4ToString(r.bytes(ip + 16, 4));
    if (o.verbose) {
        uint8_t tos = *r.u8(ip + 1);
        appendf(out, "(tos 0x%x", tos);
        // RFC 3168 5: the ECN field's codepoints.
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
        appendf(out, ", ttl %u, id %u, offset %u, flags [", *r.u8(ip + 8), *r.u16(ip + 4),
                (off & 0x1fff) * 8u);
        std::string fl;
        if (off & 0x2000) fl += "+";
        if (off & 0x4000) fl += fl.empty() ? "DF" : ", DF";
        if (off & 0x8000) fl += fl.empty() ? "rsvd" : ", rsvd";
        out += fl.empty() ? "none" : fl;
        appendf(out, "], proto %s (%u)", ipProtoName(proto), proto);
        if (presumed)
            appendf(out, ", length %u [was 0, presumed %s]", len, presumed);
        else
            appendf(out, ", length %u", len);
        bool optTrunc = false;
        if (hlen > 20) {
            out += ", options (";
            uint32_t left = hlen - 20;
            size_t cp = ip + 20;
            const char* sep = "";
            while (left > 0) {
                out += sep;
                sep = ",";
                auto code = r.u8(cp);
                if (!code) {
                    optTrunc = true;
                    break;
                }
                switch (*code) {
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
                    appendf(out, "unknown %u", *code);
                    break;
                }
                uint32_t olen = 1;
                if (*code > 1) {
                    auto l = r.u8(cp + 1);
                    if (!l) {
                        optTrunc = true;
                        break;
                    }
                    olen = *l;
                    if (olen < 2) {
                        appendf(out, " [bad length %u]", olen);
                        break;
                    }
                }
                if (olen > left) {
                    appendf(out, " [bad length %u]", olen);
                    break;
                }
                if (!r.has(cp, olen)) {
                    optTrunc = true;
                    break;
                }
                if (*code == 0) break;
                if (*code == 7 || *code == 131 || *code == 137) {
                    // Route options (RFC 791 3.1): the recorded hops, ',' after those
                    // already visited by the pointer.
                    if (olen < 3) {
                        appendf(out, " [bad length %u]", olen);
                    } else {
                        if ((olen + 1) & 3) appendf(out, " [bad length %u]", olen);
                        uint32_t ptr = *r.u8(cp + 2) - 1u;
                        if (ptr < 3 || ((ptr + 1) & 3) || ptr > olen + 1)
                            appendf(out, " [bad ptr %u]", *r.u8(cp + 2));
                        for (uint32_t i = 3; i < olen; i += 4) {
                            auto hop = r.bytes(cp + i, 4);
                            if (hop.size() < 4) {
                                optTrunc = true;
                                break;
                            }
                            appendf(out, " %s", ipv4ToString(hop).c_str());
                            if (ptr > i) out += ",";
                        }
                        if (optTrunc) break;
                    }
                } else if (*code == 148 && olen >= 4 && *r.u16(cp + 2) != 0) {
                    appendf(out, " value %u", *r.u16(cp + 2));
                }
                cp += olen;
                left -= olen;
            }
            if (optTrunc) out += " [truncated-option]";
            out += ")";
        }
        if (r.has(ip, hlen)) {
            auto sum = static_cast<uint16_t>(
                ~proto::foldChecksum(proto::onesComplementSum(r.bytes(ip, hlen))));
            if (sum != 0) {
                uint16_t field = *r.u16(ip + 10);
                appendf(out, ", bad cksum %x (->%x)!", field, proto::checksumShouldBe(field, sum));
            }
        }
        out += ")\n    ";
        if (optTrunc) {
            appendf(out, "%s > %s:  [|ip]", src.c_str(), dst.c_str());
            return false;
        }
    }
    if ((off & 0x1fff) != 0) {
        appendf(out, "%s > %s: ip-proto-%u", src.c_str(), dst.c_str(), proto);
        return false;
    }
    if (proto != ProtoTcp) {
        printOtherTransport(out, proto, src, dst, r, ip + hlen, payloadLen, false);
        return false;
    }
    // The pseudo-header's destination is the last hop of a source route (RFC 791 3.1).
    std::span<const uint8_t> pseudoDst = r.bytes(ip + 16, 4);
    for (size_t cp = ip + 20; cp < ip + hlen;) {
        auto t = r.u8(cp);
        if (!t || *t == 0) break;
        if (*t == 1) {
            ++cp;
            continue;
        }
        auto l = r.u8(cp + 1);
        if (!l || *l < 2 || cp + *l > ip + hlen || !r.has(cp, *l)) break;
        if ((*t == 131 || *t == 137) && *l >= 7) pseudoDst = r.bytes(cp + *l - 4, 4);
        cp += *l;
    }
    TcpInput in;
    in.bytes = r;
    in.tcpOffset = ip + hlen;
    in.length = payloadLen;
    in.ipVersion = 4;
    in.addressesWithPorts = true;
    in.fragmented = (off & 0x2000) != 0;
    in.src = r.bytes(ip + 12, 4);
    in.dst = r.bytes(ip + 16, 4);
    in.pseudoDst = pseudoDst;
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
    uint32_t length = v.length;
    if (length < 40) {
        appendf(out, "truncated-ip6 %u", length);
        return false;
    }
    if ((*all.u8(ip) >> 4) != 6) {
        appendf(out, "version error: %u != 6", *all.u8(ip) >> 4);
        return false;
    }
    uint32_t payloadLen = *all.u16(ip + 4);
    uint8_t nh = *all.u8(ip + 6);
    uint32_t len; // IPv6 header + payload, as the header (or jumbo/offload guess) says
    bool presumedBig = false;
    if (payloadLen != 0) {
        len = payloadLen + 40;
        if (length < len) appendf(out, "truncated-ip6 - %u bytes missing!", len - length);
    } else {
        len = length;
        presumedBig = nh != 0; // a jumbogram says its length in the Hop-by-Hop option
    }
    size_t snapEnd = std::min<size_t>(v.frame.data.size(), size_t(ip) + len);
    ByteReader r(v.frame.data.first(snapEnd));
    std::string src = ipv6ToString(r.bytes(ip + 8, 16), Ipv6Text::Tcpdump);
    std::string dst = ipv6ToString(r.bytes(ip + 24, 16), Ipv6Text::Tcpdump);
    if (o.verbose) {
        uint32_t flow = *r.u32(ip);
        out += "(";
        if (flow & 0x0ff00000) appendf(out, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
        if (flow & 0x000fffff) appendf(out, "flowlabel 0x%05x, ", flow & 0x000fffff);
        appendf(out, "hlim %u, next-header %s (%u), payload length %u) ", *r.u8(ip + 7),
                ipProtoName(nh), nh, payloadLen);
        if (presumedBig) appendf(out, "[real length %u, presumed BIG TCP] ", len);
    }
    // Walk the extension headers (RFC 8200 4) up to the upper-layer protocol.
    size_t cp = ip + 40;
    uint32_t left = len - 40;
    bool first = true;
    bool fragmented = false;
    auto isUpper = [](uint8_t p) {
        return p == ProtoTcp || p == ProtoUdp || p == ProtoDccp || p == ProtoSctp;
    };
    for (;;) {
        if (first && !isUpper(nh)) appendf(out, "%s > %s: ", src.c_str(), dst.c_str());
        first = false;
        if (nh == 0 || nh == 60 || nh == 43 || nh == 44) {
            auto next = r.u8(cp);
            auto hl = r.u8(cp + 1);
            if (!next || !hl) {
                out += nh == 44 ? "frag [|frag6]" : "[|ip6]";
                return false;
            }
            uint32_t extLen = nh == 44 ? 8 : (*hl + 1u) * 8;
            if (nh == 0 || nh == 60) {
                out += nh == 0 ? "HBH " : "DSTOPT ";
                // Options (RFC 8200 4.2) are listed with -v only; the jumbo payload option
                // (RFC 2675) gives the length of a jumbogram either way.
                for (size_t p = cp + 2; p < cp + extLen;) {
                    auto t = r.u8(p);
                    if (!t) break;
                    if (*t == 0) {
                        if (o.verbose) out += "(pad1)";
                        ++p;
                        continue;
                    }
                    auto ol = r.u8(p + 1);
                    if (!ol) break;
                    if (*t == 0xc2 && *ol == 4 && r.u32(p + 2)) {
                        if (o.verbose) appendf(out, "(jumbo: %u) ", *r.u32(p + 2));
                        if (payloadLen == 0) left = *r.u32(p + 2);
                    } else if (!o.verbose) {
                    } else if (*t == 1)
                        out += "(padn)";
                    else if (*t == 5 && *ol == 2 && r.u16(p + 2))
                        appendf(out, "(rtalert: 0x%04x) ", *r.u16(p + 2));
                    else
                        appendf(out, "(opt_type 0x%02x: len=%u)", *t, *ol);
                    p += 2 + *ol;
                }
                if (o.verbose) out += " ";
            } else if (nh == 43) {
                auto type = r.u8(cp + 2), segs = r.u8(cp + 3);
                appendf(out, "srcrt (len=%u, type=%u, segleft=%u) ", *hl, type ? *type : 0,
                        segs ? *segs : 0);
            } else {
                auto fo = r.u16(cp + 2);
                auto id = r.u32(cp + 4);
                if (!fo || !id) {
                    out += "frag [|frag6]";
                    return false;
                }
                if (o.verbose)
                    appendf(out, "frag (0x%08x:%u|%u) ", *id, *fo & 0xfff8u,
                            left >= 8 ? left - 8 : 0);
                else
                    appendf(out, "frag (%u|%u) ", *fo & 0xfff8u, left >= 8 ? left - 8 : 0);
                if ((*fo & 0xfff8) != 0) {
                    appendf(out, "%s > %s: ip-proto-%u", src.c_str(), dst.c_str(), *next);
                    return false;
                }
                fragmented = (*fo & 1) != 0;
            }
            if (left < extLen) {
                out += "[|ip6]";
                return false;
            }
            nh = *next;
            cp += extLen;
            left -= extLen;
            continue;
        }
        break;
    }
    if (nh != ProtoTcp) {
        if (isUpper(*r.u8(ip + 6)) || nh == ProtoUdp)
            printOtherTransport(out, nh, src, dst, r, cp, left, true);
        else if (nh == ProtoIcmp6) {
            std::string tmp;
            printOtherTransport(tmp, nh, src, dst, r, cp, left, true);
            out += tmp.substr(src.size() + dst.size() + 5);
        } else
            appendf(out, "ip-proto-%u %u", nh, left);
        return false;
    }
    TcpInput in;
    in.bytes = r;
    in.tcpOffset = static_cast<uint32_t>(cp);
    in.length = left;
    in.ipVersion = 6;
    in.addressesWithPorts = *r.u8(ip + 6) == ProtoTcp;
    in.fragmented = fragmented;
    in.src = r.bytes(ip + 8, 16);
    in.dst = r.bytes(ip + 24, 16);
    in.pseudoDst = in.dst;
    return printTcp(out, in, o, table);
}

void printArp(std::string& out, ByteReader r, uint32_t off, uint32_t length) {
    auto op = r.u16(off + 6);
    auto hln = r.u8(off + 4), pln = r.u8(off + 5);
    if (!op || !hln || !pln || *pln != 4 || !r.has(off + 8, 2u * *hln + 8u)) {
        appendf(out, "ARP, length %u", length);
        return;
    }
    size_t spa = off + 8 + *hln, tpa = spa + 4 + *hln;
    std::string sender = ipv4ToString(r.bytes(spa, 4)), target = ipv4ToString(r.bytes(tpa, 4));
    if (*op == 1) {
        appendf(out, "ARP, Request who-has %s tell %s, length %u", target.c_str(), sender.c_str(),
                length);
    } else if (*op == 2) {
        std::string mac;
        for (uint8_t b : r.bytes(off + 8, *hln)) appendf(mac, mac.empty() ? "%02x" : ":%02x", b);
        appendf(out, "ARP, Reply %s is-at %s, length %u", sender.c_str(), mac.c_str(), length);
    } else {
        appendf(out, "ARP, op %u, length %u", *op, length);
    }
}

} // namespace

TcpdumpPrinter::TcpdumpPrinter(TcpdumpOptions options)
    : m_options(options), m_impl(std::make_shared<Impl>()) {}

std::string TcpdumpPrinter::format(const Frame& frame) {
    std::string out;
    const TcpdumpOptions& o = m_options;
    if (o.number) appendf(out, "%5u  ", static_cast<unsigned>(frame.number));

    // Timestamps (tcpdump's ts_print). Files are read at the precision asked for: micro
    // unless --nano, so a nanosecond file's fraction is truncated, a microsecond one's scaled.
    int64_t sec = frame.ts.sec;
    int64_t frac = o.nano ? frame.ts.nsec : frame.ts.nsec / 1000;
    const int64_t unit = o.nano ? 1000000000 : 1000000;
    auto fracText = [&](int64_t f) {
        std::string s;
        appendf(s, o.nano ? ".%09u" : ".%06u", static_cast<unsigned>(f));
        if (f >= unit) s += o.nano ? " (invalid ns)" : " (invalid us)";
        return s;
    };
    auto clock = [&](int64_t s, int64_t f, bool withDate) {
        if (s < 0) {
            out += "[timestamp < 1970-01-01 00:00:00 UTC]";
            return;
        }
        Impl& st = *m_impl;
        if (st.clockSec != s || st.clockWithDate != withDate) {
            time_t t = static_cast<time_t>(s);
            struct tm tm {};
            gmtime_r(&t, &tm); // the tests run with TZ=GMT0; tcpdump uses local time
            char buf[64];
            std::strftime(buf, sizeof buf, withDate ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
            st.clockSec = s;
            st.clockWithDate = withDate;
            st.clockText = buf;
        }
        out += st.clockText;
        out += fracText(f);
    };
    switch (o.timeFormat) {
    case 0:
        clock(sec, frac, false);
        out += " ";
        break;
    case 1:
        break;
    case 2:
        if (sec < 0)
            out += "[timestamp < 1970-01-01 00:00:00 UTC]";
        else
            appendf(out, "%u%s", static_cast<unsigned>(sec), fracText(frac).c_str());
        out += " ";
        break;
    case 3:
    case 5: {
        Impl& st = *m_impl;
        if (!st.haveRef || (st.refSec == 0 && st.refFrac == 0)) {
            st.haveRef = true;
            st.refSec = sec, st.refFrac = frac;
        }
        bool negative = sec < st.refSec || (sec == st.refSec && frac < st.refFrac);
        int64_t ds, df;
        if (negative)
            ds = st.refSec - sec, df = st.refFrac - frac;
        else
            ds = sec - st.refSec, df = frac - st.refFrac;
        if (df < 0) --ds, df += unit;
        out += negative ? "-" : " ";
        clock(ds, df, false);
        out += " ";
        if (o.timeFormat == 3) st.refSec = sec, st.refFrac = frac;
        break;
    }
    case 4:
        clock(sec, frac, true);
        out += " ";
        break;
    default:
        break;
    }

    const proto::LinkWalk li = proto::walkLink(frame);
    // Where the link layer ends, for the hex dumps without link header (-x/-X).
    uint32_t hdrlen = li.headerLength;
    bool longjmped = false;
    if (li.known && li.ipVersion != 0 && frame.data.size() >= li.headerLength) {
        IpView v{frame, li.headerLength,
                 frame.originalLength > li.headerLength ? frame.originalLength - li.headerLength
                                                        : 0};
        if (li.ipVersion == 4) {
            // ip_print checks the version nibble itself.
            auto b = ByteReader(frame.data).u8(li.headerLength);
            if (b && (*b >> 4) == 6 && li.etherType == 0)
                longjmped = printIpv6(out, v, o, m_impl->seqTable);
            else if (b && (*b >> 4) != 4) {
                if ((*b >> 4) == 6)
                    out += "IP6, wrong link-layer encapsulation (invalid)";
                else
                    appendf(out, "IP%u (invalid)", *b >> 4);
            } else
                longjmped = printIpv4(out, v, o, m_impl->seqTable);
        } else {
            longjmped = printIpv6(out, v, o, m_impl->seqTable);
        }
    } else if (li.known && li.etherType == 0x0806) {
        printArp(out, ByteReader(frame.data), li.headerLength,
                 frame.originalLength > li.headerLength ? frame.originalLength - li.headerLength
                                                        : 0);
    } else if (li.known && frame.linkType == LinkType::Ethernet) {
        if (frame.data.size() < 14)
            out += "[|ether]";
        else
            appendf(out, "ethertype 0x%04x, length %u", li.etherType, frame.originalLength);
    } else {
        appendf(out, "[link type %u], length %u", frame.linkType, frame.originalLength);
        hdrlen = 0;
    }

    if (longjmped) hdrlen = 0;
    if (o.hex) {
        bool withLink = o.hex == 2 || o.hex == 4;
        bool ascii = o.hex >= 3;
        std::span<const uint8_t> bytes = frame.data;
        if (!withLink)
            bytes = frame.data.size() > hdrlen ? frame.data.subspan(hdrlen)
                                               : std::span<const uint8_t>{};
        appendHex(out, bytes, ascii);
    }
    out += "\n";
    return out;
}

} // namespace tcpscope
