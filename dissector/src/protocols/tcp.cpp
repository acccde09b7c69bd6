// SPDX-License-Identifier: GPL-2.0-or-later
// TCP (RFC 9293): the fixed header, flags (with AccECN's AE bit, RFC 9768), checksum over the
// pseudo-header, options through the tcp.option table, payload through the tcp.port table.
#include "protocols.h"
#include "tcp_fields.h"

namespace tcpscope::proto {

TcpFields hfTcp;

namespace {

const ValueName kChecksumStatus[] = {{0, "Bad"}, {1, "Good"}, {2, "Unverified"}};

const FieldDef kFields[] = {
    {.handle = &hfTcp.tcp,
     .abbrev = "tcp",
     .name = "Transmission Control Protocol",
     .shortName = "TCP",
     .type = FieldType::Protocol,
     .explanation =
         "TCP (RFC 9293) gives two applications a reliable, ordered byte stream over IP: sequence "
         "numbers count bytes, acknowledgments say what arrived, the window limits how much may be "
         "in flight, and flags open and close the connection."},
    {.handle = &hfTcp.srcport,
     .abbrev = "tcp.srcport",
     .name = "Source Port",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "Port of the sending application. With the two IP addresses and the destination port it "
         "identifies the connection (the 4-tuple). Clients usually pick an ephemeral port."},
    {.handle = &hfTcp.dstport,
     .abbrev = "tcp.dstport",
     .name = "Destination Port",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Port of the receiving application, e.g. 80 for HTTP, 6379 for Redis."},
    {.handle = &hfTcp.seqRaw,
     .abbrev = "tcp.seq_raw",
     .name = "Sequence Number (raw)",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Number of the first payload byte in this segment, as sent. A SYN carries the initial "
         "sequence number (ISN), chosen at random (RFC 6528) so that old or forged segments are "
         "unlikely to fit; SYN and FIN each consume one sequence number. Arithmetic is modulo "
         "2^32."},
    {.handle = &hfTcp.ackRaw,
     .abbrev = "tcp.ack_raw",
     .name = "Acknowledgment number (raw)",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Valid when ACK is set: the next sequence number the sender expects from the other side, "
         "i.e. everything before it has arrived (a cumulative acknowledgment)."},
    {.handle = &hfTcp.hdrLen,
     .abbrev = "tcp.hdr_len",
     .name = "Header Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation =
         "Data offset: the TCP header length. The 4-bit field counts 32-bit words, so 5 means 20 "
         "bytes (no options) and 15 the maximum of 60 bytes."},
    {.handle = &hfTcp.flags,
     .abbrev = "tcp.flags",
     .name = "Flags",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .bitmask = 0x0fff,
     .explanation =
         "Twelve control bits: three reserved, AE, CWR and ECE for congestion signalling, then "
         "URG, ACK, PSH, RST, SYN and FIN.",
     .parentBits = 16},
    {.handle = &hfTcp.flagsRes,
     .abbrev = "tcp.flags.res",
     .name = "Reserved",
     .type = FieldType::Bool,
     .bitmask = 0x0e00,
     .explanation = "Three reserved bits; must be zero.",
     .parentBits = 12},
    {.handle = &hfTcp.flagsAe,
     .abbrev = "tcp.flags.ae",
     .name = "Accurate ECN",
     .type = FieldType::Bool,
     .bitmask = 0x0100,
     .explanation =
         "AE (formerly NS): with CWR and ECE forms AccECN's 3-bit ACE counter of congestion marks "
         "(RFC 9768); on a SYN it asks for AccECN.",
     .parentBits = 12},
    {.handle = &hfTcp.flagsCwr,
     .abbrev = "tcp.flags.cwr",
     .name = "Congestion Window Reduced",
     .type = FieldType::Bool,
     .bitmask = 0x0080,
     .explanation =
         "The sender has reduced its congestion window in response to an ECN echo (RFC 3168).",
     .parentBits = 12},
    {.handle = &hfTcp.flagsEce,
     .abbrev = "tcp.flags.ece",
     .name = "ECN-Echo",
     .type = FieldType::Bool,
     .bitmask = 0x0040,
     .explanation =
         "ECN-Echo: on a SYN, ECN is supported; otherwise a router marked congestion (CE) on a "
         "packet this side received, and the sender should slow down (RFC 3168).",
     .parentBits = 12},
    {.handle = &hfTcp.flagsUrg,
     .abbrev = "tcp.flags.urg",
     .name = "Urgent",
     .type = FieldType::Bool,
     .bitmask = 0x0020,
     .explanation =
         "The urgent pointer is valid: some data is to be processed out of band (rarely used; "
         "telnet's interrupt).",
     .parentBits = 12},
    {.handle = &hfTcp.flagsAck,
     .abbrev = "tcp.flags.ack",
     .name = "Acknowledgment",
     .type = FieldType::Bool,
     .bitmask = 0x0010,
     .explanation =
         "The acknowledgment number is valid. Set on every segment after the initial SYN.",
     .parentBits = 12},
    {.handle = &hfTcp.flagsPush,
     .abbrev = "tcp.flags.push",
     .name = "Push",
     .type = FieldType::Bool,
     .bitmask = 0x0008,
     .explanation =
         "Deliver the data to the application now instead of waiting for more (set on the last "
         "segment of a write).",
     .parentBits = 12},
    {.handle = &hfTcp.flagsReset,
     .abbrev = "tcp.flags.reset",
     .name = "Reset",
     .type = FieldType::Bool,
     .bitmask = 0x0004,
     .explanation =
         "Abort the connection at once: the port is closed, the connection is unknown, or the "
         "application aborted. No reply is sent to a RST.",
     .parentBits = 12},
    {.handle = &hfTcp.flagsSyn,
     .abbrev = "tcp.flags.syn",
     .name = "Syn",
     .type = FieldType::Bool,
     .bitmask = 0x0002,
     .explanation = "Synchronize sequence numbers: opens a connection and carries the initial "
                    "sequence number. "
                    "The first two segments of the three-way handshake carry it.",
     .parentBits = 12},
    {.handle = &hfTcp.flagsFin,
     .abbrev = "tcp.flags.fin",
     .name = "Fin",
     .type = FieldType::Bool,
     .bitmask = 0x0001,
     .explanation =
         "The sender has no more data to send (half-close). It still receives until the other side "
         "sends its own FIN.",
     .parentBits = 12},
    {.handle = &hfTcp.flagsStr,
     .abbrev = "tcp.flags.str",
     .name = "TCP Flags",
     .type = FieldType::String,
     .explanation =
         "The twelve flag bits as letters, one position per bit, as Wireshark shows them."},
    {.handle = &hfTcp.window,
     .abbrev = "tcp.window_size_value",
     .name = "Window",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "Receive window as sent: how many more bytes, beyond the acknowledged ones, the sender of "
         "this segment is ready to receive. Multiply by 2^scale when window scaling was agreed in "
         "the handshake (not on SYN segments themselves)."},
    {.handle = &hfTcp.checksum,
     .abbrev = "tcp.checksum",
     .name = "Checksum",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation =
         "One's-complement checksum over a pseudo-header (addresses, protocol, length), the TCP "
         "header and the payload. Captured on the sending host it is often wrong because the "
         "network card fills it in later (checksum offload)."},
    {.handle = &hfTcp.checksumStatus,
     .abbrev = "tcp.checksum.status",
     .name = "Checksum Status",
     .type = FieldType::UInt8,
     .values = kChecksumStatus,
     .explanation = "Whether the checksum matches the segment: Good, Bad, or Unverified."},
    {.handle = &hfTcp.checksumCalc,
     .abbrev = "tcp.checksum_calculated",
     .name = "Calculated Checksum",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "The checksum this segment should carry, computed by TcpScope."},
    {.handle = &hfTcp.urgent,
     .abbrev = "tcp.urgent_pointer",
     .name = "Urgent Pointer",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "With URG set: offset from the sequence number to the end of urgent data."},
    {.handle = &hfTcp.options,
     .abbrev = "tcp.options",
     .name = "Options",
     .type = FieldType::Bytes,
     .explanation =
         "TCP options (header bytes after the first 20): negotiated features such as MSS, window "
         "scaling, SACK and timestamps. Most can only be offered on the SYN."},
    {.handle = &hfTcp.optionKind,
     .abbrev = "tcp.option_kind",
     .name = "Kind",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kTcpOptionKinds,
     .explanation =
         "Option kind number (IANA registry): 0 EOL, 1 NOP, 2 MSS, 3 window scale, 4 SACK "
         "permitted, 5 SACK, 8 timestamps, 30 MPTCP, 34 Fast Open ..."},
    {.handle = &hfTcp.optionLen,
     .abbrev = "tcp.option_len",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Length of the option in bytes, counting the kind and length bytes."},
    {.handle = &hfTcp.len,
     .abbrev = "tcp.len",
     .name = "TCP Segment Len",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Payload bytes in this segment: IP total length minus the IP and TCP header lengths."},
    {.handle = &hfTcp.payload,
     .abbrev = "tcp.payload",
     .name = "TCP payload",
     .type = FieldType::Bytes,
     .explanation = "The application data carried by this segment."},
};

bool isLoopback(const Address& a) {
    if (a.family == 4) return a.bytes[0] == 127;
    if (a.family == 6) {
        for (int i = 0; i < 15; ++i)
            if (a.bytes[i]) return false;
        return a.bytes[15] == 1;
    }
    return false;
}

std::string flagNames(uint16_t f) {
    static const std::pair<uint16_t, const char*> names[] = {
        {TcpFlag::Ae, "AE"},   {TcpFlag::Cwr, "CWR"}, {TcpFlag::Ece, "ECE"},
        {TcpFlag::Urg, "URG"}, {TcpFlag::Ack, "ACK"}, {TcpFlag::Psh, "PSH"},
        {TcpFlag::Rst, "RST"}, {TcpFlag::Syn, "SYN"}, {TcpFlag::Fin, "FIN"}};
    std::string out;
    for (auto& [bit, name] : names)
        if (f & bit) out += out.empty() ? name : std::string(", ") + name;
    if (f & TcpFlag::Reserved) out += out.empty() ? "Reserved" : ", Reserved";
    return out;
}

void dissectFlags(DissectContext& ctx, uint32_t offset, uint16_t flags, int32_t parent) {
    if (!ctx.tree) return;
    int32_t fl = ctx.add(parent, hfTcp.flags, offset, 2, uint64_t(flags), ctx.text([&] {
        std::string names = flagNames(flags);
        return Shown::val(hexN(flags, 3) + (names.empty() ? "" : " (" + names + ")")).withoutBits();
    }),
                         0x0fff);
    const FieldId kBits[] = {hfTcp.flagsRes, hfTcp.flagsAe,  hfTcp.flagsCwr,  hfTcp.flagsEce,
                             hfTcp.flagsUrg, hfTcp.flagsAck, hfTcp.flagsPush, hfTcp.flagsReset,
                             hfTcp.flagsSyn, hfTcp.flagsFin};
    for (FieldId f : kBits) {
        const FieldDef& d = FieldRegistry::instance().def(f);
        uint64_t v = (flags & d.bitmask) ? 1 : 0;
        if (f == hfTcp.flagsRes) v = (flags & d.bitmask) >> 9;
        // The reserved bits say how many are set; the others are one bit each.
        ctx.add(fl, f, offset, 2, v, ctx.text([&] {
            return f == hfTcp.flagsRes && v ? Shown::val("Set (" + num(v) + ")") : Shown();
        }),
                d.bitmask);
    }
    if (!ctx.wants(hfTcp.flagsStr)) return;
    // Wireshark's string: one position per bit, high to low, a middle dot when clear.
    static const char kLetters[] = "RRRACEUAPRSF";
    std::string str;
    for (int i = 0; i < 12; ++i) {
        if (flags & (0x800 >> i))
            str += kLetters[i];
        else
            str += "\xC2\xB7";
    }
    ctx.addGenerated(fl, hfTcp.flagsStr, str);
}

void dissectOptions(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t parent) {
    PacketSummary& s = *ctx.summary;
    int32_t opts = -1;
    if (ctx.wants(hfTcp.options)) {
        auto all = ctx.bytes.bytes(offset, length);
        opts = ctx.add(parent, hfTcp.options, offset, length,
                       std::vector<uint8_t>(all.begin(), all.end()),
                       ctx.text([&] { return Shown::val("(" + num(length) + " bytes)"); }));
    }
    const uint32_t end = offset + length;
    std::string summaryText;
    for (uint32_t p = offset; p < end;) {
        uint8_t kind = *ctx.bytes.u8(p);
        uint32_t optLen = 1;
        if (kind > 1) {
            auto len = ctx.bytes.u8(p + 1);
            if (!len || *len < 2 || p + *len > end) {
                int32_t bad =
                    ctx.add(opts, hfTcp.optionKind, p, end - p, uint64_t(kind), ctx.text([&] {
                        return Shown::title("TCP Option - " + optionKindName(kind) +
                                            " (malformed)");
                    }));
                if (len) ctx.add(bad, hfTcp.optionLen, p + 1, 1, uint64_t(*len));
                s.problems |= Problem::OptionsMalformed;
                ctx.note(bad, Severity::Error, "tcp.option.len.invalid",
                         !len ? "Option " + optionKindName(kind) +
                                    " has no length byte before the end of the header"
                         : *len < 2
                             ? "Option " + optionKindName(kind) + " has length " + num(*len) +
                                   " (must be at least 2): the rest of the options cannot be read"
                             : "Option " + optionKindName(kind) + " length " + num(*len) +
                                   " runs past the end of the TCP header (" + num(end - p) +
                                   " bytes left)");
                break;
            }
            optLen = *len;
        }
        DissectFn fn = DissectorTables::instance().tcpOption.find(kind);
        if (!fn) fn = dissectUnknownOption;
        fn(ctx, p, optLen, opts);
        // After EOL the rest is padding, normally zeros; like Wireshark keep walking, so each
        // zero byte shows as another EOL and any non-zero garbage is visible.
        p += optLen;
    }
}

uint32_t dissectTcp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    PacketSummary& s = *ctx.summary;
    uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    s.tcpOffset = offset;
    ctx.setProtocol(hfTcp.tcp);
    int32_t tcp =
        ctx.add(-1, hfTcp.tcp, offset, std::min<uint32_t>(20, have), std::monostate{}, {});
    // Ports first, so a truncated or malformed header still says which connection it was.
    auto sport = ctx.bytes.u16(offset), dport = ctx.bytes.u16(offset + 2);
    if (sport) {
        s.srcPort = *sport;
        ctx.add(tcp, hfTcp.srcport, offset, 2, uint64_t(*sport));
    }
    if (dport) {
        s.dstPort = *dport;
        ctx.add(tcp, hfTcp.dstport, offset + 2, 2, uint64_t(*dport));
    }
    auto seq = ctx.bytes.u32(offset + 4), ack = ctx.bytes.u32(offset + 8);
    if (seq) {
        s.seq = *seq;
        ctx.add(tcp, hfTcp.seqRaw, offset + 4, 4, uint64_t(*seq));
    }
    if (ack) {
        s.ack = *ack;
        ctx.add(tcp, hfTcp.ackRaw, offset + 8, 4, uint64_t(*ack));
    }
    auto offFlags = ctx.bytes.u16(offset + 12);
    int32_t hlNode = -1;
    if (offFlags) {
        s.dataOffset = uint8_t(*offFlags >> 12);
        s.flags = *offFlags & 0x0fff;
        uint32_t hl = s.dataOffset * 4u;
        hlNode = ctx.add(tcp, hfTcp.hdrLen, offset + 12, 1, uint64_t(hl), ctx.text([&] {
            return Shown::val(num(hl) + " bytes (" + num(s.dataOffset) + ")")
                .withBits(bitPattern(*offFlags >> 8, 0xf0, 8));
        }),
                         0xf0);
        dissectFlags(ctx, offset + 12, s.flags, tcp);
    }
    auto win = ctx.bytes.u16(offset + 14), ck = ctx.bytes.u16(offset + 16),
         urg = ctx.bytes.u16(offset + 18);
    if (win) {
        s.window = *win;
        ctx.add(tcp, hfTcp.window, offset + 14, 2, uint64_t(*win));
    }
    int32_t ckNode = -1;
    if (ck) {
        s.tcpChecksum = *ck;
        ckNode = ctx.add(tcp, hfTcp.checksum, offset + 16, 2, uint64_t(*ck));
    }
    if (urg) {
        s.urgentPointer = *urg;
        ctx.add(tcp, hfTcp.urgent, offset + 18, 2, uint64_t(*urg));
    }
    if (ctx.tree && ctx.options.displayText && sport && dport) {
        std::string title = "Transmission Control Protocol, Src Port: " + num(*sport) +
                            ", Dst Port: " + num(*dport);
        if (seq) title += ", Seq: " + num(*seq);
        if (ack && (s.flags & TcpFlag::Ack)) title += ", Ack: " + num(*ack);
        ctx.setShown(tcp, Shown::title(title));
    }
    if (have < 20) {
        s.problems |= Problem::TcpTruncated;
        ctx.note(tcp, Severity::Error, "_ws.truncated",
                 "TCP header cut short: 20 bytes needed, " + num(have) + " captured");
        return have;
    }
    if (length < 20) {
        s.problems |= Problem::TcpMalformed;
        ctx.note(tcp, Severity::Error, "tcp.short_segment",
                 "The IP payload is only " + num(length) + " bytes: too short for a TCP header");
        return length;
    }
    uint32_t hdrLen = s.dataOffset * 4u;
    if (hdrLen < 20) {
        s.problems |= Problem::TcpMalformed;
        ctx.note(hlNode, Severity::Error, "tcp.bogus_header_length",
                 "Bogus TCP header length " + num(hdrLen) + " (data offset " + num(s.dataOffset) +
                     "): must be at least 20 bytes (5)");
        return 20;
    }
    if (hdrLen > length) {
        s.problems |= Problem::TcpMalformed;
        ctx.note(hlNode, Severity::Error, "tcp.bogus_header_length",
                 "TCP header length " + num(hdrLen) + " is past the end of the segment (" +
                     num(length) + " bytes)");
        return length;
    }
    if (ctx.tree) ctx.tree->setLength(tcp, std::min(hdrLen, have));
    s.hasTcp = true;
    s.optionsOffset = offset + 20;
    s.optionsLength = hdrLen - 20;
    s.payloadOffset = offset + hdrLen;
    s.payloadLength = length - hdrLen;
    // The IP length can claim more than the frame carried on the wire (a damaged or padded-short
    // frame): the segment cannot be longer than the frame, as Wireshark also caps tcp.len.
    if (ctx.frame && ctx.frame->originalLength >= s.payloadOffset &&
        s.payloadLength > ctx.frame->originalLength - s.payloadOffset) {
        uint32_t onWire = ctx.frame->originalLength - s.payloadOffset;
        ctx.note(tcp, Severity::Warning, "tcp.len.past_frame",
                 "The IP length says " + num(s.payloadLength) + " payload bytes, the frame holds " +
                     num(onWire) + " on the wire: using " + num(onWire));
        s.payloadLength = onWire;
    }
    s.payloadCaptured = std::min<uint32_t>(
        s.payloadLength, static_cast<uint32_t>(ctx.bytes.remaining(s.payloadOffset)));
    if (hdrLen > 20) {
        if (have < hdrLen) {
            s.problems |= Problem::TcpTruncated;
            ctx.note(tcp, Severity::Error, "_ws.truncated",
                     "TCP options cut short: header is " + num(hdrLen) + " bytes, " + num(have) +
                         " captured");
            // Decode the options that were captured; the walker stops at the end of the bytes.
            dissectOptions(ctx, offset + 20, have - 20, tcp);
            ctx.addGenerated(tcp, hfTcp.checksumStatus, uint64_t(2));
            ctx.addGenerated(tcp, hfTcp.len, uint64_t(s.payloadLength));
            return length;
        }
        dissectOptions(ctx, offset + 20, hdrLen - 20, tcp);
    }
    // Checksum over pseudo-header + segment, when the whole segment was captured.
    uint64_t status = 2;
    // Verified only when asked: the first pass (tracker, plain summaries) does not need it.
    if (ctx.options.verifyChecksums && ck && s.payloadCaptured == s.payloadLength &&
        s.src.valid()) {
        const size_t addressLength = s.src.family == 6 ? 16 : 4;
        uint32_t sum = pseudoHeaderSum(std::span(s.src.bytes.data(), addressLength),
                                       std::span(s.dst.bytes.data(), addressLength), 6, length);
        uint32_t partial = sum;
        sum = onesComplementSum(ctx.bytes.bytes(offset, 16), sum);
        sum = onesComplementSum(ctx.bytes.bytes(offset + 18, length - 18), sum);
        uint16_t calc = static_cast<uint16_t>(~foldChecksum(sum));
        // RFC 1624: 0x0000 and 0xffff are the same value in one's complement.
        bool good = calc == *ck || (calc == 0 && *ck == 0xffff) || (calc == 0xffff && *ck == 0);
        s.tcpChecksumComputed = calc;
        bool offload =
            !good && (ctx.options.assumeChecksumOffload || isLoopback(s.src) || isLoopback(s.dst) ||
                      s.src == s.dst || *ck == foldChecksum(partial) ||
                      *ck == static_cast<uint16_t>(~foldChecksum(partial)) || *ck == 0);
        s.tcpChecksumStatus = good      ? ChecksumStatus::Good
                              : offload ? ChecksumStatus::Offloaded
                                        : ChecksumStatus::Bad;
        {
            // Likely offloaded: not known to be bad, so Unverified, as the note says.
            status = good ? 1 : offload ? 2 : 0;
            if (ctx.tree && ctx.options.displayText) {
                std::string text = hex4(*ck);
                if (good)
                    text += " [correct]";
                else if (offload)
                    text += " [unverified, likely offloaded]";
                else
                    text += " [incorrect, should be " + hex4(calc) + "]";
                ctx.setShown(ckNode, Shown::val(text));
            }
            ctx.addGenerated(tcp, hfTcp.checksumCalc, uint64_t(calc));
            if (offload)
                ctx.note(ckNode, Severity::Note, "tcp.checksum.offloaded",
                         "Checksum unverified, likely offloaded: the capture was taken on the "
                         "sending host, before the network card filled the checksum in "
                         "(should be " +
                             hex4(calc) + ")");
            else if (!good)
                ctx.note(ckNode, Severity::Error, "tcp.checksum_bad",
                         "Bad checksum: should be " + hex4(calc));
        }
    }
    ctx.addGenerated(tcp, hfTcp.checksumStatus, status);
    ctx.addGenerated(tcp, hfTcp.len, uint64_t(s.payloadLength));
    if (s.payloadLength > 0) {
        if (s.payloadCaptured < s.payloadLength) {
            s.problems |= Problem::PayloadTruncated;
            if (s.payloadCaptured == 0)
                ctx.note(tcp, Severity::Note, "_ws.truncated",
                         "None of the " + num(s.payloadLength) +
                             " payload bytes were captured (snap length)");
        }
        if (s.payloadCaptured > 0 && ctx.wants(hfTcp.payload)) {
            auto pl = ctx.bytes.bytes(s.payloadOffset, s.payloadCaptured);
            int32_t n =
                ctx.add(tcp, hfTcp.payload, s.payloadOffset, s.payloadCaptured,
                        std::vector<uint8_t>(pl.begin(), pl.end()), ctx.text([&] {
                            return Shown::title("TCP payload (" + num(s.payloadLength) + " bytes)");
                        }));
            if (s.payloadCaptured < s.payloadLength)
                ctx.note(n, Severity::Note, "_ws.truncated",
                         "Payload cut short by the capture: " + num(s.payloadCaptured) + " of " +
                             num(s.payloadLength) + " bytes captured");
        }
        // Payload protocols by port, lower port first (as Wireshark's decode_tcp_ports). They
        // run on the first pass too, where they only claim the packet (its top protocol).
        if (s.payloadCaptured > 0) {
            auto& ports = DissectorTables::instance().tcpPort;
            uint16_t lo = std::min(s.srcPort, s.dstPort), hi = std::max(s.srcPort, s.dstPort);
            DissectFn fn = ports.find(lo);
            if (!fn) fn = ports.find(hi);
            if (fn) fn(ctx, s.payloadOffset, s.payloadCaptured, -1);
        }
    }
    return length;
}

} // namespace

void registerTcp() {
    FieldRegistry::instance().add(kFields);
    DissectorTables::instance().ipProto.add(6, dissectTcp);
}

} // namespace tcpscope::proto
