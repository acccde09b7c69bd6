// SPDX-License-Identifier: GPL-2.0-or-later
// TCP options, one dissector per kind registered in the tcp.option table. The option walker in
// tcp.cpp has already checked that [offset, offset+length) lies inside the TCP header.
#include "tcp_fields.h"

namespace tcpscope::proto {

namespace {

enum : int {
    O_EOL,
    O_NOP,
    O_MSS,
    O_MSS_VAL,
    O_WSCALE,
    O_WS_SHIFT,
    O_WS_MULT,
    O_SACK_PERM,
    O_SACK,
    O_SACK_LE,
    O_SACK_RE,
    O_SACK_COUNT,
    O_TS,
    O_TSVAL,
    O_TSECR,
    O_MD5,
    O_MD5_DIGEST,
    O_UTO,
    O_UTO_GRAN,
    O_UTO_VAL,
    O_AO,
    O_AO_KEYID,
    O_AO_RNEXT,
    O_AO_MAC,
    O_MPTCP,
    O_MP_SUBTYPE,
    O_MP_VERSION,
    O_MP_FLAGS,
    O_MP_SENDKEY,
    O_MP_RECVKEY,
    O_MP_RECVTOK,
    O_MP_SENDRAND,
    O_MP_SENDTRUNCHMAC,
    O_MP_SENDHMAC,
    O_MP_ADDRID,
    O_MP_DATAACK,
    O_MP_DSN,
    O_MP_SSN,
    O_MP_DLL,
    O_MP_CHECKSUM,
    O_MP_IPVER,
    O_MP_IPV4,
    O_MP_IPV6,
    O_MP_PORT,
    O_MP_RST_REASON,
    O_MP_ADDADDR_HMAC,
    O_TFO,
    O_TFO_REQUEST,
    O_TFO_COOKIE,
    O_ACCECN,
    O_ACCECN_EE0B,
    O_ACCECN_ECEB,
    O_ACCECN_EE1B,
    O_EXP,
    O_EXP_EXID,
    O_EXP_DATA,
    O_UNKNOWN,
    O_UNKNOWN_PAYLOAD,
    O_COUNT
};

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
    {"tcp.options.eol",
     "TCP Option - End of Option List (EOL)",
     P,
     Base::None,
     0,
     {},
     "Marks the end of the options; the rest of the header (to the data offset) is padding."},
    {"tcp.options.nop",
     "TCP Option - No-Operation (NOP)",
     P,
     Base::None,
     0,
     {},
     "A one-byte filler used to align the next option on a 4-byte boundary."},
    {"tcp.options.mss",
     "TCP Option - Maximum segment size",
     P,
     Base::None,
     0,
     {},
     "Maximum Segment Size (kind 2, only on SYNs): the largest payload this side wants to "
     "receive in one segment, usually the MTU minus 40 (1460 on Ethernet)."},
    {"tcp.options.mss_val",
     "MSS Value",
     FieldType::UInt16,
     Base::Dec,
     0,
     {},
     "The largest TCP payload, in bytes, the sender of this SYN is willing to receive."},
    {"tcp.options.wscale",
     "TCP Option - Window scale",
     P,
     Base::None,
     0,
     {},
     "Window Scale (RFC 7323, kind 3, only on SYNs): both sides must send it for scaling to be "
     "used; afterwards each window field is shifted left by the sender's shift count."},
    {"tcp.options.wscale.shift",
     "Shift count",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "How many bits to shift this side's window values left (at most 14)."},
    {"tcp.options.wscale.multiplier",
     "Multiplier",
     FieldType::UInt16,
     Base::Dec,
     0,
     {},
     "2 to the power of the shift count: the factor applied to later window values."},
    {"tcp.options.sack_perm",
     "TCP Option - SACK permitted",
     P,
     Base::None,
     0,
     {},
     "SACK Permitted (RFC 2018, kind 4, only on SYNs): this side can receive selective "
     "acknowledgments."},
    {"tcp.options.sack",
     "TCP Option - SACK",
     P,
     Base::None,
     0,
     {},
     "Selective Acknowledgment (RFC 2018, kind 5): up to four ranges of bytes received beyond "
     "the cumulative ACK, so the sender retransmits only the holes."},
    {"tcp.options.sack_le",
     "TCP SACK Left Edge",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "First sequence number of a block received out of order."},
    {"tcp.options.sack_re",
     "TCP SACK Right Edge",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Sequence number just after the last byte of that block."},
    {"tcp.options.sack.count",
     "TCP SACK Count",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Number of SACK blocks in the option."},
    {"tcp.options.timestamp",
     "TCP Option - Timestamps",
     P,
     Base::None,
     0,
     {},
     "Timestamps (RFC 7323, kind 8): the sender's clock value and the last value received from "
     "the peer. Used to measure round-trip time and to protect against wrapped sequence "
     "numbers (PAWS)."},
    {"tcp.options.timestamp.tsval",
     "Timestamp value",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "TSval: the sender's timestamp clock when it sent this segment."},
    {"tcp.options.timestamp.tsecr",
     "Timestamp echo reply",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "TSecr: the most recent TSval received from the peer (0 on the first SYN)."},
    {"tcp.options.md5",
     "TCP Option - TCP MD5 signature",
     P,
     Base::None,
     0,
     {},
     "TCP MD5 Signature (RFC 2385, kind 19): protects BGP sessions with a shared secret."},
    {"tcp.options.md5.digest",
     "MD5 digest",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "The 16-byte MD5 digest over the segment and the shared key."},
    {"tcp.options.user_to",
     "TCP Option - User Timeout",
     P,
     Base::None,
     0,
     {},
     "User Timeout (RFC 5482, kind 28): how long the sender will wait for data to be "
     "acknowledged before giving up on the connection."},
    {"tcp.options.user_to_granularity",
     "Granularity",
     FieldType::Bool,
     Base::None,
     0x8000,
     {},
     "Set: the timeout is in minutes; clear: in seconds.",
     16},
    {"tcp.options.user_to_val",
     "User Timeout",
     FieldType::UInt16,
     Base::Dec,
     0x7fff,
     {},
     "The timeout value.",
     16},
    {"tcp.options.ao",
     "TCP Option - TCP AO",
     P,
     Base::None,
     0,
     {},
     "TCP Authentication Option (RFC 5925, kind 29): MD5's successor, with key IDs."},
    {"tcp.options.ao.keyid",
     "AO KeyID",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Which master key tuple signed this segment."},
    {"tcp.options.ao.rnextkeyid",
     "AO RNextKeyID",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "The key the sender wants to receive next."},
    {"tcp.options.ao.mac",
     "AO MAC",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "The message authentication code."},
    {"tcp.options.mptcp",
     "TCP Option - Multipath TCP",
     P,
     Base::None,
     0,
     {},
     "Multipath TCP (RFC 8684, kind 30): lets one connection use several paths (subflows); "
     "the subtype says which MPTCP signal this is."},
    {"tcp.options.mptcp.subtype", "Multipath TCP subtype", FieldType::UInt8, Base::Dec, 0xf0,
     kMptcpSubtypes, "MP_CAPABLE, MP_JOIN, DSS, ADD_ADDR, ...", 8},
    {"tcp.options.mptcp.version",
     "Multipath TCP version",
     FieldType::UInt8,
     Base::Dec,
     0x0f,
     {},
     "MPTCP protocol version (0: RFC 6824, 1: RFC 8684).",
     8},
    {"tcp.options.mptcp.flags",
     "Multipath TCP flags",
     FieldType::UInt8,
     Base::Hex,
     0,
     {},
     "Subtype-specific flag bits."},
    {"tcp.options.mptcp.sendkey",
     "Sender's Key",
     FieldType::UInt64,
     Base::Dec,
     0,
     {},
     "64-bit key the sender uses for this MPTCP connection."},
    {"tcp.options.mptcp.recvkey",
     "Receiver's Key",
     FieldType::UInt64,
     Base::Dec,
     0,
     {},
     "The peer's key, echoed."},
    {"tcp.options.mptcp.recvtok",
     "Receiver's Token",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Identifies the MPTCP connection a new subflow joins."},
    {"tcp.options.mptcp.sendrand",
     "Sender's Random Number",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Nonce for the join authentication."},
    {"tcp.options.mptcp.sendtrunchmac",
     "Sender's Truncated HMAC",
     FieldType::UInt64,
     Base::Dec,
     0,
     {},
     "Leftmost 64 bits of the join HMAC."},
    {"tcp.options.mptcp.sendhmac",
     "Sender's HMAC",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "160-bit HMAC that completes a join."},
    {"tcp.options.mptcp.addrid",
     "Address ID",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Identifier of an address of the sender."},
    {"tcp.options.mptcp.rawdataack",
     "Original MPTCP Data ACK",
     FieldType::UInt64,
     Base::Dec,
     0,
     {},
     "Connection-level cumulative acknowledgment."},
    {"tcp.options.mptcp.rawdataseqno",
     "Data Sequence Number",
     FieldType::UInt64,
     Base::Dec,
     0,
     {},
     "Connection-level sequence number of the mapped data."},
    {"tcp.options.mptcp.subflowseqno",
     "Subflow Sequence Number",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Subflow-relative sequence number where the mapping starts."},
    {"tcp.options.mptcp.datalvllen",
     "Data-level Length",
     FieldType::UInt16,
     Base::Dec,
     0,
     {},
     "Length of the data mapping."},
    {"tcp.options.mptcp.checksum",
     "Checksum",
     FieldType::UInt16,
     Base::Hex,
     0,
     {},
     "DSS checksum over the mapping."},
    {"tcp.options.mptcp.ipver",
     "IP version",
     FieldType::UInt8,
     Base::Dec,
     0x0f,
     {},
     "Address family of an advertised address (MPTCP v0).",
     8},
    {"tcp.options.mptcp.ipv4",
     "Advertised IPv4 Address",
     FieldType::IPv4,
     Base::None,
     0,
     {},
     "An extra address the peer may open subflows to."},
    {"tcp.options.mptcp.ipv6",
     "Advertised IPv6 Address",
     FieldType::IPv6,
     Base::None,
     0,
     {},
     "An extra address the peer may open subflows to."},
    {"tcp.options.mptcp.port",
     "Advertised port",
     FieldType::UInt16,
     Base::Dec,
     0,
     {},
     "Port for the advertised address."},
    {"tcp.options.mptcp.rst_reason",
     "TCPRST Reason",
     FieldType::UInt8,
     Base::Hex,
     0,
     {},
     "Why the subflow was reset."},
    {"tcp.options.mptcp.addaddrtrunchmac",
     "Truncated HMAC",
     FieldType::UInt64,
     Base::Dec,
     0,
     {},
     "HMAC authenticating the advertised address."},
    {"tcp.options.tfo",
     "TCP Option - TCP Fast Open",
     P,
     Base::None,
     0,
     {},
     "TCP Fast Open (RFC 7413, kind 34 or experimental 254/0xF989): a cookie that lets a "
     "returning client send data in its SYN, saving a round trip."},
    {"tcp.options.tfo.request",
     "Fast Open Cookie Request",
     FieldType::None,
     Base::None,
     0,
     {},
     "An empty cookie: the client asks the server for a cookie."},
    {"tcp.options.tfo.cookie",
     "Fast Open Cookie",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "The cookie the server issued."},
    {"tcp.options.acc_ecn",
     "TCP Option - Accurate ECN",
     P,
     Base::None,
     0,
     {},
     "AccECN option (kinds 172/174): byte counters of ECN-marked data received."},
    {"tcp.options.acc_ecn.ee0b",
     "Accurate ECN Echo ECT(0) Byte Counter",
     FieldType::UInt24,
     Base::Dec,
     0,
     {},
     "Bytes received marked ECT(0)."},
    {"tcp.options.acc_ecn.eceb",
     "Accurate ECN Echo CE Byte Counter",
     FieldType::UInt24,
     Base::Dec,
     0,
     {},
     "Bytes received marked CE (congestion experienced)."},
    {"tcp.options.acc_ecn.ee1b",
     "Accurate ECN Echo ECT(1) Byte Counter",
     FieldType::UInt24,
     Base::Dec,
     0,
     {},
     "Bytes received marked ECT(1)."},
    {"tcp.options.experimental",
     "TCP Option - Experimental",
     P,
     Base::None,
     0,
     {},
     "Experimental option (RFC 4727 kinds 253/254), shared via a 16-bit experiment ID "
     "(RFC 6994)."},
    {"tcp.options.experimental.exid", "Experiment Identifier", FieldType::UInt16, Base::Hex, 0,
     kExids, "Which experiment: 0xF989 TCP Fast Open, 0xACC0/0xACC1 AccECN."},
    {"tcp.options.experimental.data",
     "Data",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "Experiment-specific bytes."},
    {"tcp.options.unknown",
     "TCP Option - Unknown",
     P,
     Base::None,
     0,
     {},
     "An option kind TcpScope does not know. The length byte still lets the rest be read."},
    {"tcp.options.unknown.payload",
     "Payload",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "The option's bytes after kind and length."},
};
FieldId g_base = 0;
FieldId ofid(int i) {
    return static_cast<FieldId>(g_base + i);
}
using tcpf::fid;

std::vector<uint8_t> bytesAt(DissectContext& ctx, uint32_t off, uint32_t len) {
    auto b = ctx.bytes.bytes(off, len);
    return {b.begin(), b.end()};
}

// The option's own node plus its kind and length children.
int32_t optionNode(DissectContext& ctx, int field, uint32_t offset, uint32_t length,
                   std::string_view text, int32_t parent) {
    if (!ctx.tree) return -1;
    int32_t n = ctx.add(parent, ofid(field), offset, length, std::monostate{}, text);
    ctx.add(n, fid(F_OPTION_KIND), offset, 1, uint64_t(*ctx.bytes.u8(offset)));
    if (length > 1) ctx.add(n, fid(F_OPTION_LEN), offset + 1, 1, uint64_t(length));
    return n;
}

bool wrongLength(DissectContext& ctx, int32_t node, uint32_t length, uint32_t want,
                 std::string_view what) {
    if (length == want) return false;
    ctx.summary->problems |= Problem::OptionsMalformed;
    ctx.note(node, Severity::Error, "tcp.option.len.invalid",
             std::string(what) + " option length " + num(length) + " is wrong (should be " +
                 num(want) + ")");
    return true;
}

uint32_t dEol(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    optionNode(ctx, O_EOL, off, 1, "TCP Option - End of Option List (EOL)", parent);
    return 1;
}
uint32_t dNop(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    optionNode(ctx, O_NOP, off, 1, "TCP Option - No-Operation (NOP)", parent);
    return 1;
}

uint32_t dMss(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto v = ctx.bytes.u16(off + 2);
    int32_t n = optionNode(ctx, O_MSS, off, len, ctx.text([&] {
        return "TCP Option - Maximum segment size" +
               (len == 4 && v ? ": " + num(*v) + " bytes" : std::string());
    }),
                           parent);
    if (wrongLength(ctx, n, len, 4, "MSS")) return len;
    ctx.summary->options.mss = *v;
    ctx.add(n, ofid(O_MSS_VAL), off + 2, 2, uint64_t(*v));
    if (!(ctx.summary->flags & TcpFlag::Syn))
        ctx.note(n, Severity::Warning, "tcp.options.mss.present",
                 "MSS option on a segment without SYN: it is only meaningful on SYNs");
    return len;
}

uint32_t dWscale(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto shift = ctx.bytes.u8(off + 2);
    int32_t n = optionNode(ctx, O_WSCALE, off, len, ctx.text([&] {
        return "TCP Option - Window scale" +
               (len == 3 && shift ? ": " + num(*shift) + " (multiply by " +
                                        num(uint64_t(1) << std::min<int>(*shift, 30)) + ")"
                                  : std::string());
    }),
                           parent);
    if (wrongLength(ctx, n, len, 3, "Window scale")) return len;
    ctx.summary->options.wscale = *shift;
    int32_t s = ctx.add(n, ofid(O_WS_SHIFT), off + 2, 1, uint64_t(*shift));
    ctx.addGenerated(n, ofid(O_WS_MULT), uint64_t(1) << std::min<int>(*shift, 14));
    if (*shift > 14)
        ctx.note(s, Severity::Warning, "tcp.options.wscale.shift.invalid",
                 "Window scale shift " + num(*shift) + " exceeds 14 (RFC 7323): 14 is used");
    return len;
}

uint32_t dSackPerm(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, O_SACK_PERM, off, len, "TCP Option - SACK permitted", parent);
    if (!wrongLength(ctx, n, len, 2, "SACK permitted")) ctx.summary->options.sackPermitted = true;
    return len;
}

uint32_t dSack(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, O_SACK, off, len, "TCP Option - SACK", parent);
    if (len < 10 || (len - 2) % 8 != 0) {
        ctx.summary->problems |= Problem::OptionsMalformed;
        ctx.note(n, Severity::Error, "tcp.option.len.invalid",
                 "SACK option length " + num(len) + " is not 2 + 8 per block (10, 18, 26 or 34)");
    }
    TcpOptionSummary& o = ctx.summary->options;
    uint32_t blocks = len >= 2 ? (len - 2) / 8 : 0;
    std::string text;
    if (ctx.tree && ctx.options.displayText) text = "TCP Option - SACK";
    for (uint32_t i = 0; i < blocks; ++i) {
        uint32_t le = *ctx.bytes.u32(off + 2 + i * 8), re = *ctx.bytes.u32(off + 6 + i * 8);
        ctx.add(n, ofid(O_SACK_LE), off + 2 + i * 8, 4, uint64_t(le));
        ctx.add(n, ofid(O_SACK_RE), off + 6 + i * 8, 4, uint64_t(re));
        if (o.sackCount < o.sack.size()) o.sack[o.sackCount++] = {le, re};
        if (ctx.tree && ctx.options.displayText) text += " " + num(le) + "-" + num(re);
    }
    if (ctx.tree && ctx.options.displayText) ctx.tree->setDisplay(n, text);
    ctx.addGenerated(n, ofid(O_SACK_COUNT), uint64_t(blocks));
    return len;
}

uint32_t dTimestamp(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto val = ctx.bytes.u32(off + 2), ecr = ctx.bytes.u32(off + 6);
    int32_t n = optionNode(ctx, O_TS, off, len, ctx.text([&] {
        return len == 10 ? "TCP Option - Timestamps: TSval " + num(*val) + ", TSecr " + num(*ecr)
                         : std::string("TCP Option - Timestamps");
    }),
                           parent);
    if (wrongLength(ctx, n, len, 10, "Timestamps")) return len;
    TcpOptionSummary& o = ctx.summary->options;
    o.hasTimestamp = true;
    o.tsVal = *val;
    o.tsEcr = *ecr;
    ctx.add(n, ofid(O_TSVAL), off + 2, 4, uint64_t(*val));
    ctx.add(n, ofid(O_TSECR), off + 6, 4, uint64_t(*ecr));
    return len;
}

uint32_t dMd5(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, O_MD5, off, len, "TCP Option - TCP MD5 signature", parent);
    if (wrongLength(ctx, n, len, 18, "MD5 signature")) return len;
    ctx.add(n, ofid(O_MD5_DIGEST), off + 2, 16, bytesAt(ctx, off + 2, 16));
    return len;
}

uint32_t dUserTimeout(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto v = ctx.bytes.u16(off + 2);
    int32_t n = optionNode(ctx, O_UTO, off, len, "TCP Option - User Timeout", parent);
    if (wrongLength(ctx, n, len, 4, "User Timeout")) return len;
    bool minutes = *v & 0x8000;
    if (ctx.tree)
        ctx.tree->setDisplay(n, "TCP Option - User Timeout: " + num(*v & 0x7fff) +
                                    (minutes ? " minutes" : " seconds"));
    ctx.add(n, ofid(O_UTO_GRAN), off + 2, 2, uint64_t(minutes), {}, 0x8000);
    ctx.add(n, ofid(O_UTO_VAL), off + 2, 2, uint64_t(*v & 0x7fff), {}, 0x7fff);
    return len;
}

uint32_t dAo(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, O_AO, off, len, "TCP Option - TCP AO", parent);
    if (len < 4) {
        ctx.summary->problems |= Problem::OptionsMalformed;
        ctx.note(n, Severity::Error, "tcp.option.len.invalid",
                 "TCP-AO option length " + num(len) + " is shorter than 4");
        return len;
    }
    ctx.add(n, ofid(O_AO_KEYID), off + 2, 1, uint64_t(*ctx.bytes.u8(off + 2)));
    ctx.add(n, ofid(O_AO_RNEXT), off + 3, 1, uint64_t(*ctx.bytes.u8(off + 3)));
    if (len > 4) ctx.add(n, ofid(O_AO_MAC), off + 4, len - 4, bytesAt(ctx, off + 4, len - 4));
    return len;
}

bool mptcpShort(DissectContext& ctx, int32_t n, uint32_t len, uint32_t need,
                std::string_view what) {
    if (len >= need) return false;
    ctx.summary->problems |= Problem::OptionsMalformed;
    ctx.note(n, Severity::Error, "tcp.options.mptcp.short",
             std::string(what) + " needs at least " + num(need) + " bytes, option has " + num(len));
    return true;
}

uint32_t dMptcp(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, O_MPTCP, off, len, "TCP Option - Multipath TCP", parent);
    if (mptcpShort(ctx, n, len, 3, "Multipath TCP")) return len;
    uint8_t b2 = *ctx.bytes.u8(off + 2);
    uint8_t subtype = b2 >> 4;
    auto name = valueName(kMptcpSubtypes, subtype);
    if (ctx.tree)
        ctx.tree->setDisplay(n, "TCP Option - Multipath TCP (" +
                                    (name.empty() ? "subtype " + num(subtype) : std::string(name)) +
                                    ")");
    ctx.add(n, ofid(O_MP_SUBTYPE), off + 2, 1, uint64_t(subtype), {}, 0xf0);
    auto u8 = [&](uint32_t o) { return uint64_t(*ctx.bytes.u8(off + o)); };
    auto u16 = [&](uint32_t o) { return uint64_t(*ctx.bytes.u16(off + o)); };
    auto u32 = [&](uint32_t o) { return uint64_t(*ctx.bytes.u32(off + o)); };
    auto u64 = [&](uint32_t o) { return *ctx.bytes.u64(off + o); };
    switch (subtype) {
    case 0: // MP_CAPABLE
        if (mptcpShort(ctx, n, len, 4, "MP_CAPABLE")) break;
        ctx.add(n, ofid(O_MP_VERSION), off + 2, 1, uint64_t(b2 & 0x0f), {}, 0x0f);
        ctx.add(n, ofid(O_MP_FLAGS), off + 3, 1, u8(3));
        if (len >= 12) ctx.add(n, ofid(O_MP_SENDKEY), off + 4, 8, u64(4));
        if (len >= 20) ctx.add(n, ofid(O_MP_RECVKEY), off + 12, 8, u64(12));
        if (len == 22 || len == 24) ctx.add(n, ofid(O_MP_DLL), off + 20, 2, u16(20));
        if (len == 24) ctx.add(n, ofid(O_MP_CHECKSUM), off + 22, 2, u16(22));
        break;
    case 1: // MP_JOIN: SYN (12), SYN/ACK (16), ACK (24)
        if (mptcpShort(ctx, n, len, 12, "MP_JOIN")) break;
        ctx.add(n, ofid(O_MP_FLAGS), off + 2, 1, uint64_t(b2 & 0x0f));
        if (len == 12) {
            ctx.add(n, ofid(O_MP_ADDRID), off + 3, 1, u8(3));
            ctx.add(n, ofid(O_MP_RECVTOK), off + 4, 4, u32(4));
            ctx.add(n, ofid(O_MP_SENDRAND), off + 8, 4, u32(8));
        } else if (len == 16) {
            ctx.add(n, ofid(O_MP_ADDRID), off + 3, 1, u8(3));
            ctx.add(n, ofid(O_MP_SENDTRUNCHMAC), off + 4, 8, u64(4));
            ctx.add(n, ofid(O_MP_SENDRAND), off + 12, 4, u32(12));
        } else if (len == 24) {
            ctx.add(n, ofid(O_MP_SENDHMAC), off + 4, 20, bytesAt(ctx, off + 4, 20));
        } else {
            ctx.note(n, Severity::Error, "tcp.options.mptcp.join.len",
                     "MP_JOIN length " + num(len) + " is none of 12, 16, 24");
        }
        break;
    case 2: { // DSS
        if (mptcpShort(ctx, n, len, 4, "DSS")) break;
        uint8_t fl = uint8_t(u8(3));
        ctx.add(n, ofid(O_MP_FLAGS), off + 3, 1, uint64_t(fl));
        uint32_t p = 4;
        if (fl & 0x01) { // data ACK present, 8 bytes if 'a'
            uint32_t w = (fl & 0x02) ? 8 : 4;
            if (mptcpShort(ctx, n, len, p + w, "DSS Data ACK")) break;
            ctx.add(n, ofid(O_MP_DATAACK), off + p, w, w == 8 ? u64(p) : u32(p));
            p += w;
        }
        if (fl & 0x04) { // mapping present, DSN 8 bytes if 'm'
            uint32_t w = (fl & 0x08) ? 8 : 4;
            if (mptcpShort(ctx, n, len, p + w + 6, "DSS mapping")) break;
            ctx.add(n, ofid(O_MP_DSN), off + p, w, w == 8 ? u64(p) : u32(p));
            p += w;
            ctx.add(n, ofid(O_MP_SSN), off + p, 4, u32(p));
            ctx.add(n, ofid(O_MP_DLL), off + p + 4, 2, u16(p + 4));
            p += 6;
            if (len >= p + 2) ctx.add(n, ofid(O_MP_CHECKSUM), off + p, 2, u16(p));
        }
        break;
    }
    case 3: { // ADD_ADDR
        if (mptcpShort(ctx, n, len, 8, "ADD_ADDR")) break;
        ctx.add(n, ofid(O_MP_IPVER), off + 2, 1, uint64_t(b2 & 0x0f), {}, 0x0f);
        ctx.add(n, ofid(O_MP_ADDRID), off + 3, 1, u8(3));
        // v1: 4-bit flags with E (echo); address family from the length.
        bool v6 = len == 20 || len == 22 || len == 28 || len == 30;
        if (v6 && len >= 20) {
            ctx.add(n, ofid(O_MP_IPV6), off + 4, 16, bytesAt(ctx, off + 4, 16));
            if (len == 22 || len == 30) ctx.add(n, ofid(O_MP_PORT), off + 20, 2, u16(20));
            if (len >= 28) ctx.add(n, ofid(O_MP_ADDADDR_HMAC), off + len - 8, 8, u64(len - 8));
        } else {
            ctx.add(n, ofid(O_MP_IPV4), off + 4, 4, u32(4));
            if (len == 10 || len == 18) ctx.add(n, ofid(O_MP_PORT), off + 8, 2, u16(8));
            if (len >= 16) ctx.add(n, ofid(O_MP_ADDADDR_HMAC), off + len - 8, 8, u64(len - 8));
        }
        break;
    }
    case 4: // REMOVE_ADDR: a list of address IDs
        for (uint32_t p = 3; p < len; ++p) ctx.add(n, ofid(O_MP_ADDRID), off + p, 1, u8(p));
        break;
    case 5: // MP_PRIO
        ctx.add(n, ofid(O_MP_FLAGS), off + 2, 1, uint64_t(b2 & 0x0f));
        if (len >= 4) ctx.add(n, ofid(O_MP_ADDRID), off + 3, 1, u8(3));
        break;
    case 6: // MP_FAIL
        if (mptcpShort(ctx, n, len, 12, "MP_FAIL")) break;
        ctx.add(n, ofid(O_MP_DSN), off + 4, 8, u64(4));
        break;
    case 7: // MP_FASTCLOSE
        if (mptcpShort(ctx, n, len, 12, "MP_FASTCLOSE")) break;
        ctx.add(n, ofid(O_MP_RECVKEY), off + 4, 8, u64(4));
        break;
    case 8: // MP_TCPRST
        if (mptcpShort(ctx, n, len, 4, "MP_TCPRST")) break;
        ctx.add(n, ofid(O_MP_FLAGS), off + 2, 1, uint64_t(b2 & 0x0f));
        ctx.add(n, ofid(O_MP_RST_REASON), off + 3, 1, u8(3));
        break;
    default:
        ctx.note(n, Severity::Warning, "tcp.options.mptcp.subtype.unknown",
                 "Unknown MPTCP subtype " + num(subtype));
    }
    return len;
}

void tfoBody(DissectContext& ctx, int32_t n, uint32_t cookieOff, uint32_t cookieLen) {
    if (cookieLen == 0) {
        ctx.add(n, ofid(O_TFO_REQUEST), cookieOff, 0, std::monostate{}, "Fast Open Cookie Request");
        if (ctx.tree)
            ctx.tree->setDisplay(n, "TCP Option - TCP Fast Open: Fast Open Cookie Request");
    } else {
        ctx.add(n, ofid(O_TFO_COOKIE), cookieOff, cookieLen, bytesAt(ctx, cookieOff, cookieLen));
        if (ctx.tree) ctx.tree->setDisplay(n, "TCP Option - TCP Fast Open: Fast Open Cookie");
    }
}

uint32_t dTfo(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, O_TFO, off, len, "TCP Option - TCP Fast Open", parent);
    tfoBody(ctx, n, off + 2, len - 2);
    return len;
}

void accEcnBody(DissectContext& ctx, int32_t n, uint32_t off, uint32_t bodyLen, bool order1) {
    // Order 0: EE0B, ECEB, EE1B; order 1: EE1B, ECEB, EE0B (24-bit counters, may be omitted).
    static const int o0[] = {O_ACCECN_EE0B, O_ACCECN_ECEB, O_ACCECN_EE1B};
    static const int o1[] = {O_ACCECN_EE1B, O_ACCECN_ECEB, O_ACCECN_EE0B};
    const int* order = order1 ? o1 : o0;
    for (uint32_t i = 0; i < 3 && (i + 1) * 3 <= bodyLen; ++i)
        ctx.add(n, ofid(order[i]), off + i * 3, 3, uint64_t(*ctx.bytes.u24(off + i * 3)));
    if (bodyLen % 3 != 0)
        ctx.note(n, Severity::Warning, "tcp.options.acc_ecn.len",
                 "AccECN option body of " + num(bodyLen) + " bytes is not a multiple of 3");
}

uint32_t dAccEcn(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    uint8_t kind = *ctx.bytes.u8(off);
    int32_t n = optionNode(
        ctx, O_ACCECN, off, len,
        std::string("TCP Option - Accurate ECN Order ") + (kind == 174 ? "1" : "0"), parent);
    accEcnBody(ctx, n, off + 2, len - 2, kind == 174);
    return len;
}

uint32_t dExperimental(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    auto exid = len >= 4 ? ctx.bytes.u16(off + 2) : std::nullopt;
    if (exid && *exid == 0xf989) {
        int32_t n = optionNode(ctx, O_TFO, off, len, "TCP Option - TCP Fast Open", parent);
        ctx.add(n, ofid(O_EXP_EXID), off + 2, 2, uint64_t(*exid));
        tfoBody(ctx, n, off + 4, len - 4);
        return len;
    }
    if (exid && (*exid == 0xacc0 || *exid == 0xacc1)) {
        int32_t n = optionNode(ctx, O_ACCECN, off, len,
                               std::string("TCP Option - Accurate ECN Order ") +
                                   (*exid == 0xacc1 ? "1" : "0") + " (experimental)",
                               parent);
        ctx.add(n, ofid(O_EXP_EXID), off + 2, 2, uint64_t(*exid));
        accEcnBody(ctx, n, off + 4, len - 4, *exid == 0xacc1);
        return len;
    }
    int32_t n = optionNode(ctx, O_EXP, off, len, "TCP Option - Experimental", parent);
    if (exid) {
        ctx.add(n, ofid(O_EXP_EXID), off + 2, 2, uint64_t(*exid));
        if (len > 4) ctx.add(n, ofid(O_EXP_DATA), off + 4, len - 4, bytesAt(ctx, off + 4, len - 4));
    } else if (len > 2) {
        ctx.add(n, ofid(O_EXP_DATA), off + 2, len - 2, bytesAt(ctx, off + 2, len - 2));
    }
    return len;
}

} // namespace

uint32_t dissectUnknownOption(DissectContext& ctx, uint32_t off, uint32_t len, int32_t parent) {
    int32_t n = optionNode(ctx, O_UNKNOWN, off, len,
                           "TCP Option - Unknown (kind " + num(*ctx.bytes.u8(off)) + ", " +
                               num(len) + " bytes)",
                           parent);
    if (len > 2)
        ctx.add(n, ofid(O_UNKNOWN_PAYLOAD), off + 2, len - 2, bytesAt(ctx, off + 2, len - 2));
    return len;
}

void registerTcpOptions() {
    g_base = FieldRegistry::instance().add(kFields);
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
