// SPDX-License-Identifier: GPL-2.0-or-later
// Encapsulations in a tcpdump line, as tcpdump 4.99 prints them before the inner packet:
// print-gre.c (GREv0 with key/sequence/checksum, WCCP, GREv1 for PPTP), IP in IP, print-udp.c's
// hand-over to print-vxlan.c, print-geneve.c and print-l2tp.c, print-mpls.c, print-ppp.c and
// print-pppoe.c, and print-ah.c / print-esp.c. tcpdump 4.99 has no GTP-U or ERSPAN printer: it
// prints "UDP, length N" and "gre-proto-0x88be" for them, and so does this.
#include "protocols/checksum.h"
#include "tcpdump_format_internal.h"

namespace tcpscope::tcpdump {

namespace {

uint64_t be(const ByteReader& r, size_t off, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | r.u8(off + i).value_or(0);
    return v;
}

uint32_t rest(uint32_t length, uint32_t used) {
    return length > used ? length - used : 0;
}

// The printers below share one frame and one set of options.
struct Walk {
    const Frame& frame;
    ByteReader r; // bounded at the outer IP packet's end
    const TcpdumpOptions& o;
    SeqTable& table;
    bool longjmped = false;
};

void printMpls(std::string& out, Walk& w, uint32_t off, uint32_t length);
void printPpp(std::string& out, Walk& w, uint32_t off, uint32_t length);

// An IPv4 or IPv6 packet at `off` (ip_print / ip6_print).
void printIp(std::string& out, Walk& w, uint32_t off, uint32_t length, bool v6) {
    IpView v{w.frame, off, length};
    w.longjmped = v6 ? printIpv6(out, v, w.o, w.table) : printIpv4(out, v, w.o, w.table);
}

const char* etherTypeName(uint16_t t) {
    switch (t) {
    case 0x0800:
        return "IPv4";
    case 0x86dd:
        return "IPv6";
    case 0x0806:
        return "ARP";
    case 0x8100:
        return "802.1Q";
    case 0x8847:
        return "MPLS unicast";
    default:
        return "Unknown";
    }
}

// ethertype_print for the types that lead to TCP; false for the others.
bool printEtherType(std::string& out, Walk& w, uint16_t type, uint32_t off, uint32_t length) {
    switch (type) {
    case 0x0800:
    case 0x86dd:
        printIp(out, w, off, length, type == 0x86dd);
        return true;
    case 0x8847:
    case 0x8848:
        printMpls(out, w, off, length);
        return true;
    case 0x8864:
        out += "PPPoE  ";
        appendf(out, "[ses 0x%x] ", static_cast<unsigned>(be(w.r, off + 2, 2)));
        printPpp(out, w, off + 6, rest(length, 6));
        return true;
    default:
        return false;
    }
}

// ether_print without -e: the header is not printed; VLAN tags are walked over.
void printEther(std::string& out, Walk& w, uint32_t off, uint32_t length) {
    uint32_t p = off + 12;
    auto type = w.r.u16(p);
    if (!type) {
        out += "[|ether]";
        return;
    }
    while (type && (*type == 0x8100 || *type == 0x88a8 || *type == 0x9100)) {
        p += 4;
        type = w.r.u16(p);
    }
    if (!type) {
        out += "[|vlan]";
        return;
    }
    const uint32_t used = p + 2 - off;
    if (!printEtherType(out, w, *type, p + 2, rest(length, used)))
        appendf(out, "ethertype %s (0x%04x), length %u", etherTypeName(*type), *type, length);
}

// ---- MPLS ----

const char* mplsLabelName(uint32_t label) {
    switch (label) {
    case 0:
        return "IPv4 explicit NULL";
    case 1:
        return "router alert";
    case 2:
        return "IPv6 explicit NULL";
    case 3:
        return "implicit NULL";
    default:
        return nullptr;
    }
}

void printMpls(std::string& out, Walk& w, uint32_t off, uint32_t length) {
    out += "MPLS";
    uint32_t p = off, depth = 0, label = 0;
    for (;; ++depth) {
        auto e = w.r.u32(p);
        if (!e || rest(length, p - off) < 4) {
            out += " [|MPLS]";
            return;
        }
        label = *e >> 12;
        out += depth && w.o.verbose ? "\n\t" : " ";
        appendf(out, "(label %u", label);
        if (w.o.verbose)
            if (const char* name = mplsLabelName(label)) appendf(out, " (%s)", name);
        appendf(out, ", tc %u", (*e >> 9) & 7);
        if ((*e >> 8) & 1) out += ", [S]";
        appendf(out, ", ttl %u)", *e & 0xff);
        p += 4;
        if ((*e >> 8) & 1) break;
    }
    const uint32_t inner = rest(length, p - off);
    auto first = w.r.u8(p);
    const bool v4 = label == 0 || (label > 3 && first && (*first >> 4) == 4);
    const bool v6 = label == 2 || (label > 3 && first && (*first >> 4) == 6);
    if (!v4 && !v6) return;
    out += w.o.verbose ? "\n\t" : " ";
    printIp(out, w, p, inner, v6);
}

// ---- PPP ----

void printPpp(std::string& out, Walk& w, uint32_t off, uint32_t length) {
    uint32_t p = off;
    if (be(w.r, p, 2) == 0xff03) p += 2;
    auto first = w.r.u8(p);
    if (!first) {
        out += "[|ppp]";
        return;
    }
    const int plen = (*first & 1) ? 1 : 2;
    const auto proto = static_cast<uint16_t>(be(w.r, p, plen));
    p += plen;
    const uint32_t inner = rest(length, p - off);
    switch (proto) {
    case 0x0021:
    case 0x0057:
        printIp(out, w, p, inner, proto == 0x0057);
        break;
    case 0x0281:
    case 0x0283:
        printMpls(out, w, p, inner);
        break;
    default:
        appendf(out, "ppp-proto-0x%x, length %u", proto, length);
        break;
    }
}

// ---- GRE ----

void appendGreFlags(std::string& out, uint16_t flags) {
    static const std::pair<uint16_t, const char*> kNames[] = {
        {0x8000, "checksum present"},  {0x4000, "routing present"},        {0x2000, "key present"},
        {0x1000, "sequence# present"}, {0x0800, "source routing present"}, {0x0080, "ack present"}};
    std::string s;
    for (const auto& [bit, name] : kNames)
        if (flags & bit) s += (s.empty() ? "" : ", ") + std::string(name);
    appendf(out, ", Flags [%s]", s.empty() ? "none" : s.c_str());
}

// WCCP's redirect header, when the payload does not start like IPv4.
void printWccp(std::string& out, Walk& w, uint32_t p, uint32_t len) {
    out += "wccp ";
    auto first = w.r.u8(p);
    if (first && (*first >> 4) != 4 && len >= 4 && w.r.has(p, 4)) {
        appendf(out, "T:%c A:%c U:%c SId:%u Alt:%u Pri:%u: ", (*first & 0x80) ? '1' : '0',
                (*first & 0x40) ? '1' : '0', (*first & 0x20) ? '1' : '0', *w.r.u8(p + 1),
                *w.r.u8(p + 2), *w.r.u8(p + 3));
        p += 4;
        len -= 4;
    }
    printIp(out, w, p, len, false);
}

void printGreV0Payload(std::string& out, Walk& w, uint16_t proto, uint32_t p, uint32_t len) {
    switch (proto) {
    case 0x0000:
        out += "keep-alive";
        break;
    case 0x883e:
        printWccp(out, w, p, len);
        break;
    case 0x6558:
        printEther(out, w, p, len);
        break;
    default:
        if (!printEtherType(out, w, proto, p, len)) appendf(out, "gre-proto-0x%x", proto);
        break;
    }
}

void printGre(std::string& out, Walk& w, uint32_t off, uint32_t length) {
    auto flags = w.r.u16(off), proto = w.r.u16(off + 2);
    const unsigned version = flags ? *flags & 7 : 0;
    appendf(out, "GREv%u", version);
    if (!flags || !proto || length < 4) {
        out += " [|gre]";
        return;
    }
    if (version > 1) {
        out += " ERROR: unknown-version";
        return;
    }
    if (w.o.verbose) appendGreFlags(out, *flags);
    uint32_t p = off + 4;
    if (version == 0 && (*flags & 0xc000)) {
        if (w.o.verbose) appendf(out, ", sum 0x%x", static_cast<unsigned>(be(w.r, p, 2)));
        appendf(out, ", off 0x%x", static_cast<unsigned>(be(w.r, p + 2, 2)));
        p += 4;
    }
    if (*flags & 0x2000) {
        const auto key = static_cast<uint32_t>(be(w.r, p, 4));
        if (version == 0)
            appendf(out, ", key=0x%x", key);
        else
            appendf(out, ", call %u", key & 0xffff);
        p += 4;
    }
    if (*flags & 0x1000) appendf(out, ", seq %u", static_cast<uint32_t>(be(w.r, p, 4))), p += 4;
    if (version == 1 && (*flags & 0x0080))
        appendf(out, ", ack %u", static_cast<uint32_t>(be(w.r, p, 4))), p += 4;
    if (version == 1 && !(*flags & 0x1000)) out += ", no-payload";
    appendf(out, ", length %u", length);
    if (!w.r.has(off, p - off)) {
        out += " [|gre]";
        return;
    }
    if (version == 1 && !(*flags & 0x1000)) return;
    out += w.o.verbose ? "\n\t" : ": ";
    const uint32_t len = rest(length, p - off);
    if (version == 1) {
        if (*proto == 0x880b)
            printPpp(out, w, p, len);
        else
            appendf(out, "gre-proto-0x%x", *proto);
        return;
    }
    printGreV0Payload(out, w, *proto, p, len);
}

// ---- UDP: VXLAN, Geneve, L2TP ----

void printVxlan(std::string& out, Walk& w, uint32_t off, uint32_t length) {
    if (length < 8 || !w.r.has(off, 8)) {
        out += " [|vxlan]";
        return;
    }
    const uint8_t flags = *w.r.u8(off);
    appendf(out, "VXLAN, flags [%s] (0x%02x), vni %u\n", (flags & 0x08) ? "I" : ".", flags,
            static_cast<unsigned>(be(w.r, off + 4, 3)));
    printEther(out, w, off + 8, length - 8);
}

const char* geneveClassName(uint16_t c) {
    switch (c) {
    case 0x0100:
        return "Linux";
    case 0x0101:
        return "Open vSwitch";
    case 0x0102:
        return "Open Virtual Networking (OVN)";
    case 0x0103:
        return "In-band Network Telemetry (INT)";
    case 0x0104:
        return "VMware";
    case 0x0132:
        return "Google";
    default:
        return c <= 0x00ff ? "Standard" : c >= 0xfff0 ? "Experimental" : "Unknown";
    }
}

void printGeneveOptions(std::string& out, Walk& w, uint32_t p, uint32_t len) {
    for (const char* sep = ""; len > 0; sep = ", ") {
        out += sep;
        const auto cls = static_cast<uint16_t>(be(w.r, p, 2));
        const auto type = static_cast<uint8_t>(be(w.r, p + 2, 1));
        const uint32_t olen = 4 + (be(w.r, p + 3, 1) & 0x1f) * 4u;
        appendf(out, "class %s (0x%x) type 0x%x%s len %u", geneveClassName(cls), cls, type,
                (type & 0x80) ? "(C)" : "", olen);
        if (olen > len) {
            out += " [bad length]";
            return;
        }
        if (w.o.verbose > 1 && olen > 4) {
            out += " data";
            for (uint32_t i = 4; i < olen; i += 4)
                appendf(out, " %08x", static_cast<uint32_t>(be(w.r, p + i, 4)));
        }
        p += olen;
        len -= olen;
    }
}

void printGeneve(std::string& out, Walk& w, uint32_t off, uint32_t length) {
    out += "Geneve";
    if (!w.r.has(off, 8)) {
        out += " [|geneve]";
        return;
    }
    const uint8_t b0 = *w.r.u8(off), flags = *w.r.u8(off + 1);
    if ((b0 >> 6) != 0) {
        appendf(out, " ERROR: unknown-version %u", b0 >> 6);
        return;
    }
    static const std::pair<uint8_t, const char*> kFlags[] = {
        {0x80, "O"},  {0x40, "C"},  {0x20, "R1"}, {0x10, "R2"},
        {0x08, "R3"}, {0x04, "R4"}, {0x02, "R5"}, {0x01, "R6"}};
    std::string f;
    for (const auto& [bit, name] : kFlags)
        if (flags & bit) f += name;
    appendf(out, ", Flags [%s], vni 0x%x", f.empty() ? "none" : f.c_str(),
            static_cast<unsigned>(be(w.r, off + 4, 3)));
    if (const uint8_t rsvd = *w.r.u8(off + 7)) appendf(out, ", rsvd 0x%x", rsvd);
    const uint32_t optLen = (b0 & 0x3f) * 4u;
    if (rest(length, 8) < optLen) {
        appendf(out, " truncated-geneve - %u bytes missing", optLen - rest(length, 8));
        return;
    }
    if (!w.r.has(off + 8, optLen)) {
        out += " [|geneve]";
        return;
    }
    if (optLen > 0) {
        out += ", options [";
        if (w.o.verbose)
            printGeneveOptions(out, w, off + 8, optLen);
        else
            appendf(out, "%u bytes", optLen);
        out += "]";
    }
    out += w.o.verbose ? "\n\t" : ": ";
    const auto proto = static_cast<uint16_t>(be(w.r, off + 2, 2));
    const uint32_t p = off + 8 + optLen, len = rest(length, 8 + optLen);
    if (proto == 0x6558)
        printEther(out, w, p, len);
    else if (!printEtherType(out, w, proto, p, len))
        appendf(out, "geneve-proto-0x%x", proto);
}

// L2TPv2 data messages: " l2tp:[flags](tunnel/session) {PPP}".
void printL2tp(std::string& out, Walk& w, uint32_t off, uint32_t length) {
    out += " l2tp:";
    auto fl = w.r.u16(off);
    if (!fl) {
        out += "[|l2tp]";
        return;
    }
    if ((*fl & 0xf) != 2) {
        appendf(out, " Unknown Version, neither L2TPv2 nor L2TPv3");
        return;
    }
    out += "[";
    for (auto [bit, c] :
         {std::pair{0x8000, 'T'}, {0x4000, 'L'}, {0x0800, 'S'}, {0x0200, 'O'}, {0x0100, 'P'}})
        if (*fl & bit) out += c;
    out += "]";
    uint32_t p = off + 2;
    uint32_t l2tpLen = 0;
    if (*fl & 0x4000) l2tpLen = static_cast<uint32_t>(be(w.r, p, 2)), p += 2;
    appendf(out, "(%u/%u)", static_cast<unsigned>(be(w.r, p, 2)),
            static_cast<unsigned>(be(w.r, p + 2, 2)));
    p += 4;
    if (*fl & 0x0800) {
        appendf(out, "Ns=%u,Nr=%u", static_cast<unsigned>(be(w.r, p, 2)),
                static_cast<unsigned>(be(w.r, p + 2, 2)));
        p += 4;
    }
    if (*fl & 0x0200) p += 2 + static_cast<uint32_t>(be(w.r, p, 2));
    if ((*fl & 0x4000) && l2tpLen <= length) length = l2tpLen;
    if (!w.r.has(off, p - off) || length < p - off || (*fl & 0x8000)) return;
    out += " {";
    printPpp(out, w, p, length - (p - off));
    out += "}";
}

// udp_print for the tunnel ports: the ports, the checksum check (-vv over IPv4, -v over
// IPv6), then the tunnel.
void printUdpTunnel(std::string& out, Walk& w, const TunnelInput& in) {
    const uint32_t off = in.off;
    const uint16_t sp = static_cast<uint16_t>(be(w.r, off, 2));
    const uint16_t dp = static_cast<uint16_t>(be(w.r, off + 2, 2));
    const uint16_t ulen = static_cast<uint16_t>(be(w.r, off + 4, 2));
    appendf(out, "%s.%u > %s.%u: ", in.src.c_str(), sp, in.dst.c_str(), dp);
    uint32_t length = in.length;
    if (ulen >= 8 && ulen < length) length = ulen;
    const bool check = !in.fragmented && ((in.ipVersion == 4 && w.o.verbose > 1) ||
                                          (in.ipVersion == 6 && w.o.verbose));
    const uint16_t field = static_cast<uint16_t>(be(w.r, off + 6, 2));
    if (check && in.ipVersion == 4 && field == 0) {
        out += "[no cksum] ";
    } else if (check && w.r.has(off, length)) {
        uint32_t sum = proto::pseudoHeaderSum(in.srcBytes, in.dstBytes, 17, length);
        sum = proto::onesComplementSum(w.r.bytes(off, length), sum);
        const auto computed = static_cast<uint16_t>(~proto::foldChecksum(sum));
        if (computed != 0)
            appendf(out, "[bad udp cksum 0x%04x -> 0x%04x!] ", field,
                    proto::checksumShouldBe(field, computed));
        else
            out += "[udp sum ok] ";
    }
    const uint32_t p = off + 8, len = rest(length, 8);
    if (sp == 4789 || dp == 4789)
        printVxlan(out, w, p, len);
    else if (sp == 6081 || dp == 6081)
        printGeneve(out, w, p, len);
    else
        printL2tp(out, w, p, len);
}

// ---- IPsec ----

void printAh(std::string& out, Walk& w, const TunnelInput& in) {
    const uint32_t off = in.off;
    if (!w.r.has(off, 12)) {
        out += "AH [|AH]";
        return;
    }
    const uint8_t next = *w.r.u8(off);
    const uint32_t len = (*w.r.u8(off + 1) + 2u) * 4u;
    out += "AH(";
    if (w.o.verbose) appendf(out, "length=%u(%u-bytes),", *w.r.u8(off + 1), len);
    appendf(out, "spi=0x%08x,seq=0x%x", static_cast<uint32_t>(be(w.r, off + 4, 4)),
            static_cast<uint32_t>(be(w.r, off + 8, 4)));
    if (len < 12 || !w.r.has(off, len)) {
        out += "[|AH]";
        return;
    }
    out += ",icv=0x";
    for (uint8_t b : w.r.bytes(off + 12, len - 12)) appendf(out, "%02x", b);
    out += "): ";
    if (next != 6) {
        appendf(out, "ip-proto-%u %u", next, rest(in.length, len));
        return;
    }
    TcpInput t;
    t.bytes = w.r;
    t.tcpOffset = off + len;
    t.length = rest(in.length, len);
    t.ipVersion = in.ipVersion;
    t.addressesWithPorts = false;
    t.fragmented = in.fragmented;
    t.src = in.srcBytes;
    t.dst = in.dstBytes;
    t.pseudoDst = in.dstBytes;
    w.longjmped = printTcp(out, t, w.o, w.table);
}

} // namespace

bool isTunnelPayload(uint8_t proto, const ByteReader& r, uint32_t off) {
    if (proto == 47 || proto == 4 || proto == 41 || proto == 50 || proto == 51) return true;
    if (proto != 17) return false;
    auto sp = r.u16(off), dp = r.u16(off + 2);
    if (!sp || !dp || !r.has(off, 8)) return false;
    for (uint16_t port : {uint16_t(4789), uint16_t(6081), uint16_t(1701)})
        if (*sp == port || *dp == port) return true;
    return false;
}

bool printTunnelPayload(std::string& out, const TunnelInput& in, const TcpdumpOptions& o,
                        SeqTable& table) {
    Walk w{in.frame, in.bytes, o, table};
    if (in.proto == 17) {
        printUdpTunnel(out, w, in);
        return w.longjmped;
    }
    if (!in.addressesPrinted) appendf(out, "%s > %s: ", in.src.c_str(), in.dst.c_str());
    switch (in.proto) {
    case 47:
        printGre(out, w, in.off, in.length);
        break;
    case 4:
    case 41:
        printIp(out, w, in.off, in.length, in.proto == 41);
        break;
    case 51:
        printAh(out, w, in);
        break;
    default:
        appendf(out, "ESP(spi=0x%08x,seq=0x%x), length %u",
                static_cast<uint32_t>(be(w.r, in.off, 4)),
                static_cast<uint32_t>(be(w.r, in.off + 4, 4)), in.length);
        break;
    }
    return w.longjmped;
}

uint32_t printLinkEncapsulation(std::string& out, const Frame& frame, uint32_t off,
                                uint16_t etherType, const TcpdumpOptions& o, SeqTable& table,
                                bool& handled) {
    ByteReader r(frame.data);
    Walk w{frame, r, o, table};
    const uint32_t length = frame.originalLength > off ? frame.originalLength - off : 0;
    handled = true;
    switch (frame.linkType) {
    case LinkType::Ppp:
    case LinkType::PppHdlc:
        printPpp(out, w, off, length);
        return w.longjmped ? 0 : off;
    case LinkType::CiscoHdlc:
        if (!printEtherType(out, w, static_cast<uint16_t>(be(r, 2, 2)), 4, rest(length, 4)))
            appendf(out, "unknown protocol 0x%04x, length %u", static_cast<unsigned>(be(r, 2, 2)),
                    length);
        return w.longjmped ? 0 : 4;
    default:
        break;
    }
    if (etherType == 0x8847 || etherType == 0x8848 || etherType == 0x8864) {
        printEtherType(out, w, etherType, off, length);
        return w.longjmped ? 0 : off;
    }
    handled = false;
    return off;
}

} // namespace tcpscope::tcpdump
