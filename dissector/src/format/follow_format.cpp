// SPDX-License-Identifier: GPL-2.0-or-later
// The texts of Follow TCP Stream (stream_follow.h): tshark's -z follow,tcp,FORMAT,K output
// byte for byte, and Wireshark's C arrays.
#include "tcpscope/stream_follow.h"

#include <nettle/base64.h>

#include <array>
#include <cstdio>

namespace tcpscope {

namespace {

constexpr std::string_view kSeparator =
    "===================================================================\n";
constexpr char kHex[] = "0123456789abcdef";

void appendf(std::string& out, const char* fmt, auto... args) {
    char buf[96];
    const int n = std::snprintf(buf, sizeof buf, fmt, args...);
    if (n > 0) out.append(buf, std::min<size_t>(size_t(n), sizeof buf - 1));
}

// tshark's hex dump lines: the offset in the direction's text, 16 bytes in hex with an extra
// space after the eighth, then the printable ASCII (the same extra space; one trailing space
// is dropped, even a byte's own).
void appendHexDump(std::string& out, bool server, uint64_t offset, std::span<const uint8_t> d) {
    constexpr size_t kHexStart = 10, kAsciiStart = 60;
    std::array<char, 77> line{};
    for (size_t i = 0; i < d.size(); i += 16) {
        line.fill(' ');
        std::snprintf(line.data(), 9, "%08X", unsigned(uint32_t(offset + i)));
        line[8] = ' ';
        size_t h = kHexStart, k = kAsciiStart;
        const size_t n = std::min<size_t>(16, d.size() - i);
        for (size_t j = 0; j < n; ++j) {
            const uint8_t v = d[i + j];
            line[h] = kHex[v >> 4], line[h + 1] = kHex[v & 15];
            h += 3;
            line[k++] = v >= 0x20 && v < 0x7f ? char(v) : '.';
            if (j == 7) ++h, line[k++] = ' ';
        }
        if (line[k - 1] == ' ') --k;
        if (server) out += '\t';
        out.append(line.data(), k);
        out += '\n';
    }
}

void appendAscii(std::string& out, std::span<const uint8_t> d) {
    for (uint8_t c : d) out += (c == '\r' || c == '\n' || (c >= 0x20 && c < 0x7f)) ? char(c) : '.';
}

// Valid UTF-8 passes through (control characters too); anything else becomes U+FFFD, one per
// invalid byte.
std::string makeUtf8(std::span<const uint8_t> d) {
    std::string s;
    size_t i = 0;
    while (i < d.size()) {
        const uint8_t c = d[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = len && i + len <= d.size();
        for (size_t j = 1; ok && j < len; ++j) ok = (d[i + j] & 0xc0) == 0x80;
        if (ok && len > 1) {
            uint32_t cp = c & (0x7f >> len);
            for (size_t j = 1; j < len; ++j) cp = (cp << 6) | (d[i + j] & 0x3f);
            static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
            ok = cp >= kMin[len] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
        }
        if (!ok) {
            s += "\xef\xbf\xbd";
            ++i;
            continue;
        }
        s.append(reinterpret_cast<const char*>(d.data() + i), len);
        i += len;
    }
    return s;
}

void appendBase64Lines(std::string& out, std::span<const uint8_t> d) {
    constexpr size_t kRaw = 57; // encodes to 76 characters per line
    char b64[BASE64_ENCODE_RAW_LENGTH(kRaw) + 1];
    for (size_t i = 0; i < d.size(); i += kRaw) {
        const size_t n = std::min(kRaw, d.size() - i);
        base64_encode_raw(b64, n, d.data() + i);
        out += "      ";
        out.append(b64, BASE64_ENCODE_RAW_LENGTH(n));
        out += '\n';
    }
}

void appendCArray(std::string& out, const FollowChunk& c, std::span<const uint8_t> d,
                  uint32_t index) {
    appendf(out, "char peer%d_%u[] = { /* Packet %llu */\n", c.server ? 1 : 0, index,
            (unsigned long long)c.frame);
    for (size_t i = 0; i < d.size(); i += 8) {
        const size_t n = std::min<size_t>(8, d.size() - i);
        for (size_t j = 0; j < n; ++j) {
            out += "0x";
            out += kHex[d[i + j] >> 4];
            out += kHex[d[i + j] & 15];
            if (i + j + 1 < d.size()) out += ',';
            out += ' ';
        }
        if (i + n == d.size()) out += "};";
        out += '\n';
    }
}

std::string nodeText(const FollowStream& s, int n, bool brackets) {
    const std::string a = s.node[n].valid() ? s.node[n].toString() : std::string();
    return brackets && s.node[n].family == 6 ? "[" + a + "]" : a;
}

void appendHeader(std::string& out, const FollowStream& s, FollowFormat format) {
    if (format == FollowFormat::Yaml) {
        out += "peers:\n";
        for (int n = 0; n < 2; ++n) {
            appendf(out, "  - peer: %d\n", n);
            out += "    host: " + nodeText(s, n, false) + "\n";
            appendf(out, "    port: %u\n", unsigned(s.port[n]));
        }
        out += "packets:\n";
        return;
    }
    if (format == FollowFormat::CArrays) return;
    out += "\n";
    out += kSeparator;
    out += "Follow: tcp,";
    out += followFormatName(format);
    out += "\n";
    appendf(out, "Filter: tcp.stream eq %u\n", s.stream);
    for (int n = 0; n < 2; ++n)
        out += "Node " + std::to_string(n) + ": " + nodeText(s, n, true) + ":" +
               std::to_string(s.port[n]) + "\n";
}

} // namespace

bool parseFollowFormat(std::string_view name, FollowFormat& out) {
    for (FollowFormat f : {FollowFormat::Ascii, FollowFormat::Hex, FollowFormat::Raw,
                           FollowFormat::Yaml, FollowFormat::Utf8, FollowFormat::CArrays})
        if (followFormatName(f) == name) {
            out = f;
            return true;
        }
    return false;
}

std::string_view followFormatName(FollowFormat f) {
    switch (f) {
    case FollowFormat::Ascii:
        return "ascii";
    case FollowFormat::Hex:
        return "hex";
    case FollowFormat::Raw:
        return "raw";
    case FollowFormat::Yaml:
        return "yaml";
    case FollowFormat::Utf8:
        return "utf-8";
    case FollowFormat::CArrays:
        return "c-arrays";
    }
    return "ascii";
}

void formatFollowChunk(std::string& out, const FollowChunk& c, std::span<const uint8_t> d,
                       FollowFormat format, uint32_t index) {
    switch (format) {
    case FollowFormat::Ascii:
        appendAscii(out, d);
        break;
    case FollowFormat::Hex:
        appendHexDump(out, false, c.position, d);
        break;
    case FollowFormat::Raw:
        for (uint8_t b : d) out += kHex[b >> 4], out += kHex[b & 15];
        out += '\n';
        break;
    case FollowFormat::Utf8:
        out += makeUtf8(d);
        break;
    case FollowFormat::Yaml:
        appendf(out, "  - packet: %llu\n", (unsigned long long)c.frame);
        appendf(out, "    peer: %d\n", c.server ? 1 : 0);
        appendf(out, "    timestamp: %.9f\n", double(c.ts.sec) + double(c.ts.nsec) / 1e9);
        out += "    data: !!binary |\n";
        appendBase64Lines(out, d);
        break;
    case FollowFormat::CArrays:
        appendCArray(out, c, d, index);
        break;
    }
}

void formatFollowPeers(std::string& out, const FollowStream& s, FollowFormat format) {
    if (format == FollowFormat::Yaml) appendHeader(out, s, format);
}

void formatFollow(std::string& out, const FollowStream& s, FollowFormat format) {
    appendHeader(out, s, format);
    uint32_t arrays[2] = {0, 0};
    for (const FollowChunk& c : s.chunks) {
        const std::span<const uint8_t> d = s.data(c);
        const char* tab = c.server ? "\t" : "";
        switch (format) {
        case FollowFormat::Ascii:
            appendf(out, "%s%u\n", tab, c.length);
            appendAscii(out, d);
            out += '\n';
            break;
        case FollowFormat::Hex:
            appendHexDump(out, c.server, c.position, d);
            break;
        case FollowFormat::Raw:
            out += tab;
            formatFollowChunk(out, c, d, format, 0);
            break;
        case FollowFormat::Utf8: {
            const std::string u = makeUtf8(d);
            appendf(out, "%s%zu\n", tab, u.size());
            out += u;
            out += '\n';
            break;
        }
        case FollowFormat::Yaml:
        case FollowFormat::CArrays:
            formatFollowChunk(out, c, d, format, arrays[c.server]++);
            break;
        }
    }
    if (format != FollowFormat::Yaml && format != FollowFormat::CArrays) out += kSeparator;
}

} // namespace tcpscope
