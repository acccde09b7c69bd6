// SPDX-License-Identifier: GPL-2.0-or-later
// TCP stream graphs: what one direction of a connection sent, and what the other side said
// back, as series over time (Wireshark's Statistics > TCP Stream Graphs: Stevens, tcptrace,
// throughput, round-trip time, window scaling). Built on demand from an opened capture for one
// connection and direction; the viewer only draws it.
//
// Times are seconds since the connection's first packet (tcp.time_relative); sequence and
// acknowledgement numbers are relative to the graphed direction's first sequence number (as
// tcp.seq), SACK blocks too. Every value comes from the tracker's per-packet results, which
// equal tshark's (tests/core/test_stream_values_vs_tshark.cpp).
#pragma once

#include "tcpscope/address.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tcpscope {

class CaptureSession;

enum class GraphKind : uint8_t { Stevens, Tcptrace, Throughput, RttTime, RttSequence, Window };
// "stevens", "tcptrace", "throughput", "rtt", "rtt-seq", "window".
std::string_view graphKindName(GraphKind k);
bool parseGraphKind(std::string_view name, GraphKind& out);

// One segment of the graphed direction (with data, or SYN/FIN/RST).
struct GraphSegment {
    size_t packet = 0; // index into the session
    uint64_t frame = 0;
    double t = 0;
    uint32_t seq = 0; // first byte (relative)
    uint32_t len = 0; // payload bytes (SYN and FIN count none here)
    uint16_t flags = 0;
    uint32_t analysisFlags = 0; // TcpAnalysisFlag bits
    int64_t bytesInFlight = -1; // tcp.analysis.bytes_in_flight after it (-1: none)
};

// One packet of the other direction: the receiver's acknowledgement, window and SACK blocks.
struct GraphAck {
    size_t packet = 0;
    uint64_t frame = 0;
    double t = 0;
    bool hasAck = false; // ACK flag set: `ack` is meaningful
    uint32_t ack = 0;    // relative to the graphed direction
    uint32_t window = 0; // scaled receive window (tcp.window_size)
    uint16_t flags = 0;
    uint32_t analysisFlags = 0;
    uint8_t sackCount = 0;
    std::array<std::array<uint32_t, 2>, 4> sack{}; // relative [left, right)
};

// A round-trip time: an ACK of the other side that acknowledged a segment of this direction
// exactly (tcp.analysis.ack_rtt).
struct GraphRtt {
    size_t packet = 0; // the ACK
    uint64_t frame = 0;
    double t = 0;       // the ACK's time
    double rtt = 0;     // seconds
    uint32_t seq = 0;   // the acknowledged segment's first byte
    uint64_t acked = 0; // the acknowledged segment's frame
};

struct StreamGraph {
    uint32_t stream = 0;
    bool found = false;      // the capture has this stream
    bool fromServer = false; // the graphed direction: data sent by the server
    Address src, dst;        // the graphed direction's sender and receiver
    uint16_t srcPort = 0, dstPort = 0;
    double duration = 0; // seconds from the first to the last packet of the connection
    std::vector<GraphSegment> segments;
    std::vector<GraphAck> acks;
    std::vector<GraphRtt> rtts;
    uint64_t bytes = 0; // payload bytes of the segments (retransmissions counted again)
};

// The graph of one direction of a connection: fromServer false graphs what the client sent.
StreamGraph buildStreamGraph(const CaptureSession& session, uint32_t stream, bool fromServer);
// The direction Wireshark would graph for a selected packet: the one that carries data. A
// packet with payload graphs its own direction; a pure ACK graphs the other one.
bool graphDirectionFor(const CaptureSession& session, size_t packet);

// Throughput and goodput (bits per second) at each segment, averaged over the segments of the
// `window` seconds up to it (Wireshark's moving average). Goodput leaves retransmitted bytes
// out.
struct RatePoint {
    size_t segment = 0; // index into StreamGraph::segments
    double t = 0;
    double throughput = 0;
    double goodput = 0;
};
std::vector<RatePoint> throughputSeries(const StreamGraph& g, double window);

// Marks the tcptrace graph explains with a legend.
enum class GraphMark : uint8_t {
    Retransmission, // a segment sent again (also fast and spurious retransmissions)
    DuplicateAck,   // the receiver repeated its ACK
    ZeroWindow,     // the receiver's window is zero
    WindowFull,     // the sender filled the receiver's window
    Syn,
    Fin,
    Rst,
};
inline constexpr int kGraphMarkCount = 7;
struct GraphMarkPoint {
    GraphMark mark;
    size_t packet = 0;
    uint64_t frame = 0;
    double t = 0;
    uint32_t seq = 0; // where it sits on the sequence axis
};
std::vector<GraphMarkPoint> graphMarks(const StreamGraph& g);

// Level of detail: of the points x[i] (sorted) between x0 and x1, the indices worth drawing on
// `columns` pixel columns: in each column the first, the last, the lowest and the highest y.
// A connection of a million segments draws a few thousand points at any zoom.
std::vector<size_t> decimate(const std::vector<double>& x, const std::vector<double>& y, double x0,
                             double x1, int columns);

} // namespace tcpscope
