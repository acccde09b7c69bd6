// SPDX-License-Identifier: GPL-2.0-or-later
// Pieces shared by the hex-text parser's two halves: hex_text.cpp (format detection, plain hex
// streams, C arrays, link-type guess) and hex_text_offsets.cpp (dumps with an offset column:
// tcpdump, xxd, hexdump -C, od, Wireshark/tshark). Internal to the core library.
#pragma once

#include "bytes/text_scan.h"
#include "tcpscope/hex_text.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tcpscope::hextext {

enum class Format { None, Tcpdump, Xxd, HexdumpC, Od, Wireshark, PlainHex, CArray };

inline constexpr uint32_t kNoLinkHint = 0xffffffffu;

// Collects the bytes of the frame being read and turns them into OwnedFrames. Header lines
// (tcpdump's summary lines) may set the timestamp and number of the frame that follows them.
class FrameSink {
  public:
    explicit FrameSink(HexTextResult& result) : m_result(result) {}

    std::vector<uint8_t>& bytes() { return m_bytes; }
    bool empty() const { return m_bytes.empty(); }

    void setHeader(const textscan::TimestampPrefix& prefix);
    // libpcap's link-type name from tcpdump's "reading from file ..., link-type EN10MB" line.
    void setLinkHint(uint32_t linkType) { m_linkHint = linkType; }

    // Ends the current frame (if it has bytes); the header is used up by that frame only.
    void finish();
    // A frame cut by an error is not kept: its bytes are not what the text meant.
    void discard() { m_bytes.clear(); }

  private:
    HexTextResult& m_result;
    std::vector<uint8_t> m_bytes;
    bool m_hasTs = false;
    Timestamp m_ts;
    bool m_nano = false;
    uint64_t m_number = 0;
    uint32_t m_linkHint = kNoLinkHint;
};

// Dumps with an offset column. Returns the format's display name (tcpdump's depends on what
// was found: -x/-xx/-X/-XX). Errors go to result.error.
std::string parseOffsetDump(std::string_view text, Format format, HexTextResult& result);

// Line recognizers used both by detection and by the offset parser.
bool isTcpdumpHexLine(std::string_view line);
bool isXxdLine(std::string_view line);
bool isHexdumpCLine(std::string_view line);
bool isWiresharkLine(std::string_view line);
bool isOdLine(std::string_view line);

} // namespace tcpscope::hextext
