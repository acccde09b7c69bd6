// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/tree_format.h"

#include "tcpscope/field_format.h"
#include "tcpscope/text_catalogue.h"

#include <cstdio>

namespace tcpscope {

namespace {

const char* severityName(Severity s) {
    switch (s) {
    case Severity::Comment:
        return "comment";
    case Severity::Chat:
        return "chat";
    case Severity::Note:
        return "note";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "note";
}

void textNode(const ProtoTree& t, int32_t i, int depth, bool explain, std::string& out) {
    const TreeNode& n = t.node(i);
    out.append(size_t(depth) * 2, ' ');
    out += n.generated ? "[" + n.display + "]" : n.display;
    char buf[48];
    if (n.generated)
        std::snprintf(buf, sizeof buf, "  (generated)");
    else if (n.fromText)
        std::snprintf(buf, sizeof buf, "  (from the text line)");
    else
        std::snprintf(buf, sizeof buf, "  [%u+%u]", n.offset, n.length);
    out += buf;
    out += '\n';
    for (const ExpertNote& e : n.notes) {
        out.append(size_t(depth) * 2 + 2, ' ');
        out += "! ";
        out += severityName(e.severity);
        out += " (" + e.id + "): " + e.message + "\n";
    }
    if (explain) {
        if (const std::string_view text = fieldExplanation(FieldRegistry::instance().def(n.field));
            !text.empty()) {
            out.append(size_t(depth) * 2 + 2, ' ');
            out += "# ";
            out += text;
            out += '\n';
        }
    }
    for (int32_t c : n.children) textNode(t, c, depth + 1, explain, out);
}

std::string jsonValue(const FieldDef& def, const TreeNode& n) {
    if (std::holds_alternative<std::monostate>(n.value)) return "null";
    if (auto* u = std::get_if<uint64_t>(&n.value)) {
        if (def.type == FieldType::Bool) return *u ? "true" : "false";
        if (def.type == FieldType::IPv4) return "\"" + fieldsValue(def, n, {}) + "\"";
        return std::to_string(*u);
    }
    if (auto* i = std::get_if<int64_t>(&n.value)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&n.value)) return std::to_string(*d);
    return "\"" + jsonEscape(fieldsValue(def, n, {})) + "\"";
}

void jsonNode(const ProtoTree& t, int32_t i, std::string& out) {
    const TreeNode& n = t.node(i);
    const FieldDef& def = FieldRegistry::instance().def(n.field);
    out += "{\"field\":\"" + jsonEscape(def.abbrev) + "\",\"name\":\"" + jsonEscape(def.name) +
           "\",\"offset\":" + std::to_string(n.offset) + ",\"length\":" + std::to_string(n.length);
    if (n.bitmask) out += ",\"bitmask\":" + std::to_string(n.bitmask);
    out += ",\"value\":" + jsonValue(def, n);
    out += ",\"display\":\"" + jsonEscape(n.display) + "\"";
    if (n.generated) out += ",\"generated\":true";
    if (n.fromText) out += ",\"source\":\"tcpdump text\"";
    if (!n.notes.empty()) {
        out += ",\"notes\":[";
        for (size_t k = 0; k < n.notes.size(); ++k) {
            if (k) out += ',';
            out += "{\"severity\":\"" + std::string(severityName(n.notes[k].severity)) +
                   "\",\"id\":\"" + jsonEscape(n.notes[k].id) + "\",\"message\":\"" +
                   jsonEscape(n.notes[k].message) + "\"}";
        }
        out += ']';
    }
    if (!n.children.empty()) {
        out += ",\"children\":[";
        for (size_t k = 0; k < n.children.size(); ++k) {
            if (k) out += ',';
            jsonNode(t, n.children[k], out);
        }
        out += ']';
    }
    out += '}';
}

// The length of the well-formed UTF-8 sequence that starts at s[i] (RFC 3629 section 4: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0 when none starts there.
size_t utf8SequenceLength(std::string_view s, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    unsigned char lo = 0x80, hi = 0xbf; // the allowed range of the second byte
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        lo = c == 0xe0 ? 0xa0 : 0x80;
        hi = c == 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 0;
    }
    if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (size_t k = 2; k < n; ++k)
        if ((byte(i + k) & 0xc0) != 0x80) return 0;
    return n;
}

} // namespace

// Strings built from packet bytes (an HTTP request line, a header value) may hold any byte, but
// JSON text must be UTF-8 (RFC 8259 section 8.1). Well-formed UTF-8 is kept; every byte that
// starts no well-formed sequence becomes U+FFFD, one per byte, as tshark 4.0 prints such bytes
// in its -T json output.
std::string jsonEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const size_t n = utf8SequenceLength(s, i);
            if (n == 0) {
                out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            } else {
                out.append(s.substr(i, n));
                i += n - 1;
            }
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out;
}

std::string formatTreeText(const ProtoTree& tree, bool explain) {
    std::string out;
    for (int32_t r : tree.roots()) textNode(tree, r, 0, explain, out);
    return out;
}

std::string formatTreeJson(const ProtoTree& tree, const Frame& frame) {
    std::string out = "{\"frame\":" + std::to_string(frame.number) + ",\"layers\":[";
    bool first = true;
    for (int32_t r : tree.roots()) {
        if (!first) out += ',';
        first = false;
        jsonNode(tree, r, out);
    }
    out += "]}";
    return out;
}

void appendFieldValues(std::string& out, bool& seen, const ProtoTree& tree,
                       std::span<const uint8_t> frameBytes, FieldId field) {
    for (const TreeNode& n : tree.nodes()) {
        if (n.field != field) continue;
        if (seen) out += ',';
        seen = true;
        appendFieldsValue(out, FieldRegistry::instance().def(n.field), n, frameBytes);
    }
}

std::string formatFieldsLine(const ProtoTree& tree, std::span<const uint8_t> frameBytes,
                             const std::vector<FieldId>& fields) {
    // One pass over the nodes in creation order, which for any one field is its order in the
    // tree (what tshark's occurrence order follows): cheaper than a tree walk per column.
    std::vector<std::string> columns(fields.size());
    std::vector<bool> seen(fields.size());
    for (const TreeNode& n : tree.nodes()) {
        for (size_t k = 0; k < fields.size(); ++k) {
            if (fields[k] != n.field) continue;
            if (seen[k]) columns[k] += ',';
            seen[k] = true;
            appendFieldsValue(columns[k], FieldRegistry::instance().def(n.field), n, frameBytes);
        }
    }
    std::string out;
    for (size_t k = 0; k < columns.size(); ++k) {
        if (k) out += '\t';
        out += columns[k];
    }
    return out;
}

} // namespace tcpscope
