// SPDX-License-Identifier: GPL-2.0-or-later
// Text helpers of the tcpdump-style printer: printf appends and the -x/-X hex dumps (tcpdump's
// util-print.c layout).
#include "tcpdump_format_internal.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace tcpscope::tcpdump {

namespace {

// One conversion of a printf format: flags, width, length modifier, conversion letter.
struct Spec {
    bool zero = false, left = false;
    int width = 0;
    int longs = 0; // 0 int, 1 long, 2 long long, 3 size_t
    char conv = 0;
};

// What appendf writes, gathered on the stack and appended to the string in one piece: a
// std::string append per literal, digit run and padding cost more than the formatting.
class Pieces {
  public:
    explicit Pieces(std::string& out) : m_out(out) {}
    void put(const char* s, size_t n) {
        if (!room(n)) {
            m_out.append(s, n);
            return;
        }
        std::memcpy(m_buf + m_used, s, n);
        m_used += n;
    }
    void fill(char c, size_t n) {
        if (!room(n)) {
            m_out.append(n, c);
            return;
        }
        std::memset(m_buf + m_used, c, n);
        m_used += n;
    }
    // Digits padded to the conversion's width.
    void pad(const Spec& sp, const char* digits, size_t n) {
        const size_t fill = sp.width > 0 && size_t(sp.width) > n ? size_t(sp.width) - n : 0;
        if (!sp.left) this->fill(sp.zero ? '0' : ' ', fill);
        put(digits, n);
        if (sp.left) this->fill(' ', fill);
    }
    void spill() {
        m_out.append(m_buf, m_used);
        m_used = 0;
    }

  private:
    // Whether n more bytes fit the buffer, spilled first if need be; not when they are more
    // than it holds (they go to the string directly).
    bool room(size_t n) {
        if (m_used + n <= sizeof m_buf) return true;
        spill();
        return n <= sizeof m_buf;
    }

    std::string& m_out;
    char m_buf[240];
    size_t m_used = 0;
};

// The digits of v, after a minus sign when `negative`: "%5d" pads "   -1", "%05d" "-0001".
void appendUnsigned(Pieces& out, unsigned long long v, Spec sp, bool negative = false) {
    char buf[24];
    char* end = buf + sizeof buf;
    char* p = end;
    if (sp.conv == 'x' || sp.conv == 'X') {
        const char* digits = sp.conv == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        do *--p = digits[v & 15], v >>= 4;
        while (v);
    } else {
        do *--p = char('0' + v % 10), v /= 10;
        while (v);
    }
    if (negative && sp.zero && !sp.left) {
        out.put("-", 1);
        if (sp.width > 0) --sp.width;
    } else if (negative) {
        *--p = '-';
    }
    out.pad(sp, p, size_t(end - p));
}

void appendVsnprintf(std::string& out, const char* fmt, va_list ap) {
    char buf[512];
    va_list copy;
    va_copy(copy, ap);
    int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
    if (n >= 0 && static_cast<size_t>(n) < sizeof buf) {
        out.append(buf, static_cast<size_t>(n));
    } else if (n >= 0) {
        std::string big(static_cast<size_t>(n) + 1, '\0');
        std::vsnprintf(big.data(), big.size(), fmt, copy);
        big.resize(static_cast<size_t>(n));
        out += big;
    }
    va_end(copy);
}

// The conversion after a '%' (not "%%"): flags, width, length modifier; f is left on the
// conversion letter.
Spec readSpec(const char*& f) {
    Spec sp;
    for (; *f == '0' || *f == '-'; ++f) (*f == '0' ? sp.zero : sp.left) = true;
    for (; *f >= '0' && *f <= '9'; ++f) sp.width = sp.width * 10 + (*f - '0');
    for (; *f == 'l' || *f == 'z'; ++f) sp.longs = *f == 'z' ? 3 : sp.longs + 1;
    sp.conv = *f;
    return sp;
}

// Formats one %s %c %d %u %x %X argument taken from *ap; false for any other conversion
// (nothing taken).
bool appendConversion(Pieces& out, Spec sp, va_list* ap) {
    switch (sp.conv) {
    case 's': {
        const char* str = va_arg(*ap, const char*);
        if (!str) str = "(null)";
        sp.zero = false;
        out.pad(sp, str, std::strlen(str));
        return true;
    }
    case 'c': {
        char c = static_cast<char>(va_arg(*ap, int));
        out.pad(sp, &c, 1);
        return true;
    }
    case 'd': {
        long long v = sp.longs == 2   ? va_arg(*ap, long long)
                      : sp.longs == 1 ? va_arg(*ap, long)
                      : sp.longs == 3 ? static_cast<long long>(va_arg(*ap, size_t))
                                      : va_arg(*ap, int);
        if (v < 0)
            appendUnsigned(out, 0ull - static_cast<unsigned long long>(v), sp, true);
        else
            appendUnsigned(out, static_cast<unsigned long long>(v), sp);
        return true;
    }
    case 'u':
    case 'x':
    case 'X': {
        unsigned long long v = sp.longs == 2   ? va_arg(*ap, unsigned long long)
                               : sp.longs == 1 ? va_arg(*ap, unsigned long)
                               : sp.longs == 3 ? va_arg(*ap, size_t)
                                               : va_arg(*ap, unsigned int);
        appendUnsigned(out, v, sp);
        return true;
    }
    default:
        return false;
    }
}

} // namespace

// The printer prints millions of lines: the common conversions (%u %d %x %s %c with flags 0
// and -, a width and l/ll/z) are formatted here without vsnprintf's machinery, in one pass
// over the format; at any other conversion what was written is taken back and the whole
// format goes through vsnprintf.
void appendf(std::string& out, const char* fmt, ...) {
    va_list ap, whole;
    va_start(ap, fmt);
    va_copy(whole, ap);
    const size_t start = out.size();
    Pieces pieces(out);
    bool simple = true;
    for (const char* f = fmt; simple && *f; ++f) {
        if (*f != '%') {
            const char* literal = f;
            while (f[1] && f[1] != '%') ++f;
            pieces.put(literal, size_t(f - literal + 1));
            continue;
        }
        ++f;
        if (*f == '%') {
            pieces.put("%", 1);
            continue;
        }
        simple = appendConversion(pieces, readSpec(f), &ap) && *f;
    }
    if (simple) {
        pieces.spill();
    } else {
        out.resize(start);
        appendVsnprintf(out, fmt, whole);
    }
    va_end(whole);
    va_end(ap);
}

void appendUint(std::string& out, uint64_t v) {
    // Two digits a division, in 32 bits where the value fits (sequence numbers, ports).
    static constexpr char kPairs[] = "00010203040506070809101112131415161718192021222324"
                                     "25262728293031323334353637383940414243444546474849"
                                     "50515253545556575859606162636465666768697071727374"
                                     "75767778798081828384858687888990919293949596979899";
    char buf[20];
    char* end = buf + sizeof buf;
    char* p = end;
    for (; v > 0xffffffffu; v /= 100) {
        p -= 2;
        std::memcpy(p, kPairs + 2 * (v % 100), 2);
    }
    uint32_t w = uint32_t(v);
    for (; w >= 100; w /= 100) {
        p -= 2;
        std::memcpy(p, kPairs + 2 * (w % 100), 2);
    }
    if (w >= 10) {
        p -= 2;
        std::memcpy(p, kPairs + 2 * w, 2);
    } else {
        *--p = char('0' + w);
    }
    out.append(p, size_t(end - p));
}

// Layout of tcpdump's hex_print_with_offset / hex_and_ascii_print_with_offset: lines of 16
// bytes as eight " xxxx" groups; with ASCII the hex column is padded to 40 characters.
void appendHex(std::string& out, std::span<const uint8_t> bytes, bool ascii) {
    for (size_t off = 0; off < bytes.size(); off += 16) {
        size_t n = bytes.size() - off < 16 ? bytes.size() - off : 16;
        std::string hex;
        std::string text;
        for (size_t i = 0; i < n; i += 2) {
            if (i + 1 < n)
                appendf(hex, " %02x%02x", bytes[off + i], bytes[off + i + 1]);
            else
                appendf(hex, " %02x", bytes[off + i]);
            for (size_t j = i; j < i + 2 && j < n; ++j) {
                uint8_t c = bytes[off + j];
                text += (c > 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
            }
        }
        appendf(out, "\n\t0x%04zx: ", off);
        if (ascii)
            appendf(out, "%-40s  %s", hex.c_str(), text.c_str());
        else
            out += hex;
    }
}

} // namespace tcpscope::tcpdump
