// SPDX-License-Identifier: GPL-2.0-or-later
// A captured frame as it comes out of a CaptureSource: when, which link type, which bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tcpscope {

// LINKTYPE_ values (https://www.tcpdump.org/linktypes.html) as libpcap reports them through
// pcap_datalink(); DLT_RAW's platform values 12/14 are mapped to LinkType::Raw by the reader.
namespace LinkType {
inline constexpr uint32_t Null = 0; // BSD loopback, host-order AF_ value
inline constexpr uint32_t Ethernet = 1;
inline constexpr uint32_t Ppp = 9;
inline constexpr uint32_t PppHdlc = 50;  // PPP in HDLC-like framing (serial lines)
inline constexpr uint32_t PppEther = 51; // PPPoE session frames without their Ethernet header
inline constexpr uint32_t CiscoHdlc = 104;
inline constexpr uint32_t Ieee80211 = 105;
inline constexpr uint32_t Radiotap = 127;
inline constexpr uint32_t Ppi = 192;
inline constexpr uint32_t Nflog = 239;
inline constexpr uint32_t Ipoib = 242;
inline constexpr uint32_t Raw = 101;  // raw IPv4 or IPv6, version nibble decides
inline constexpr uint32_t Loop = 108; // OpenBSD loopback, network-order AF_ value
inline constexpr uint32_t LinuxSll = 113;
inline constexpr uint32_t Ipv4 = 228;
inline constexpr uint32_t Ipv6 = 229;
inline constexpr uint32_t LinuxSll2 = 276;
} // namespace LinkType

struct Timestamp {
    int64_t sec = 0;
    // Always nanoseconds, whatever the file's precision. 64 bits because a damaged record can
    // hold a fraction of a second >= 1 s (tcpdump prints it as invalid), which must not wrap.
    uint64_t nsec = 0;
    friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// A non-owning view of one frame; the bytes live in the source's buffer (or an OwnedFrame).
struct Frame {
    uint64_t number = 0; // 1-based, as tcpdump -# and Wireshark's frame.number
    Timestamp ts;
    bool nanoPrecision =
        false; // the file stored nanoseconds (pcap magic 0xa1b23c4d, pcapng tsresol 9)
    uint32_t linkType = LinkType::Ethernet;
    uint32_t originalLength = 0;   // length on the wire (pcap "len")
    std::span<const uint8_t> data; // captured bytes (pcap "caplen")
};

// A frame that owns its bytes: pasted text, tests.
struct OwnedFrame {
    uint64_t number = 0;
    Timestamp ts;
    bool hasTimestamp = false;
    bool nanoPrecision = false;
    uint32_t linkType = LinkType::Ethernet;
    uint32_t originalLength = 0;
    std::vector<uint8_t> bytes;

    Frame view() const {
        return Frame{number,
                     ts,
                     nanoPrecision,
                     linkType,
                     originalLength ? originalLength : static_cast<uint32_t>(bytes.size()),
                     bytes};
    }
};

// Where an input stopped being readable. For files, frameNumber is the record that could not be
// read and byteOffset how far into the file reading had got when it failed (inside or just past
// that record: it is taken only on failure, as asking on every record costs a system call); for
// text, line and column (1-based).
struct InputError {
    std::string message;
    static constexpr uint64_t kUnknownByte = UINT64_MAX; // read from a pipe: no offset
    uint64_t byteOffset = 0;
    uint64_t frameNumber = 0;
    uint32_t line = 0;
    uint32_t column = 0;
    // False where no position applies (the file could not be opened or read at all).
    bool positioned = true;
    // "line 3, column 7", "byte 1234 (record 17)" or "record 17" (kUnknownByte); empty when
    // not positioned.
    std::string where() const;
};

// A capture record libpcap could not read, its message given: "the record could not be read:
// ..." in the installed language (a record cut by the end of the file in the catalogue's own
// words, others with libpcap's).
std::string recordReadError(const std::string& libpcapMessage);

} // namespace tcpscope
