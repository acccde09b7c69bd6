// SPDX-License-Identifier: GPL-2.0-or-later
// The byte table of one packet, laid out like the seed article's tables: one row per field in
// byte order, the bytes as written in a hex dump (nibbles and bit groups apart where a field
// does not fill a byte: "0x4", "0b000010"), the field, its value with the conversion written
// out ("0x003c = 3×16 + 12 = 60", "10 × 4 = 40 bytes", relative seq/ack, the window scale) and
// its meaning. A section per header (IP header, TCP header, TCP options, ...), then the
// payload. Built from the packet's tree, so any packet the dissectors decode has one.
#pragma once

#include "tcpscope/proto_tree.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tcpscope {

struct ByteTableRow {
    uint32_t offset = 0; // the row's bytes in the frame: [offset, offset + length)
    uint32_t length = 0;
    std::string bytes;   // as written in the dump: "0x4", "0x003c", "0x0ab3 b561", "0b000010"
    std::string field;   // "Total Length", "Flags + Fragment Offset", "URG ACK PSH RST SYN FIN"
    std::string abbrev;  // the field's abbreviation, empty for a row made of several
    std::string value;   // "3×16 + 12 = 60", "5 × 4 = 20 bytes", "SYN"
    std::string meaning; // the field's explanation, in the installed language
    int32_t node = -1;   // the tree node the row stands for (the first one of a merged row)
};

struct ByteTableSection {
    enum class Kind : uint8_t { Header, Options, Payload };
    Kind kind = Kind::Header;
    std::string protocol; // the layer's short name: "IPv4", "TCP", "RESP"
    std::string title;    // "IPv4 header", "TCP options", "Payload (RESP)"
    std::vector<ByteTableRow> rows;
};

struct ByteTable {
    uint64_t frameNumber = 0;
    uint32_t frameLength = 0;
    std::vector<ByteTableSection> sections;
};

// The table of one dissected packet; `bytes` are the frame's bytes the tree's offsets refer to.
// Rows never read outside `bytes` (a truncated packet's missing fields have no row).
ByteTable buildByteTable(const ProtoTree& tree, std::span<const uint8_t> bytes);

// The column names (Bytes, Field, Value, Meaning) and a section's heading ("Frame 1: TCP
// header"), in the installed language.
std::vector<std::string> byteTableColumns();
std::string byteTableHeading(const ByteTable& table, const ByteTableSection& section);

// The article's form: a heading per section and a Markdown table under it.
std::string formatByteTableMarkdown(const ByteTable& table);
// A standalone HTML fragment: a <table> per section, texts escaped.
std::string formatByteTableHtml(const ByteTable& table);
// One row per line: frame, section, offset, length, bytes, field, abbrev, value, meaning
// (RFC 4180 quoting). `header` adds the column names as the first line.
std::string formatByteTableCsv(const ByteTable& table, bool header = true);

} // namespace tcpscope
