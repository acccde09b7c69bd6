// SPDX-License-Identifier: GPL-2.0-or-later
// The state walker's shortcut for data and ACKs between two ESTABLISHED endpoints gives what
// its full checks give: two walkers fed the same random segments, one through step(), the other
// through stepChecked(), agree on every packet's steps and notes, on the earlier results they
// amend, and on every state they keep.
#include "tcp_state_walker.h"

#include "tcpscope/packet_summary.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

using namespace tcpscope;
using detail::TcpStateWalker;
using detail::WalkInput;

namespace {

// One side of the differential run: a walker and the results it may amend.
struct Side {
    TcpStateWalker walker;
    std::vector<TcpPacketAnalysis> results;
    TcpPacketAnalysis* kept(size_t index) {
        return index == TcpStateWalker::kNone ? nullptr : &results[index];
    }
    void step(bool checked, EndpointRole sender, const WalkInput& in) {
        const EndpointRole receiver =
            sender == EndpointRole::Client ? EndpointRole::Server : EndpointRole::Client;
        const size_t index = results.size();
        results.emplace_back();
        TcpPacketAnalysis* sp = kept(walker.pendingIndex(sender));
        TcpPacketAnalysis* rp = kept(walker.pendingIndex(receiver));
        if (checked)
            walker.stepChecked(sender, in, results[index], index, sp, rp);
        else
            walker.step(sender, in, results[index], index, sp, rp);
    }
};

// Segments that mostly follow the conversation (data and ACKs near each side's next sequence
// number), with handshakes, FINs, RSTs, repeats, gaps and ACKs of unsent data mixed in.
struct SegmentSource {
    std::mt19937 rng;
    std::array<uint32_t, 2> next{};
    bool quiet = false;
    explicit SegmentSource(uint32_t seed) : rng(seed), quiet(seed % 2 == 0) {
        next = {uint32_t(rng()), uint32_t(rng())};
    }
    uint32_t pick(std::initializer_list<uint32_t> from) {
        return *(from.begin() + rng() % from.size());
    }
    WalkInput segment(int side) {
        WalkInput in;
        // Half the runs are long quiet stretches: a control segment in a few hundred.
        const uint32_t kind = quiet && rng() % 32 ? 0 : rng() % 100;
        using namespace TcpFlag;
        in.flags = kind < 88   ? uint16_t(Ack | (rng() % 2 ? Psh : 0))
                   : kind < 92 ? Syn
                   : kind < 95 ? uint16_t(Syn | Ack)
                   : kind < 98 ? uint16_t(Fin | Ack)
                   : kind < 99 ? uint16_t(Rst | Ack)
                               : Rst;
        in.len = (in.flags & (Syn | Rst)) ? 0 : pick({0, 0, 1, 100, 1448});
        in.seq = next[side] + pick({0, 0, 0, 0, uint32_t(-1), uint32_t(-100), 50});
        in.ack = next[1 - side] + pick({0, 0, 0, 1, uint32_t(-10), 1000});
        in.ackPresent = rng() % 16 != 0;
        if (rng() % 3) // most segments are new: the sender's next number moves past them
            next[side] = in.seq + in.len + ((in.flags & (Syn | Fin)) ? 1 : 0);
        return in;
    }
};

void requireSame(const Side& a, const Side& b) {
    REQUIRE(a.results == b.results); // this packet's steps and notes, and every amended one
    for (EndpointRole r : {EndpointRole::Client, EndpointRole::Server}) {
        REQUIRE(a.walker.state(r) == b.walker.state(r));
        REQUIRE(a.walker.initialState(r) == b.walker.initialState(r));
        REQUIRE(a.walker.pendingIndex(r) == b.walker.pendingIndex(r));
        REQUIRE(a.walker.sawSyn(r) == b.walker.sawSyn(r));
    }
    REQUIRE(a.walker.simultaneousOpen() == b.walker.simultaneousOpen());
    REQUIRE(a.walker.refused() == b.walker.refused());
    REQUIRE(a.walker.halfOpen() == b.walker.halfOpen());
    REQUIRE(a.walker.finAckLost() == b.walker.finAckLost());
}

} // namespace

TEST_CASE("state walker: the ESTABLISHED shortcut agrees with every check made", "[walker]") {
    const std::array<std::array<TcpState, 2>, 3> starts = {{
        {TcpState::Closed, TcpState::Listen},
        {TcpState::Unknown, TcpState::Unknown},
        {TcpState::Established, TcpState::Established},
    }};
    size_t shortcut = 0, other = 0;
    for (uint32_t seed = 1; seed <= 600; ++seed) {
        SegmentSource source(seed);
        Side quick, checked;
        const auto& start = starts[seed % starts.size()];
        quick.walker.start(start[0], start[1]);
        checked.walker.start(start[0], start[1]);
        for (int i = 0; i < 300; ++i) {
            const int side = source.rng() % 3 ? i % 2 : int(source.rng() % 2);
            const EndpointRole sender = side == 0 ? EndpointRole::Client : EndpointRole::Server;
            const WalkInput in = source.segment(side);
            const bool bothEstablished =
                quick.walker.state(EndpointRole::Client) == TcpState::Established &&
                quick.walker.state(EndpointRole::Server) == TcpState::Established;
            const bool control = in.flags & (TcpFlag::Syn | TcpFlag::Fin | TcpFlag::Rst);
            ++(bothEstablished && !control ? shortcut : other);
            INFO("seed " << seed << ", segment " << i << ", flags " << in.flags);
            quick.step(false, sender, in);
            checked.step(true, sender, in);
            requireSame(quick, checked);
        }
        for (EndpointRole r : {EndpointRole::Client, EndpointRole::Server}) {
            quick.walker.endOfCapture(r, quick.kept(quick.walker.pendingIndex(r)));
            checked.walker.endOfCapture(r, checked.kept(checked.walker.pendingIndex(r)));
        }
        requireSame(quick, checked);
    }
    // Both kinds of segment came often (those the shortcut may take: no control flag, both ends
    // ESTABLISHED): the comparison is not of the general path with itself.
    CHECK(shortcut > 20000);
    CHECK(other > 20000);
}
