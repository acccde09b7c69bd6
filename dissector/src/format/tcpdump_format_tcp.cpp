// SPDX-License-Identifier: GPL-2.0-or-later
// The TCP part of a tcpdump line, following tcpdump 4.99's tcp_print(): ports, flags, relative
// seq/ack (its per-connection table), -v checksum, options (incl. MPTCP, RFC 8684) and length.
// Reads are bounded by the IP layer's snap end; running out prints " [|tcp]" as tcpdump does.
#include "protocols/checksum.h"
#include "tcpdump_format_internal.h"

#include <cctype>
#include <strings.h>

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

} // namespace

bool printTcp(std::string& out, const TcpInput& in, const TcpdumpOptions& options,
              SeqTable& table) {
    const ByteReader& r = in.bytes;
    const size_t tp = in.tcpOffset;
    auto addr = [&](std::span<const uint8_t> a) {
        return in.ipVersion == 6 ? ipv6ToString(a, Ipv6Text::Tcpdump) : ipv4ToString(a);
    };
    if (!r.has(tp + 2, 2)) {
        appendf(out, "%s > %s: [|tcp]", addr(in.src).c_str(), addr(in.dst).c_str());
        return false;
    }
    uint16_t sport = *r.u16(tp), dport = *r.u16(tp + 2);
    if (in.addressesWithPorts)
        appendf(out, "%s.%u > %s.%u: ", addr(in.src).c_str(), sport, addr(in.dst).c_str(), dport);
    else
        appendf(out, "%u > %u: ", sport, dport);

    if (!r.has(tp, 20)) {
        out += " [|tcp]";
        return false;
    }
    uint32_t hlen = (*r.u8(tp + 12) >> 4) * 4u;
    uint32_t length = in.length;
    if (hlen < 20) {
        appendf(out, " tcp %u [bad hdr length %u - too short, < 20]", length - hlen, hlen);
        return false;
    }
    uint32_t seq = *r.u32(tp + 4), ack = *r.u32(tp + 8);
    uint16_t win = *r.u16(tp + 14), urp = *r.u16(tp + 18);
    if (options.quick) {
        appendf(out, "tcp %u", length - hlen);
        if (hlen > length) appendf(out, " [bad hdr length %u - too long, > %u]", hlen, length);
        return false;
    }
    uint16_t flags = static_cast<uint16_t>((*r.u8(tp + 12) & 0x0f) << 8 | *r.u8(tp + 13));
    appendf(out, "Flags [%s]", flagLetters(flags).c_str());

    uint32_t thSeq = 0, thAck = 0;
    bool rev = false;
    if (!options.absoluteSeq && (flags & ThAck)) {
        // One record per conversation, keyed in an arbitrary but fixed order (lower port
        // first), as tcpdump does; a SYN (re)starts it.
        SeqKey key;
        key.family = in.ipVersion;
        if (sport > dport)
            rev = true;
        else if (sport == dport)
            rev = std::lexicographical_compare(in.dst.begin(), in.dst.end(), in.src.begin(),
                                               in.src.end());
        auto s = rev ? in.dst : in.src;
        auto d = rev ? in.src : in.dst;
        std::copy(s.begin(), s.end(), key.src.begin());
        std::copy(d.begin(), d.end(), key.dst.begin());
        key.port = rev ? (uint32_t(dport) << 16 | sport) : (uint32_t(sport) << 16 | dport);
        auto it = table.find(key);
        if (it == table.end() || (flags & ThSyn)) {
            SeqBase& b = table[key];
            if (rev)
                b.ack = seq, b.seq = ack - 1;
            else
                b.seq = seq, b.ack = ack - 1;
            thSeq = b.seq, thAck = b.ack;
        } else {
            if (rev)
                seq -= it->second.ack, ack -= it->second.seq;
            else
                seq -= it->second.seq, ack -= it->second.ack;
            thSeq = it->second.seq, thAck = it->second.ack;
        }
    }
    if (hlen > length) {
        appendf(out, " [bad hdr length %u - too long, > %u]", hlen, length);
        return false;
    }

    if (options.verbose && !in.fragmented && r.has(tp, length)) {
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

    length -= hlen;
    if (options.verbose > 1 || length > 0 || (flags & (ThSyn | ThFin | ThRst))) {
        appendf(out, ", seq %u", seq);
        if (length > 0) appendf(out, ":%u", seq + length);
    }
    if (flags & ThAck) appendf(out, ", ack %u", ack);
    appendf(out, ", win %u", win);
    if (flags & ThUrg) appendf(out, ", urg %u", urp);

    if (hlen > 20) {
        uint32_t left = hlen - 20;
        size_t cp = tp + 20;
        char sep = '\0';
        out += ", options [";
        auto bad = [&]() {
            out += "[bad opt]";
            if (sep != '\0') out += "]";
            return false;
        };
        while (left > 0) {
            if (sep != '\0') out += sep;
            auto kind = r.u8(cp);
            if (!kind) return out += " [|tcp]", true;
            uint8_t opt = *kind;
            ++cp;
            uint32_t len = 1;
            if (opt != OptEol && opt != OptNop) {
                auto l = r.u8(cp);
                if (!l) return out += " [|tcp]", true;
                len = *l;
                ++cp;
                if (len < 2 || len > left) return bad();
                --left;
            }
            --left;
            uint32_t datalen = 0;
            // tcpdump's LENCHECK: more data than the header holds is "bad", more than was
            // captured is truncation.
            auto lencheck = [&](uint32_t l) -> OptResult {
                if (l > left) return OptResult::Bad;
                if (!r.has(cp, l)) return OptResult::Trunc;
                return OptResult::Ok;
            };
            OptResult res = OptResult::Ok;
            if (const char* name = optionName(opt))
                out += name;
            else
                appendf(out, "unknown-%u", opt);

            switch (opt) {
            case OptMss:
                datalen = 2;
                if ((res = lencheck(datalen)) == OptResult::Ok) appendf(out, " %u", *r.u16(cp));
                break;
            case OptWscale:
                datalen = 1;
                if ((res = lencheck(datalen)) == OptResult::Ok) appendf(out, " %u", *r.u8(cp));
                break;
            case OptSack:
                datalen = len - 2;
                if (datalen % 8 != 0) {
                    out += " invalid sack";
                } else {
                    appendf(out, " %u ", datalen / 8);
                    for (uint32_t i = 0; i < datalen && res == OptResult::Ok; i += 8) {
                        if ((res = lencheck(i + 4)) != OptResult::Ok) break;
                        uint32_t s = *r.u32(cp + i);
                        if ((res = lencheck(i + 8)) != OptResult::Ok) break;
                        uint32_t e = *r.u32(cp + i + 4);
                        if (rev)
                            s -= thSeq, e -= thSeq;
                        else
                            s -= thAck, e -= thAck;
                        appendf(out, "{%u:%u}", s, e);
                    }
                }
                break;
            case OptCc:
            case OptCcNew:
            case OptCcEcho:
            case OptEcho:
            case OptEchoReply:
                datalen = 4;
                if ((res = lencheck(datalen)) == OptResult::Ok) appendf(out, " %u", *r.u32(cp));
                break;
            case OptTimestamp:
                datalen = 8;
                if ((res = lencheck(datalen)) == OptResult::Ok)
                    appendf(out, " val %u ecr %u", *r.u32(cp), *r.u32(cp + 4));
                break;
            case OptSignature:
                // tcpdump built with OpenSSL but given no secret (-M) says it cannot check.
                datalen = 16;
                if ((res = lencheck(datalen)) == OptResult::Ok) {
                    out += " shared secret not supplied with -M, can't check - ";
                    for (uint8_t b : r.bytes(cp, 16)) appendf(out, "%02x", b);
                }
                break;
            case OptScps:
                datalen = 2;
                if ((res = lencheck(datalen)) == OptResult::Ok)
                    appendf(out, " cap %02x id %u", *r.u8(cp), *r.u8(cp + 1));
                break;
            case OptTcpAo:
                datalen = len - 2;
                if (datalen < 2) {
                    out += " (invalid)";
                } else {
                    if ((res = lencheck(1)) != OptResult::Ok) break;
                    appendf(out, " keyid %u", *r.u8(cp));
                    if ((res = lencheck(2)) != OptResult::Ok) break;
                    appendf(out, " rnextkeyid %u", *r.u8(cp + 1));
                    if (datalen > 2) {
                        out += " mac 0x";
                        for (uint32_t i = 2; i < datalen; ++i) {
                            if ((res = lencheck(i + 1)) != OptResult::Ok) break;
                            appendf(out, "%02x", *r.u8(cp + i));
                        }
                    }
                }
                break;
            case OptEol:
            case OptNop:
            case OptSackOk:
                break;
            case OptUto:
                datalen = 2;
                if ((res = lencheck(datalen)) == OptResult::Ok) {
                    uint32_t uto = *r.u16(cp);
                    appendf(out, " 0x%x", uto);
                    // RFC 5482 2: granularity bit set means minutes.
                    uto = (uto & 1) ? (uto >> 1) * 60 : uto >> 1;
                    appendf(out, " %u", uto);
                }
                break;
            case OptMptcp:
                datalen = len - 2;
                if ((res = lencheck(datalen)) == OptResult::Ok) {
                    ByteReader optOnly(r.bytes(0, cp - 2 + len));
                    res = printMptcp(out, optOnly, cp - 2, len, static_cast<uint8_t>(flags));
                    if (res == OptResult::Trunc) return out += " [|mptcp]", true;
                }
                break;
            case OptFastOpen:
                datalen = len - 2;
                if ((res = lencheck(datalen)) == OptResult::Ok) {
                    out += " ";
                    fastOpen(out, r.bytes(cp, datalen), false);
                }
                break;
            case OptExperiment2:
                datalen = len - 2;
                if ((res = lencheck(datalen)) != OptResult::Ok) break;
                if (datalen < 2) {
                    res = OptResult::Bad;
                    break;
                }
                // RFC 6994 experiment identifier.
                out += "-";
                if (*r.u16(cp) == 0xf989)
                    fastOpen(out, r.bytes(cp + 2, datalen - 2), true);
                else
                    appendf(out, "%04x", *r.u16(cp));
                break;
            default:
                datalen = len - 2;
                if (datalen) out += " 0x";
                for (uint32_t i = 0; i < datalen; ++i) {
                    if ((res = lencheck(i + 1)) != OptResult::Ok) break;
                    appendf(out, "%02x", *r.u8(cp + i));
                }
                break;
            }
            if (res == OptResult::Bad) return bad();
            // tcpdump's LENCHECK jumps to its trunc label, which closes with '>' once an
            // option has been printed (a quirk of 4.99).
            if (res == OptResult::Trunc) return out += sep != '\0' ? " [|tcp]>" : " [|tcp]", false;
            cp += datalen;
            left -= datalen;
            ++datalen;
            if (opt != OptEol && opt != OptNop) ++datalen;
            if (datalen != len) appendf(out, "[len %u]", len);
            sep = ',';
            if (opt == OptEol) break;
        }
        out += "]";
    }
    appendf(out, ", length %u", length);
    // tcpdump hands port 80/8080 payloads to its HTTP printer (print-http.c via txtproto_print);
    // a RST's payload is never given to an application printer.
    if (length > 0 && !(flags & ThRst) &&
        (sport == 80 || dport == 80 || sport == 8080 || dport == 8080))
        printHttpText(out, r.bytes(tp + hlen, length), options.verbose > 0);
    return false;
}

namespace {

// tcpdump's fetch_token: the next token of at most `max` bytes, skipping leading blanks; the
// index after it (0 when there is none).
size_t fetchToken(std::span<const uint8_t> p, size_t idx, std::string& token) {
    token.clear();
    while (idx < p.size() && (p[idx] == ' ' || p[idx] == '\t')) ++idx; // leading white space
    for (; idx < p.size(); ++idx) {
        uint8_t c = p[idx];
        if (c < 0x20 || c > 0x7e) return 0; // not printable ASCII: no token
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
        if (token.size() >= 128) return 0;
        token += char(c);
    }
    if (token.empty()) return 0;
    while (idx < p.size() && (p[idx] == ' ' || p[idx] == '\t')) ++idx;
    return idx;
}

// tcpdump's print_txt_line: the line from idx, if it is printable text; the index after it, or 0.
size_t printTxtLine(std::string& out, const char* prefix, std::span<const uint8_t> p, size_t idx) {
    size_t start = idx;
    for (; idx < p.size(); ++idx) {
        uint8_t c = p[idx];
        if (c == '\n') {
            out += prefix;
            out.append(reinterpret_cast<const char*>(p.data() + start), idx - start);
            return idx + 1;
        }
        if (c == '\r') {
            if (idx + 1 >= p.size()) break;
            if (p[idx + 1] == '\n') {
                out += prefix;
                out.append(reinterpret_cast<const char*>(p.data() + start), idx - start);
                return idx + 2;
            }
            return 0;
        }
        if ((c < 0x20 || c > 0x7e) && c != '\t') return 0;
    }
    // Printable to the end without a line ending: tcpdump prints it as truncated.
    out += prefix;
    out.append(reinterpret_cast<const char*>(p.data() + start), idx - start);
    out += " [|http]";
    return 0;
}

} // namespace

void printHttpText(std::string& out, std::span<const uint8_t> payload, bool verbose) {
    static const char* const kCommands[] = {"OPTIONS",
                                            "GET",
                                            "HEAD",
                                            "POST",
                                            "PUT",
                                            "DELETE",
                                            "TRACE",
                                            "CONNECT",
                                            "PROPFIND",
                                            "PROPPATCH",
                                            "MKCOL",
                                            "COPY",
                                            "MOVE",
                                            "LOCK",
                                            "UNLOCK",
                                            "VERSION-CONTROL",
                                            "REPORT",
                                            "CHECKOUT",
                                            "CHECKIN",
                                            "UNCHECKOUT",
                                            "MKWORKSPACE",
                                            "UPDATE",
                                            "LABEL",
                                            "MERGE",
                                            "BASELINE-CONTROL",
                                            "MKACTIVITY",
                                            "ORDERPATCH",
                                            "ACL",
                                            "PATCH",
                                            "SEARCH",
                                            "BIND",
                                            "UNBIND",
                                            "REBIND",
                                            "MKREDIRECTREF",
                                            "UPDATEREDIRECTREF",
                                            "MKCALENDAR",
                                            nullptr};
    // A request (known method first) or a response (3-digit code as the second token) is
    // printed; other payloads (bodies, continuations) only get the protocol name.
    bool printThis = false;
    std::string token;
    size_t idx = fetchToken(payload, 0, token);
    if (idx != 0) {
        for (const char* const* c = kCommands; *c && !printThis; ++c)
            printThis = strcasecmp(token.c_str(), *c) == 0;
        idx = fetchToken(payload, idx, token);
        if (idx != 0 && token.size() == 3 && std::isdigit(static_cast<unsigned char>(token[0])) &&
            std::isdigit(static_cast<unsigned char>(token[1])) &&
            std::isdigit(static_cast<unsigned char>(token[2])))
            printThis = true;
    }
    out += ": HTTP";
    if (!printThis) return;
    if (verbose) {
        appendf(out, ", length: %u", static_cast<unsigned>(payload.size()));
        for (size_t i = 0; i < payload.size();) {
            size_t next = printTxtLine(out, "\n\t", payload, i);
            if (next == 0) break;
            i = next;
        }
    } else {
        printTxtLine(out, ": ", payload, 0);
    }
}

} // namespace tcpscope::tcpdump
