// SPDX-License-Identifier: GPL-2.0-or-later
// Reading one tcpdump TCP line as print-tcp.c writes it:
//   src > dst: Flags [S.], [cksum 0x872f (correct), ]seq A[:B], ack N, win N, [urg N, ]
//   options [mss 1460,...], length N[: payload summary]
#include "bytes/tcpdump_line.h"

#include <array>

namespace tcpscope::tcpdumptext {

using textscan::describeAt;
using textscan::errorAt;
using textscan::isBlank;
using textscan::isDigit;
using textscan::isHexDigit;
using textscan::skipBlanks;

namespace {

constexpr std::string_view kFlags = "Flags [";

bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A token ends at a blank (or at `stop`, searching backwards from end).
size_t tokenStartBefore(std::string_view s, size_t end) {
    size_t b = end;
    while (b > 0 && !isBlank(s[b - 1])) --b;
    return b;
}

std::optional<std::array<uint8_t, 4>> parseIpv4(std::string_view s) {
    std::array<uint8_t, 4> out{};
    size_t p = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (p >= s.size() || s[p] != '.') return std::nullopt;
            ++p;
        }
        size_t start = p;
        unsigned v = 0;
        while (p < s.size() && isDigit(s[p]) && p - start < 3) v = v * 10 + unsigned(s[p++] - '0');
        if (p == start || v > 255) return std::nullopt;
        out[size_t(part)] = uint8_t(v);
    }
    if (p != s.size()) return std::nullopt;
    return out;
}

// RFC 4291 section 2.2 text forms, including "::" and a dotted IPv4 tail.
std::optional<std::array<uint8_t, 16>> parseIpv6(std::string_view s) {
    std::array<uint16_t, 8> head{}, tail{};
    size_t nHead = 0, nTail = 0;
    bool gap = false;
    size_t p = 0;
    if (s.substr(0, 2) == "::") {
        gap = true;
        p = 2;
    }
    while (p < s.size()) {
        size_t start = p;
        unsigned v = 0;
        while (p < s.size() && isHexDigit(s[p]) && p - start < 4)
            v = v * 16 + unsigned(textscan::hexValue(s[p++]));
        if (p < s.size() && s[p] == '.') { // embedded IPv4: the last 32 bits
            auto v4 = parseIpv4(s.substr(start));
            if (!v4 || (gap ? nTail : nHead) > 6) return std::nullopt;
            auto& dst = gap ? tail : head;
            size_t& n = gap ? nTail : nHead;
            dst[n++] = uint16_t((*v4)[0] << 8 | (*v4)[1]);
            dst[n++] = uint16_t((*v4)[2] << 8 | (*v4)[3]);
            p = s.size();
            break;
        }
        if (p == start || (gap ? nTail : nHead) >= 8) return std::nullopt;
        (gap ? tail[nTail++] : head[nHead++]) = uint16_t(v);
        if (p == s.size()) break;
        if (s[p] != ':') return std::nullopt;
        ++p;
        if (p < s.size() && s[p] == ':') {
            if (gap) return std::nullopt; // a second "::"
            gap = true;
            ++p;
        } else if (p == s.size()) {
            return std::nullopt; // trailing single ':'
        }
    }
    if (gap ? nHead + nTail > 7 : nHead != 8) return std::nullopt;
    std::array<uint16_t, 8> w{};
    for (size_t i = 0; i < nHead; ++i) w[i] = head[i];
    for (size_t i = 0; i < nTail; ++i) w[8 - nTail + i] = tail[i];
    std::array<uint8_t, 16> out{};
    for (size_t i = 0; i < 8; ++i) {
        out[2 * i] = uint8_t(w[i] >> 8);
        out[2 * i + 1] = uint8_t(w[i]);
    }
    return out;
}

// Names tcpdump prints for well-known TCP ports when run without -nn (as in /etc/services).
std::optional<uint16_t> portFromName(std::string_view name) {
    struct Entry {
        std::string_view name;
        uint16_t port;
    };
    static constexpr Entry kPorts[] = {
        {"ftp-data", 20},     {"ftp", 21},
        {"ssh", 22},          {"telnet", 23},
        {"smtp", 25},         {"whois", 43},
        {"domain", 53},       {"gopher", 70},
        {"finger", 79},       {"http", 80},
        {"www", 80},          {"kerberos", 88},
        {"pop3", 110},        {"sunrpc", 111},
        {"auth", 113},        {"nntp", 119},
        {"netbios-ssn", 139}, {"imap", 143},
        {"imap2", 143},       {"snmp", 161},
        {"bgp", 179},         {"ldap", 389},
        {"https", 443},       {"microsoft-ds", 445},
        {"submissions", 465}, {"login", 513},
        {"shell", 514},       {"printer", 515},
        {"submission", 587},  {"ldaps", 636},
        {"rsync", 873},       {"imaps", 993},
        {"pop3s", 995},       {"socks", 1080},
        {"openvpn", 1194},    {"ms-sql-s", 1433},
        {"nfs", 2049},        {"iscsi-target", 3260},
        {"mysql", 3306},      {"svn", 3690},
        {"sieve", 4190},      {"epmd", 4369},
        {"sip", 5060},        {"xmpp-client", 5222},
        {"postgresql", 5432}, {"amqp", 5672},
        {"x11", 6000},        {"redis", 6379},
        {"ircd", 6667},       {"http-alt", 8080},
        {"webcache", 8080},   {"git", 9418},
    };
    for (const auto& e : kPorts)
        if (e.name == name) return e.port;
    return std::nullopt;
}

bool isHostNameChar(char c) {
    return isAlpha(c) || isDigit(c) || c == '-' || c == '_' || c == '.';
}

// Reads a decimal number at pos into v (32 bits); false when there is none or it overflows.
bool readNumber(std::string_view s, size_t& pos, uint32_t& v) {
    size_t p = pos;
    uint64_t x = 0;
    while (p < s.size() && isDigit(s[p])) {
        x = x * 10 + uint64_t(s[p] - '0');
        if (x > 0xffffffffull) return false;
        ++p;
    }
    if (p == pos) return false;
    v = uint32_t(x);
    pos = p;
    return true;
}

// The closing bracket matching the opening one at pos. Only that kind of bracket counts, so a
// missing '}' inside "options [sack 1 {1:2]" is reported where the '}' should be.
size_t matchingClose(std::string_view s, size_t pos) {
    const char open = s[pos];
    const char close = open == '[' ? ']' : open == '(' ? ')' : '}';
    int depth = 0;
    for (size_t p = pos; p < s.size(); ++p) {
        if (s[p] == open)
            ++depth;
        else if (s[p] == close && --depth == 0)
            return p;
    }
    return std::string_view::npos;
}

class FieldReader {
  public:
    FieldReader(const textscan::Line& line, PrintedLine& out)
        : m_line(line), m_s(line.text), m_out(out) {}

    std::optional<InputError> error(size_t pos, const std::string& expected) {
        return errorAt(m_line, pos, "expected " + expected + ", found " + describeAt(m_s, pos));
    }

    std::optional<InputError> endpoint(size_t b, size_t e, Address& addr, uint16_t& port,
                                       HostNames& names) {
        std::string_view tok = m_s.substr(b, e - b);
        size_t dot = tok.rfind('.');
        if (dot == std::string_view::npos || dot == 0 || dot + 1 == tok.size())
            return error(b, "an address and port such as 10.0.0.1.80");
        std::string_view host = tok.substr(0, dot), portText = tok.substr(dot + 1);
        if (isDigit(portText[0])) {
            size_t p = 0;
            uint32_t v = 0;
            if (!readNumber(portText, p, v) || p != portText.size() || v > 65535)
                return error(b + dot + 1, "a port number (0-65535)");
            port = uint16_t(v);
        } else if (auto named = portFromName(portText)) {
            port = *named;
        } else {
            return errorAt(m_line, b + dot + 1,
                           "unknown port name '" + std::string(portText) +
                               "' (run tcpdump with -nn to print port numbers)");
        }
        if (auto v4 = parseIpv4(host)) {
            addr = Address::v4(uint32_t((*v4)[0]) << 24 | uint32_t((*v4)[1]) << 16 |
                               uint32_t((*v4)[2]) << 8 | (*v4)[3]);
        } else if (host.find(':') != std::string_view::npos) {
            auto v6 = parseIpv6(host);
            if (!v6) return error(b, "an IPv6 address");
            addr = Address::v6(v6->data());
        } else {
            for (size_t i = 0; i < host.size(); ++i)
                if (!isHostNameChar(host[i])) return error(b + i, "a host name or address");
            addr = names.addressFor(host);
        }
        return std::nullopt;
    }

    // Letters from tcpdump's tcp_flag_values ("S.", "FP.", "SEW", "none"), or words joined by
    // dots as some tools print them ("SYN.ACK", "PUSH.ACK").
    std::optional<InputError> flags(size_t b, size_t e) {
        std::string_view t = m_s.substr(b, e - b);
        if (t == "none") return std::nullopt;
        if (auto words = flagWords(t)) {
            m_out.flags = *words;
            return std::nullopt;
        }
        for (size_t i = 0; i < t.size(); ++i) {
            uint16_t bit = 0;
            switch (t[i]) {
            case 'F':
                bit = TcpFlag::Fin;
                break;
            case 'S':
                bit = TcpFlag::Syn;
                break;
            case 'R':
                bit = TcpFlag::Rst;
                break;
            case 'P':
                bit = TcpFlag::Psh;
                break;
            case '.':
                bit = TcpFlag::Ack;
                break;
            case 'U':
                bit = TcpFlag::Urg;
                break;
            case 'E':
                bit = TcpFlag::Ece;
                break;
            case 'W':
                bit = TcpFlag::Cwr;
                break;
            case 'e':
                bit = TcpFlag::Ae;
                break;
            default:
                return error(b + i, "a TCP flag letter (S F P R . U E W e)");
            }
            m_out.flags |= bit;
        }
        return std::nullopt;
    }

    // ", seq A:B, ack N, win N, options [...], length N" up to the end or a ": payload".
    std::optional<InputError> fields(size_t p) {
        while (p < m_s.size() && m_s[p] == ',') {
            p = skipBlanks(m_s, p + 1);
            size_t keyStart = p;
            while (p < m_s.size() && isAlpha(m_s[p])) ++p;
            std::string_view key = m_s.substr(keyStart, p - keyStart);
            size_t v = skipBlanks(m_s, p);
            uint32_t n = 0;
            if (key == "seq") {
                if (!readNumber(m_s, v, n)) return error(v, "a sequence number after 'seq'");
                m_out.hasSeq = true;
                m_out.seq = n;
                if (v < m_s.size() && m_s[v] == ':') {
                    ++v;
                    if (!readNumber(m_s, v, n)) return error(v, "the end of the range 'seq A:B'");
                    m_out.hasSeqEnd = true;
                    m_out.seqEnd = n;
                }
            } else if (key == "ack" || key == "win" || key == "urg" || key == "length") {
                if (!readNumber(m_s, v, n))
                    return error(v, "a number after '" + std::string(key) + "'");
                if (key == "ack") {
                    m_out.hasAck = true;
                    m_out.ack = n;
                } else if (key == "win") {
                    if (n > 0xffff)
                        return errorAt(m_line, keyStart,
                                       "window " + std::to_string(n) + " does not fit in 16 bits");
                    m_out.window = uint16_t(n);
                } else if (key == "length") {
                    m_out.hasLength = true;
                    m_out.length = n;
                    return std::nullopt; // what follows describes the payload
                }
            } else if (key == "options") {
                if (v >= m_s.size() || m_s[v] != '[') return error(v, "'[' after 'options'");
                size_t close = matchingClose(m_s, v);
                if (close == std::string_view::npos)
                    return errorAt(m_line, v, "the options list '[' is not closed");
                if (auto e = options(v + 1, close)) return e;
                v = close + 1;
            } else {
                // A field this parser has no use for ("cksum 0x872f (correct)", "mptcp ...").
                if (key == "cksum") {
                    size_t close = m_s.find(')', v);
                    std::string_view cks =
                        m_s.substr(v, close == std::string_view::npos ? 0 : close - v);
                    if (cks.find("(correct") != std::string_view::npos)
                        m_out.checksum = ChecksumStatus::Good;
                    else if (cks.find("incorrect") != std::string_view::npos)
                        m_out.checksum = ChecksumStatus::Bad;
                }
                while (v < m_s.size() && m_s[v] != ',') {
                    if (m_s[v] == '[' || m_s[v] == '(' || m_s[v] == '{') {
                        size_t close = matchingClose(m_s, v);
                        if (close == std::string_view::npos) return std::nullopt;
                        v = close;
                    }
                    ++v;
                }
            }
            p = v;
        }
        return std::nullopt;
    }

  private:
    static std::optional<uint16_t> flagWords(std::string_view t) {
        uint16_t bits = 0;
        size_t p = 0;
        bool any = false;
        while (p < t.size()) {
            size_t start = p;
            while (p < t.size() && isAlpha(t[p])) ++p;
            std::string_view w = t.substr(start, p - start);
            if (w.empty()) return std::nullopt;
            if (w == "SYN")
                bits |= TcpFlag::Syn;
            else if (w == "ACK")
                bits |= TcpFlag::Ack;
            else if (w == "FIN")
                bits |= TcpFlag::Fin;
            else if (w == "RST" || w == "RESET")
                bits |= TcpFlag::Rst;
            else if (w == "PSH" || w == "PUSH")
                bits |= TcpFlag::Psh;
            else if (w == "URG")
                bits |= TcpFlag::Urg;
            else if (w == "ECE")
                bits |= TcpFlag::Ece;
            else if (w == "CWR")
                bits |= TcpFlag::Cwr;
            else if (w == "AE")
                bits |= TcpFlag::Ae;
            else
                return std::nullopt;
            any = true;
            if (p < t.size()) {
                char c = t[p];
                if (c != '.' && c != ',' && c != '|' && c != '+' && c != ' ' && c != '-')
                    return std::nullopt;
                ++p;
            }
        }
        if (!any) return std::nullopt;
        return bits;
    }

    // "mss 1460,nop,wscale 7,sackOK,TS val X ecr Y,sack 1 {a:b},eol" between b and e.
    std::optional<InputError> options(size_t b, size_t e) {
        size_t p = b;
        TcpOptionSummary& o = m_out.options;
        while (p < e) {
            p = skipBlanks(m_s, p);
            size_t itemEnd = p;
            while (itemEnd < e && m_s[itemEnd] != ',') {
                if (m_s[itemEnd] == '{' || m_s[itemEnd] == '[') {
                    size_t close = matchingClose(m_s, itemEnd);
                    itemEnd = close == std::string_view::npos || close > e ? e : close;
                }
                ++itemEnd;
            }
            if (itemEnd > e) itemEnd = e;
            std::string_view item = m_s.substr(p, itemEnd - p);
            auto starts = [&](std::string_view w) {
                return item.substr(0, w.size()) == w &&
                       (item.size() == w.size() || isBlank(item[w.size()]));
            };
            uint32_t n = 0;
            size_t space = item.find(' ');
            size_t v = space == std::string_view::npos ? itemEnd : skipBlanks(m_s, p + space + 1);
            if (starts("mss")) {
                if (!readNumber(m_s, v, n) || n > 0xffff) return error(v, "an MSS value");
                o.mss = int32_t(n);
            } else if (starts("wscale")) {
                if (!readNumber(m_s, v, n) || n > 255) return error(v, "a window scale shift");
                o.wscale = int16_t(n);
            } else if (item == "sackOK") {
                o.sackPermitted = true;
            } else if (starts("TS")) {
                // "TS val 2959270704 ecr 0"
                if (m_s.substr(v, 4) != "val ") return error(v, "'val' in the TS option");
                v = skipBlanks(m_s, v + 4);
                if (!readNumber(m_s, v, o.tsVal)) return error(v, "a TS value");
                v = skipBlanks(m_s, v);
                if (m_s.substr(v, 4) != "ecr ") return error(v, "'ecr' in the TS option");
                v = skipBlanks(m_s, v + 4);
                if (!readNumber(m_s, v, o.tsEcr)) return error(v, "a TS echo reply value");
                o.hasTimestamp = true;
            } else if (starts("sack")) {
                // "sack 2 {a:b}{c:d}": the count, then the blocks.
                if (!readNumber(m_s, v, n)) return error(v, "the number of SACK blocks");
                v = skipBlanks(m_s, v);
                while (v < itemEnd && m_s[v] == '{') {
                    uint32_t l = 0, r = 0;
                    ++v;
                    if (!readNumber(m_s, v, l)) return error(v, "a SACK block edge");
                    if (v >= m_s.size() || m_s[v] != ':') return error(v, "':' in a SACK block");
                    ++v;
                    if (!readNumber(m_s, v, r)) return error(v, "a SACK block edge");
                    if (v >= m_s.size() || m_s[v] != '}') return error(v, "'}' after a SACK block");
                    ++v;
                    if (o.sackCount < o.sack.size()) o.sack[o.sackCount++] = {l, r};
                }
            }
            // nop, eol, md5, mptcp, tfo, unknown-..., [bad opt]: nothing the tracker uses.
            p = itemEnd + 1;
        }
        return std::nullopt;
    }

    const textscan::Line& m_line;
    std::string_view m_s;
    PrintedLine& m_out;
};

} // namespace

Address HostNames::addressFor(std::string_view name) {
    auto it = m_byName.find(name);
    if (it != m_byName.end()) return it->second;
    // 198.18.0.1, 198.18.0.2, ...: the benchmarking range (RFC 2544) is never a real peer.
    uint32_t index = static_cast<uint32_t>(m_list.size()) + 1;
    Address a = Address::v4((198u << 24 | 18u << 16) + index);
    m_byName.emplace(std::string(name), a);
    m_list.emplace_back(a, std::string(name));
    return a;
}

std::optional<TcpLineShape> findTcpLine(std::string_view s) {
    for (size_t f = s.find(kFlags); f != std::string_view::npos; f = s.find(kFlags, f + 1)) {
        TcpLineShape shape;
        shape.flags = f;
        size_t k = f;
        while (k > 0 && isBlank(s[k - 1])) --k;
        if (k == 0 || s[k - 1] != ':' || k == f) continue; // needs "dst: Flags ["
        shape.dstEnd = k - 1;
        shape.dst = tokenStartBefore(s, shape.dstEnd);
        if (shape.dst == shape.dstEnd) continue;
        k = shape.dst;
        while (k > 0 && isBlank(s[k - 1])) --k;
        if (k < 2 || s[k - 1] != '>' || !isBlank(s[k - 2])) continue;
        k -= 1;
        while (k > 0 && isBlank(s[k - 1])) --k;
        shape.srcEnd = k;
        shape.src = tokenStartBefore(s, k);
        if (shape.src == shape.srcEnd) continue;
        return shape;
    }
    return std::nullopt;
}

std::optional<InputError> parseTcpLine(const textscan::Line& line, const TcpLineShape& shape,
                                       HostNames& names, PrintedLine& out) {
    FieldReader r(line, out);
    if (auto e = r.endpoint(shape.src, shape.srcEnd, out.src, out.srcPort, names)) return e;
    if (auto e = r.endpoint(shape.dst, shape.dstEnd, out.dst, out.dstPort, names)) return e;
    if (out.src.family != out.dst.family)
        return errorAt(line, shape.dst, "source and destination are not both IPv4 or IPv6");
    std::string_view s = line.text;
    size_t b = shape.flags + kFlags.size();
    size_t close = s.find(']', b);
    if (close == std::string_view::npos) return r.error(s.size(), "']' closing the flags");
    if (auto e = r.flags(b, close)) return e;
    return r.fields(close + 1);
}

} // namespace tcpscope::tcpdumptext
