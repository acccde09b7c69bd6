// SPDX-License-Identifier: GPL-2.0-or-later
// Where the ladder view's arrows go, vertically: the y at which each packet leaves its sender's
// lane, the y at which it reaches the receiver's lane, the idle gaps cut short in true-time
// mode, and the y of every state change of each endpoint. Plain numbers, no painting, so the
// rules can be read (and tested) on their own; LadderView turns them into pixels.
//
// The arrival rule. A packet arrives just before the receiver's next packet when that one
// acknowledges it (data, SYN, FIN) or when nothing can acknowledge it (a pure ACK, which also
// travels one row at most). It was still in flight when the receiver sent, and so crosses the
// receiver's packets, when that is proved: a SYN or FIN (acknowledged at once by every stack)
// that the receiver's next packets do not acknowledge, or any packet answered by a SYN or FIN
// that does not acknowledge it; it then arrives just before the receiver's first packet that
// does (at most three rows down). So a simultaneous close draws as two crossing FINs while a
// request and its answer meet at the lane; data waiting for a delayed ACK arrives within a row.
// Arrows of one direction never overtake each other (a later packet does not arrive first).
#pragma once

#include <tcpscope/connection_tracker.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tcpscope::ui {

struct LadderItem {
    uint64_t frame = 0;
    size_t packet = 0; // index into ConnectionTracker::packets()
    bool fromClient = true;
    bool hasTime = false;
    double seconds = 0;   // since the connection's first packet, never decreasing
    double y = 0;         // leaves the sender's lane
    double end = 0;       // reaches the receiver's lane
    bool crosses = false; // crosses an arrow of the other direction (both were in flight)
};

// An idle gap drawn shorter than its true length (true-time mode).
struct LadderBreak {
    double y0 = 0, y1 = 0;
    double seconds = 0; // the real length of the gap
};

struct LadderStateMark {
    double y = 0;
    TcpState state = TcpState::Unknown;
    size_t item = 0; // the packet whose step made the change
};

class LadderLayout {
  public:
    // The stream's packets in capture order; clears the placement.
    void build(const ConnectionTracker& tracker, uint32_t stream);
    // Places the first packet at `top`, then one packet per `row` (even) or by true time with
    // an average of one packet per `row`, gaps longer than 4 rows cut to a 4-row break and
    // packets less than 0.45 rows apart drawn 0.45 rows apart. `room`, when not empty, adds
    // room[i] pixels between item i-1 and item i (where the view needs it for labels).
    void place(const ConnectionTracker& tracker, double top, double row, bool trueTime,
               const std::vector<double>& room = {});

    const std::vector<LadderItem>& items() const { return m_items; }
    const std::vector<LadderBreak>& breaks() const { return m_breaks; }
    // The state changes of the client (0) or the server (1), in order of y.
    const std::vector<LadderStateMark>& stateMarks(int endpoint) const {
        return m_marks[size_t(endpoint)];
    }
    TcpState initialState(int endpoint) const { return m_initial[size_t(endpoint)]; }
    double maxDrop() const { return m_maxDrop; } // the longest arrow, vertically
    double bottom() const { return m_bottom; }   // below every arrow
    // The first item whose start y is >= y (items().size() if none).
    size_t firstAtOrAfter(double y) const;
    // The item of a frame, or -1.
    long indexOfFrame(uint64_t frame) const;

  private:
    void placeY(double top, double row, bool trueTime);
    void addRoom(const std::vector<double>& room);
    void placeEnds(const ConnectionTracker& tracker, double row);
    void placeStates(const ConnectionTracker& tracker);

    std::vector<LadderItem> m_items;
    std::vector<LadderBreak> m_breaks;
    std::array<std::vector<LadderStateMark>, 2> m_marks;
    std::array<TcpState, 2> m_initial{TcpState::Unknown, TcpState::Unknown};
    double m_maxDrop = 0;
    double m_bottom = 0;
};

} // namespace tcpscope::ui
