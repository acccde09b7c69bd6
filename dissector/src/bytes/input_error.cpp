// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/frame.h"

#include "text/catalogue_parts.h"

#include <cstdio>

namespace tcpscope {

namespace {

// Where reading stopped, and libpcap's commonest reason, in the installed language (message
// id "input." + key).
constexpr detail::KeyedText kTexts[] = {
    {"where.line", "line {line}, column {column}"},
    {"where.byte", "byte {byte}"},
    {"where.byte-record", "byte {byte} (record {record})"},
    {"where.record", "record {record}"},
    {"pcap.record", "the record could not be read: {reason}"},
    {"pcap.record-cut", "the record could not be read: truncated dump file; tried to read {want} "
                        "captured bytes, only got {got}"},
};

std::string text(std::string_view key, detail::NoteValues values) {
    return detail::keyedText("input.", kTexts, key, values);
}

} // namespace

// Text inputs know lines and columns; capture files only byte offsets (and maybe the record).
std::string InputError::where() const {
    if (!positioned) return {};
    if (line > 0)
        return text("where.line",
                    {{"line", std::to_string(line)}, {"column", std::to_string(column)}});
    if (byteOffset == kUnknownByte && frameNumber > 0)
        return text("where.record", {{"record", std::to_string(frameNumber)}});
    if (frameNumber == 0) return text("where.byte", {{"byte", std::to_string(byteOffset)}});
    return text("where.byte-record",
                {{"byte", std::to_string(byteOffset)}, {"record", std::to_string(frameNumber)}});
}

std::string recordReadError(const std::string& libpcapMessage) {
    unsigned want = 0, got = 0;
    char end = 0;
    // libpcap's sf-pcap.c: a record cut by the end of the file (a capture copied mid-write).
    if (std::sscanf(libpcapMessage.c_str(),
                    "truncated dump file; tried to read %u captured bytes, only got %u%c", &want,
                    &got, &end) == 2)
        return text("pcap.record-cut",
                    {{"want", std::to_string(want)}, {"got", std::to_string(got)}});
    return text("pcap.record", {{"reason", libpcapMessage}});
}

namespace detail {
void appendInputTexts(std::vector<CatalogueText>& out) {
    appendKeyedTexts(out, "input.", kTexts);
}
} // namespace detail

} // namespace tcpscope
