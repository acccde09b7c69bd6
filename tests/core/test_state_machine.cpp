// SPDX-License-Identifier: GPL-2.0-or-later
// The RFC 9293 transition table (tcp_state_machine.h): names, completeness of Figure 5, and
// that every row is unique and explained.
#include "tcpscope/tcp_state_machine.h"

#include <catch2/catch.hpp>

#include <set>
#include <utility>

using namespace tcpscope;

TEST_CASE("state names follow RFC 9293 spelling", "[tracker][state_machine]") {
    CHECK(stateName(TcpState::Closed) == "CLOSED");
    CHECK(stateName(TcpState::Listen) == "LISTEN");
    CHECK(stateName(TcpState::SynSent) == "SYN-SENT");
    CHECK(stateName(TcpState::SynReceived) == "SYN-RECEIVED");
    CHECK(stateName(TcpState::Established) == "ESTABLISHED");
    CHECK(stateName(TcpState::FinWait1) == "FIN-WAIT-1");
    CHECK(stateName(TcpState::FinWait2) == "FIN-WAIT-2");
    CHECK(stateName(TcpState::CloseWait) == "CLOSE-WAIT");
    CHECK(stateName(TcpState::Closing) == "CLOSING");
    CHECK(stateName(TcpState::LastAck) == "LAST-ACK");
    CHECK(stateName(TcpState::TimeWait) == "TIME-WAIT");
    CHECK(stateName(TcpState::Unknown) == "UNKNOWN");
}

TEST_CASE("transition table holds RFC 9293 Figure 5", "[tracker][state_machine]") {
    using S = TcpState;
    using E = TcpEvent;
    // Every arrow of Figure 5 (plus FIN-WAIT-1 -> TIME-WAIT on a FIN,ACK of our FIN).
    const std::pair<std::pair<S, E>, S> figure5[] = {
        {{S::Closed, E::PassiveOpen}, S::Listen},
        {{S::Closed, E::ActiveOpen}, S::SynSent},
        {{S::Listen, E::RcvSyn}, S::SynReceived},
        {{S::Listen, E::ActiveOpen}, S::SynSent},
        {{S::SynSent, E::RcvSynSimultaneous}, S::SynReceived},
        {{S::SynSent, E::RcvSynAck}, S::Established},
        {{S::SynReceived, E::RcvAckOfSyn}, S::Established},
        {{S::SynReceived, E::SndFin}, S::FinWait1},
        {{S::SynReceived, E::RcvRstPassive}, S::Listen},
        {{S::Established, E::SndFin}, S::FinWait1},
        {{S::Established, E::RcvFin}, S::CloseWait},
        {{S::FinWait1, E::RcvAckOfFin}, S::FinWait2},
        {{S::FinWait1, E::RcvFin}, S::Closing},
        {{S::FinWait1, E::RcvFinAckOfFin}, S::TimeWait},
        {{S::FinWait2, E::RcvFin}, S::TimeWait},
        {{S::CloseWait, E::SndFin}, S::LastAck},
        {{S::Closing, E::RcvAckOfFin}, S::TimeWait},
        {{S::LastAck, E::RcvAckOfFin}, S::Closed},
        {{S::TimeWait, E::Timeout2Msl}, S::Closed},
        {{S::SynSent, E::Close}, S::Closed},
        {{S::Listen, E::Close}, S::Closed},
        {{S::Established, E::RcvRst}, S::Closed},
        {{S::Established, E::SndRst}, S::Closed},
    };
    for (const auto& [key, to] : figure5) {
        const TcpTransition* t = findTransition(key.first, key.second);
        INFO(stateName(key.first) << " on " << eventName(key.second));
        REQUIRE(t != nullptr);
        CHECK(t->to == to);
    }
    // Nothing leaves CLOSED on a FIN, and LISTEN ignores RSTs.
    CHECK(findTransition(S::Closed, E::RcvFin) == nullptr);
    CHECK(findTransition(S::Listen, E::RcvRst) == nullptr);
}

TEST_CASE("transition rows are unique, labelled and explained", "[tracker][state_machine]") {
    std::set<std::pair<int, int>> seen;
    for (const TcpTransition& t : tcpTransitions()) {
        INFO(stateName(t.from) << " on " << t.label());
        CHECK(seen.insert({int(t.from), int(t.event)}).second);
        CHECK(t.label() == eventName(t.event));
        CHECK(t.explanation.size() > 40);
        CHECK(t.explanation.back() == '.');
    }
    // Every state except the pseudo-state UNKNOWN can be reached from somewhere.
    std::set<int> reached;
    for (const TcpTransition& t : tcpTransitions()) reached.insert(int(t.to));
    for (size_t s = 1; s < kTcpStateCount; ++s) CHECK(reached.count(int(s)) == 1);
}
