// SPDX-License-Identifier: GPL-2.0-or-later
// The SYN (half-open) queue of a listening socket as the capture shows it: for a server address
// and port, every connection a client opened to it, when its SYN came, each SYN,ACK the server
// sent (retries and their back-off intervals), and how the connection left SYN-RECEIVED
// (established by the client's ACK, reset, or still waiting when the capture ended after the
// last retry seen); the counts of half-open and established connections over time as steps;
// and whether the server's SYN,ACK looks like a SYN cookie (RFC 4987). Built on demand from an
// opened capture; the viewer only draws it.
//
// "Half-open" and "established" are the tracker's RFC 9293 states of the server endpoint
// (SYN-RECEIVED and ESTABLISHED after each packet), not a second reading of the flags. A
// connection counts as half-open from the packet that put its server in SYN-RECEIVED until a
// packet moves it out; a server that stops retrying sends nothing, so such a connection stays
// half-open to the end of the capture, and only the last retry seen is marked. Times are
// seconds since the capture's first packet (frame.time_relative).
#pragma once

#include "tcpscope/address.h"
#include "tcpscope/tcp_state_machine.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tcpscope {

class CaptureSession;

// A server socket that received SYNs: where the queue lives.
struct ListeningSocket {
    Address addr;
    uint16_t port = 0;
    uint32_t syns = 0;        // SYN segments it received (repeated SYNs counted again)
    uint32_t connections = 0; // connections whose client sent a SYN to it
    uint32_t synAcks = 0;     // SYN,ACK segments it sent (retries counted again)
    friend bool operator==(const ListeningSocket& a, const ListeningSocket& b) {
        return a.addr == b.addr && a.port == b.port;
    }
};

// Every server socket that received a SYN, the most SYNs first (then by address and port), so
// a user can pick the one to graph.
std::vector<ListeningSocket> listeningSockets(const CaptureSession& session);
// The listening socket of a stream's server, or nothing when its client sent no SYN.
std::optional<ListeningSocket> listeningSocketOf(const CaptureSession& session, uint32_t stream);
// "192.168.10.80:80", "[2001:db8::1]:443".
std::string listeningSocketText(const ListeningSocket& s);

// One SYN,ACK the server sent: the first (retry 0) or a retransmission.
struct SynAckSend {
    size_t packet = 0; // index into the session
    uint64_t frame = 0;
    double t = 0;
    uint32_t retry = 0;    // 0: the first SYN,ACK; n: the n-th retransmission
    double interval = 0;   // seconds since the previous SYN,ACK (retry 0: since the first SYN)
    bool afterSyn = false; // a repeated SYN came since the previous SYN,ACK: it answers that
    bool trackerRetransmission = false; // the tracker flagged it tcp.analysis.retransmission
};

// How a connection left the queue, as far as the capture shows.
enum class SynQueueOutcome : uint8_t {
    Established,   // the client's ACK of the SYN,ACK moved the server to ESTABLISHED
    ResetByClient, // RST from the client while the server was in SYN-RECEIVED
    ResetByServer, // RST from the server while it was in SYN-RECEIVED
    NoAckByEnd,    // still SYN-RECEIVED when the capture ended: last retry seen, no ACK
    Refused,       // the SYN was answered by RST: nothing listened, never queued
    NoSynAck,      // no SYN,ACK seen for the SYN (dropped, or not captured)
};
inline constexpr size_t kSynQueueOutcomeCount = 6;

// What the capture says about a SYN cookie. Only what the segments show: the cookie itself (a
// hash in the ISN) cannot be checked without the server's secret.
enum class SynCookieVerdict : uint8_t {
    Unknown,   // the SYN or the SYN,ACK was not captured, or its options are not known
    NoSign,    // the SYN,ACK answers the options the SYN offered, or the SYN offered none to drop
    MightBe,   // the SYN,ACK leaves out every option the SYN offered beyond the MSS
    NotCookie, // the server sent its SYN,ACK again unprompted: it keeps state, a cookie does not
};

// TCP options of a SYN or SYN,ACK, one bit each.
namespace SynOption {
inline constexpr uint8_t Mss = 1, WindowScale = 2, SackPermitted = 4, Timestamps = 8;
} // namespace SynOption

struct SynCookieAssessment {
    SynCookieVerdict verdict = SynCookieVerdict::Unknown;
    uint8_t offered = 0;  // SynOption bits of the (first) SYN
    uint8_t answered = 0; // SynOption bits of the first SYN,ACK
    uint8_t dropped = 0;  // offered window scale, SACK or timestamps the SYN,ACK left out
    int32_t synMss = -1;  // the MSS each side announced (-1: none)
    int32_t synAckMss = -1;
    // The SYN,ACK's MSS is one of the four Linux encodes in a cookie's ISN (RFC 4987 3.6;
    // msstab: 536, 1300, 1440, 1460 over IPv4; 1220, 1420, 1440, 8940 over IPv6). Supporting
    // only: an ordinary Linux server announces 1460 on Ethernet too.
    bool mssInCookieTable = false;
    uint32_t unpromptedSynAcks = 0; // SYN,ACKs sent again without a repeated SYN
};

// One connection the client opened to the listening socket.
struct SynQueueEntry {
    uint32_t stream = 0;
    Address client;
    uint16_t clientPort = 0;
    bool synSeen = false; // false when the capture starts at the SYN,ACK
    size_t synPacket = 0;
    uint64_t synFrame = 0;
    double synTime = 0;
    uint32_t syns = 0; // SYNs the client sent (repeats counted)
    std::vector<SynAckSend> synAcks;
    bool wasHalfOpen = false; // the server was in SYN-RECEIVED after some packet
    SynQueueOutcome outcome = SynQueueOutcome::NoSynAck;
    // When it left SYN-RECEIVED (Established, ResetBy*), or the moment it was given up as the
    // capture shows it (NoAckByEnd: the last SYN,ACK seen); the SYN's time for Refused and
    // NoSynAck.
    size_t endPacket = 0;
    uint64_t endFrame = 0;
    double endTime = 0;
    SynCookieAssessment cookie;

    uint32_t retries() const { return synAcks.empty() ? 0 : uint32_t(synAcks.size() - 1); }
    // Given up: reset, or no ACK after the last retry by the end of the capture.
    bool givenUp() const {
        return outcome == SynQueueOutcome::ResetByClient ||
               outcome == SynQueueOutcome::ResetByServer || outcome == SynQueueOutcome::NoAckByEnd;
    }
};

// The counts after a packet that changed one of them; they hold until the next point's time.
struct SynQueuePoint {
    double t = 0;
    size_t packet = 0;
    uint64_t frame = 0;
    uint32_t halfOpen = 0;    // connections whose server is in SYN-RECEIVED
    uint32_t established = 0; // connections whose server is in ESTABLISHED
};

// A mark on the time axis of the graph, one per SYN, SYN,ACK, establishment or give-up.
enum class SynQueueMarkKind : uint8_t { Syn, SynAck, SynAckRetry, Established, GivenUp, Refused };
struct SynQueueMark {
    SynQueueMarkKind kind = SynQueueMarkKind::Syn;
    size_t entry = 0; // index into SynQueue::entries
    size_t packet = 0;
    uint64_t frame = 0;
    double t = 0;
    uint32_t retry = 0;  // SynAck / SynAckRetry: the retry number
    double interval = 0; // SynAckRetry: seconds since the previous SYN,ACK
};

struct SynQueue {
    ListeningSocket socket;
    bool found = false;                 // the capture has connections to this socket
    double duration = 0;                // seconds from the capture's first packet to its last
    std::vector<SynQueueEntry> entries; // in stream order
    // Starts with a point at 0 (the counts after the packets at time 0, if any) and ends with
    // one at `duration`, so that the steps cover the whole capture; at most one point a moment.
    std::vector<SynQueuePoint> series;
    uint32_t maxHalfOpen = 0;
    uint32_t maxEstablished = 0;
    uint32_t halfOpenAtEnd = 0;
    uint32_t completed = 0; // entries that reached ESTABLISHED
};

SynQueue buildSynQueue(const CaptureSession& session, const ListeningSocket& socket);

// Every mark of the queue in time order (for the graph's markers and their labels).
std::vector<SynQueueMark> synQueueMarks(const SynQueue& q);

// Texts, from the core's catalogue in the installed language.
// A back-off interval: "1 s", "1.5 s", "16 s", "250 ms" (rounded to what a label can show).
std::string backoffLabel(double seconds);
// "established", "given up: reset by the client", ...
std::string synQueueOutcomeText(SynQueueOutcome o);
// "might be a SYN cookie: ...", with the reason and the values.
std::string synCookieText(const SynCookieAssessment& a);
// "SYN", "SYN,ACK", "retry 2 (+4 s)", "established", "given up", "refused".
std::string synQueueMarkLabel(const SynQueueMark& m);

} // namespace tcpscope
