// SPDX-License-Identifier: GPL-2.0-or-later
// TCP options, one dissector per kind registered in the tcp.option table. The option walker in
// tcp.cpp has already checked that [offset, offset+length) lies inside the TCP header.
#include "tcp_fields.h"

namespace tcpscope::proto {

namespace {

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct TcpOptionFields {
    FieldId eol, nop, mss, mssVal, wscale, wsShift, wsMult, sackPerm, sack, sackLe, sackRe,
        sackCount, ts, tsval, tsecr, md5, md5Digest, uto, utoGran, utoVal, ao, aoKeyid, aoRnext,
        aoMac, mptcp, mpSubtype, mpVersion, mpFlags, mpSendkey, mpRecvkey, mpRecvtok, mpSendrand,
        mpSendtrunchmac, mpSendhmac, mpAddrid, mpDataack, mpDsn, mpSsn, mpDll, mpChecksum, mpIpver,
        mpIpv4, mpIpv6, mpPort, mpRstReason, mpAddaddrHmac, tfo, tfoRequest, tfoCookie, accecn,
        accecnEe0b, accecnEceb, accecnEe1b, exp, expExid, expData, unknown, unknownPayload;
};
TcpOptionFields hfOpt;

const ValueName kMptcpSubtypes[] = {
    {0, "Multipath Capable"}, {1, "Join Connection"}, {2, "Data Sequence Signal"},
    {3, "Add Address"},       {4, "Remove Address"},  {5, "Change Subflow Priority"},
    {6, "TCP Fallback"},      {7, "Fast Close"},      {8, "Subflow Reset"}};
const ValueName kExids[] = {{0xf989, "TCP Fast Open"},
                            {0xacc0, "Accurate ECN Order 0"},
                            {0xacc1, "Accurate ECN Order 1"},
                            {0x454e, "TCP-ENO"}};

constexpr auto P = FieldType::Protocol;
const FieldDef kFields[] = {
    {.handle = &hfOpt.eol,
     .abbrev = "tcp.options.eol",
     .name = "TCP Option - End of Option List (EOL)",
     .shortName = "EOL",
     .type = P,
     .explanation =
         "Marks the end of the options; the rest of the header (to the data offset) is padding."},
    {.handle = &hfOpt.nop,
     .abbrev = "tcp.options.nop",
     .name = "TCP Option - No-Operation (NOP)",
     .shortName = "NOP",
     .type = P,
     .explanation = "A one-byte filler used to align the next option on a 4-byte boundary."},
    {.handle = &hfOpt.mss,
     .abbrev = "tcp.options.mss",
     .name = "TCP Option - Maximum segment size",
     .shortName = "MSS",
     .type = P,
     .explanation =
         "Maximum Segment Size (kind 2, only on SYNs): the largest payload this side wants to "
         "receive in one segment, usually the MTU minus 40 (1460 on Ethernet)."},
    {.handle = &hfOpt.mssVal,
     .abbrev = "tcp.options.mss_val",
     .name = "MSS Value",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "The largest TCP payload, in bytes, the sender of this SYN is willing to receive."},
    {.handle = &hfOpt.wscale,
     .abbrev = "tcp.options.wscale",
     .name = "TCP Option - Window scale",
     .shortName = "Window scale",
     .type = P,
     .explanation =
         "Window Scale (RFC 7323, kind 3, only on SYNs): both sides must send it for scaling to be "
         "used; afterwards each window field is shifted left by the sender's shift count."},
    {.handle = &hfOpt.wsShift,
     .abbrev = "tcp.options.wscale.shift",
     .name = "Shift count",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "How many bits to shift this side's window values left (at most 14)."},
    {.handle = &hfOpt.wsMult,
     .abbrev = "tcp.options.wscale.multiplier",
     .name = "Multiplier",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "2 to the power of the shift count: the factor applied to later window values."},
    {.handle = &hfOpt.sackPerm,
     .abbrev = "tcp.options.sack_perm",
     .name = "TCP Option - SACK permitted",
     .shortName = "SACK permitted",
     .type = P,
     .explanation =
         "SACK Permitted (RFC 2018, kind 4, only on SYNs): this side can receive selective "
         "acknowledgments."},
    {.handle = &hfOpt.sack,
     .abbrev = "tcp.options.sack",
     .name = "TCP Option - SACK",
     .shortName = "SACK",
     .type = P,
     .explanation =
         "Selective Acknowledgment (RFC 2018, kind 5): up to four ranges of bytes received beyond "
         "the cumulative ACK, so the sender retransmits only the holes."},
    {.handle = &hfOpt.sackLe,
     .abbrev = "tcp.options.sack_le",
     .name = "TCP SACK Left Edge",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "First sequence number of a block received out of order."},
    {.handle = &hfOpt.sackRe,
     .abbrev = "tcp.options.sack_re",
     .name = "TCP SACK Right Edge",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Sequence number just after the last byte of that block."},
    {.handle = &hfOpt.sackCount,
     .abbrev = "tcp.options.sack.count",
     .name = "TCP SACK Count",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Number of SACK blocks in the option."},
    {.handle = &hfOpt.ts,
     .abbrev = "tcp.options.timestamp",
     .name = "TCP Option - Timestamps",
     .shortName = "Timestamps",
     .type = P,
     .explanation =
         "Timestamps (RFC 7323, kind 8): the sender's clock value and the last value received from "
         "the peer. Used to measure round-trip time and to protect against wrapped sequence "
         "numbers (PAWS)."},
    {.handle = &hfOpt.tsval,
     .abbrev = "tcp.options.timestamp.tsval",
     .name = "Timestamp value",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "TSval: the sender's timestamp clock when it sent this segment."},
    {.handle = &hfOpt.tsecr,
     .abbrev = "tcp.options.timestamp.tsecr",
     .name = "Timestamp echo reply",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "TSecr: the most recent TSval received from the peer (0 on the first SYN)."},
    {.handle = &hfOpt.md5,
     .abbrev = "tcp.options.md5",
     .name = "TCP Option - TCP MD5 signature",
     .shortName = "MD5 signature",
     .type = P,
     .explanation =
         "TCP MD5 Signature (RFC 2385, kind 19): protects BGP sessions with a shared secret."},
    {.handle = &hfOpt.md5Digest,
     .abbrev = "tcp.options.md5.digest",
     .name = "MD5 digest",
     .type = FieldType::Bytes,
     .explanation = "The 16-byte MD5 digest over the segment and the shared key."},
    {.handle = &hfOpt.uto,
     .abbrev = "tcp.options.user_to",
     .name = "TCP Option - User Timeout",
     .shortName = "User Timeout",
     .type = P,
     .explanation =
         "User Timeout (RFC 5482, kind 28): how long the sender will wait for data to be "
         "acknowledged before giving up on the connection."},
    {.handle = &hfOpt.utoGran,
     .abbrev = "tcp.options.user_to_granularity",
     .name = "Granularity",
     .type = FieldType::Bool,
     .bitmask = 0x8000,
     .explanation = "Set: the timeout is in minutes; clear: in seconds.",
     .parentBits = 16},
    {.handle = &hfOpt.utoVal,
     .abbrev = "tcp.options.user_to_val",
     .name = "User Timeout",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x7fff,
     .explanation = "The timeout value.",
     .parentBits = 16},
    {.handle = &hfOpt.ao,
     .abbrev = "tcp.options.ao",
     .name = "TCP Option - TCP AO",
     .shortName = "TCP-AO",
     .type = P,
     .explanation =
         "TCP Authentication Option (RFC 5925, kind 29): MD5's successor, with key IDs."},
    {.handle = &hfOpt.aoKeyid,
     .abbrev = "tcp.options.ao.keyid",
     .name = "AO KeyID",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Which master key tuple signed this segment."},
    {.handle = &hfOpt.aoRnext,
     .abbrev = "tcp.options.ao.rnextkeyid",
     .name = "AO RNextKeyID",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "The key the sender wants to receive next."},
    {.handle = &hfOpt.aoMac,
     .abbrev = "tcp.options.ao.mac",
     .name = "AO MAC",
     .type = FieldType::Bytes,
     .explanation = "The message authentication code."},
    {.handle = &hfOpt.mptcp,
     .abbrev = "tcp.options.mptcp",
     .name = "TCP Option - Multipath TCP",
     .shortName = "MPTCP",
     .type = P,
     .explanation =
         "Multipath TCP (RFC 8684, kind 30): lets one connection use several paths (subflows); "
         "the subtype says which MPTCP signal this is."},
    {.handle = &hfOpt.mpSubtype,
     .abbrev = "tcp.options.mptcp.subtype",
     .name = "Multipath TCP subtype",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0xf0,
     .values = kMptcpSubtypes,
     .explanation = "MP_CAPABLE, MP_JOIN, DSS, ADD_ADDR, ...",
     .parentBits = 8},
    {.handle = &hfOpt.mpVersion,
     .abbrev = "tcp.options.mptcp.version",
     .name = "Multipath TCP version",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0x0f,
     .explanation = "MPTCP protocol version (0: RFC 6824, 1: RFC 8684).",
     .parentBits = 8},
    {.handle = &hfOpt.mpFlags,
     .abbrev = "tcp.options.mptcp.flags",
     .name = "Multipath TCP flags",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Subtype-specific flag bits."},
    {.handle = &hfOpt.mpSendkey,
     .abbrev = "tcp.options.mptcp.sendkey",
     .name = "Sender's Key",
     .type = FieldType::UInt64,
     .base = Base::Dec,
     .explanation = "64-bit key the sender uses for this MPTCP connection."},
    {.handle = &hfOpt.mpRecvkey,
     .abbrev = "tcp.options.mptcp.recvkey",
     .name = "Receiver's Key",
     .type = FieldType::UInt64,
     .base = Base::Dec,
     .explanation = "The peer's key, echoed."},
    {.handle = &hfOpt.mpRecvtok,
     .abbrev = "tcp.options.mptcp.recvtok",
     .name = "Receiver's Token",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Identifies the MPTCP connection a new subflow joins."},
    {.handle = &hfOpt.mpSendrand,
     .abbrev = "tcp.options.mptcp.sendrand",
     .name = "Sender's Random Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Nonce for the join authentication."},
    {.handle = &hfOpt.mpSendtrunchmac,
     .abbrev = "tcp.options.mptcp.sendtrunchmac",
     .name = "Sender's Truncated HMAC",
     .type = FieldType::UInt64,
     .base = Base::Dec,
     .explanation = "Leftmost 64 bits of the join HMAC."},
    {.handle = &hfOpt.mpSendhmac,
     .abbrev = "tcp.options.mptcp.sendhmac",
     .name = "Sender's HMAC",
     .type = FieldType::Bytes,
     .explanation = "160-bit HMAC that completes a join."},
    {.handle = &hfOpt.mpAddrid,
     .abbrev = "tcp.options.mptcp.addrid",
     .name = "Address ID",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Identifier of an address of the sender."},
    {.handle = &hfOpt.mpDataack,
     .abbrev = "tcp.options.mptcp.rawdataack",
     .name = "Original MPTCP Data ACK",
     .type = FieldType::UInt64,
     .base = Base::Dec,
     .explanation = "Connection-level cumulative acknowledgment."},
    {.handle = &hfOpt.mpDsn,
     .abbrev = "tcp.options.mptcp.rawdataseqno",
     .name = "Data Sequence Number",
     .type = FieldType::UInt64,
     .base = Base::Dec,
     .explanation = "Connection-level sequence number of the mapped data."},
    {.handle = &hfOpt.mpSsn,
     .abbrev = "tcp.options.mptcp.subflowseqno",
     .name = "Subflow Sequence Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Subflow-relative sequence number where the mapping starts."},
    {.handle = &hfOpt.mpDll,
     .abbrev = "tcp.options.mptcp.datalvllen",
     .name = "Data-level Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Length of the data mapping."},
    {.handle = &hfOpt.mpChecksum,
     .abbrev = "tcp.options.mptcp.checksum",
     .name = "Checksum",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "DSS checksum over the mapping."},
    {.handle = &hfOpt.mpIpver,
     .abbrev = "tcp.options.mptcp.ipver",
     .name = "IP version",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0x0f,
     .explanation = "Address family of an advertised address (MPTCP v0).",
     .parentBits = 8},
    {.handle = &hfOpt.mpIpv4,
     .abbrev = "tcp.options.mptcp.ipv4",
     .name = "Advertised IPv4 Address",
     .type = FieldType::IPv4,
     .explanation = "An extra address the peer may open subflows to."},
    {.handle = &hfOpt.mpIpv6,
     .abbrev = "tcp.options.mptcp.ipv6",
     .name = "Advertised IPv6 Address",
     .type = FieldType::IPv6,
     .explanation = "An extra address the peer may open subflows to."},
    {.handle = &hfOpt.mpPort,
     .abbrev = "tcp.options.mptcp.port",
     .name = "Advertised port",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Port for the advertised address."},
    {.handle = &hfOpt.mpRstReason,
     .abbrev = "tcp.options.mptcp.rst_reason",
     .name = "TCPRST Reason",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Why the subflow was reset."},
    {.handle = &hfOpt.mpAddaddrHmac,
     .abbrev = "tcp.options.mptcp.addaddrtrunchmac",
     .name = "Truncated HMAC",
     .type = FieldType::UInt64,
     .base = Base::Dec,
     .explanation = "HMAC authenticating the advertised address."},
    {.handle = &hfOpt.tfo,
     .abbrev = "tcp.options.tfo",
     .name = "TCP Option - TCP Fast Open",
     .shortName = "Fast Open",
     .type = P,
     .explanation =
         "TCP Fast Open (RFC 7413, kind 34; as experimental option 254/0xF989 it is filed under "
         "tcp.options.experimental): a cookie that lets a "
         "returning client send data in its SYN, saving a round trip."},
    {.handle = &hfOpt.tfoRequest,
     .abbrev = "tcp.options.tfo.request",
     .name = "Fast Open Cookie Request",
     .type = FieldType::None,
     .explanation = "An empty cookie: the client asks the server for a cookie."},
    {.handle = &hfOpt.tfoCookie,
     .abbrev = "tcp.options.tfo.cookie",
     .name = "Fast Open Cookie",
     .type = FieldType::Bytes,
     .explanation = "The cookie the server issued."},
    {.handle = &hfOpt.accecn,
     .abbrev = "tcp.options.acc_ecn",
     .name = "TCP Option - Accurate ECN",
     .shortName = "AccECN",
     .type = P,
     .explanation = "AccECN option (kinds 172/174): byte counters of ECN-marked data received."},
    {.handle = &hfOpt.accecnEe0b,
     .abbrev = "tcp.options.acc_ecn.ee0b",
     .name = "Accurate ECN Echo ECT(0) Byte Counter",
     .type = FieldType::UInt24,
     .base = Base::Dec,
     .explanation = "Bytes received marked ECT(0)."},
    {.handle = &hfOpt.accecnEceb,
     .abbrev = "tcp.options.acc_ecn.eceb",
     .name = "Accurate ECN Echo CE Byte Counter",
     .type = FieldType::UInt24,
     .base = Base::Dec,
     .explanation = "Bytes received marked CE (congestion experienced)."},
    {.handle = &hfOpt.accecnEe1b,
     .abbrev = "tcp.options.acc_ecn.ee1b",
     .name = "Accurate ECN Echo ECT(1) Byte Counter",
     .type = FieldType::UInt24,
     .base = Base::Dec,
     .explanation = "Bytes received marked ECT(1)."},
    {.handle = &hfOpt.exp,
     .abbrev = "tcp.options.experimental",
     .name = "TCP Option - Experimental",
     .shortName = "Experimental",
     .type = P,
     .explanation =
         "Experimental option (RFC 4727 kinds 253/254), shared via a 16-bit experiment ID "
         "(RFC 6994)."},
    {.handle = &hfOpt.expExid,
     .abbrev = "tcp.options.experimental.exid",
     .name = "Experiment Identifier",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kExids,
     .explanation = "Which experiment: 0xF989 TCP Fast Open, 0xACC0/0xACC1 AccECN."},
    {.handle = &hfOpt.expData,
     .abbrev = "tcp.options.experimental.data",
     .name = "Data",
     .type = FieldType::Bytes,
     .explanation = "Experiment-specific bytes."},
    {.handle = &hfOpt.unknown,
     .abbrev = "tcp.options.unknown",
     .name = "TCP Option - Unknown",
     .shortName = "Unknown option",
     .type = P,
     .explanation =
         "An option kind TcpScope does not know. The length byte still lets the rest be read."},
    {.handle = &hfOpt.unknownPayload,
     .abbrev = "tcp.options.unknown.payload",
     .name = "Payload",
     .type = FieldType::Bytes,
     .explanation = "The option's bytes after kind and length."},
};

std::vector<uint8_t> bytesAt(DissectContext& ctx, uint32_t off, uint32_t len) {
    auto b = ctx.bytes.bytes(off, len);
    return {b.begin(), b.end()};
}

// The option's own node plus its kind and length children. Out of line: only a tree gets
// here; optionNode() is inline, so an option read on the first pass costs no call for it.
int32_t optionNodeInTree(DissectContext& ctx, FieldId field, uint32_t offset, uint32_t length,
                         const Shown& shown, int32_t parent) {
    int32_t n = ctx.add(parent, field, offset, length, std::monostate{}, shown);
    ctx.add(n, hfTcp.optionKind, offset, 1, uint64_t(*ctx.bytes.u8(offset)));
    if (length > 1) ctx.add(n, hfTcp.optionLen, offset + 1, 1, uint64_t(length));
    return n;
}
inline int32_t optionNode(DissectContext& ctx, FieldId field, uint32_t offset, uint32_t length,
                          const Shown& shown, int32_t parent) {
    return ctx.tree ? optionNodeInTree(ctx, field, offset, length, shown, parent) : -1;
}

// An option whose length is not `want`: noted with the note text `key` ({length}, {want}).
[[gnu::cold]] bool noteWrongLength(DissectContext& ctx, int32_t node, uint32_t length,
                                   uint32_t want, std::string_view key) {
    ctx.summary->problems |= Problem::OptionsMalformed;
    ctx.note(node, Severity::Error, "tcp.option.len.invalid",
             noteText(key, {{"length", num(length)}, {"want", num(want)}}));
    return true;
}
inline bool wrongLength(DissectContext& ctx, int32_t node, uint32_t length, uint32_t want,
                        std::string_view key) {
    return length != want && noteWrongLength(ctx, node, length, want, key);
}

uint32_t dEol(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    optionNode(ctx, hfOpt.eol, off, 1, kNoShown, parent);
    return 1;
}
uint32_t dNop(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    optionNode(ctx, hfOpt.nop, off, 1, kNoShown, parent);
    return 1;
}

uint32_t dMss(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto v = ctx.bytes.u16(off + 2);
    int32_t n = optionNode(
        ctx, hfOpt.mss, off, len,
        ctx.text([&] { return len == 4 && v ? Shown::val(num(*v) + " bytes") : Shown(); }), parent);
    if (wrongLength(ctx, n, len, 4, "tcp.option.len.invalid.mss")) return len;
    ctx.summary->options.mss = *v;
    ctx.add(n, hfOpt.mssVal, off + 2, 2, uint64_t(*v));
    if (!(ctx.summary->flags & TcpFlag::Syn))
        ctx.note(n, Severity::Warning, "tcp.options.mss.present",
                 noteText("tcp.options.mss.present"));
    return len;
}

uint32_t dWscale(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto shift = ctx.bytes.u8(off + 2);
    int32_t n = optionNode(ctx, hfOpt.wscale, off, len, ctx.text([&] {
        return len == 3 && shift ? Shown::val(num(*shift) + " (multiply by " +
                                              num(uint64_t(1) << std::min<int>(*shift, 30)) + ")")
                                 : Shown();
    }),
                           parent);
    if (wrongLength(ctx, n, len, 3, "tcp.option.len.invalid.wscale")) return len;
    ctx.summary->options.wscale = *shift;
    int32_t s = ctx.add(n, hfOpt.wsShift, off + 2, 1, uint64_t(*shift));
    ctx.addGenerated(n, hfOpt.wsMult, uint64_t(1) << std::min<int>(*shift, 14));
    if (*shift > 14)
        ctx.note(s, Severity::Warning, "tcp.options.wscale.shift.invalid",
                 noteText("tcp.options.wscale.shift.invalid", {{"shift", num(*shift)}}));
    return len;
}

uint32_t dSackPerm(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, hfOpt.sackPerm, off, len, kNoShown, parent);
    if (!wrongLength(ctx, n, len, 2, "tcp.option.len.invalid.sack-perm"))
        ctx.summary->options.sackPermitted = true;
    return len;
}

uint32_t dSack(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, hfOpt.sack, off, len, kNoShown, parent);
    if (len < 10 || (len - 2) % 8 != 0) {
        ctx.summary->problems |= Problem::OptionsMalformed;
        ctx.note(n, Severity::Error, "tcp.option.len.invalid",
                 noteText("tcp.option.len.invalid.sack", {{"length", num(len)}}));
    }
    TcpOptionSummary& o = ctx.summary->options;
    uint32_t blocks = len >= 2 ? (len - 2) / 8 : 0;
    std::string text;
    if (ctx.tree && ctx.options.displayText) text = "TCP Option - SACK";
    for (uint32_t i = 0; i < blocks; ++i) {
        uint32_t le = *ctx.bytes.u32(off + 2 + i * 8), re = *ctx.bytes.u32(off + 6 + i * 8);
        ctx.add(n, hfOpt.sackLe, off + 2 + i * 8, 4, uint64_t(le));
        ctx.add(n, hfOpt.sackRe, off + 6 + i * 8, 4, uint64_t(re));
        if (o.sackCount < o.sack.size()) o.sack[o.sackCount++] = {le, re};
        if (ctx.tree && ctx.options.displayText) text += " " + num(le) + "-" + num(re);
    }
    if (ctx.tree && ctx.options.displayText) ctx.setShown(n, Shown::title(text)); // no ": "
    ctx.addGenerated(n, hfOpt.sackCount, uint64_t(blocks));
    return len;
}

uint32_t dTimestamp(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto val = ctx.bytes.u32(off + 2), ecr = ctx.bytes.u32(off + 6);
    int32_t n = optionNode(ctx, hfOpt.ts, off, len, ctx.text([&] {
        return len == 10 ? Shown::val("TSval " + num(*val) + ", TSecr " + num(*ecr)) : Shown();
    }),
                           parent);
    if (wrongLength(ctx, n, len, 10, "tcp.option.len.invalid.timestamps")) return len;
    TcpOptionSummary& o = ctx.summary->options;
    o.hasTimestamp = true;
    o.tsVal = *val;
    o.tsEcr = *ecr;
    ctx.add(n, hfOpt.tsval, off + 2, 4, uint64_t(*val));
    ctx.add(n, hfOpt.tsecr, off + 6, 4, uint64_t(*ecr));
    return len;
}

uint32_t dMd5(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, hfOpt.md5, off, len, kNoShown, parent);
    if (wrongLength(ctx, n, len, 18, "tcp.option.len.invalid.md5")) return len;
    ctx.add(n, hfOpt.md5Digest, off + 2, 16, bytesAt(ctx, off + 2, 16));
    return len;
}

uint32_t dUserTimeout(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto v = ctx.bytes.u16(off + 2);
    int32_t n = optionNode(ctx, hfOpt.uto, off, len, kNoShown, parent);
    if (wrongLength(ctx, n, len, 4, "tcp.option.len.invalid.user-timeout")) return len;
    bool minutes = *v & 0x8000;
    ctx.setShown(n, ctx.text([&] {
        return Shown::val(num(*v & 0x7fff) + (minutes ? " minutes" : " seconds"));
    }));
    ctx.add(n, hfOpt.utoGran, off + 2, 2, uint64_t(minutes), kNoShown, 0x8000);
    ctx.add(n, hfOpt.utoVal, off + 2, 2, uint64_t(*v & 0x7fff), kNoShown, 0x7fff);
    return len;
}

uint32_t dAo(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, hfOpt.ao, off, len, kNoShown, parent);
    if (len < 4) {
        ctx.summary->problems |= Problem::OptionsMalformed;
        ctx.note(n, Severity::Error, "tcp.option.len.invalid",
                 noteText("tcp.option.len.invalid.tcp-ao", {{"length", num(len)}}));
        return len;
    }
    ctx.add(n, hfOpt.aoKeyid, off + 2, 1, uint64_t(*ctx.bytes.u8(off + 2)));
    ctx.add(n, hfOpt.aoRnext, off + 3, 1, uint64_t(*ctx.bytes.u8(off + 3)));
    if (len > 4) ctx.add(n, hfOpt.aoMac, off + 4, len - 4, bytesAt(ctx, off + 4, len - 4));
    return len;
}

// An MPTCP option shorter than `need`: noted with the note text `key` ({need}, {length}, and
// {subtype}, the subtype's name from RFC 8684: "MP_JOIN").
bool mptcpShort(DissectContext& ctx, int32_t n, uint32_t len, uint32_t need, std::string_view key,
                std::string_view subtype = {}) {
    if (len >= need) return false;
    ctx.summary->problems |= Problem::OptionsMalformed;
    ctx.note(
        n, Severity::Error, "tcp.options.mptcp.short",
        noteText(key,
                 {{"subtype", std::string(subtype)}, {"need", num(need)}, {"length", num(len)}}));
    return true;
}

// Reads at offsets from an MPTCP option's kind byte (the option's length was checked first).
struct MptcpBytes {
    const DissectContext& ctx;
    uint32_t off;
    uint64_t u8(uint32_t o) const { return uint64_t(*ctx.bytes.u8(off + o)); }
    uint64_t u16(uint32_t o) const { return uint64_t(*ctx.bytes.u16(off + o)); }
    uint64_t u32(uint32_t o) const { return uint64_t(*ctx.bytes.u32(off + o)); }
    uint64_t u64(uint32_t o) const { return *ctx.bytes.u64(off + o); }
};

// MP_CAPABLE (RFC 8684 3.1): version, flags, the keys, and the data-level length and checksum
// of the third ACK.
void mpCapable(DissectContext& ctx, int32_t n, uint32_t off, uint32_t len, uint8_t b2) {
    if (mptcpShort(ctx, n, len, 4, "tcp.options.mptcp.short.subtype", "MP_CAPABLE")) return;
    const MptcpBytes b{ctx, off};
    ctx.add(n, hfOpt.mpVersion, off + 2, 1, uint64_t(b2 & 0x0f), kNoShown, 0x0f);
    ctx.add(n, hfOpt.mpFlags, off + 3, 1, b.u8(3));
    if (len >= 12) ctx.add(n, hfOpt.mpSendkey, off + 4, 8, b.u64(4));
    if (len >= 20) ctx.add(n, hfOpt.mpRecvkey, off + 12, 8, b.u64(12));
    if (len == 22 || len == 24) ctx.add(n, hfOpt.mpDll, off + 20, 2, b.u16(20));
    if (len == 24) ctx.add(n, hfOpt.mpChecksum, off + 22, 2, b.u16(22));
}

// MP_JOIN (RFC 8684 3.2): SYN (12 bytes), SYN/ACK (16), ACK (24).
void mpJoin(DissectContext& ctx, int32_t n, uint32_t off, uint32_t len, uint8_t b2) {
    if (mptcpShort(ctx, n, len, 12, "tcp.options.mptcp.short.subtype", "MP_JOIN")) return;
    const MptcpBytes b{ctx, off};
    ctx.add(n, hfOpt.mpFlags, off + 2, 1, uint64_t(b2 & 0x0f));
    if (len == 12) {
        ctx.add(n, hfOpt.mpAddrid, off + 3, 1, b.u8(3));
        ctx.add(n, hfOpt.mpRecvtok, off + 4, 4, b.u32(4));
        ctx.add(n, hfOpt.mpSendrand, off + 8, 4, b.u32(8));
    } else if (len == 16) {
        ctx.add(n, hfOpt.mpAddrid, off + 3, 1, b.u8(3));
        ctx.add(n, hfOpt.mpSendtrunchmac, off + 4, 8, b.u64(4));
        ctx.add(n, hfOpt.mpSendrand, off + 12, 4, b.u32(12));
    } else if (len == 24) {
        ctx.add(n, hfOpt.mpSendhmac, off + 4, 20, bytesAt(ctx, off + 4, 20));
    } else {
        ctx.note(n, Severity::Error, "tcp.options.mptcp.join.len",
                 noteText("tcp.options.mptcp.join.len", {{"length", num(len)}}));
    }
}

// DSS (RFC 8684 3.3): the data ACK and the mapping, each present by a flag, 4 or 8 bytes wide.
void mpDss(DissectContext& ctx, int32_t n, uint32_t off, uint32_t len) {
    if (mptcpShort(ctx, n, len, 4, "tcp.options.mptcp.short.subtype", "DSS")) return;
    const MptcpBytes b{ctx, off};
    uint8_t fl = uint8_t(b.u8(3));
    ctx.add(n, hfOpt.mpFlags, off + 3, 1, uint64_t(fl));
    uint32_t p = 4;
    if (fl & 0x01) { // data ACK present, 8 bytes if 'a'
        uint32_t w = (fl & 0x02) ? 8 : 4;
        if (mptcpShort(ctx, n, len, p + w, "tcp.options.mptcp.short.dss-data-ack")) return;
        ctx.add(n, hfOpt.mpDataack, off + p, w, w == 8 ? b.u64(p) : b.u32(p));
        p += w;
    }
    if (fl & 0x04) { // mapping present, DSN 8 bytes if 'm'
        uint32_t w = (fl & 0x08) ? 8 : 4;
        if (mptcpShort(ctx, n, len, p + w + 6, "tcp.options.mptcp.short.dss-mapping")) return;
        ctx.add(n, hfOpt.mpDsn, off + p, w, w == 8 ? b.u64(p) : b.u32(p));
        p += w;
        ctx.add(n, hfOpt.mpSsn, off + p, 4, b.u32(p));
        ctx.add(n, hfOpt.mpDll, off + p + 4, 2, b.u16(p + 4));
        p += 6;
        if (len >= p + 2) ctx.add(n, hfOpt.mpChecksum, off + p, 2, b.u16(p));
    }
}

// ADD_ADDR (RFC 8684 3.4.1): v1 has 4-bit flags with E (echo); the address family follows
// from the length.
void mpAddAddr(DissectContext& ctx, int32_t n, uint32_t off, uint32_t len, uint8_t b2) {
    if (mptcpShort(ctx, n, len, 8, "tcp.options.mptcp.short.subtype", "ADD_ADDR")) return;
    const MptcpBytes b{ctx, off};
    ctx.add(n, hfOpt.mpIpver, off + 2, 1, uint64_t(b2 & 0x0f), kNoShown, 0x0f);
    ctx.add(n, hfOpt.mpAddrid, off + 3, 1, b.u8(3));
    bool v6 = len == 20 || len == 22 || len == 28 || len == 30;
    if (v6 && len >= 20) {
        ctx.add(n, hfOpt.mpIpv6, off + 4, 16, bytesAt(ctx, off + 4, 16));
        if (len == 22 || len == 30) ctx.add(n, hfOpt.mpPort, off + 20, 2, b.u16(20));
        if (len >= 28) ctx.add(n, hfOpt.mpAddaddrHmac, off + len - 8, 8, b.u64(len - 8));
    } else {
        ctx.add(n, hfOpt.mpIpv4, off + 4, 4, b.u32(4));
        if (len == 10 || len == 18) ctx.add(n, hfOpt.mpPort, off + 8, 2, b.u16(8));
        if (len >= 16) ctx.add(n, hfOpt.mpAddaddrHmac, off + len - 8, 8, b.u64(len - 8));
    }
}

uint32_t dMptcp(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, hfOpt.mptcp, off, len, kNoShown, parent);
    if (mptcpShort(ctx, n, len, 3, "tcp.options.mptcp.short.subtype", "Multipath TCP")) return len;
    uint8_t b2 = *ctx.bytes.u8(off + 2);
    uint8_t subtype = b2 >> 4;
    auto name = valueName(kMptcpSubtypes, subtype);
    ctx.setShown(n, ctx.text([&] {
        return Shown::title("TCP Option - Multipath TCP (" +
                            (name.empty() ? "subtype " + num(subtype) : std::string(name)) + ")");
    }));
    ctx.add(n, hfOpt.mpSubtype, off + 2, 1, uint64_t(subtype), kNoShown, 0xf0);
    const MptcpBytes b{ctx, off};
    switch (subtype) {
    case 0:
        mpCapable(ctx, n, off, len, b2);
        break;
    case 1:
        mpJoin(ctx, n, off, len, b2);
        break;
    case 2:
        mpDss(ctx, n, off, len);
        break;
    case 3:
        mpAddAddr(ctx, n, off, len, b2);
        break;
    case 4: // REMOVE_ADDR: a list of address IDs
        for (uint32_t p = 3; p < len; ++p) ctx.add(n, hfOpt.mpAddrid, off + p, 1, b.u8(p));
        break;
    case 5: // MP_PRIO
        ctx.add(n, hfOpt.mpFlags, off + 2, 1, uint64_t(b2 & 0x0f));
        if (len >= 4) ctx.add(n, hfOpt.mpAddrid, off + 3, 1, b.u8(3));
        break;
    case 6: // MP_FAIL
        if (mptcpShort(ctx, n, len, 12, "tcp.options.mptcp.short.subtype", "MP_FAIL")) break;
        ctx.add(n, hfOpt.mpDsn, off + 4, 8, b.u64(4));
        break;
    case 7: // MP_FASTCLOSE
        if (mptcpShort(ctx, n, len, 12, "tcp.options.mptcp.short.subtype", "MP_FASTCLOSE")) break;
        ctx.add(n, hfOpt.mpRecvkey, off + 4, 8, b.u64(4));
        break;
    case 8: // MP_TCPRST
        if (mptcpShort(ctx, n, len, 4, "tcp.options.mptcp.short.subtype", "MP_TCPRST")) break;
        ctx.add(n, hfOpt.mpFlags, off + 2, 1, uint64_t(b2 & 0x0f));
        ctx.add(n, hfOpt.mpRstReason, off + 3, 1, b.u8(3));
        break;
    default:
        ctx.note(n, Severity::Warning, "tcp.options.mptcp.subtype.unknown",
                 noteText("tcp.options.mptcp.subtype.unknown", {{"subtype", num(subtype)}}));
    }
    return len;
}

void tfoBody(DissectContext& ctx, int32_t n, uint32_t cookieOff, uint32_t cookieLen) {
    if (cookieLen == 0) {
        ctx.add(n, hfOpt.tfoRequest, cookieOff, 0, std::monostate{});
        ctx.setShown(n, ctx.text([] { return Shown::val("Fast Open Cookie Request"); }));
    } else {
        ctx.add(n, hfOpt.tfoCookie, cookieOff, cookieLen, bytesAt(ctx, cookieOff, cookieLen));
        ctx.setShown(n, ctx.text([] { return Shown::val("Fast Open Cookie"); }));
    }
}

uint32_t dTfo(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, hfOpt.tfo, off, len, kNoShown, parent);
    tfoBody(ctx, n, off + 2, len - 2);
    return len;
}

void accEcnBody(DissectContext& ctx, int32_t n, uint32_t off, uint32_t bodyLen, bool order1) {
    // Order 0: EE0B, ECEB, EE1B; order 1: EE1B, ECEB, EE0B (24-bit counters, may be omitted).
    const FieldId o0[] = {hfOpt.accecnEe0b, hfOpt.accecnEceb, hfOpt.accecnEe1b};
    const FieldId o1[] = {hfOpt.accecnEe1b, hfOpt.accecnEceb, hfOpt.accecnEe0b};
    const FieldId* order = order1 ? o1 : o0;
    for (uint32_t i = 0; i < 3 && (i + 1) * 3 <= bodyLen; ++i)
        ctx.add(n, order[i], off + i * 3, 3, uint64_t(*ctx.bytes.u24(off + i * 3)));
    if (bodyLen % 3 != 0)
        ctx.note(n, Severity::Warning, "tcp.options.acc_ecn.len",
                 noteText("tcp.options.acc_ecn.len", {{"length", num(bodyLen)}}));
}

uint32_t dAccEcn(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    uint8_t kind = *ctx.bytes.u8(off);
    int32_t n = optionNode(ctx, hfOpt.accecn, off, len, ctx.text([&] {
        return Shown::title(std::string("TCP Option - Accurate ECN Order ") +
                            (kind == 174 ? "1" : "0"));
    }),
                           parent);
    accEcnBody(ctx, n, off + 2, len - 2, kind == 174);
    return len;
}

uint32_t dExperimental(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto exid = len >= 4 ? ctx.bytes.u16(off + 2) : std::nullopt;
    if (exid && *exid == 0xf989) { // an experimental option, as Wireshark files it
        int32_t n = optionNode(ctx, hfOpt.exp, off, len, ctx.text([] {
            return Shown::title("TCP Option - Experimental: TCP Fast Open");
        }),
                               parent);
        ctx.add(n, hfOpt.expExid, off + 2, 2, uint64_t(*exid));
        tfoBody(ctx, n, off + 4, len - 4);
        return len;
    }
    if (exid && (*exid == 0xacc0 || *exid == 0xacc1)) { // filed as experimental, as Wireshark
        int32_t n = optionNode(ctx, hfOpt.exp, off, len, ctx.text([&] {
            return Shown::title(std::string("TCP Option - Experimental: Accurate ECN Order ") +
                                (*exid == 0xacc1 ? "1" : "0"));
        }),
                               parent);
        ctx.add(n, hfOpt.expExid, off + 2, 2, uint64_t(*exid));
        accEcnBody(ctx, n, off + 4, len - 4, *exid == 0xacc1);
        return len;
    }
    int32_t n = optionNode(ctx, hfOpt.exp, off, len, kNoShown, parent);
    if (exid) {
        ctx.add(n, hfOpt.expExid, off + 2, 2, uint64_t(*exid));
        if (len > 4) ctx.add(n, hfOpt.expData, off + 4, len - 4, bytesAt(ctx, off + 4, len - 4));
    } else if (len > 2) {
        ctx.add(n, hfOpt.expData, off + 2, len - 2, bytesAt(ctx, off + 2, len - 2));
    }
    return len;
}

} // namespace

uint32_t dissectUnknownOption(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, hfOpt.unknown, off, len, ctx.text([&] {
        return Shown::title("TCP Option - Unknown (kind " + num(*ctx.bytes.u8(off)) + ", " +
                            num(len) + " bytes)");
    }),
                           parent);
    if (len > 2) ctx.add(n, hfOpt.unknownPayload, off + 2, len - 2, bytesAt(ctx, off + 2, len - 2));
    return len;
}

void registerTcpOptions() {
    FieldRegistry::instance().add(kFields);
    auto& t = DissectorTables::instance().tcpOption;
    t.add(0, dEol);
    t.add(1, dNop);
    t.add(2, dMss);
    t.add(3, dWscale);
    t.add(4, dSackPerm);
    t.add(5, dSack);
    t.add(8, dTimestamp);
    t.add(19, dMd5);
    t.add(28, dUserTimeout);
    t.add(29, dAo);
    t.add(30, dMptcp);
    t.add(34, dTfo);
    t.add(172, dAccEcn);
    t.add(174, dAccEcn);
    t.add(253, dExperimental);
    t.add(254, dExperimental);
}

} // namespace tcpscope::proto
