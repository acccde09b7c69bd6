// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/field_format.h"

#include "tcpscope/address.h"

#include <bit>
#include <charconv>
#include <cstdio>

namespace tcpscope {

namespace {

unsigned typeBits(FieldType t) {
    switch (t) {
    case FieldType::UInt8:
        return 8;
    case FieldType::UInt16:
        return 16;
    case FieldType::UInt24:
        return 24;
    case FieldType::UInt32:
    case FieldType::Int32:
    case FieldType::IPv4:
    case FieldType::FrameNum:
        return 32;
    case FieldType::UInt64:
        return 64;
    default:
        return 0;
    }
}

std::string hexPadded(uint64_t v, unsigned bits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%0*llx", int((bits + 3) / 4), (unsigned long long)v);
    return buf;
}

std::string integerText(const FieldDef& def, uint64_t v, bool forFields) {
    // Hex prints as wide as the field's type, even for a masked (shifted) value, as tshark does.
    unsigned bits = typeBits(def.type);
    char buf[64];
    switch (def.base) {
    case Base::Hex:
        return hexPadded(v, bits ? bits : 8);
    case Base::DecHex:
        if (forFields) return std::to_string(v);
        std::snprintf(buf, sizeof buf, "%llu (%s)", (unsigned long long)v,
                      hexPadded(v, bits ? bits : 8).c_str());
        return buf;
    case Base::HexDec:
        if (forFields) return hexPadded(v, bits ? bits : 8);
        std::snprintf(buf, sizeof buf, "%s (%llu)", hexPadded(v, bits ? bits : 8).c_str(),
                      (unsigned long long)v);
        return buf;
    default:
        return std::to_string(v);
    }
}

} // namespace

std::string bitPattern(uint64_t value, uint64_t mask, unsigned bits) {
    std::string out;
    for (int i = int(bits) - 1; i >= 0; --i) {
        uint64_t b = uint64_t(1) << i;
        out += (mask & b) ? ((value & b) ? '1' : '0') : '.';
        if (i % 4 == 0 && i != 0) out += ' ';
    }
    return out;
}

std::string hexBytes(std::span<const uint8_t> bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (uint8_t b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string etherToString(std::span<const uint8_t> a) {
    char buf[32];
    if (a.size() < 6) return hexBytes(a);
    std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4],
                  a[5]);
    return buf;
}

static std::string valueText(const FieldDef& def, const FieldValue& value, bool forFields) {
    if (auto* u = std::get_if<uint64_t>(&value)) {
        switch (def.type) {
        case FieldType::Bool:
            if (forFields) return *u ? "1" : "0";
            return *u ? "True" : "False";
        case FieldType::IPv4:
            return Address::v4(uint32_t(*u)).toString();
        default:
            break;
        }
        std::string text = integerText(def, *u, forFields);
        if (!forFields) {
            auto name = valueName(def.values, *u);
            if (!name.empty()) return std::string(name) + " (" + text + ")";
        }
        return text;
    }
    if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&value)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.9f", *d);
        return buf;
    }
    if (auto* s = std::get_if<std::string>(&value)) return *s;
    if (auto* b = std::get_if<std::vector<uint8_t>>(&value)) {
        if (def.type == FieldType::IPv6 && b->size() == 16)
            return Address::v6(b->data()).toString();
        if (def.type == FieldType::Ether) return etherToString(*b);
        if (!forFields && b->size() > 24) {
            return hexBytes(std::span(*b).first(24)) + "…";
        }
        return hexBytes(*b);
    }
    return {};
}

NodeText composeText(const FieldDef& def, const FieldValue& value, uint64_t bitmask,
                     const Shown& shown) {
    NodeText t;
    const uint64_t mask = bitmask ? bitmask : def.bitmask;
    const auto* u = std::get_if<uint64_t>(&value);
    std::string bits = shown.bits.value_or(std::string());
    if (!shown.bits && mask && def.parentBits && u)
        bits = bitPattern(*u << std::countr_zero(mask), mask, def.parentBits);
    if (!bits.empty()) t.display = bits + " = ";
    t.labelAt = static_cast<uint16_t>(t.display.size());
    t.display += shown.label.empty() ? std::string(def.name) : shown.label;
    const bool hasValue =
        !shown.noValue && (shown.value || !std::holds_alternative<std::monostate>(value));
    if (!hasValue) return t;
    t.display += ": ";
    t.valueAt = static_cast<uint16_t>(std::min<size_t>(t.display.size(), UINT16_MAX));
    if (shown.value)
        t.display += *shown.value;
    else if (def.type == FieldType::Bool && u && mask && def.parentBits)
        t.display += *u ? "Set" : "Not set";
    else
        t.display += valueText(def, value, false);
    return t;
}

std::string fieldsValue(const FieldDef& def, const TreeNode& node,
                        std::span<const uint8_t> frameBytes) {
    if (def.type == FieldType::None && std::holds_alternative<std::monostate>(node.value))
        return "1"; // tshark prints a present FT_NONE field (e.g. an analysis flag) as 1
    if (def.type == FieldType::Protocol || def.type == FieldType::None) {
        if (!std::holds_alternative<std::monostate>(node.value))
            return valueText(def, node.value, true);
        if (node.offset >= frameBytes.size()) return {};
        size_t n = std::min<size_t>(node.length, frameBytes.size() - node.offset);
        return hexBytes(frameBytes.subspan(node.offset, n));
    }
    return valueText(def, node.value, true);
}

namespace {

// Whether an integer value prints as plain decimal in `fields` (integerText() with forFields).
bool printsDecimal(const FieldDef& def) {
    return def.type != FieldType::Bool && def.type != FieldType::IPv4 && def.base != Base::Hex &&
           def.base != Base::HexDec;
}

template <typename Int> void appendDecimal(std::string& out, Int v) {
    char buf[24]; // a 64-bit integer's digits and sign
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out.append(buf, end);
}

} // namespace

void appendFieldsValue(std::string& out, const FieldDef& def, const TreeNode& node,
                       std::span<const uint8_t> frameBytes) {
    const FieldValue& v = node.value;
    if (const auto* u = std::get_if<uint64_t>(&v); u && printsDecimal(def))
        return appendDecimal(out, *u);
    if (const auto* i = std::get_if<int64_t>(&v)) return appendDecimal(out, *i);
    if (const auto* s = std::get_if<std::string>(&v)) {
        out += *s;
        return;
    }
    if (def.type == FieldType::None && std::holds_alternative<std::monostate>(v)) {
        out += '1'; // as fieldsValue()
        return;
    }
    out += fieldsValue(def, node, frameBytes);
}

} // namespace tcpscope
