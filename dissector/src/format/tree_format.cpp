// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/tree_format.h"

#include "tcpscope/field_format.h"

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

void textNode(const ProtoTree& t, int32_t i, int depth, std::string& out) {
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
    for (int32_t c : n.children) textNode(t, c, depth + 1, out);
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

} // namespace

std::string jsonEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
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

std::string formatTreeText(const ProtoTree& tree) {
    std::string out;
    for (int32_t r : tree.roots()) textNode(tree, r, 0, out);
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
        out += fieldsValue(FieldRegistry::instance().def(n.field), n, frameBytes);
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
            columns[k] += fieldsValue(FieldRegistry::instance().def(n.field), n, frameBytes);
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
