// SPDX-License-Identifier: GPL-2.0-or-later
// MPTCP options (RFC 8684 3, and RFC 6824 for version 0) printed as tcpdump 4.99's
// print-mptcp.c does: subtype name, then the subtype's fields; a length the subtype does not
// allow is "[bad opt]".
#include "tcpdump_format_internal.h"

namespace tcpscope::tcpdump {
namespace {

enum : uint8_t { ThSyn = 0x02, ThAck = 0x10 };

// The MPTCP option printer (tcpdump's print-mptcp.c). `r` is bounded at the option's end,
// `opt` is the option's first byte (kind). Returns false for "[bad opt]".
class MptcpPrinter {
  public:
    MptcpPrinter(std::string& out, ByteReader r, size_t opt, uint32_t len, uint8_t flags)
        : m_out(out), m_r(r), m_opt(opt), m_len(len), m_flags(flags) {}

    OptResult print() {
        if (m_len < 3) return OptResult::Bad;
        auto sub = m_r.u8(m_opt + 2);
        if (!sub) return OptResult::Trunc;
        unsigned subtype = *sub >> 4;
        static const char* names[] = {"capable", "join", "dss",        "add-addr", "rem-addr",
                                      "prio",    "fail", "fast-close", "tcprst",   "unknown"};
        if (subtype > 9) subtype = 9;
        appendf(m_out, " %u %s", m_len, names[subtype]);
        switch (subtype) {
        case 0:
            return capable();
        case 1:
            return join();
        case 2:
            return dss();
        case 3:
            return addAddr();
        case 4:
            return removeAddr();
        case 5:
            return prio();
        case 6:
            return fail();
        case 7:
            return fastClose();
        case 8:
            return tcpRst();
        default:
            return OptResult::Ok;
        }
    }

  private:
    bool u8(size_t o, uint8_t& v) {
        auto x = m_r.u8(m_opt + o);
        if (x) v = *x;
        return x.has_value();
    }
    bool u16(size_t o, uint16_t& v) {
        auto x = m_r.u16(m_opt + o);
        if (x) v = *x;
        return x.has_value();
    }
    bool u32(size_t o, uint32_t& v) {
        auto x = m_r.u32(m_opt + o);
        if (x) v = *x;
        return x.has_value();
    }
    bool u64(size_t o, uint64_t& v) {
        auto x = m_r.u64(m_opt + o);
        if (x) v = *x;
        return x.has_value();
    }

    OptResult capable() {
        bool synOk = (m_len == 12 || m_len == 4) && (m_flags & ThSyn);
        bool ackOk =
            (m_len == 20 || m_len == 22 || m_len == 24) && (m_flags & (ThSyn | ThAck)) == ThAck;
        if (!synOk && !ackOk) return OptResult::Bad;
        uint8_t ver = 0, fl = 0;
        if (!u8(2, ver)) return OptResult::Trunc;
        ver &= 0xf;
        if (ver > 1) {
            appendf(m_out, " Unknown Version (%u)", ver);
            return OptResult::Ok;
        }
        appendf(m_out, " v%u", ver);
        if (!u8(3, fl)) return OptResult::Trunc;
        std::string letters;
        for (int b = 7; b >= 0; --b)
            if (fl & (1u << b)) letters += static_cast<char>('A' + (7 - b));
        appendf(m_out, " flags [%s]", letters.empty() ? "none" : letters.c_str());
        bool csum = fl & 0x80;
        if (csum) m_out += " csum";
        if (m_len == 12 || m_len >= 20) {
            uint64_t k = 0;
            if (!u64(4, k)) return OptResult::Trunc;
            appendf(m_out, " {0x%llx", static_cast<unsigned long long>(k));
            if (m_len >= 20) {
                if (!u64(12, k)) return OptResult::Trunc;
                appendf(m_out, ",0x%llx", static_cast<unsigned long long>(k));
            }
            if ((m_len == 22 && !csum) || m_len == 24) {
                uint16_t dl = 0;
                if (!u16(20, dl)) return OptResult::Trunc;
                appendf(m_out, ",data_len=%u", dl);
            }
            m_out += "}";
        }
        return OptResult::Ok;
    }

    OptResult join() {
        if (!(m_len == 12 && (m_flags & ThSyn)) &&
            !(m_len == 16 && (m_flags & (ThSyn | ThAck)) == (ThSyn | ThAck)) &&
            !(m_len == 24 && (m_flags & ThAck)))
            return OptResult::Bad;
        if (m_len != 24) {
            uint8_t b = 0, id = 0;
            if (!u8(2, b)) return OptResult::Trunc;
            if (b & 1) m_out += " backup";
            if (!u8(3, id)) return OptResult::Trunc;
            appendf(m_out, " id %u", id);
        }
        if (m_len == 12) {
            uint32_t token = 0, nonce = 0;
            if (!u32(4, token) || !u32(8, nonce)) return OptResult::Trunc;
            appendf(m_out, " token 0x%x nonce 0x%x", token, nonce);
        } else if (m_len == 16) {
            uint64_t mac = 0;
            uint32_t nonce = 0;
            if (!u64(4, mac) || !u32(12, nonce)) return OptResult::Trunc;
            appendf(m_out, " hmac 0x%llx nonce 0x%x", static_cast<unsigned long long>(mac), nonce);
        } else {
            m_out += " hmac 0x";
            for (size_t i = 0; i < 20; ++i) {
                uint8_t b = 0;
                if (!u8(4 + i, b)) return OptResult::Trunc;
                appendf(m_out, "%02x", b);
            }
        }
        return OptResult::Ok;
    }

    OptResult dss() {
        if (m_len < 4 || (m_flags & ThSyn)) return OptResult::Bad;
        uint8_t fl = 0;
        if (!u8(3, fl)) return OptResult::Trunc;
        if (fl & 0x10) m_out += " fin";
        size_t o = 4;
        uint32_t left = m_len - 4;
        auto number = [&](bool wide) -> OptResult {
            if (wide) {
                uint64_t v = 0;
                if (left < 8) return OptResult::Bad;
                if (!u64(o, v)) return OptResult::Trunc;
                appendf(m_out, "%llu", static_cast<unsigned long long>(v));
                o += 8, left -= 8;
            } else {
                uint32_t v = 0;
                if (left < 4) return OptResult::Bad;
                if (!u32(o, v)) return OptResult::Trunc;
                appendf(m_out, "%u", v);
                o += 4, left -= 4;
            }
            return OptResult::Ok;
        };
        if (fl & 0x01) {
            m_out += " ack ";
            if (auto r = number(fl & 0x02); r != OptResult::Ok) return r;
        }
        if (fl & 0x04) {
            m_out += " seq ";
            if (auto r = number(fl & 0x08); r != OptResult::Ok) return r;
            uint32_t subseq = 0;
            uint16_t dlen = 0;
            if (left < 4) return OptResult::Bad;
            if (!u32(o, subseq)) return OptResult::Trunc;
            appendf(m_out, " subseq %u", subseq);
            o += 4, left -= 4;
            if (left < 2) return OptResult::Bad;
            if (!u16(o, dlen)) return OptResult::Trunc;
            appendf(m_out, " len %u", dlen);
            o += 2, left -= 2;
            if (left >= 2) {
                uint16_t csum = 0;
                if (!u16(o, csum)) return OptResult::Trunc;
                appendf(m_out, " csum 0x%x", csum);
                left -= 2;
            }
        }
        return left == 0 ? OptResult::Ok : OptResult::Bad;
    }

    OptResult addAddr() {
        static const uint32_t ok[] = {8, 10, 16, 18, 20, 22, 28, 30};
        bool valid = false;
        for (uint32_t v : ok) valid |= (m_len == v);
        if (!valid) return OptResult::Bad;
        uint8_t echo = 0, id = 0;
        if (!u8(2, echo)) return OptResult::Trunc;
        const char* ver = "[bad version/echo]";
        switch (echo & 0xf) {
        case 0x6:
            ver = "v0-ip6";
            break;
        case 0x4:
            ver = "v0-ip4";
            break;
        case 0x1:
            ver = "v1-echo";
            break;
        case 0x0:
            ver = "v1";
            break;
        }
        appendf(m_out, " %s", ver);
        if (!u8(3, id)) return OptResult::Trunc;
        appendf(m_out, " id %u", id);
        bool v4 = m_len <= 18;
        size_t alen = v4 ? 4 : 16;
        auto addr = m_r.bytes(m_opt + 4, alen);
        if (addr.size() < alen) return OptResult::Trunc;
        appendf(m_out, " %s",
                (v4 ? ipv4ToString(addr) : ipv6ToString(addr, Ipv6Text::Tcpdump)).c_str());
        bool port = v4 ? (m_len == 10 || m_len == 18) : (m_len == 22 || m_len == 30);
        bool mac = v4 ? (m_len == 16 || m_len == 18) : (m_len == 28 || m_len == 30);
        size_t o = 4 + alen;
        if (port) {
            uint16_t p = 0;
            if (!u16(o, p)) return OptResult::Trunc;
            appendf(m_out, ":%u", p);
            o += 2;
        }
        if (mac) {
            uint64_t h = 0;
            if (!u64(o, h)) return OptResult::Trunc;
            appendf(m_out, " hmac 0x%llx", static_cast<unsigned long long>(h));
        }
        return OptResult::Ok;
    }

    OptResult removeAddr() {
        if (m_len < 4) return OptResult::Bad;
        m_out += " id";
        for (size_t i = 3; i < m_len; ++i) {
            uint8_t id = 0;
            if (!u8(i, id)) return OptResult::Trunc;
            appendf(m_out, " %u", id);
        }
        return OptResult::Ok;
    }

    OptResult prio() {
        if (m_len != 3 && m_len != 4) return OptResult::Bad;
        uint8_t b = 0;
        if (!u8(2, b)) return OptResult::Trunc;
        m_out += (b & 1) ? " backup" : " non-backup";
        if (m_len == 4) {
            uint8_t id = 0;
            if (!u8(3, id)) return OptResult::Trunc;
            appendf(m_out, " id %u", id);
        }
        return OptResult::Ok;
    }

    OptResult fail() {
        if (m_len != 12) return OptResult::Bad;
        uint64_t v = 0;
        if (!u64(4, v)) return OptResult::Trunc;
        appendf(m_out, " seq %llu", static_cast<unsigned long long>(v));
        return OptResult::Ok;
    }

    OptResult fastClose() {
        if (m_len != 12) return OptResult::Bad;
        uint64_t v = 0;
        if (!u64(4, v)) return OptResult::Trunc;
        appendf(m_out, " key 0x%llx", static_cast<unsigned long long>(v));
        return OptResult::Ok;
    }

    OptResult tcpRst() {
        if (m_len != 4) return OptResult::Bad;
        uint8_t b = 0, reason = 0;
        if (!u8(2, b)) return OptResult::Trunc;
        std::string letters;
        static const std::pair<uint8_t, char> bits[] = {
            {0x08, 'U'}, {0x04, 'V'}, {0x02, 'W'}, {0x01, 'T'}};
        for (auto [bit, c] : bits)
            if (b & bit) letters += c;
        appendf(m_out, " flags [%s]", letters.empty() ? "none" : letters.c_str());
        if (!u8(3, reason)) return OptResult::Trunc;
        static const char* reasons[] = {"Unspecified error",         "MPTCP-specific error",
                                        "Lack of resources",         "Administratively prohibited",
                                        "Too much outstanding data", "Unacceptable performance",
                                        "Middlebox interference"};
        if (reason < 7)
            appendf(m_out, " reason %s", reasons[reason]);
        else
            appendf(m_out, " reason unknown (0x%02x)", reason);
        return OptResult::Ok;
    }

    std::string& m_out;
    ByteReader m_r;
    size_t m_opt;
    uint32_t m_len;
    uint8_t m_flags;
};

} // namespace

OptResult printMptcp(std::string& out, ByteReader bytes, size_t opt, uint32_t len, uint8_t flags) {
    return MptcpPrinter(out, bytes, opt, len, flags).print();
}

} // namespace tcpscope::tcpdump
