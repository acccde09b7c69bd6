// SPDX-License-Identifier: GPL-2.0-or-later
#include "filter_value.h"

#include "bytes/text_scan.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tcpscope::filter {

Kind kindOf(FieldType type) {
    switch (type) {
    case FieldType::Bool:
    case FieldType::UInt8:
    case FieldType::UInt16:
    case FieldType::UInt24:
    case FieldType::UInt32:
    case FieldType::UInt64:
    case FieldType::FrameNum:
        return Kind::Unsigned;
    case FieldType::Int32:
        return Kind::Signed;
    case FieldType::Double:
    case FieldType::RelTime:
        return Kind::Float;
    case FieldType::IPv4:
    case FieldType::IPv6:
        return Kind::Address;
    case FieldType::String:
        return Kind::Text;
    case FieldType::Bytes:
    case FieldType::Ether:
        return Kind::Bytes;
    case FieldType::Protocol:
    case FieldType::None:
        return Kind::None;
    }
    return Kind::None;
}

std::string_view kindName(Kind k) {
    switch (k) {
    case Kind::Unsigned:
        return "an unsigned integer";
    case Kind::Signed:
        return "a signed integer";
    case Kind::Float:
        return "a number";
    case Kind::Address:
        return "an address";
    case Kind::Text:
        return "a string";
    case Kind::Bytes:
        return "a byte string";
    case Kind::None:
        break;
    }
    return "a field that is only present or absent";
}

namespace {

// Decimal, 0x hex or 0 octal, the whole word.
bool readInteger(std::string_view w, bool allowMinus, uint64_t& u, int64_t& i) {
    if (w.empty() || w.size() > 40) return false;
    const std::string s(w);
    const bool negative = s[0] == '-';
    if (negative && !allowMinus) return false;
    const char* begin = s.c_str() + (negative ? 1 : 0);
    if (!std::isdigit(static_cast<unsigned char>(*begin))) return false;
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(begin, &end, 0);
    if (errno != 0 || *end != '\0') return false;
    u = v;
    i = negative ? -int64_t(v) : int64_t(v);
    return !negative || v <= uint64_t(INT64_MAX);
}

bool readAddress(const FieldDef& f, std::string_view w, Literal& out) {
    const size_t slash = w.find('/');
    const std::string addr(w.substr(0, slash));
    const bool v4 = f.type == FieldType::IPv4;
    unsigned char buf[16];
    if (inet_pton(v4 ? AF_INET : AF_INET6, addr.c_str(), buf) != 1) return false;
    out.bytes.assign(buf, buf + (v4 ? 4 : 16));
    out.prefix = v4 ? 32 : 128;
    if (slash != std::string_view::npos) {
        uint64_t p = 0;
        int64_t ignored = 0;
        if (!readInteger(w.substr(slash + 1), false, p, ignored) || p > out.prefix) return false;
        out.prefix = unsigned(p);
    }
    return true;
}

// 2a:31:0d, 2a-31-0d, 2a.31 or one byte; also a MAC address.
bool readByteString(std::string_view w, std::vector<uint8_t>& out) {
    out.clear();
    size_t i = 0;
    while (i < w.size()) {
        if (i + 2 > w.size() || !textscan::isHexDigit(w[i]) || !textscan::isHexDigit(w[i + 1]))
            return false;
        out.push_back(uint8_t(textscan::hexValue(w[i]) << 4 | textscan::hexValue(w[i + 1])));
        i += 2;
        if (i < w.size()) {
            if (w[i] != ':' && w[i] != '-' && w[i] != '.') return false;
            if (++i == w.size()) return false;
        }
    }
    return !out.empty();
}

bool readNamed(const FieldDef& f, std::string_view w, Literal& out) {
    for (const ValueName& v : f.values)
        if (v.name == w) {
            out.u = v.value;
            out.i = int64_t(v.value);
            return true;
        }
    if (f.type == FieldType::Bool && (w == "True" || w == "TRUE" || w == "true")) {
        out.u = 1;
        return true;
    }
    if (f.type == FieldType::Bool && (w == "False" || w == "FALSE" || w == "false")) {
        out.u = 0;
        return true;
    }
    return false;
}

} // namespace

bool readLiteral(const FieldDef& f, std::string_view w, bool quoted, Literal& out) {
    out = Literal{};
    out.kind = kindOf(f.type);
    switch (out.kind) {
    case Kind::Unsigned:
    case Kind::Signed:
        return (!quoted && readInteger(w, out.kind == Kind::Signed, out.u, out.i)) ||
               readNamed(f, w, out);
    case Kind::Float: {
        if (quoted || w.empty() || w.size() > 64) return false;
        const std::string s(w);
        char* end = nullptr;
        out.d = std::strtod(s.c_str(), &end);
        return *end == '\0';
    }
    case Kind::Address:
        return !quoted && readAddress(f, w, out);
    case Kind::Text:
        out.text = std::string(w);
        return true;
    case Kind::Bytes:
        if (quoted) { // a string's bytes, as Wireshark takes them
            out.bytes.assign(w.begin(), w.end());
            return true;
        }
        return readByteString(w, out.bytes);
    case Kind::None:
        break;
    }
    return false;
}

namespace {

template <typename T> bool relate(const T& a, Op op, const T& b) {
    switch (op) {
    case Op::Eq:
        return a == b;
    case Op::Ne:
        return a != b;
    case Op::Lt:
        return a < b;
    case Op::Gt:
        return a > b;
    case Op::Le:
        return a <= b;
    case Op::Ge:
        return a >= b;
    case Op::Contains:
        break;
    }
    return false;
}

bool compareAddress(const FieldValue& value, Op op, const Literal& lit) {
    std::vector<uint8_t> a;
    if (const auto* u = std::get_if<uint64_t>(&value)) {
        for (int k = 3; k >= 0; --k) a.push_back(uint8_t(*u >> (8 * k)));
    } else if (const auto* b = std::get_if<std::vector<uint8_t>>(&value)) {
        a = *b;
    }
    if (a.size() != lit.bytes.size()) return op == Op::Ne;
    std::vector<uint8_t> b = lit.bytes;
    for (size_t k = 0; k < a.size(); ++k) { // keep the prefix's bits only
        const unsigned bit = unsigned(k) * 8;
        const unsigned keep = lit.prefix <= bit ? 0 : std::min(8u, lit.prefix - bit);
        const uint8_t mask = keep == 0 ? 0 : uint8_t(0xff << (8 - keep));
        a[k] &= mask;
        b[k] &= mask;
    }
    return relate(a, op, b);
}

bool containsBytes(const std::vector<uint8_t>& hay, const std::vector<uint8_t>& needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

} // namespace

bool compare(const FieldValue& value, Op op, const Literal& lit) {
    switch (lit.kind) {
    case Kind::Unsigned:
        if (const auto* u = std::get_if<uint64_t>(&value)) return relate(*u, op, lit.u);
        if (const auto* i = std::get_if<int64_t>(&value)) return relate(*i, op, lit.i);
        return false;
    case Kind::Signed:
        if (const auto* i = std::get_if<int64_t>(&value)) return relate(*i, op, lit.i);
        if (const auto* u = std::get_if<uint64_t>(&value)) return relate(int64_t(*u), op, lit.i);
        return false;
    case Kind::Float:
        if (const auto* d = std::get_if<double>(&value)) return relate(*d, op, lit.d);
        return false;
    case Kind::Address:
        return op != Op::Contains && compareAddress(value, op, lit);
    case Kind::Text:
        if (const auto* s = std::get_if<std::string>(&value))
            return op == Op::Contains ? s->find(lit.text) != std::string::npos
                                      : relate(*s, op, lit.text);
        return false;
    case Kind::Bytes:
        if (const auto* b = std::get_if<std::vector<uint8_t>>(&value))
            return op == Op::Contains ? containsBytes(*b, lit.bytes) : relate(*b, op, lit.bytes);
        return false;
    case Kind::None:
        break;
    }
    return false;
}

} // namespace tcpscope::filter
