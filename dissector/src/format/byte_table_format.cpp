// SPDX-License-Identifier: GPL-2.0-or-later
// The byte table as Markdown (the article's form), HTML and CSV.
#include "tcpscope/byte_table.h"

#include "../text/catalogue_parts.h"
#include "tcpscope/text_catalogue.h"

namespace tcpscope {

namespace {

std::string word(std::string_view key) {
    return detail::tableText(key);
}

std::string frameHeading(const ByteTable& t) {
    return detail::tableText("frame", {{"number", std::to_string(t.frameNumber)}});
}

// A Markdown cell: pipes escaped, line breaks as spaces.
std::string markdownCell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string htmlEscaped(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string csvCell(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

} // namespace

std::vector<std::string> byteTableColumns() {
    return {word("column.bytes"), word("column.field"), word("column.value"),
            word("column.meaning")};
}

std::string byteTableHeading(const ByteTable& t, const ByteTableSection& s) {
    return frameHeading(t) + ": " + s.title;
}

std::string formatByteTableMarkdown(const ByteTable& t) {
    std::string out;
    const std::vector<std::string> columns = byteTableColumns();
    for (const ByteTableSection& s : t.sections) {
        out += "### " + markdownCell(byteTableHeading(t, s)) + "\n\n";
        out += "| " + columns[0] + " | " + columns[1] + " | " + columns[2] + " | " + columns[3] +
               " |\n";
        out += "| :-- | :-- | :-- | :-- |\n";
        for (const ByteTableRow& r : s.rows)
            out += "| " + markdownCell(r.bytes) + " | " + markdownCell(r.field) + " | " +
                   markdownCell(r.value) + " | " + markdownCell(r.meaning) + " |\n";
        out += "\n";
    }
    return out;
}

std::string formatByteTableHtml(const ByteTable& t) {
    std::string out;
    const std::vector<std::string> columns = byteTableColumns();
    for (const ByteTableSection& s : t.sections) {
        out += "<h3>" + htmlEscaped(byteTableHeading(t, s)) + "</h3>\n<table>\n<tr>";
        for (const std::string& c : columns) out += "<th>" + htmlEscaped(c) + "</th>";
        out += "</tr>\n";
        for (const ByteTableRow& r : s.rows)
            out += "<tr><td><code>" + htmlEscaped(r.bytes) + "</code></td><td>" +
                   htmlEscaped(r.field) + "</td><td>" + htmlEscaped(r.value) + "</td><td>" +
                   htmlEscaped(r.meaning) + "</td></tr>\n";
        out += "</table>\n";
    }
    return out;
}

std::string formatByteTableCsv(const ByteTable& t, bool header) {
    std::string out;
    if (header) out += "frame,section,offset,length,bytes,field,abbrev,value,meaning\n";
    for (const ByteTableSection& s : t.sections)
        for (const ByteTableRow& r : s.rows)
            out += std::to_string(t.frameNumber) + "," + csvCell(s.title) + "," +
                   std::to_string(r.offset) + "," + std::to_string(r.length) + "," +
                   csvCell(r.bytes) + "," + csvCell(r.field) + "," + csvCell(r.abbrev) + "," +
                   csvCell(r.value) + "," + csvCell(r.meaning) + "\n";
    return out;
}

} // namespace tcpscope
