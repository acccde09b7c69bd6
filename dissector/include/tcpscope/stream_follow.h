// SPDX-License-Identifier: GPL-2.0-or-later
// Follow TCP Stream: the bytes of one connection in sequence order, each direction on its own,
// cut into the chunks Wireshark's Follow TCP Stream shows (one per packet that brought new
// bytes). Built from the packets of that one connection as a pass hands them on, so only the
// followed stream is ever held in memory, never every connection's.
//
// Placement follows Wireshark's (packet-tcp.c, follow_tcp_tap_listener): a byte already placed
// is not placed again (the first copy stays), a segment ahead of the next expected byte waits
// until the bytes before it arrive, and when the other side acknowledges bytes that never
// arrived, a chunk "[N bytes missing in capture file]" takes their place. Beyond Wireshark:
// retransmitted bytes that differ from the first copy are reported (Zeek's
// rexmit_inconsistency), and segments still waiting at the end (bytes after a gap nobody
// acknowledged) are kept apart instead of being dropped silently.
#pragma once

#include "tcpscope/address.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/frame.h"
#include "tcpscope/packet_summary.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

class CaptureSession;

struct FollowChunk {
    enum class Kind : uint8_t {
        Data,    // bytes of the stream
        Missing, // "[N bytes missing in capture file]": bytes acknowledged but never captured
    };
    Kind kind = Kind::Data;
    bool server = false;   // from node 1 (the endpoint that received the first packet)
    uint64_t frame = 0;    // the packet that brought the bytes (Missing: the acknowledging one)
    Timestamp ts;          // its time (Missing: zero, as Wireshark's)
    uint32_t seq = 0;      // relative sequence number of the first byte (Missing: of the gap)
    uint32_t missing = 0;  // Missing: how many bytes the gap holds
    size_t offset = 0;     // into FollowStream::bytes
    uint32_t length = 0;   // Data: the bytes; Missing: the text's length with its NUL
    uint64_t position = 0; // where the chunk starts in its direction's text (hex dump offset)
};

// Bytes retransmitted with other contents than their first copy (the first copy was kept).
struct FollowAnomaly {
    bool server = false;
    uint64_t frame = 0;    // the retransmission
    uint32_t seq = 0;      // relative sequence number of the first differing byte
    uint32_t length = 0;   // how many overlapping bytes differ
    uint64_t position = 0; // that byte's place in its direction's text
};

struct FollowStream {
    uint32_t stream = 0;
    bool found = false; // the capture has a packet of this stream
    Address node[2];    // node 0: the source of the stream's first packet
    uint16_t port[2] = {0, 0};
    std::vector<uint8_t> bytes;      // every chunk's bytes, back to back
    std::vector<FollowChunk> chunks; // in the order Wireshark prints them
    std::vector<FollowAnomaly> anomalies;
    // Segments still waiting at the end: bytes after a gap that nothing acknowledged.
    // Wireshark drops them; they are here with their frame, in chunks of their own (their
    // bytes also in `bytes`), after the gap the first of each direction leaves open.
    std::vector<FollowChunk> unplaced;
    uint64_t sent[2] = {0, 0}; // stream bytes placed per direction (not counting gap text)

    std::span<const uint8_t> data(const FollowChunk& c) const {
        return std::span<const uint8_t>(bytes).subspan(c.offset, c.length);
    }
};

// Builds a FollowStream from one stream's packets, in capture order.
class StreamFollower {
  public:
    explicit StreamFollower(uint32_t stream);
    ~StreamFollower();
    StreamFollower(StreamFollower&&) noexcept;
    StreamFollower& operator=(StreamFollower&&) noexcept;

    uint32_t stream() const;
    // One packet of the capture; packets of other streams (and malformed headers) are ignored.
    // `ts` is its frame's time and `payload` the captured part of the TCP payload.
    void add(const TcpPacketAnalysis& a, const Timestamp& ts, const Address& src, uint16_t srcPort,
             const Address& dst, uint16_t dstPort, std::span<const uint8_t> payload);
    // The result; the follower is spent.
    FollowStream finish();

  private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

// The captured TCP payload of a decoded frame for StreamFollower::add, or nothing when the
// capture cut the TCP header short: Wireshark's follow does not see such a packet at all.
std::optional<std::span<const uint8_t>> followPayload(const Frame& frame, const PacketSummary& s);

// The stream of an opened capture, read from its frames now.
FollowStream followStream(const CaptureSession& session, uint32_t stream);

enum class FollowFormat : uint8_t { Ascii, Hex, Raw, Yaml, Utf8, CArrays };
// "ascii", "hex", "raw", "yaml", "utf-8", "c-arrays"; false for another name.
bool parseFollowFormat(std::string_view name, FollowFormat& out);
std::string_view followFormatName(FollowFormat f);

// The text `tshark -q -z follow,tcp,FORMAT,K` prints for the stream (ascii, hex, raw, yaml,
// utf-8); c-arrays as Wireshark's "Show as C Arrays". Unplaced segments are not printed (as
// Wireshark). Appends to `out`.
void formatFollow(std::string& out, const FollowStream& s, FollowFormat format);

// Wireshark's Follow Stream dialog texts, which colour the two directions instead of printing
// tshark's length lines and server tabs. One chunk's bytes (all of s.data(c), or a part of
// them; Ascii maps each byte to one character, so a part keeps its place): Ascii and Utf8 the
// text alone, no line end added; Hex the dump lines from c.position; Raw the hex digits and a
// line end; Yaml the packet's entry; CArrays the array peerN_`index`. Appends to `out`.
void formatFollowChunk(std::string& out, const FollowChunk& c, std::span<const uint8_t> data,
                       FollowFormat format, uint32_t index);
// What that dialog shows before the chunks: YAML's peers and "packets:", nothing for the rest.
void formatFollowPeers(std::string& out, const FollowStream& s, FollowFormat format);

} // namespace tcpscope
