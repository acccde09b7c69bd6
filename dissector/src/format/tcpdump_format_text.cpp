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

void pad(std::string& out, size_t len, const Spec& sp, const char* digits, size_t n) {
    size_t fill = sp.width > 0 && size_t(sp.width) > n ? size_t(sp.width) - n : 0;
    if (!sp.left) out.append(fill, sp.zero ? '0' : ' ');
    out.append(digits, n);
    if (sp.left) out.append(fill, ' ');
    (void)len;
}

void appendUnsigned(std::string& out, unsigned long long v, const Spec& sp) {
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
    pad(out, 0, sp, p, size_t(end - p));
}

// True when every conversion in fmt is one appendf formats itself (see there).
bool isSimpleFormat(const char* fmt) {
    bool simple = true;
    for (const char* f = fmt; *f && simple; ++f) {
        if (*f != '%') continue;
        ++f;
        while (*f == '0' || *f == '-') ++f;
        while (*f >= '0' && *f <= '9') ++f;
        while (*f == 'l' || *f == 'z') ++f;
        simple =
            *f == 'u' || *f == 'd' || *f == 'x' || *f == 'X' || *f == 's' || *f == 'c' || *f == '%';
        if (!*f) break;
    }
    return simple;
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

// Formats one %s %c %d %u %x %X argument taken from *ap.
void appendConversion(std::string& out, Spec sp, va_list* ap) {
    switch (sp.conv) {
    case 's': {
        const char* str = va_arg(*ap, const char*);
        if (!str) str = "(null)";
        sp.zero = false;
        pad(out, 0, sp, str, std::strlen(str));
        break;
    }
    case 'c': {
        char c = static_cast<char>(va_arg(*ap, int));
        pad(out, 0, sp, &c, 1);
        break;
    }
    case 'd': {
        long long v = sp.longs == 2   ? va_arg(*ap, long long)
                      : sp.longs == 1 ? va_arg(*ap, long)
                      : sp.longs == 3 ? static_cast<long long>(va_arg(*ap, size_t))
                                      : va_arg(*ap, int);
        if (v < 0) {
            out += '-';
            if (sp.width > 0) --sp.width;
            appendUnsigned(out, 0ull - static_cast<unsigned long long>(v), sp);
        } else {
            appendUnsigned(out, static_cast<unsigned long long>(v), sp);
        }
        break;
    }
    default: { // u x X
        unsigned long long v = sp.longs == 2   ? va_arg(*ap, unsigned long long)
                               : sp.longs == 1 ? va_arg(*ap, unsigned long)
                               : sp.longs == 3 ? va_arg(*ap, size_t)
                                               : va_arg(*ap, unsigned int);
        appendUnsigned(out, v, sp);
    }
    }
}

} // namespace

// The printer prints millions of lines: the common conversions (%u %d %x %s %c with flags 0
// and -, a width and l/ll/z) are formatted here without vsnprintf's machinery; a format with
// anything else goes through vsnprintf whole.
void appendf(std::string& out, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (!isSimpleFormat(fmt)) {
        appendVsnprintf(out, fmt, ap);
        va_end(ap);
        return;
    }
    for (const char* f = fmt; *f; ++f) {
        if (*f != '%') {
            const char* start = f;
            while (f[1] && f[1] != '%') ++f;
            out.append(start, size_t(f - start + 1));
            continue;
        }
        ++f;
        if (*f == '%') {
            out += '%';
            continue;
        }
        appendConversion(out, readSpec(f), &ap);
    }
    va_end(ap);
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
