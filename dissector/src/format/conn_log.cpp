// SPDX-License-Identifier: GPL-2.0-or-later
// Zeek-shaped conn.log output (conn_log.h). SHA-1 and base64 come from libnettle.
#include "tcpscope/conn_log.h"
#include "tcpscope/tree_format.h"

#include <nettle/base64.h>
#include <nettle/sha1.h>

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace tcpscope {

namespace {

struct Column {
    const char* name;
    const char* type; // Zeek's type name, for the #types line
};

constexpr std::array<Column, 24> kColumns{{
    {"ts", "time"},
    {"uid", "string"},
    {"id.orig_h", "addr"},
    {"id.orig_p", "port"},
    {"id.resp_h", "addr"},
    {"id.resp_p", "port"},
    {"proto", "enum"},
    {"service", "string"},
    {"duration", "interval"},
    {"orig_bytes", "count"},
    {"resp_bytes", "count"},
    {"conn_state", "string"},
    {"local_orig", "bool"},
    {"local_resp", "bool"},
    {"missed_bytes", "count"},
    {"history", "string"},
    {"orig_pkts", "count"},
    {"orig_ip_bytes", "count"},
    {"resp_pkts", "count"},
    {"resp_ip_bytes", "count"},
    {"tunnel_parents", "set[string]"},
    {"community_id", "string"},
    {"orig_rfc9293_state", "string"},
    {"resp_rfc9293_state", "string"},
}};

// One field of a record: unset (Zeek's "-", left out of JSON), or text that JSON writes as a
// string, a number or a boolean ("T"/"F").
struct Value {
    enum class Kind : uint8_t { Unset, String, Number, Bool };
    Kind kind = Kind::Unset;
    std::string text;
};
using Record = std::array<Value, kColumns.size()>;

Value str(std::string s) {
    return {Value::Kind::String, std::move(s)};
}
Value num(uint64_t n) {
    return {Value::Kind::Number, std::to_string(n)};
}
Value boolean(bool b) {
    return {Value::Kind::Bool, b ? "T" : "F"};
}

// Seconds with six decimals (Zeek's time and interval), rounded to the microsecond.
std::string seconds(int64_t ns) {
    const bool neg = ns < 0;
    const uint64_t us = (uint64_t(neg ? -ns : ns) + 500) / 1000;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%06" PRIu64, neg ? "-" : "", us / 1000000,
                  us % 1000000);
    return buf;
}

int64_t timestampNs(const Timestamp& t) {
    // Saturates far beyond any capture's dates, as the tracker does.
    constexpr int64_t kMaxSec = ((int64_t(1) << 62) - 1) / 1000000000;
    const int64_t sec = std::clamp<int64_t>(t.sec, -kMaxSec, kMaxSec);
    return sec * 1000000000 + int64_t(std::min<uint64_t>(t.nsec, 999999999));
}

Record recordOf(const TcpConnection& c) {
    static const ZeekHistory kUntracked; // without setZeekHistory: the fields stay unset
    const ZeekHistory& z = c.zeek ? *c.zeek : kUntracked;
    Record r;
    if (c.hasTimestamps) r[0] = {Value::Kind::Number, seconds(timestampNs(c.firstTime))};
    r[1] = str(connLogUid(c));
    r[2] = str(c.client.address.toString());
    r[3] = num(c.client.port);
    r[4] = str(c.server.address.toString());
    r[5] = num(c.server.port);
    r[6] = str("tcp");
    // r[7] service: unset, no application protocol is confirmed.
    if (c.hasTimestamps && c.durationNs() > 0) { // Zeek leaves these unset for no duration
        r[8] = {Value::Kind::Number, seconds(c.durationNs())};
        if (z.tracked()) {
            r[9] = num(z.size(true));
            r[10] = num(z.size(false));
        }
    }
    r[11] = str(std::string(c.connState));
    r[12] = boolean(isPrivateAddress(c.client.address));
    r[13] = boolean(isPrivateAddress(c.server.address));
    // Without ConnectionTracker::setZeekHistory(true) these are unknown, so unset.
    if (z.tracked()) r[14] = num(z.missedBytes());
    if (!z.history().empty()) r[15] = str(z.history());
    r[16] = num(c.client.packets);
    if (z.tracked()) r[17] = num(z.ipBytes(true));
    r[18] = num(c.server.packets);
    if (z.tracked()) r[19] = num(z.ipBytes(false));
    // r[20] tunnel_parents: unset, tunnels are not decapsulated.
    r[21] = str(communityIdV1(c.client.address, c.client.port, c.server.address, c.server.port));
    r[22] = str(std::string(stateName(c.client.finalState)));
    r[23] = str(std::string(stateName(c.server.finalState)));
    return r;
}

std::string nowText() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d-%H-%M-%S", &tm);
    return buf;
}

// Zeek escapes its separator and non-printable bytes as \xHH in ASCII logs.
void appendTsvText(std::string& out, const std::string& s) {
    if (s.empty()) {
        out += "(empty)";
        return;
    }
    for (unsigned char ch : s) {
        if (ch == '\t' || ch == '\\' || ch < 0x20 || ch >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", ch);
            out += buf;
        } else {
            out += char(ch);
        }
    }
}

// The same escaping as the packet JSON, so any byte still gives UTF-8 JSON.
void appendJsonString(std::string& out, const std::string& s) {
    out += '"';
    out += jsonEscape(s);
    out += '"';
}

} // namespace

std::string communityIdV1(const Address& a, uint16_t portA, const Address& b, uint16_t portB,
                          uint8_t ipProto, uint16_t seed) {
    const size_t n = a.family == 6 ? 16 : 4;
    // The numerically smaller (address, port) goes first, so both directions hash alike.
    const bool swap =
        std::lexicographical_compare(b.bytes.begin(), b.bytes.begin() + n, a.bytes.begin(),
                                     a.bytes.begin() + n) ||
        (std::equal(a.bytes.begin(), a.bytes.begin() + n, b.bytes.begin()) && portB < portA);
    const Address& lo = swap ? b : a;
    const Address& hi = swap ? a : b;
    const uint16_t loPort = swap ? portB : portA, hiPort = swap ? portA : portB;
    uint8_t buf[2 + 16 + 16 + 2 + 4];
    size_t len = 0;
    buf[len++] = uint8_t(seed >> 8);
    buf[len++] = uint8_t(seed);
    for (size_t i = 0; i < n; ++i) buf[len++] = lo.bytes[i];
    for (size_t i = 0; i < n; ++i) buf[len++] = hi.bytes[i];
    buf[len++] = ipProto;
    buf[len++] = 0;
    buf[len++] = uint8_t(loPort >> 8);
    buf[len++] = uint8_t(loPort);
    buf[len++] = uint8_t(hiPort >> 8);
    buf[len++] = uint8_t(hiPort);

    sha1_ctx ctx;
    sha1_init(&ctx);
    sha1_update(&ctx, len, buf);
    uint8_t digest[SHA1_DIGEST_SIZE];
    sha1_digest(&ctx, sizeof digest, digest);
    char b64[BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE) + 1] = {};
    base64_encode_raw(b64, sizeof digest, digest);
    return "1:" + std::string(b64, BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE));
}

bool isPrivateAddress(const Address& a) {
    const auto& b = a.bytes;
    if (a.family == 4)
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168) ||
               b[0] == 127 || (b[0] == 100 && (b[1] & 0xc0) == 64) || (b[0] == 169 && b[1] == 254);
    if (a.family == 6) {
        bool loopback = b[15] == 1;
        for (int i = 0; i < 15; ++i) loopback = loopback && b[i] == 0;
        return loopback || (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
    }
    return false;
}

std::string connLogUid(const TcpConnection& c) {
    // 96 bits of SHA-1 over what identifies the connection in a capture: its 4-tuple, its first
    // packet's time and frame, its stream index.
    sha1_ctx ctx;
    sha1_init(&ctx);
    for (const TcpEndpointSummary* e : {&c.client, &c.server}) {
        sha1_update(&ctx, 1, &e->address.family);
        sha1_update(&ctx, e->address.bytes.size(), e->address.bytes.data());
        const uint8_t port[2] = {uint8_t(e->port >> 8), uint8_t(e->port)};
        sha1_update(&ctx, 2, port);
    }
    const uint64_t words[3] = {uint64_t(timestampNs(c.firstTime)), c.firstFrame, c.stream};
    for (uint64_t w : words) {
        uint8_t bytes[8];
        for (int i = 0; i < 8; ++i) bytes[i] = uint8_t(w >> (56 - 8 * i));
        sha1_update(&ctx, 8, bytes);
    }
    uint8_t digest[SHA1_DIGEST_SIZE];
    sha1_digest(&ctx, sizeof digest, digest);
    // Base62 of the first 96 bits, as three 32-bit limbs divided down.
    static constexpr char kDigits[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    uint32_t limbs[3];
    for (int i = 0; i < 3; ++i)
        limbs[i] = uint32_t(digest[4 * i]) << 24 | uint32_t(digest[4 * i + 1]) << 16 |
                   uint32_t(digest[4 * i + 2]) << 8 | digest[4 * i + 3];
    std::string out(17, '0');
    for (int pos = 16; pos >= 0; --pos) { // 62^17 > 2^96
        uint64_t rem = 0;
        for (uint32_t& l : limbs) {
            const uint64_t cur = (rem << 32) | l;
            l = uint32_t(cur / 62);
            rem = cur % 62;
        }
        out[size_t(pos)] = kDigits[rem];
    }
    return "C" + out;
}

std::string formatConnLogZeek(const ConnectionTracker& tracker, const ConnLogOptions& opts) {
    std::string out = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                      "#unset_field\t-\n#path\tconn\n#open\t";
    out += opts.openTime.empty() ? nowText() : opts.openTime;
    out += "\n#fields";
    for (const Column& col : kColumns) {
        out += '\t';
        out += col.name;
    }
    out += "\n#types";
    for (const Column& col : kColumns) {
        out += '\t';
        out += col.type;
    }
    out += '\n';
    for (const TcpConnection& c : tracker.connections()) {
        if (opts.include && !opts.include(c.stream)) continue;
        const Record r = recordOf(c);
        for (size_t i = 0; i < r.size(); ++i) {
            if (i) out += '\t';
            if (r[i].kind == Value::Kind::Unset)
                out += '-';
            else
                appendTsvText(out, r[i].text);
        }
        out += '\n';
    }
    out += "#close\t";
    out += opts.closeTime.empty() ? nowText() : opts.closeTime;
    out += '\n';
    return out;
}

std::string formatConnLogNdjson(const ConnectionTracker& tracker, const ConnLogOptions& opts) {
    std::string out;
    for (const TcpConnection& c : tracker.connections()) {
        if (opts.include && !opts.include(c.stream)) continue;
        const Record r = recordOf(c);
        out += '{';
        bool first = true;
        for (size_t i = 0; i < r.size(); ++i) {
            if (r[i].kind == Value::Kind::Unset) continue;
            if (!first) out += ',';
            first = false;
            appendJsonString(out, kColumns[i].name);
            out += ':';
            if (r[i].kind == Value::Kind::String)
                appendJsonString(out, r[i].text);
            else if (r[i].kind == Value::Kind::Bool)
                out += r[i].text == "T" ? "true" : "false";
            else
                out += r[i].text;
        }
        out += "}\n";
    }
    return out;
}

} // namespace tcpscope
