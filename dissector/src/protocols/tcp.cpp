// SPDX-License-Identifier: GPL-2.0-or-later
// TCP (RFC 9293): the fixed header, flags (with AccECN's AE bit, RFC 9768), checksum over the
// pseudo-header, options through the tcp.option table, payload through the tcp.port table.
#include "protocols.h"
#include "tcp_fields.h"

#include <optional>

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
    // Wireshark has no field for the bytes themselves, only this expert item's, whose filter
    // name it is: tcp.non_zero_bytes_after_eol matches the same packets in both.
    {.handle = &hfTcp.paddingAfterEol,
     .abbrev = "tcp.non_zero_bytes_after_eol",
     .name = "Non zero bytes in option space after EOL option",
     .type = FieldType::None,
     .explanation =
         "Bytes after End of Option List that are not zero. After EOL there are no more options "
         "(RFC 9293 3.1): the rest of the header up to the data offset is padding, which must be "
         "zero. A receiver ignores these bytes; a non-zero value usually means a sender or "
         "middlebox wrote options past an EOL by mistake."},
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
        if (!ctx.wants(f)) continue; // a kept tree (`fields`) mostly wants none of them
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

// The bytes from the first non-zero one after an End of Option List to the end of the options:
// padding, not options, shown as tshark 4.0 shows them ("Non-zero header padding", an error).
void nonZeroPadding(DissectContext& ctx, int32_t opts, uint32_t offset, uint32_t length) {
    if (!ctx.wants(hfTcp.paddingAfterEol)) return;
    const int32_t n = ctx.add(opts, hfTcp.paddingAfterEol, offset, length, std::monostate{},
                              ctx.text([&] { return Shown::title("Non-zero header padding"); }));
    ctx.note(n, Severity::Error, "tcp.non_zero_bytes_after_eol",
             noteText("tcp.non_zero_bytes_after_eol", {{"length", num(length)}}));
}

void dissectOptions(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t parent) {
    PacketSummary& s = *ctx.summary;
    int32_t opts = -1;
    if (ctx.wants(hfTcp.options)) {
        auto all = ctx.bytes.bytes(offset, length);
        opts = ctx.add(parent, hfTcp.options, offset, length, all,
                       ctx.text([&] { return Shown::val("(" + num(length) + " bytes)"); }));
    }
    const uint32_t end = offset + length;
    bool afterEol = false;
    for (uint32_t p = offset; p < end;) {
        uint8_t kind = *ctx.bytes.u8(p);
        // After EOL only zero bytes may follow: each shows as another EOL, as in Wireshark, and
        // from the first non-zero byte on the rest is padding, never decoded as options.
        if (afterEol && kind != 0) {
            nonZeroPadding(ctx, opts, p, end - p);
            break;
        }
        afterEol = kind == 0;
        // End of list and NOP are one byte and add only their node: without a tree (the first
        // pass) there is nothing to call for them.
        if (kind <= 1 && !ctx.tree) {
            ++p;
            continue;
        }
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
                         !len ? noteText("tcp.option.len.invalid.missing",
                                         {{"option", optionKindName(kind)}})
                         : *len < 2
                             ? noteText("tcp.option.len.invalid.short",
                                        {{"option", optionKindName(kind)}, {"length", num(*len)}})
                             : noteText("tcp.option.len.invalid.past-end",
                                        {{"option", optionKindName(kind)},
                                         {"length", num(*len)},
                                         {"left", num(end - p)}}));
                break;
            }
            optLen = *len;
        }
        DissectFn fn = DissectorTables::instance().tcpOption.find(kind);
        if (!fn) fn = dissectUnknownOption;
        fn(ctx, p, optLen, opts);
        p += optLen;
    }
}

// The nodes of a TCP header that later steps annotate.
struct TcpNodes {
    int32_t tcp = -1;
    int32_t hdrLen = -1;
    int32_t checksum = -1;
};

// The layer's title once the fixed header is read: "Transmission Control Protocol, Src Port:
// 54610, Dst Port: 6379, Seq: 1, Ack: 1".
void setTitle(DissectContext& ctx, int32_t tcp) {
    const PacketSummary& s = *ctx.summary;
    if (!ctx.tree || !ctx.options.displayText) return;
    std::string title = "Transmission Control Protocol, Src Port: " + num(s.srcPort) +
                        ", Dst Port: " + num(s.dstPort);
    if (ctx.bytes.u32(s.tcpOffset + 4)) title += ", Seq: " + num(s.seq);
    if (ctx.bytes.u32(s.tcpOffset + 8) && (s.flags & TcpFlag::Ack)) title += ", Ack: " + num(s.ack);
    ctx.setShown(tcp, Shown::title(title));
}

// The fixed 20-byte header, field by field as far as it was captured: ports first, so a
// truncated or malformed header still says which connection it was.
TcpNodes dissectFixedHeader(DissectContext& ctx, uint32_t offset, uint32_t have) {
    PacketSummary& s = *ctx.summary;
    TcpNodes n;
    n.tcp = ctx.add(-1, hfTcp.tcp, offset, std::min<uint32_t>(20, have), std::monostate{});
    // Inlined: five calls per packet, each a compare and a load once inlined (ByteReader::from).
    const ByteReader hdr = ctx.bytes.from(offset);
    auto field16 = [&](uint32_t at, FieldId f, uint16_t & into) __attribute__((always_inline)) {
        auto v = hdr.u16(at);
        if (v) into = *v;
        return v ? ctx.add(n.tcp, f, offset + at, 2, uint64_t(*v)) : -1;
    };
    auto field32 = [&](uint32_t at, FieldId f, uint32_t & into) __attribute__((always_inline)) {
        auto v = hdr.u32(at);
        if (v) into = *v;
        return v ? ctx.add(n.tcp, f, offset + at, 4, uint64_t(*v)) : -1;
    };
    field16(0, hfTcp.srcport, s.srcPort);
    field16(2, hfTcp.dstport, s.dstPort);
    field32(4, hfTcp.seqRaw, s.seq);
    field32(8, hfTcp.ackRaw, s.ack);
    if (auto offFlags = ctx.bytes.u16(offset + 12)) {
        s.dataOffset = uint8_t(*offFlags >> 12);
        s.flags = *offFlags & 0x0fff;
        const uint32_t hl = s.dataOffset * 4u;
        n.hdrLen = ctx.add(n.tcp, hfTcp.hdrLen, offset + 12, 1, uint64_t(hl), ctx.text([&] {
            return Shown::val(num(hl) + " bytes (" + num(s.dataOffset) + ")")
                .withBits(bitPattern(*offFlags >> 8, 0xf0, 8));
        }),
                           0xf0);
        dissectFlags(ctx, offset + 12, s.flags, n.tcp);
    }
    field16(14, hfTcp.window, s.window);
    n.checksum = field16(16, hfTcp.checksum, s.tcpChecksum);
    field16(18, hfTcp.urgent, s.urgentPointer);
    if (ctx.bytes.u16(offset) && ctx.bytes.u16(offset + 2)) setTitle(ctx, n.tcp);
    return n;
}

// Whether the header can be read on: a captured fixed header, a segment long enough for one,
// a data offset of at least 5 words that stays inside the segment. Notes the fault, and gives
// what dissectTcp returns, when not.
std::optional<uint32_t> headerFault(DissectContext& ctx, const TcpNodes& n, uint32_t length,
                                    uint32_t have) {
    PacketSummary& s = *ctx.summary;
    const uint32_t hdrLen = s.dataOffset * 4u;
    if (have < 20) {
        s.problems |= Problem::TcpTruncated;
        ctx.note(n.tcp, Severity::Error, "_ws.truncated",
                 noteText("_ws.truncated.tcp-header", {{"have", num(have)}}));
        return have;
    }
    if (length < 20) {
        s.problems |= Problem::TcpMalformed;
        ctx.note(n.tcp, Severity::Error, "tcp.short_segment",
                 noteText("tcp.short_segment", {{"length", num(length)}}));
        return length;
    }
    if (hdrLen < 20) {
        s.problems |= Problem::TcpMalformed;
        ctx.note(n.hdrLen, Severity::Error, "tcp.bogus_header_length",
                 noteText("tcp.bogus_header_length.too-small",
                          {{"headerLength", num(hdrLen)}, {"offset", num(s.dataOffset)}}));
        return 20;
    }
    if (hdrLen > length) {
        s.problems |= Problem::TcpMalformed;
        ctx.note(n.hdrLen, Severity::Error, "tcp.bogus_header_length",
                 noteText("tcp.bogus_header_length.past-segment",
                          {{"headerLength", num(hdrLen)}, {"length", num(length)}}));
        return length;
    }
    return std::nullopt;
}

// Where the options and the payload are, and how much of the payload the capture holds.
void setPayloadBounds(DissectContext& ctx, int32_t tcp, uint32_t offset, uint32_t length) {
    PacketSummary& s = *ctx.summary;
    const uint32_t hdrLen = s.dataOffset * 4u;
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
                 noteText("tcp.len.past_frame",
                          {{"length", num(s.payloadLength)}, {"wire", num(onWire)}}));
        s.payloadLength = onWire;
    }
    s.payloadCaptured = std::min<uint32_t>(
        s.payloadLength, static_cast<uint32_t>(ctx.bytes.remaining(s.payloadOffset)));
}

// The checksum over pseudo-header and segment, when asked for and the whole segment was
// captured (the first pass does not need it). Returns tcp.checksum.status: 0 bad, 1 good,
// 2 unverified (likely offloaded: not known to be bad, as the note says).
uint64_t verifyChecksum(DissectContext& ctx, const TcpNodes& n, uint32_t offset, uint32_t length) {
    PacketSummary& s = *ctx.summary;
    const auto ck = ctx.bytes.u16(offset + 16);
    if (!ctx.options.verifyChecksums || !ck || s.payloadCaptured != s.payloadLength ||
        !s.src.valid())
        return 2;
    const size_t addressLength = s.src.family == 6 ? 16 : 4;
    uint32_t sum = pseudoHeaderSum(std::span(s.src.bytes.data(), addressLength),
                                   std::span(s.dst.bytes.data(), addressLength), 6, length);
    const uint32_t partial = sum;
    sum = onesComplementSum(ctx.bytes.bytes(offset, 16), sum);
    sum = onesComplementSum(ctx.bytes.bytes(offset + 18, length - 18), sum);
    const uint16_t calc = static_cast<uint16_t>(~foldChecksum(sum));
    // RFC 1624: 0x0000 and 0xffff are the same value in one's complement.
    const bool good = calc == *ck || (calc == 0 && *ck == 0xffff) || (calc == 0xffff && *ck == 0);
    s.tcpChecksumComputed = calc;
    const bool offload =
        !good && (ctx.options.assumeChecksumOffload || isLoopback(s.src) || isLoopback(s.dst) ||
                  s.src == s.dst || *ck == foldChecksum(partial) ||
                  *ck == static_cast<uint16_t>(~foldChecksum(partial)) || *ck == 0);
    s.tcpChecksumStatus = good      ? ChecksumStatus::Good
                          : offload ? ChecksumStatus::Offloaded
                                    : ChecksumStatus::Bad;
    ctx.setShown(n.checksum, ctx.text([&] {
        return Shown::val(hex4(*ck) + (good      ? " [correct]"
                                       : offload ? " [unverified, likely offloaded]"
                                                 : " [incorrect, should be " + hex4(calc) + "]"));
    }));
    ctx.addGenerated(n.tcp, hfTcp.checksumCalc, uint64_t(calc));
    if (offload)
        ctx.note(n.checksum, Severity::Note, "tcp.checksum.offloaded",
                 noteText("tcp.checksum.offloaded", {{"calc", hex4(calc)}}));
    else if (!good)
        ctx.note(n.checksum, Severity::Error, "tcp.checksum_bad",
                 noteText("tcp.checksum_bad", {{"calc", hex4(calc)}}));
    return good ? 1 : offload ? 2 : 0;
}

// The payload's bytes, then the payload protocol registered on its ports, lower port first
// (as Wireshark's decode_tcp_ports). It runs on the first pass too, where it only claims the
// packet (its top protocol).
void dissectPayload(DissectContext& ctx, int32_t tcp) {
    PacketSummary& s = *ctx.summary;
    if (s.payloadLength == 0) return;
    if (s.payloadCaptured < s.payloadLength) {
        s.problems |= Problem::PayloadTruncated;
        if (s.payloadCaptured == 0 && tcp >= 0) // the message is built only for a node
            ctx.note(
                tcp, Severity::Note, "_ws.truncated",
                noteText("_ws.truncated.tcp-payload-none", {{"length", num(s.payloadLength)}}));
    }
    if (s.payloadCaptured == 0) return;
    if (ctx.wants(hfTcp.payload)) {
        auto pl = ctx.bytes.bytes(s.payloadOffset, s.payloadCaptured);
        int32_t n =
            ctx.add(tcp, hfTcp.payload, s.payloadOffset, s.payloadCaptured, pl, ctx.text([&] {
                return Shown::title("TCP payload (" + num(s.payloadLength) + " bytes)");
            }));
        if (s.payloadCaptured < s.payloadLength)
            ctx.note(n, Severity::Note, "_ws.truncated",
                     noteText("_ws.truncated.tcp-payload", {{"have", num(s.payloadCaptured)},
                                                            {"length", num(s.payloadLength)}}));
    }
    auto& ports = DissectorTables::instance().tcpPort;
    DissectFn fn = ports.find(std::min(s.srcPort, s.dstPort));
    if (!fn) fn = ports.find(std::max(s.srcPort, s.dstPort));
    if (fn) fn(ctx, s.payloadOffset, s.payloadCaptured, -1);
}

uint32_t dissectTcp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    PacketSummary& s = *ctx.summary;
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    s.tcpOffset = offset;
    ctx.setProtocol(hfTcp.tcp);
    const TcpNodes n = dissectFixedHeader(ctx, offset, have);
    if (auto fault = headerFault(ctx, n, length, have)) return *fault;
    const uint32_t hdrLen = s.dataOffset * 4u;
    if (ctx.tree) ctx.tree->setLength(n.tcp, std::min(hdrLen, have));
    setPayloadBounds(ctx, n.tcp, offset, length);
    if (hdrLen > 20 && have < hdrLen) {
        s.problems |= Problem::TcpTruncated;
        ctx.note(n.tcp, Severity::Error, "_ws.truncated",
                 noteText("_ws.truncated.tcp-options",
                          {{"headerLength", num(hdrLen)}, {"have", num(have)}}));
        // Decode the options that were captured; the walker stops at the end of the bytes.
        dissectOptions(ctx, offset + 20, have - 20, n.tcp);
        ctx.addGenerated(n.tcp, hfTcp.checksumStatus, uint64_t(2));
        ctx.addGenerated(n.tcp, hfTcp.len, uint64_t(s.payloadLength));
        return length;
    }
    if (hdrLen > 20) dissectOptions(ctx, offset + 20, hdrLen - 20, n.tcp);
    ctx.addGenerated(n.tcp, hfTcp.checksumStatus, verifyChecksum(ctx, n, offset, length));
    ctx.addGenerated(n.tcp, hfTcp.len, uint64_t(s.payloadLength));
    dissectPayload(ctx, n.tcp);
    return length;
}

} // namespace

void plainTcpFields(DissectContext& ctx, const PlainTcp& plain) {
    PacketSummary& s = *ctx.summary;
    const uint8_t* t = ctx.frame->data.data() + plain.tcp;
    ctx.setProtocol(hfTcp.tcp);
    s.hasTcp = true;
    s.tcpOffset = plain.tcp;
    s.srcPort = loadBe16(t);
    s.dstPort = loadBe16(t + 2);
    s.seq = loadBe32(t + 4);
    s.ack = loadBe32(t + 8);
    s.dataOffset = uint8_t(t[12] >> 4);
    s.flags = loadBe16(t + 12) & 0x0fff;
    s.window = loadBe16(t + 14);
    s.tcpChecksum = loadBe16(t + 16);
    s.urgentPointer = loadBe16(t + 18);
    s.optionsOffset = plain.tcp + 20;
    s.optionsLength = plain.headerLength - 20;
    s.payloadOffset = plain.tcp + plain.headerLength;
    s.payloadLength = plain.tcpLength - plain.headerLength;
    s.payloadCaptured = s.payloadLength; // a plain frame is captured whole
    s.options = plain.options;
    dissectPayload(ctx, -1);
}

void registerTcp() {
    FieldRegistry::instance().add(kFields);
    DissectorTables::instance().ipProto.add(6, dissectTcp);
}

} // namespace tcpscope::proto
