// SPDX-License-Identifier: GPL-2.0-or-later
// One line of the packet list, as compact as the first pass can make it: no strings, no heap.
// Text is rendered on demand by the model (a million rows must scroll smoothly).
#pragma once

#include <tcpscope/address.h>
#include <tcpscope/frame.h>

#include <cstdint>

namespace tcpscope::ui {

struct PacketRow {
    Timestamp ts;
    Address src;
    Address dst;
    uint64_t number = 0;   // frame number as the source numbered it (1-based)
    uint32_t source = 0;   // index into CaptureDocument::frames() or ::segments()
    int32_t analysis = -1; // index into the tracker's packets(), -1 for non-TCP
    uint32_t capturedLength = 0;
    uint32_t originalLength = 0;
    uint32_t seq = 0; // raw
    uint32_t ack = 0; // raw
    uint32_t payloadLength = 0;
    uint32_t problems = 0; // Problem:: bits
    int32_t mss = -1;
    uint16_t srcPort = 0;
    uint16_t dstPort = 0;
    uint16_t flags = 0;  // TcpFlag bits
    uint16_t window = 0; // raw
    int16_t wscale = -1;
    uint8_t ipVersion = 0;
    uint8_t tcpChecksum = 0; // ChecksumStatus
    bool hasTcp = false;
    bool hasBytes = true; // false for tcpdump summary lines
    bool hasTimestamp = true;
    bool sackPermitted = false;
    bool timestamps = false;
};

} // namespace tcpscope::ui
