// SPDX-License-Identifier: GPL-2.0-or-later
// Writing frames as capture files that Wireshark, tshark and tcpdump read: pcapng (one Section
// Header, one Interface Description per link type, one Enhanced Packet Block per frame,
// nanosecond timestamps) and classic pcap (nanosecond magic, one link type).
#pragma once

#include "tcpscope/frame.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace tcpscope {

// Appends pcapng blocks to `out` as frames come: the section header before the first frame,
// an interface description the first time a link type is seen. Usable for a whole file or a
// stream (a pipe to the viewer).
class PcapngWriter {
  public:
    explicit PcapngWriter(std::vector<uint8_t>& out) : m_out(out) {}
    void add(const Frame& frame, bool hasTimestamp = true);
    // Only the section header (a valid, empty capture).
    void begin();
    // The section header and an interface of this link type: a stream whose reader needs the
    // link type before the first packet (libpcap's pcapng reader) starts so.
    void declareInterface(uint32_t linkType) {
        begin();
        interfaceFor(linkType);
    }

  private:
    uint32_t interfaceFor(uint32_t linkType);
    std::vector<uint8_t>& m_out;
    bool m_begun = false;
    std::vector<uint32_t> m_linkTypes; // interface id -> link type
};

enum class CaptureFileFormat { Pcapng, Pcap };

// Writes `count` frames (frameAt(i), hasTimestamp(i)) to `path` atomically: to a temporary
// file beside it, then renamed, so the target appears complete or not at all. Classic pcap
// holds one link type: frames of another link type make it fail with a message. Returns false
// with a message in `error`.
bool writeCaptureFile(const std::string& path, CaptureFileFormat format, size_t count,
                      const std::function<Frame(size_t)>& frameAt,
                      const std::function<bool(size_t)>& hasTimestamp, std::string& error);

} // namespace tcpscope
