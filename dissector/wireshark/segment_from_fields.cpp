// SPDX-License-Identifier: GPL-2.0-or-later
#include "segment_from_fields.h"

#include <epan/proto.h>
#include <epan/tvbuff.h>

#include <algorithm>
#include <array>
#include <climits>

namespace tcpfsm {

namespace {

enum Wanted : int {
    W_IP_SRC,
    W_IP_DST,
    W_IPV6_SRC,
    W_IPV6_DST,
    W_ICMP,
    W_ICMPV6,
    W_SRCPORT,
    W_DSTPORT,
    W_SEQ_RAW,
    W_ACK_RAW,
    W_FLAGS,
    W_WINDOW,
    W_LEN,
    W_MSS,
    W_WSCALE,
    W_SACK_PERM,
    W_TSVAL,
    W_TSECR,
    W_SACK_LE,
    W_SACK_RE,
    W_COUNT
};

// Wireshark 4.0's names. The raw seq/ack and the unscaled window are what a TcpSegment holds:
// the tracker computes relative numbers and scaling itself, which is the point of the plugin.
constexpr std::array<const char*, W_COUNT> kWantedNames = {
    "ip.src",
    "ip.dst",
    "ipv6.src",
    "ipv6.dst",
    "icmp",
    "icmpv6",
    "tcp.srcport",
    "tcp.dstport",
    "tcp.seq_raw",
    "tcp.ack_raw",
    "tcp.flags",
    "tcp.window_size_value",
    "tcp.len",
    "tcp.options.mss_val",
    "tcp.options.wscale.shift",
    "tcp.options.sack_perm",
    "tcp.options.timestamp.tsval",
    "tcp.options.timestamp.tsecr",
    "tcp.options.sack_le",
    "tcp.options.sack_re",
};

std::array<int, W_COUNT> g_hf = [] {
    std::array<int, W_COUNT> a{};
    a.fill(-1);
    return a;
}();

// Every occurrence of a field in this packet's tree (empty if none or unknown).
GPtrArray* occurrences(proto_tree* tree, Wanted w) {
    if (!tree || g_hf[w] < 0) return nullptr;
    GPtrArray* a = proto_get_finfo_ptr_array(tree, g_hf[w]);
    return (a && a->len) ? a : nullptr;
}

field_info* at(GPtrArray* a, guint i) {
    return static_cast<field_info*>(g_ptr_array_index(a, i));
}

// The first occurrence of a field inside protocol layer `layer` (fields of one TCP header share
// the layer number of the tcp protocol item; a tunnel or an ICMP error adds further layers).
field_info* inLayer(proto_tree* tree, Wanted w, int layer) {
    GPtrArray* a = occurrences(tree, w);
    if (!a) return nullptr;
    for (guint i = 0; i < a->len; ++i)
        if (at(a, i)->total_layer_num == layer) return at(a, i);
    return nullptr;
}

uint32_t uintOf(field_info* fi) {
    return fvalue_get_uinteger(&fi->value);
}

// Options carried by relative-number fields (SACK edges) are read as the raw bytes they came
// from; tvb_bytes_exist() first, because a tvb accessor that throws would longjmp through C++.
std::optional<uint32_t> rawUint32(field_info* fi) {
    if (!fi->ds_tvb || fi->length != 4 || !tvb_bytes_exist(fi->ds_tvb, fi->start, 4))
        return std::nullopt;
    return tvb_get_ntohl(fi->ds_tvb, fi->start);
}

std::optional<tcpscope::Address> addressOf(field_info* fi, bool v6) {
    const gint len = v6 ? 16 : 4;
    if (!fi->ds_tvb || fi->length != len || !tvb_bytes_exist(fi->ds_tvb, fi->start, len))
        return std::nullopt;
    uint8_t b[16];
    tvb_memcpy(fi->ds_tvb, b, fi->start, len);
    if (v6) return tcpscope::Address::v6(b);
    return tcpscope::Address::v4(uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 |
                                 uint32_t(b[3]));
}

} // namespace

void resolveWantedFields() {
    for (int w = 0; w < W_COUNT; ++w) g_hf[w] = proto_registrar_get_id_byname(kWantedNames[w]);
}

GArray* wantedFieldIds() {
    GArray* ids = g_array_new(FALSE, FALSE, sizeof(int));
    for (int w = 0; w < W_COUNT; ++w)
        if (g_hf[w] >= 0) g_array_append_val(ids, g_hf[w]);
    return ids;
}

// The TCP options the tracker reads, from the TCP layer `layer` of the tree.
tcpscope::TcpOptionSummary optionsOf(proto_tree* tree, int layer) {
    tcpscope::TcpOptionSummary o;
    if (field_info* f = inLayer(tree, W_MSS, layer)) o.mss = int32_t(uintOf(f));
    if (field_info* f = inLayer(tree, W_WSCALE, layer)) o.wscale = int16_t(uintOf(f));
    o.sackPermitted = inLayer(tree, W_SACK_PERM, layer) != nullptr;
    field_info* tsval = inLayer(tree, W_TSVAL, layer);
    field_info* tsecr = inLayer(tree, W_TSECR, layer);
    if (tsval && tsecr) {
        o.hasTimestamp = true;
        o.tsVal = uintOf(tsval);
        o.tsEcr = uintOf(tsecr);
    }
    // SACK blocks in header order; edges pair up by position.
    GPtrArray* le = occurrences(tree, W_SACK_LE);
    GPtrArray* re = occurrences(tree, W_SACK_RE);
    if (!le || !re) return o;
    guint j = 0;
    for (guint i = 0; i < le->len && o.sackCount < o.sack.size(); ++i) {
        if (at(le, i)->total_layer_num != layer) continue;
        while (j < re->len && at(re, j)->total_layer_num != layer) ++j;
        if (j >= re->len) break;
        auto l = rawUint32(at(le, i));
        auto r = rawUint32(at(re, j++));
        if (!l || !r) break;
        o.sack[o.sackCount++] = {*l, *r};
    }
    return o;
}

std::optional<tcpscope::TcpSegment> segmentFromFields(packet_info* pinfo, proto_tree* tree) {
    // The outermost TCP header: the one the capture's own IP packet carries.
    GPtrArray* ports = occurrences(tree, W_SRCPORT);
    if (!ports) return std::nullopt;
    int layer = INT_MAX;
    for (guint i = 0; i < ports->len; ++i) layer = std::min(layer, at(ports, i)->total_layer_num);

    // TcpScope's core follows ip.proto only to TCP; Wireshark also decodes the TCP header that
    // an ICMP error quotes. That header belongs to another packet, so it feeds no tracker.
    for (Wanted w : {W_ICMP, W_ICMPV6})
        if (GPtrArray* a = occurrences(tree, w))
            for (guint i = 0; i < a->len; ++i)
                if (at(a, i)->total_layer_num < layer) return std::nullopt;

    // The IP header directly below the TCP layer (the innermost one, if tunnelled).
    field_info* src = nullptr;
    bool v6 = false;
    for (Wanted w : {W_IP_SRC, W_IPV6_SRC})
        if (GPtrArray* a = occurrences(tree, w))
            for (guint i = 0; i < a->len; ++i) {
                field_info* fi = at(a, i);
                if (fi->total_layer_num < layer &&
                    (!src || fi->total_layer_num > src->total_layer_num)) {
                    src = fi;
                    v6 = w == W_IPV6_SRC;
                }
            }
    if (!src) return std::nullopt;
    field_info* dst = inLayer(tree, v6 ? W_IPV6_DST : W_IP_DST, src->total_layer_num);

    field_info* sport = inLayer(tree, W_SRCPORT, layer);
    field_info* dport = inLayer(tree, W_DSTPORT, layer);
    field_info* seq = inLayer(tree, W_SEQ_RAW, layer);
    field_info* ack = inLayer(tree, W_ACK_RAW, layer);
    field_info* flags = inLayer(tree, W_FLAGS, layer);
    field_info* window = inLayer(tree, W_WINDOW, layer);
    field_info* len = inLayer(tree, W_LEN, layer);
    // Without the whole fixed header there is no segment to track (the core agrees: it needs
    // the 20 bytes too).
    if (!dst || !sport || !dport || !seq || !ack || !flags || !window || !len) return std::nullopt;
    auto srcAddr = addressOf(src, v6);
    auto dstAddr = addressOf(dst, v6);
    if (!srcAddr || !dstAddr) return std::nullopt;

    tcpscope::TcpSegment s;
    s.frameNumber = pinfo->num;
    s.ts = tcpscope::Timestamp{int64_t(pinfo->abs_ts.secs), uint64_t(pinfo->abs_ts.nsecs)};
    s.src = *srcAddr;
    s.dst = *dstAddr;
    s.srcPort = uint16_t(uintOf(sport));
    s.dstPort = uint16_t(uintOf(dport));
    s.seq = uintOf(seq);
    s.ack = uintOf(ack);
    s.flags = uint16_t(uintOf(flags) & 0x0fff);
    s.window = uint16_t(uintOf(window));
    s.payloadLength = uintOf(len);

    s.options = optionsOf(tree, layer);
    return s;
}

} // namespace tcpfsm
