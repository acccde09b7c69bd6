// SPDX-License-Identifier: GPL-2.0-or-later
// One tcpdump TCP summary line, field by field, exactly as printed (numbers may be relative).
// tcpdump_text.cpp turns a series of these into TcpSegments. Internal to the core library.
#pragma once

#include "bytes/text_scan.h"
#include "tcpscope/address.h"
#include "tcpscope/packet_summary.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpscope::tcpdumptext {

// Where the "src > dst: Flags [" part of a line is.
struct TcpLineShape {
    size_t src = 0, srcEnd = 0; // "10.0.0.1.39070"
    size_t dst = 0, dstEnd = 0; // "10.0.0.2.6379" (without the ':')
    size_t flags = 0;           // the 'F' of "Flags ["
};

// The shape of a TCP line, or nothing: "Flags []" in a comment is not "a > b: Flags [".
std::optional<TcpLineShape> findTcpLine(std::string_view line);

struct PrintedLine {
    Address src, dst;
    uint16_t srcPort = 0, dstPort = 0;
    uint16_t flags = 0;
    bool hasSeq = false;
    uint32_t seq = 0;
    bool hasSeqEnd = false; // "seq A:B"
    uint32_t seqEnd = 0;
    bool hasAck = false;
    uint32_t ack = 0;
    uint16_t window = 0;
    bool hasLength = false;
    uint32_t length = 0;
    TcpOptionSummary options;
    ChecksumStatus checksum = ChecksumStatus::NotChecked; // -v: "cksum 0x872f (correct)"
};

// Host names (tcpdump without -n) get stand-in addresses from 198.18.0.0/15, one per name.
class HostNames {
  public:
    explicit HostNames(std::vector<std::pair<Address, std::string>>& list) : m_list(list) {}
    Address addressFor(std::string_view name);

  private:
    std::vector<std::pair<Address, std::string>>& m_list;
    std::map<std::string, Address, std::less<>> m_byName;
};

// Reads the fields of a TCP line; the first malformed field gives an error with its column.
std::optional<InputError> parseTcpLine(const textscan::Line& line, const TcpLineShape& shape,
                                       HostNames& names, PrintedLine& out);

} // namespace tcpscope::tcpdumptext
