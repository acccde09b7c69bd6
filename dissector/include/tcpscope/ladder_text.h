// SPDX-License-Identifier: GPL-2.0-or-later
// The ladder (sequence) diagram of one TCP connection as plain text (tcpscope-cli ladder), and
// the pieces the Qt ladder view shares with it: tcpdump's flag letters, the arrow label
// ("[P.] seq 1:15 ack 1 len 14 win 64") and the analysis marks ("RETRANSMISSION", "DUP ACK #2").
// Two lanes, one per socket; one arrow per packet; each endpoint's RFC 9293 state written at the
// lane whose state changed, on the arrow that changed it.
#pragma once

#include "tcpscope/packet_summary.h"

#include "tcpscope/connection_tracker.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tcpscope {

struct LadderTextOptions {
    bool relative = true;   // relative sequence numbers (as Wireshark); false: raw (as tcpdump -S)
    bool showStates = true; // the state columns beside the lanes
    size_t maxArrows = 0;   // draw only the first n packets (0: all)
    bool captions = false;  // each packet's classroom caption (step_caption.h) under its arrow
    // The packets (by frame number) a display filter shows; empty: all. Each run of hidden
    // packets is one line saying how many; maxArrows then counts shown arrows.
    std::function<bool(uint64_t frame)> show;
};

// Which parts of an arrow label to show, and in which numbers.
struct LadderLabelOptions {
    bool raw = false; // raw sequence numbers (relative + ISN) where the ISN was captured
    bool flags = true;
    bool seq = true;
    bool ack = true;
    bool len = true;
    bool win = true;
};

// tcpdump's letters for the flags, in tcpdump's order: "S", "S.", "P.", "F.", "R.", "none".
std::string tcpFlagLetters(uint16_t flags);

// The label of one packet's arrow: "[S] seq 0:1 win 65495", "[.] seq 1 ack 1 win 64",
// "[P.] seq 1:15 ack 1 len 14 win 64". seq is "seq:nxtseq" when the segment uses sequence space,
// the bare seq otherwise; ack only when the ACK flag is set; len only when there is payload;
// win is the scaled window (tcp.window_size). Raw numbers add the sender's (seq) and the
// receiver's (ack) ISN, and fall back to relative ones when that ISN was not captured.
std::string ladderLabel(const TcpPacketAnalysis& packet, const TcpConnection& connection,
                        const LadderLabelOptions& options = {});

// The analysis marks of one packet, upper case, in flag-bit order: "RETRANSMISSION",
// "DUP ACK #2", "OUT-OF-ORDER", "PREVIOUS SEGMENT NOT CAPTURED", "ZERO WINDOW", "WINDOW UPDATE",
// "KEEP-ALIVE", ... (one per tcp.analysis.* flag set).
std::vector<std::string> ladderMarks(const TcpPacketAnalysis& packet);
// The mark for one flag bit without a duplicate-ACK number ("DUP ACK"); empty for unknown bits.
std::string ladderMarkName(uint32_t analysisFlagBit);

// Empty when `stream` is a connection of the tracker, else the message for the user:
// "no TCP stream 7 (this capture has streams 0 to 2)".
std::string ladderStreamError(const ConnectionTracker& tracker, uint32_t stream);

// Why frames held no TCP, when a layer carried something TcpScope does not decode: "3 frames
// stop at IP protocol 50 (ESP: encrypted, the packet inside cannot be read without the keys)".
// Empty for Undecoded::None.
std::string undecodedReason(Undecoded kind, uint32_t type, uint64_t frames);

// The ladder of one connection as text, at most 90 columns wide (labels wrap inside the gap
// between the lanes; only the title line naming two long IPv6 sockets can be longer): a title,
// both sockets and roles over their lanes, the initial states; per packet a label line with
// frame number and seconds since the connection's first packet, an arrow line "|----->|" or
// "|<-----|" with the new state of each endpoint whose state changed beside its lane, and a
// "!! mark" line for analysis flags; then both endpoints' final states. Returns "" for a stream
// the tracker does not have (see ladderStreamError).
std::string formatLadderText(const ConnectionTracker& tracker, uint32_t stream,
                             const LadderTextOptions& options = {});

// A ladder printed as it grows (tcpscope-cli ladder -i): update() gives the title once the
// stream has its first packet, then the rows of each packet not yet drawn; end() the final
// states. An arrow drawn stays as it was drawn, even where a later packet amends its analysis.
class LadderTextStream {
  public:
    LadderTextStream(uint32_t stream, LadderTextOptions options)
        : m_stream(stream), m_options(std::move(options)) {}
    std::string update(const ConnectionTracker& tracker);
    std::string end() const;

  private:
    uint32_t m_stream;
    LadderTextOptions m_options;
    bool m_titled = false;
    size_t m_drawn = 0;
    std::pair<TcpState, TcpState> m_last{};
};

} // namespace tcpscope
