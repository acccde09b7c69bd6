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

// 2a:31:0d, 2a-31-0d, 2a.31, 2a310d (an even number of digits) or one byte (2a, 0x2a, 2);
// also a MAC address. As tshark 4.0 reads them: `eth.src[0] == 2` is the byte 02, `0x2` and
// `242` are not byte strings.
bool readByteString(std::string_view w, std::vector<uint8_t>& out) {
    out.clear();
    const auto allHex = [](std::string_view d) {
        return !d.empty() && std::all_of(d.begin(), d.end(), textscan::isHexDigit);
    };
    // One byte as a hex number (tcp[13] == 0x12), as Wireshark also takes it.
    if (w.size() == 4 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) w.remove_prefix(2);
    if (w.size() == 1 && allHex(w)) {
        out.push_back(uint8_t(textscan::hexValue(w[0])));
        return true;
    }
    const bool unseparated = allHex(w);
    if (unseparated && w.size() % 2) return false;
    size_t i = 0;
    while (i < w.size()) {
        if (i + 2 > w.size() || !textscan::isHexDigit(w[i]) || !textscan::isHexDigit(w[i + 1]))
            return false;
        out.push_back(uint8_t(textscan::hexValue(w[i]) << 4 | textscan::hexValue(w[i + 1])));
        i += 2;
        if (i < w.size() && !unseparated) {
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

bool readLiteralAs(Kind kind, const FieldDef& f, std::string_view w, bool quoted, Literal& out) {
    if (kind == kindOf(f.type)) return readLiteral(f, w, quoted, out);
    FieldDef as; // the same field's names, read as another type
    as.type = kind == Kind::Unsigned ? FieldType::UInt64
              : kind == Kind::Text   ? FieldType::String
                                     : FieldType::Bytes;
    return readLiteral(as, w, quoted, out);
}

Val valOf(const Literal& lit) {
    Val v;
    v.kind = lit.kind;
    v.u = lit.u;
    v.i = lit.i;
    v.d = lit.d;
    if (lit.kind == Kind::Text)
        v.bytes = {reinterpret_cast<const uint8_t*>(lit.text.data()), lit.text.size()};
    else
        v.bytes = lit.bytes;
    if (lit.kind == Kind::Address) v.prefix = lit.prefix;
    return v;
}

bool isNumber(Kind k) {
    return k == Kind::Unsigned || k == Kind::Signed || k == Kind::Float;
}
bool isByteLike(Kind k) {
    return k == Kind::Address || k == Kind::Text || k == Kind::Bytes;
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

bool compareNumbers(const Val& a, Op op, const Val& b) {
    if (a.kind == Kind::Float || b.kind == Kind::Float) {
        const auto real = [](const Val& v) {
            return v.kind == Kind::Float ? v.d : v.kind == Kind::Signed ? double(v.i) : double(v.u);
        };
        return relate(real(a), op, real(b));
    }
    if (a.kind == Kind::Unsigned && b.kind == Kind::Unsigned) return relate(a.u, op, b.u);
    // A signed side: an unsigned value beyond INT64_MAX is greater than any signed one.
    const auto big = [](const Val& v) {
        return v.kind == Kind::Unsigned && v.u > uint64_t(INT64_MAX);
    };
    if (big(a) || big(b)) return relate(big(a) ? 1 : 0, op, big(b) ? 1 : 0);
    const auto s = [](const Val& v) { return v.kind == Kind::Signed ? v.i : int64_t(v.u); };
    return relate(s(a), op, s(b));
}

// Byte strings in memcmp order; addresses keep only a literal's prefix bits.
int compareBytes(std::span<const uint8_t> a, std::span<const uint8_t> b, unsigned prefix) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t k = 0; k < n; ++k) {
        const unsigned bit = unsigned(k) * 8;
        if (prefix <= bit) return 0;
        const unsigned keep = std::min(8u, prefix - bit);
        const uint8_t mask = uint8_t(0xff << (8 - keep));
        const uint8_t x = a[k] & mask, y = b[k] & mask;
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

} // namespace

bool compare(const Val& a, Op op, const Val& b) {
    if (isNumber(a.kind) && isNumber(b.kind)) return op != Op::Contains && compareNumbers(a, op, b);
    if (!isByteLike(a.kind) || !isByteLike(b.kind)) return false;
    if (op == Op::Contains)
        return std::search(a.bytes.begin(), a.bytes.end(), b.bytes.begin(), b.bytes.end()) !=
               a.bytes.end();
    const bool address = a.kind == Kind::Address && b.kind == Kind::Address;
    // Addresses of two families never relate (an IPv4 field against an IPv6 literal).
    if (address && a.bytes.size() != b.bytes.size()) return op == Op::Ne;
    const unsigned prefix = address ? std::min(a.prefix, b.prefix) : ~0u;
    return relate(compareBytes(a.bytes, b.bytes, prefix), op, 0);
}

} // namespace tcpscope::filter
