// SPDX-License-Identifier: GPL-2.0-or-later
// The TCP part of a tcpdump line, following tcpdump 4.99's tcp_print(): ports, flags, relative
// seq/ack (its per-connection table), -v checksum, options (incl. MPTCP, RFC 8684) and length.
// Reads are bounded by the IP layer's snap end; running out prints " [|tcp]" as tcpdump does.
#include "protocols/checksum.h"
#include "tcpdump_format_internal.h"

#include <algorithm>
#include <initializer_list>

namespace tcpscope::tcpdump {
namespace {

enum : uint16_t {
    ThFin = 0x01,
    ThSyn = 0x02,
    ThRst = 0x04,
    ThPush = 0x08,
    ThAck = 0x10,
    ThUrg = 0x20,
    ThEce = 0x40,
    ThCwr = 0x80,
    ThAe = 0x100,
};

enum : uint8_t {
    OptEol = 0,
    OptNop = 1,
    OptMss = 2,
    OptWscale = 3,
    OptSackOk = 4,
    OptSack = 5,
    OptEcho = 6,
    OptEchoReply = 7,
    OptTimestamp = 8,
    OptCc = 11,
    OptCcNew = 12,
    OptCcEcho = 13,
    OptSignature = 19,
    OptScps = 20,
    OptUto = 28,
    OptTcpAo = 29,
    OptMptcp = 30,
    OptFastOpen = 34,
    OptExperiment2 = 254,
};

const char* optionName(uint8_t kind) {
    switch (kind) {
    case OptEol:
        return "eol";
    case OptNop:
        return "nop";
    case OptMss:
        return "mss";
    case OptWscale:
        return "wscale";
    case OptSackOk:
        return "sackOK";
    case OptSack:
        return "sack";
    case OptEcho:
        return "echo";
    case OptEchoReply:
        return "echoreply";
    case OptTimestamp:
        return "TS";
    case OptCc:
        return "cc";
    case OptCcNew:
        return "ccnew";
    case OptCcEcho:
        return "";
    case OptSignature:
        return "md5";
    case OptScps:
        return "scps";
    case OptUto:
        return "uto";
    case OptTcpAo:
        return "tcp-ao";
    case OptMptcp:
        return "mptcp";
    case OptFastOpen:
        return "tfo";
    case OptExperiment2:
        return "exp";
    default:
        return nullptr;
    }
}

// tcpdump's bittok2str_nosep over a table ordered as tcpdump lists the bits.
std::string flagLetters(uint16_t flags) {
    static const std::pair<uint16_t, char> table[] = {
        {ThFin, 'F'}, {ThSyn, 'S'}, {ThRst, 'R'}, {ThPush, 'P'}, {ThAck, '.'},
        {ThUrg, 'U'}, {ThEce, 'E'}, {ThCwr, 'W'}, {ThAe, 'e'},
    };
    std::string s;
    for (auto [bit, c] : table)
        if (flags & bit) s += c;
    return s.empty() ? "none" : s;
}

// RFC 7413 cookie (kind 34) or its experimental form (kind 254, magic 0xf989).
void fastOpen(std::string& out, std::span<const uint8_t> data, bool exp) {
    if (exp) out += "tfo";
    if (data.empty()) {
        out += " cookiereq";
    } else if (data.size() % 2 != 0 || data.size() < 4 || data.size() > 16) {
        out += " (invalid)";
    } else {
        out += " cookie ";
        for (uint8_t b : data) appendf(out, "%02x", b);
    }
}

// How one option ended: printed, "[bad opt]", a LENCHECK truncation, or print-mptcp.c's own
// truncation (which takes tcpdump's longjmp path).
enum class OptionEnd { Ok, Bad, Trunc, MptcpTrunc };

OptionEnd optionEnd(OptResult r) {
    return r == OptResult::Ok    ? OptionEnd::Ok
           : r == OptResult::Bad ? OptionEnd::Bad
                                 : OptionEnd::Trunc;
}

// One option's data as tcp_print's LENCHECK sees it.
struct OptionData {
    const ByteReader& r;
    size_t cp;     // first byte after kind and length
    uint32_t left; // header bytes left from cp
    uint32_t len;  // the option's length byte (1 for EOL and NOP)

    // More data than the header holds is "bad", more than was captured is truncation.
    OptResult check(uint32_t l) const {
        if (l > left) return OptResult::Bad;
        if (!r.has(cp, l)) return OptResult::Trunc;
        return OptResult::Ok;
    }
};

// The bases of the connection's record, which seq/ack and SACK edges are printed relative to
// (all 0 for absolute numbers); `rev` when this segment goes against the record's order.
struct SeqBases {
    bool rev = false;
    uint32_t seq = 0;
    uint32_t ack = 0;
};

// The option data tcp_print steps over: a fixed size, or all of it.
uint32_t optionDataLength(uint8_t opt, uint32_t len) {
    switch (opt) {
    case OptEol:
    case OptNop:
    case OptSackOk:
        return 0;
    case OptWscale:
        return 1;
    case OptMss:
    case OptScps:
    case OptUto:
        return 2;
    case OptCc:
    case OptCcNew:
    case OptCcEcho:
    case OptEcho:
    case OptEchoReply:
        return 4;
    case OptTimestamp:
        return 8;
    case OptSignature:
        return 16;
    default:
        return len - 2;
    }
}

// Options whose data has a fixed size: each prints its values once LENCHECK passes.
OptResult printFixedOption(std::string& out, const OptionData& d, uint8_t opt, uint32_t size) {
    OptResult res = d.check(size);
    if (res != OptResult::Ok) return res;
    const ByteReader& r = d.r;
    switch (opt) {
    case OptMss:
        appendf(out, " %u", *r.u16(d.cp));
        break;
    case OptWscale:
        appendf(out, " %u", *r.u8(d.cp));
        break;
    case OptTimestamp:
        out += " val ";
        appendUint(out, *r.u32(d.cp));
        out += " ecr ";
        appendUint(out, *r.u32(d.cp + 4));
        break;
    case OptSignature:
        // tcpdump built with OpenSSL but given no secret (-M) says it cannot check.
        out += " shared secret not supplied with -M, can't check - ";
        for (uint8_t b : r.bytes(d.cp, 16)) appendf(out, "%02x", b);
        break;
    case OptScps:
        appendf(out, " cap %02x id %u", *r.u8(d.cp), *r.u8(d.cp + 1));
        break;
    case OptUto: {
        uint32_t uto = *r.u16(d.cp);
        appendf(out, " 0x%x", uto);
        // RFC 5482 2: granularity bit set means minutes.
        uto = (uto & 1) ? (uto >> 1) * 60 : uto >> 1;
        appendf(out, " %u", uto);
        break;
    }
    default: // cc, ccnew, cc.echo, echo, echoreply
        appendf(out, " %u", *r.u32(d.cp));
        break;
    }
    return OptResult::Ok;
}

// SACK blocks (RFC 2018), relative to the peer's base as tcpdump prints them.
OptResult printSack(std::string& out, const OptionData& d, const SeqBases& bases) {
    const uint32_t datalen = d.len - 2;
    if (datalen % 8 != 0) {
        out += " invalid sack";
        return OptResult::Ok;
    }
    appendf(out, " %u ", datalen / 8);
    for (uint32_t i = 0; i < datalen; i += 8) {
        if (OptResult res = d.check(i + 4); res != OptResult::Ok) return res;
        uint32_t s = *d.r.u32(d.cp + i);
        if (OptResult res = d.check(i + 8); res != OptResult::Ok) return res;
        uint32_t e = *d.r.u32(d.cp + i + 4);
        if (bases.rev)
            s -= bases.seq, e -= bases.seq;
        else
            s -= bases.ack, e -= bases.ack;
        appendf(out, "{%u:%u}", s, e);
    }
    return OptResult::Ok;
}

// "0x" and the data bytes, as far as LENCHECK lets them through; from byte `from` of the data.
OptResult printDataHex(std::string& out, const OptionData& d, uint32_t from) {
    for (uint32_t i = from; i < d.len - 2; ++i) {
        if (OptResult res = d.check(i + 1); res != OptResult::Ok) return res;
        appendf(out, "%02x", *d.r.u8(d.cp + i));
    }
    return OptResult::Ok;
}

// TCP-AO (RFC 5925 2.2): key ids and the MAC.
OptResult printTcpAo(std::string& out, const OptionData& d) {
    if (d.len - 2 < 2) {
        out += " (invalid)";
        return OptResult::Ok;
    }
    if (OptResult res = d.check(1); res != OptResult::Ok) return res;
    appendf(out, " keyid %u", *d.r.u8(d.cp));
    if (OptResult res = d.check(2); res != OptResult::Ok) return res;
    appendf(out, " rnextkeyid %u", *d.r.u8(d.cp + 1));
    if (d.len - 2 <= 2) return OptResult::Ok;
    out += " mac 0x";
    return printDataHex(out, d, 2);
}

// RFC 6994 experiment (kind 254): the identifier, or TCP Fast Open's experimental form.
OptResult printExperiment(std::string& out, const OptionData& d) {
    const uint32_t datalen = d.len - 2;
    if (OptResult res = d.check(datalen); res != OptResult::Ok) return res;
    if (datalen < 2) return OptResult::Bad;
    out += "-";
    if (*d.r.u16(d.cp) == 0xf989)
        fastOpen(out, d.r.bytes(d.cp + 2, datalen - 2), true);
    else
        appendf(out, "%04x", *d.r.u16(d.cp));
    return OptResult::Ok;
}

// One option's name and data, as tcp_print's switch prints them.
OptionEnd printOption(std::string& out, const OptionData& d, uint8_t opt, uint32_t datalen,
                      const SeqBases& bases, uint16_t flags) {
    if (const char* name = optionName(opt))
        out += name;
    else
        appendf(out, "unknown-%u", opt);
    switch (opt) {
    case OptEol:
    case OptNop:
    case OptSackOk:
        return OptionEnd::Ok;
    case OptSack:
        return optionEnd(printSack(out, d, bases));
    case OptTcpAo:
        return optionEnd(printTcpAo(out, d));
    case OptMptcp: {
        if (OptResult res = d.check(datalen); res != OptResult::Ok) return optionEnd(res);
        ByteReader optOnly(d.r.bytes(0, d.cp - 2 + d.len));
        OptResult res = printMptcp(out, optOnly, d.cp - 2, d.len, static_cast<uint8_t>(flags));
        return res == OptResult::Trunc ? OptionEnd::MptcpTrunc : optionEnd(res);
    }
    case OptFastOpen:
        if (OptResult res = d.check(datalen); res != OptResult::Ok) return optionEnd(res);
        out += " ";
        fastOpen(out, d.r.bytes(d.cp, datalen), false);
        return OptionEnd::Ok;
    case OptExperiment2:
        return optionEnd(printExperiment(out, d));
    case OptMss:
    case OptWscale:
    case OptEcho:
    case OptEchoReply:
    case OptTimestamp:
    case OptCc:
    case OptCcNew:
    case OptCcEcho:
    case OptSignature:
    case OptScps:
    case OptUto:
        return optionEnd(printFixedOption(out, d, opt, datalen));
    default:
        if (datalen) out += " 0x";
        return optionEnd(printDataHex(out, d, 0));
    }
}

// How the option list ended: go on to ", length", or stop there (Stop: tcp_print returned,
// Longjmp: tcpdump's truncation longjmp, which also moves the -x dump to the link header).
enum class Flow { Continue, Stop, Longjmp };

Flow badOption(std::string& out, bool first) {
    out += "[bad opt]";
    if (!first) out += "]";
    return Flow::Stop;
}

// ", options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]".
Flow printOptions(std::string& out, const ByteReader& r, size_t cp, uint32_t left,
                  const SeqBases& bases, uint16_t flags) {
    bool first = true;
    out += ", options [";
    while (left > 0) {
        if (!first) out += ',';
        auto kind = r.u8(cp);
        if (!kind) return out += " [|tcp]", Flow::Longjmp;
        const uint8_t opt = *kind;
        ++cp;
        uint32_t len = 1;
        if (opt != OptEol && opt != OptNop) {
            auto l = r.u8(cp);
            if (!l) return out += " [|tcp]", Flow::Longjmp;
            len = *l;
            ++cp;
            if (len < 2 || len > left) return badOption(out, first);
            --left;
        }
        --left;
        uint32_t datalen = optionDataLength(opt, len);
        switch (printOption(out, OptionData{r, cp, left, len}, opt, datalen, bases, flags)) {
        case OptionEnd::Ok:
            break;
        case OptionEnd::Bad:
            return badOption(out, first);
        case OptionEnd::Trunc:
            // tcpdump's LENCHECK jumps to its trunc label, which closes with '>' once an
            // option has been printed (a quirk of 4.99).
            return out += first ? " [|tcp]" : " [|tcp]>", Flow::Stop;
        case OptionEnd::MptcpTrunc:
            return out += " [|mptcp]", Flow::Longjmp;
        }
        cp += datalen;
        left -= datalen;
        ++datalen;
        if (opt != OptEol && opt != OptNop) ++datalen;
        if (datalen != len) appendf(out, "[len %u]", len);
        first = false;
        if (opt == OptEol) break;
    }
    out += "]";
    return Flow::Continue;
}

// The fixed header's fields tcp_print uses.
struct TcpHeader {
    uint16_t sport = 0, dport = 0;
    uint32_t hlen = 0;
    uint32_t seq = 0, ack = 0;
    uint16_t win = 0, urp = 0;
    uint16_t flags = 0;
};

TcpHeader readTcpHeader(const ByteReader& r, size_t tp) {
    TcpHeader h;
    h.sport = *r.u16(tp);
    h.dport = *r.u16(tp + 2);
    h.hlen = (*r.u8(tp + 12) >> 4) * 4u;
    h.seq = *r.u32(tp + 4);
    h.ack = *r.u32(tp + 8);
    h.win = *r.u16(tp + 14);
    h.urp = *r.u16(tp + 18);
    h.flags = static_cast<uint16_t>((*r.u8(tp + 12) & 0x0f) << 8 | *r.u8(tp + 13));
    return h;
}

// "src.port > dst.port: " (only the ports when an IPv6 extension header came first); false
// after " [|tcp]" when the ports were not captured.
bool printEndpoints(std::string& out, const TcpInput& in) {
    auto addr = [&](std::span<const uint8_t> a) {
        return in.ipVersion == 6 ? ipv6ToString(a, Ipv6Text::Tcpdump) : ipv4ToString(a);
    };
    const ByteReader& r = in.bytes;
    const size_t tp = in.tcpOffset;
    if (!r.has(tp + 2, 2)) {
        appendf(out, "%s > %s: [|tcp]", addr(in.src).c_str(), addr(in.dst).c_str());
        return false;
    }
    uint16_t sport = *r.u16(tp), dport = *r.u16(tp + 2);
    if (in.addressesWithPorts) {
        out += addr(in.src);
        out += '.';
        appendUint(out, sport);
        out += " > ";
        out += addr(in.dst);
        out += '.';
        appendUint(out, dport);
        out += ": ";
    } else {
        appendf(out, "%u > %u: ", sport, dport);
    }
    return true;
}

// One record per conversation, keyed in an arbitrary but fixed order (lower port first), as
// tcpdump does; a SYN (re)starts it. Makes h.seq and h.ack relative to it.
SeqBases relativeSeq(const TcpInput& in, TcpHeader& h, SeqTable& table) {
    SeqBases bases;
    SeqKey key;
    key.family = in.ipVersion;
    if (h.sport > h.dport)
        bases.rev = true;
    else if (h.sport == h.dport)
        bases.rev = std::lexicographical_compare(in.dst.begin(), in.dst.end(), in.src.begin(),
                                                 in.src.end());
    const bool rev = bases.rev;
    auto s = rev ? in.dst : in.src;
    auto d = rev ? in.src : in.dst;
    std::copy(s.begin(), s.end(), key.src.begin());
    std::copy(d.begin(), d.end(), key.dst.begin());
    key.port = rev ? (uint32_t(h.dport) << 16 | h.sport) : (uint32_t(h.sport) << 16 | h.dport);
    auto it = table.find(key);
    if (it == table.end() || (h.flags & ThSyn)) {
        SeqBase& b = table[key];
        if (rev)
            b.ack = h.seq, b.seq = h.ack - 1;
        else
            b.seq = h.seq, b.ack = h.ack - 1;
        bases.seq = b.seq, bases.ack = b.ack;
    } else {
        if (rev)
            h.seq -= it->second.ack, h.ack -= it->second.seq;
        else
            h.seq -= it->second.seq, h.ack -= it->second.ack;
        bases.seq = it->second.seq, bases.ack = it->second.ack;
    }
    return bases;
}

// ", cksum 0x1234 (correct)" or "(incorrect -> 0x5678)" over the whole captured segment.
void printChecksum(std::string& out, const TcpInput& in, uint32_t length) {
    const ByteReader& r = in.bytes;
    const size_t tp = in.tcpOffset;
    // RFC 9293 3.1 pseudo-header: addresses, protocol, TCP length (16 bits for IPv4,
    // 32 for IPv6 per RFC 8200 8.1).
    uint32_t pseudoLength = in.ipVersion == 4 ? (length & 0xffff) : length;
    uint32_t sum = proto::pseudoHeaderSum(in.src, in.pseudoDst, 6, pseudoLength);
    sum = proto::onesComplementSum(r.bytes(tp, length), sum);
    auto computed = static_cast<uint16_t>(~proto::foldChecksum(sum));
    uint16_t field = *r.u16(tp + 16);
    appendf(out, ", cksum 0x%04x", field);
    if (computed != 0)
        appendf(out, " (incorrect -> 0x%04x)", proto::checksumShouldBe(field, computed));
    else
        out += " (correct)";
}

// ", seq 1:11, ack 1, win 502, urg 3"; `length` is the payload's.
void printSeqAckWin(std::string& out, const TcpHeader& h, uint32_t length, int verbose) {
    if (verbose > 1 || length > 0 || (h.flags & (ThSyn | ThFin | ThRst))) {
        out += ", seq ";
        appendUint(out, h.seq);
        if (length > 0) {
            out += ':';
            appendUint(out, uint32_t(h.seq + length));
        }
    }
    if (h.flags & ThAck) {
        out += ", ack ";
        appendUint(out, h.ack);
    } else if (h.ack != 0) { // newer 4.99 releases point the stray number out
        appendf(out, ", [ack %u != 0 while ACK flag not set]", h.ack);
    }
    out += ", win ";
    appendUint(out, h.win);
    if (h.flags & ThUrg) appendf(out, ", urg %u", h.urp);
}

// tcp_print picks an application printer by port, trying them in a fixed order: RESP (6379)
// and HTTP (80, 8080) are ours; where a printer we lack comes first, tcpdump's line has that
// protocol's text, so printing RESP or HTTP would be wrong: print nothing.
bool printPayload(std::string& out, std::span<const uint8_t> payload, uint32_t length,
                  const TcpHeader& h, const TcpdumpOptions& options) {
    auto either = [&](std::initializer_list<uint16_t> ports) {
        for (uint16_t p : ports)
            if (h.sport == p || h.dport == p) return true;
        return false;
    };
    // telnet, SMTP, whois, BGP, PPTP
    if (either({23, 25, 43, 179, 1723})) return false;
    if (either({6379})) return printResp(out, payload, length);
    // SSH, BEEP, OpenFlow (old and IANA ports), FTP; the NetBIOS and SMB printers would come
    // here too, but Debian builds tcpdump without them.
    if (either({22, 10288, 6633, 6653, 21})) return false;
    if (either({80, 8080})) printHttpText(out, payload, options.verbose > 0);
    return false;
}

} // namespace

size_t SeqKeyHash::operator()(const SeqKey& k) const {
    uint64_t h = 1469598103934665603ull; // FNV-1a over the key's bytes
    auto mix = [&h](std::span<const uint8_t> bytes) {
        for (uint8_t b : bytes) h = (h ^ b) * 1099511628211ull;
    };
    mix(std::span(&k.family, 1));
    mix(k.src);
    mix(k.dst);
    return size_t(h ^ k.port * 0x9e3779b97f4a7c15ull);
}

bool printTcp(std::string& out, const TcpInput& in, const TcpdumpOptions& options,
              SeqTable& table) {
    const ByteReader& r = in.bytes;
    const size_t tp = in.tcpOffset;
    if (!printEndpoints(out, in)) return false;
    if (!r.has(tp, 20)) {
        out += " [|tcp]";
        return false;
    }
    TcpHeader h = readTcpHeader(r, tp);
    uint32_t length = in.length;
    if (h.hlen < 20) {
        appendf(out, " tcp %u [bad hdr length %u - too short, < 20]", length - h.hlen, h.hlen);
        return false;
    }
    if (options.quick) {
        appendf(out, "tcp %u", length - h.hlen);
        if (h.hlen > length) appendf(out, " [bad hdr length %u - too long, > %u]", h.hlen, length);
        return false;
    }
    out += "Flags [";
    out += flagLetters(h.flags);
    out += ']';
    SeqBases bases;
    if (!options.absoluteSeq && (h.flags & ThAck)) bases = relativeSeq(in, h, table);
    if (h.hlen > length) {
        appendf(out, " [bad hdr length %u - too long, > %u]", h.hlen, length);
        return false;
    }
    if (options.verbose && !in.fragmented && r.has(tp, length)) printChecksum(out, in, length);
    length -= h.hlen;
    printSeqAckWin(out, h, length, options.verbose);
    if (h.hlen > 20) {
        Flow flow = printOptions(out, r, tp + 20, h.hlen - 20, bases, h.flags);
        if (flow != Flow::Continue) return flow == Flow::Longjmp;
    }
    out += ", length ";
    appendUint(out, length);
    // A RST's data goes to no application printer in the newer 4.99 releases whose output we
    // follow (4.99.3 still handed it over without -v).
    if (length == 0 || (h.flags & ThRst)) return false;
    std::span<const uint8_t> payload = r.bytes(tp + h.hlen, length);
    return printPayload(out, payload, length, h, options);
}

} // namespace tcpscope::tcpdump
