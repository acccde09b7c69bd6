// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump-style output: one summary line per packet (plus -v second lines and -x/-X hex), equal
// to `tcpdump -n -r FILE` with the same options for IPv4/IPv6 TCP packets up to `length N`.
#pragma once

#include "tcpscope/frame.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace tcpscope {

struct TcpdumpOptions {
    bool absoluteSeq = false; // -S
    int verbose = 0;          // -v, -vv, -vvv
    bool quick = false;       // -q
    int hex = 0;              // 0 none, 1 -x, 2 -xx, 3 -X, 4 -XX
    bool number = false;      // -#
    int timeFormat = 0;       // 0 default, 1 -t, 2 -tt, 3 -ttt, 4 -tttt, 5 -ttttt
    bool nano = false;        // --nano
};

// Keeps what tcpdump keeps between packets: the per-connection sequence bases for relative
// numbers, the first and previous timestamps for -ttt/-ttttt.
class TcpdumpPrinter {
  public:
    explicit TcpdumpPrinter(TcpdumpOptions options);
    // The full output for one packet, newline-terminated (several lines with -v or hex). It
    // reads the frame's bytes itself, not the dissector's PacketSummary: tcpdump's wording
    // depends on what the summary does not keep (wire vs IP length, the snap end, IP options,
    // protocols other than TCP, the byte where a capture was cut).
    std::string format(const Frame& frame);
    // The same appended to `out` (a buffer of many lines: no string a line).
    void formatTo(const Frame& frame, std::string& out);

  private:
    struct Impl;
    TcpdumpOptions m_options;
    std::shared_ptr<Impl> m_impl;
};

// Bytes as tcpdump -X dumps them ("\t0x0000:  4500 003c ...  E..<"), one line per 16 bytes,
// newline-terminated: the layout the hex-text reader (parseHexText) takes back.
std::string formatHexDump(std::span<const uint8_t> bytes);

} // namespace tcpscope
