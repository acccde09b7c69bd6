// SPDX-License-Identifier: GPL-2.0-or-later
// The article's byte table, built from a packet's tree: see byte_table.h.
#include "tcpscope/byte_table.h"

#include "../text/catalogue_parts.h"
#include "tcpscope/field.h"
#include "tcpscope/text_catalogue.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>

namespace tcpscope {

namespace {

using detail::appendJoined;
using detail::KeyedText;

// The table's own words (message ids "table." + key).
constexpr std::array kTableTexts{
    KeyedText{"column.bytes", "Bytes"},
    KeyedText{"column.field", "Field"},
    KeyedText{"column.value", "Value"},
    KeyedText{"column.meaning", "Meaning"},
    KeyedText{"frame", "Frame {number}"},
    KeyedText{"section.header", "{protocol} header"},
    KeyedText{"section.options", "{protocol} options"},
    KeyedText{"section.payload", "Payload ({protocol})"},
    KeyedText{"section.data", "Payload"},
    KeyedText{"bytes", "{count} bytes"},
    KeyedText{"words", "{words} × 4 = {bytes} bytes"},
    KeyedText{"tcp.hdr_len",
              "{words} × 4 = {bytes} bytes; options: {bytes} − 20 = {options} bytes"},
    KeyedText{"frag_offset", "{units} × 8 = {bytes} bytes"},
    KeyedText{"relative", "{raw} (relative: {relative})"},
    KeyedText{"window.scaled", "{window} × {multiplier} (window scale) = {scaled} bytes"},
    KeyedText{"wscale", "shift count {shift}: multiply by 2^{shift} = {multiplier}"},
    KeyedText{"timestamps", "TSval {tsvalHex} = {tsval}, TSecr {tsecr}"},
    KeyedText{"flags.none", "none set"},
    KeyedText{"tcp.flags.reserved", "Reserved, AE"},
    KeyedText{"tcp.flags.ecn", "CWR, ECE"},
    KeyedText{"tcp.flags.classic", "URG, ACK, PSH, RST, SYN, FIN"},
    KeyedText{"tcp.flags.classic.meaning",
              "Six control bits, left to right: URG (the urgent pointer is valid), ACK (the "
              "acknowledgment number is valid), PSH (deliver the data to the application now), "
              "RST (abort the connection), SYN (synchronize sequence numbers: opening), FIN (the "
              "sender has no more data)."},
    KeyedText{"payload.text", "\"{text}\" ({count} bytes)"},
};

std::string text(std::string_view key, detail::NoteValues values = {}) {
    return detail::tableText(key, values);
}

std::string num(uint64_t v) {
    return std::to_string(v);
}

std::string hexDigits(uint64_t v, int digits) {
    std::string s(static_cast<size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, v >>= 4)
        s[static_cast<size_t>(i)] = "0123456789abcdef"[v & 15];
    return s;
}

// "0x" and the bytes in groups of two counted from the end, as the article writes them:
// "0x4000", "0x0ab3 b561", "0x03 0307". Long fields show their first 16 bytes and "…".
std::string hexGrouped(std::span<const uint8_t> b) {
    constexpr size_t kShown = 16;
    const bool cut = b.size() > kShown;
    if (cut) b = b.first(kShown);
    std::string s = "0x";
    for (size_t i = 0; i < b.size(); ++i) {
        if (i && (b.size() - i) % 2 == 0) s += ' ';
        s += hexDigits(b[i], 2);
    }
    if (cut) s += " …";
    return s;
}

// The positional expansion of a value written in `digits` hex digits, as the article does
// it by hand: "3×16 + 12 = 60", "9×16³ + 8×16² + 9×16 + 14 = 39070". Plain decimal for one
// digit and for values wider than 16 bits (the sum would not help anyone).
std::string hexExpansion(uint64_t v, int digits) {
    if (digits > 4 || v < 16) return num(v);
    static constexpr std::array<std::string_view, 4> kPower{"", "×16", "×16²", "×16³"};
    std::string s;
    for (int i = digits - 1; i >= 0; --i) {
        const uint64_t d = (v >> (4 * i)) & 15;
        if (d == 0) continue;
        if (!s.empty()) s += " + ";
        s += num(d);
        s += kPower[static_cast<size_t>(i)];
    }
    return s + " = " + num(v);
}

const FieldDef& defOf(const TreeNode& n) {
    return FieldRegistry::instance().def(n.field);
}

std::string explanationOf(const TreeNode& n) {
    return n.field == kNoField ? std::string() : std::string(fieldExplanation(defOf(n)));
}

uint64_t uintValue(const TreeNode& n) {
    if (const auto* v = std::get_if<uint64_t>(&n.value)) return *v;
    if (const auto* v = std::get_if<int64_t>(&n.value)) return *v > 0 ? uint64_t(*v) : 0;
    return 0;
}

// The node's bytes, or empty when they lie outside the captured bytes.
std::span<const uint8_t> bytesOf(const TreeNode& n, std::span<const uint8_t> bytes) {
    if (n.offset > bytes.size() || n.length > bytes.size() - n.offset) return {};
    return bytes.subspan(n.offset, n.length);
}

// A bit field's bits: the big-endian word of its bytes under its mask.
struct Bits {
    uint64_t mask = 0;  // within the word
    uint64_t value = 0; // shifted down
    int width = 0;
    int shift = 0;
};

Bits bitsOf(std::span<const uint8_t> b, uint64_t mask) {
    uint64_t word = 0;
    for (uint8_t x : b.first(std::min<size_t>(b.size(), 8))) word = (word << 8) | x;
    Bits out;
    out.mask = mask;
    out.shift = mask ? std::countr_zero(mask) : 0;
    out.width = std::popcount(mask);
    out.value = (word & mask) >> out.shift;
    return out;
}

// "0x4" where the bits fill whole nibbles, else "0b000010".
std::string bitsText(const Bits& b) {
    if (b.shift % 4 == 0 && b.width % 4 == 0) return "0x" + hexDigits(b.value, b.width / 4);
    // Wider than a byte: in groups of four from the right, as tshark writes bits.
    std::string s = "0b";
    for (int i = b.width - 1; i >= 0; --i) {
        s += ((b.value >> i) & 1) ? '1' : '0';
        if (b.width > 8 && i > 0 && i % 4 == 0) s += ' ';
    }
    return s;
}

// "TCP Option - Maximum segment size" → "Maximum segment size".
std::string_view shortLabel(std::string_view label) {
    const size_t dash = label.find(" - ");
    return dash == std::string_view::npos ? label : label.substr(dash + 3);
}

// A payload's bytes as text: printable ASCII as is, the rest escaped ("\r\n", "\x00").
std::string escapedText(std::span<const uint8_t> b) {
    constexpr size_t kShown = 48;
    std::string s;
    for (size_t i = 0; i < b.size() && i < kShown; ++i) {
        const uint8_t c = b[i];
        if (c == '\r')
            s += "\\r";
        else if (c == '\n')
            s += "\\n";
        else if (c == '\t')
            s += "\\t";
        else if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            s += static_cast<char>(c);
        else
            s += "\\x" + hexDigits(c, 2);
    }
    if (b.size() > kShown) s += "…";
    return s;
}

class Builder {
  public:
    Builder(const ProtoTree& tree, std::span<const uint8_t> bytes) : m_tree(tree), m_bytes(bytes) {}
    ByteTable build();

  private:
    void addLayer(int32_t layer, bool payload);
    int32_t addChildren(int32_t parent, ByteTableSection& section);
    size_t addBitRun(const std::vector<int32_t>& children, size_t first, ByteTableSection& section);
    void addTcpFlags(const TreeNode& flags, ByteTableSection& section);
    void addOptions(int32_t options, std::string_view protocol);
    ByteTableRow plainRow(const TreeNode& n) const;
    ByteTableRow bitRow(const TreeNode& n) const;
    std::string plainValue(const TreeNode& n, std::span<const uint8_t> b) const;
    std::string optionValue(const TreeNode& option) const;
    const TreeNode* sibling(const TreeNode& n, std::string_view abbrev) const;
    const TreeNode* child(const TreeNode& n, std::string_view abbrev) const;
    std::string meaningOf(const TreeNode& n, std::string_view a, std::string_view b) const;
    const TreeNode& node(int32_t i) const { return m_tree.node(i); }

    const ProtoTree& m_tree;
    std::span<const uint8_t> m_bytes;
    ByteTable m_out;
    const TreeNode* m_payload = nullptr; // the transport's payload node (tcp.payload)
    std::string m_payloadProtocol;
};

const TreeNode* Builder::child(const TreeNode& n, std::string_view abbrev) const {
    for (int32_t c : n.children)
        if (node(c).field != kNoField && defOf(node(c)).abbrev == abbrev) return &node(c);
    return nullptr;
}

const TreeNode* Builder::sibling(const TreeNode& n, std::string_view abbrev) const {
    return n.parent >= 0 ? child(node(n.parent), abbrev) : nullptr;
}

// The explanations of two of a node's children, one after the other.
std::string Builder::meaningOf(const TreeNode& n, std::string_view a, std::string_view b) const {
    std::string out;
    for (std::string_view abbrev : {a, b})
        if (const TreeNode* c = child(n, abbrev)) appendJoined(out, " ", explanationOf(*c));
    return out;
}

// Layers after the last transport header (TCP, UDP) are the payload: a tunnel's inner
// headers stay headers.
ByteTable Builder::build() {
    static const FieldId kFrameNumber = fieldId("frame.number");
    const std::vector<int32_t>& roots = m_tree.roots();
    size_t payloadFrom = roots.size();
    for (size_t i = 0; i < roots.size(); ++i) {
        const TreeNode& n = node(roots[i]);
        if (n.field != kNoField && !n.generated &&
            (defOf(n).abbrev == "tcp" || defOf(n).abbrev == "udp"))
            payloadFrom = i + 1;
    }
    bool decoded = false; // a payload layer after the transport header
    for (size_t i = 0; i < roots.size(); ++i) {
        const TreeNode& n = node(roots[i]);
        if (n.field == kNoField || n.generated) continue;
        if (defOf(n).abbrev == "frame") {
            m_out.frameLength = n.length;
            for (int32_t c : n.children)
                if (node(c).field == kFrameNumber) m_out.frameNumber = uintValue(node(c));
            continue;
        }
        decoded = decoded || i >= payloadFrom;
        addLayer(roots[i], i >= payloadFrom);
    }
    // The transport's payload when no dissector decoded it further.
    if (m_payload && !decoded) {
        ByteTableSection data;
        data.kind = ByteTableSection::Kind::Payload;
        data.protocol = m_payloadProtocol;
        data.title = text("section.data");
        data.rows.push_back(plainRow(*m_payload));
        m_out.sections.push_back(std::move(data));
    }
    return std::move(m_out);
}

void Builder::addLayer(int32_t layer, bool payload) {
    const TreeNode& n = node(layer);
    const FieldDef& def = defOf(n);
    ByteTableSection section;
    section.protocol = std::string(def.shortName.empty() ? def.abbrev : def.shortName);
    section.kind = payload ? ByteTableSection::Kind::Payload : ByteTableSection::Kind::Header;
    section.title =
        text(payload ? "section.payload" : "section.header", {{"protocol", section.protocol}});
    int32_t options = -1;
    if (payload) {
        for (int32_t c : n.children)
            if (!node(c).generated && node(c).length) section.rows.push_back(plainRow(node(c)));
        if (section.rows.empty() && n.length) section.rows.push_back(plainRow(n));
    } else {
        options = addChildren(layer, section);
    }
    const std::string protocol = section.protocol;
    if (!section.rows.empty()) m_out.sections.push_back(std::move(section));
    if (options >= 0) addOptions(options, protocol);
}

// The header's rows; returns its options node (shown as a section of their own), or -1.
int32_t Builder::addChildren(int32_t parent, ByteTableSection& section) {
    const std::vector<int32_t>& children = node(parent).children;
    int32_t options = -1;
    for (size_t i = 0; i < children.size();) {
        const TreeNode& c = node(children[i]);
        if (c.generated || c.length == 0 || c.field == kNoField || bytesOf(c, m_bytes).empty()) {
            ++i;
            continue;
        }
        if (defOf(c).abbrev.ends_with(".options")) {
            options = children[i++];
        } else if (defOf(c).abbrev.ends_with(".payload")) {
            ++i; // the payload's own section, after the options
            m_payload = &c;
            m_payloadProtocol = section.protocol;
        } else if (c.bitmask) {
            i = addBitRun(children, i, section);
        } else {
            section.rows.push_back(plainRow(c));
            ++i;
        }
    }
    return options;
}

void Builder::addOptions(int32_t options, std::string_view protocol) {
    ByteTableSection s;
    s.kind = ByteTableSection::Kind::Options;
    s.protocol = std::string(protocol);
    s.title = text("section.options", {{"protocol", s.protocol}});
    for (int32_t c : node(options).children) {
        const TreeNode& o = node(c);
        const std::span<const uint8_t> b = bytesOf(o, m_bytes);
        if (o.generated || b.empty()) continue;
        ByteTableRow row;
        row.offset = o.offset;
        row.length = o.length;
        row.bytes = hexGrouped(b);
        row.field = std::string(shortLabel(o.label()));
        row.abbrev = o.field == kNoField ? std::string() : std::string(defOf(o).abbrev);
        row.value = optionValue(o);
        row.meaning = explanationOf(o);
        row.node = c;
        s.rows.push_back(std::move(row));
    }
    if (!s.rows.empty()) m_out.sections.push_back(std::move(s));
}

std::string Builder::optionValue(const TreeNode& o) const {
    if (const TreeNode* mss = child(o, "tcp.options.mss_val"))
        return text("bytes", {{"count", hexExpansion(uintValue(*mss), 4)}});
    if (const TreeNode* shift = child(o, "tcp.options.wscale.shift")) {
        const uint64_t s = uintValue(*shift);
        return text("wscale",
                    {{"shift", num(s)}, {"multiplier", num(s < 64 ? uint64_t(1) << s : 0)}});
    }
    const TreeNode* tsval = child(o, "tcp.options.timestamp.tsval");
    const TreeNode* tsecr = child(o, "tcp.options.timestamp.tsecr");
    if (tsval && tsecr)
        return text("timestamps", {{"tsvalHex", "0x" + hexDigits(uintValue(*tsval), 8)},
                                   {"tsval", num(uintValue(*tsval))},
                                   {"tsecr", num(uintValue(*tsecr))}});
    return std::string(o.valueText()); // NOP, SACK permitted: the field says it all
}

ByteTableRow Builder::plainRow(const TreeNode& n) const {
    ByteTableRow row;
    const std::span<const uint8_t> b = bytesOf(n, m_bytes);
    row.offset = n.offset;
    row.length = n.length;
    row.bytes = hexGrouped(b);
    row.field = std::string(shortLabel(n.label()));
    row.abbrev = n.field == kNoField ? std::string() : std::string(defOf(n).abbrev);
    row.value = plainValue(n, b);
    row.meaning = explanationOf(n);
    row.node = static_cast<int32_t>(&n - m_tree.nodes().data());
    return row;
}

std::string Builder::plainValue(const TreeNode& n, std::span<const uint8_t> b) const {
    if (n.field == kNoField) return std::string(n.valueText());
    const FieldDef& def = defOf(n);
    const FieldType t = def.type;
    if (t == FieldType::Protocol || t == FieldType::None || t == FieldType::Bytes ||
        t == FieldType::String) {
        if (t != FieldType::Protocol && t != FieldType::None && !n.valueText().empty())
            return std::string(n.valueText());
        return text("payload.text", {{"text", escapedText(b)}, {"count", num(b.size())}});
    }
    const bool integer = t == FieldType::UInt8 || t == FieldType::UInt16 ||
                         t == FieldType::UInt24 || t == FieldType::UInt32;
    if (!integer || def.base == Base::Hex || def.base == Base::HexDec)
        return std::string(n.valueText().empty() ? n.label() : n.valueText());
    const uint64_t v = uintValue(n);
    if (def.abbrev == "tcp.seq_raw" || def.abbrev == "tcp.ack_raw") {
        const TreeNode* rel = sibling(n, def.abbrev == "tcp.seq_raw" ? "tcp.seq" : "tcp.ack");
        if (rel) return text("relative", {{"raw", num(v)}, {"relative", num(uintValue(*rel))}});
        return num(v);
    }
    std::string s = hexExpansion(v, static_cast<int>(n.length) * 2);
    if (def.abbrev == "tcp.window_size_value") {
        const TreeNode* scaled = sibling(n, "tcp.window_size");
        const TreeNode* factor = sibling(n, "tcp.window_size_scalefactor");
        if (scaled && factor && uintValue(*factor) > 1)
            s += "; " + text("window.scaled", {{"window", num(v)},
                                               {"multiplier", num(uintValue(*factor))},
                                               {"scaled", num(uintValue(*scaled))}});
        return s;
    }
    const std::string_view name = valueName(def.values, v);
    if (!name.empty()) s += " (" + std::string(name) + ")";
    return s;
}

ByteTableRow Builder::bitRow(const TreeNode& n) const {
    ByteTableRow row = plainRow(n);
    const Bits b = bitsOf(bytesOf(n, m_bytes), n.bitmask);
    row.bytes = bitsText(b);
    const std::string_view abbrev = defOf(n).abbrev;
    if (abbrev == "ip.hdr_len")
        row.value = text("words", {{"words", num(b.value)}, {"bytes", num(b.value * 4)}});
    else if (abbrev == "tcp.hdr_len")
        row.value =
            text("tcp.hdr_len", {{"words", num(b.value)},
                                 {"bytes", num(b.value * 4)},
                                 {"options", num(b.value * 4 >= 20 ? b.value * 4 - 20 : 0)}});
    else if (abbrev == "ip.frag_offset")
        row.value = text("frag_offset", {{"units", num(b.value)}, {"bytes", num(b.value * 8)}});
    else
        row.value = std::string(n.valueText());
    return row;
}

// Bit fields that share bytes. Each that fills whole nibbles is a row of its own ("0x4",
// "0x5"); the TCP flags are split as the article splits them; the others of the run are one
// row over their bytes, each field's bits in the value ("0x4000": flags 0b010, offset 0).
size_t Builder::addBitRun(const std::vector<int32_t>& children, size_t first,
                          ByteTableSection& section) {
    size_t end = first + 1;
    uint32_t runEnd = node(children[first]).offset + node(children[first]).length;
    while (end < children.size()) {
        const TreeNode& c = node(children[end]);
        if (c.generated || !c.bitmask || c.offset >= runEnd) break;
        runEnd = std::max(runEnd, c.offset + c.length);
        ++end;
    }
    std::vector<const TreeNode*> merged;
    for (size_t i = first; i < end; ++i) {
        const TreeNode& c = node(children[i]);
        const Bits b = bitsOf(bytesOf(c, m_bytes), c.bitmask);
        if (defOf(c).abbrev == "tcp.flags")
            addTcpFlags(c, section);
        else if (b.shift % 4 == 0 && b.width % 4 == 0)
            section.rows.push_back(bitRow(c));
        else
            merged.push_back(&c);
    }
    if (merged.size() == 1) section.rows.push_back(bitRow(*merged.front()));
    if (merged.size() < 2) return end;
    ByteTableRow row = plainRow(*merged.front());
    const uint32_t from = merged.front()->offset;
    uint32_t to = from;
    for (const TreeNode* c : merged) to = std::max(to, c->offset + c->length);
    row.length = to - from;
    row.bytes = hexGrouped(m_bytes.subspan(from, row.length));
    row.field.clear();
    row.value.clear();
    row.meaning.clear();
    row.abbrev.clear();
    for (const TreeNode* c : merged) {
        const ByteTableRow part = bitRow(*c);
        appendJoined(row.field, " + ", part.field);
        appendJoined(row.value, "; ", part.field + " " + part.bytes + ": " + part.value);
        appendJoined(row.meaning, " ", part.meaning);
    }
    section.rows.push_back(std::move(row));
    return end;
}

// The twelve flag bits as the article teaches them: the reserved bits (with AE), the two ECN
// bits, then the six classic flags written "0b000010".
void Builder::addTcpFlags(const TreeNode& flags, ByteTableSection& section) {
    struct Group {
        uint64_t mask;
        std::string_view key;
        std::array<std::string_view, 6> names; // from the highest bit
    };
    static constexpr std::array kGroups{
        Group{0xf00, "tcp.flags.reserved", {"Reserved", "Reserved", "Reserved", "AE"}},
        Group{0x0c0, "tcp.flags.ecn", {"CWR", "ECE"}},
        Group{0x03f, "tcp.flags.classic", {"URG", "ACK", "PSH", "RST", "SYN", "FIN"}},
    };
    const std::span<const uint8_t> b = bytesOf(flags, m_bytes);
    for (const Group& g : kGroups) {
        const Bits bits = bitsOf(b, g.mask);
        ByteTableRow row = plainRow(flags);
        row.bytes = "0b";
        std::string set;
        for (int i = bits.width - 1; i >= 0; --i) {
            const bool on = (bits.value >> i) & 1;
            row.bytes += on ? '1' : '0';
            const std::string_view name = g.names[static_cast<size_t>(bits.width - 1 - i)];
            if (on && set.find(name) == std::string::npos) appendJoined(set, ", ", name);
        }
        row.field = text(g.key);
        row.value = set.empty() ? text("flags.none") : set;
        if (g.mask == 0xf00)
            row.meaning = meaningOf(flags, "tcp.flags.res", "tcp.flags.ae");
        else if (g.mask == 0x0c0)
            row.meaning = meaningOf(flags, "tcp.flags.cwr", "tcp.flags.ece");
        else
            row.meaning = text("tcp.flags.classic.meaning");
        section.rows.push_back(std::move(row));
    }
}

} // namespace

ByteTable buildByteTable(const ProtoTree& tree, std::span<const uint8_t> bytes) {
    return Builder(tree, bytes).build();
}

std::string detail::tableText(std::string_view key, NoteValues values) {
    return keyedText("table.", kTableTexts, key, values);
}

void detail::appendByteTableTexts(std::vector<CatalogueText>& out) {
    appendKeyedTexts(out, "table.", kTableTexts);
}

} // namespace tcpscope
