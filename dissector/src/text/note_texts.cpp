// SPDX-License-Identifier: GPL-2.0-or-later
// The expert notes the dissectors attach to tree nodes (DissectContext::note), one table for
// all of them. A key is the note's own id ("ip.ttl.zero") when that id has one message, the id
// and a word for the case when it has several ("_ws.truncated.ipv4-header"); the message id in
// the catalogue is "note." + key. Values are named {placeholders}, filled by noteText().
#include "catalogue_parts.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <iterator>

namespace tcpscope::detail {

namespace {

struct NoteText {
    std::string_view key;
    std::string_view english;
};

// In the order of the dissectors: helpers shared by the layers, frame, link layers and
// encapsulations, IPv4, IPv6, UDP, TCP and its options, tunnels, then the payload protocols.
constexpr NoteText kNoteTexts[] = {
    // dissect.cpp: payloads and headers the capture cut short (noteTruncated, headerLayer).
    {"_ws.truncated.ip-payload",
     "IP payload cut short by the capture: {have} of {length} bytes captured"},
    {"_ws.truncated.frame", "No bytes of this frame were captured"},
    {"frame.unknown_link_type", "Link type {type} is not one TcpScope decodes"},
    {"_ws.truncated.ethernet-header",
     "The Ethernet header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.8021ad-tag",
     "The 802.1ad tag needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.8021q-tag", "The 802.1Q tag needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.sll-header", "The SLL header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.sll2-header",
     "The SLL2 header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.loopback-header",
     "The loopback header needs {need} bytes but only {have} were captured"},
    {"null.family_unknown", "Address family {family} is neither IPv4 nor IPv6"},
    {"_ws.truncated.llc-snap-header",
     "The LLC/SNAP header needs {need} bytes but only {have} were captured"},
    {"llc.not_snap", "Not an LLC/SNAP header with an EtherType: the payload is not read"},
    {"_ws.truncated.80211-header",
     "The 802.11 header needs {need} bytes but only {have} were captured"},
    {"wlan.not_data.management", "A management frame: it carries no IP packet"},
    {"wlan.not_data.control", "A control frame: it carries no IP packet"},
    {"wlan.protected", "Protected frame: its body is encrypted, the packet inside cannot be read "
                       "without the keys"},
    {"_ws.truncated.ppi-header", "The PPI header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.nflog-header",
     "The NFLOG header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.nflog-attribute-header",
     "An NFLOG attribute header needs {need} bytes but only {have} were captured"},
    {"nflog.tlv_length.bad", "Attribute length {length} is less than its 4-byte header"},
    {"nflog.no_payload", "No IPv4 or IPv6 packet among the attributes"},
    {"_ws.truncated.ipoib-header",
     "The IPoIB header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.mpls-label", "The MPLS label needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.mpls-payload",
     "The packet after the bottom label needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.pppoe-header",
     "The PPPoE header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.chdlc-header",
     "The Cisco HDLC header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.e-tag", "The E-Tag needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.fabricpath-header",
     "The FabricPath header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.ppp-header", "The PPP header needs {need} bytes but only {have} were captured"},
    // ipv4.cpp
    {"_ws.truncated.ipv4-header-none", "No bytes of the IPv4 header were captured"},
    {"_ws.truncated.ipv4-header", "IPv4 header cut short: 20 bytes needed, {have} captured"},
    {"_ws.truncated.ipv4-options",
     "IPv4 options cut short: header says {headerLength} bytes, {have} captured"},
    {"ip.version.bad", "IP version {version} in an IPv4 header (expected 4)"},
    {"ip.bogus_header_length", "Bogus IPv4 header length {headerLength} (IHL {ihl}): must be at "
                               "least 20 bytes (IHL 5)"},
    {"ip.bogus_ip_length", "Total length {total} is less than the header length {headerLength}"},
    {"ip.len.tso", "Total length 0: probably TCP segmentation offload or BIG TCP; using the "
                   "frame's {length} bytes"},
    {"ip.len.past_capture",
     "Total length {total} is more than the {length} bytes that follow in the frame"},
    {"ip.flags.rb_set", "The reserved flag bit is set"},
    {"ip.checksum_bad.offloaded",
     "Header checksum unverified, likely offloaded (captured on the sending host)"},
    {"ip.checksum_bad.wrong", "Bad IPv4 header checksum: should be {calc}"},
    {"ip.ttl.zero", "Time To Live is 0: routers drop this"},
    {"ip.opt.len.invalid.missing", "IP option length is missing"},
    {"ip.opt.len.invalid.short", "IP option length {length} is less than 2"},
    {"ip.opt.len.invalid.past-end", "IP option length {length} is past the end of the header"},
    {"ip.fragment", "Later fragment of a datagram: its payload is not a TCP header"},
    // ipv6.cpp
    {"_ws.truncated.ipv6-header", "IPv6 header cut short: 40 bytes needed, {have} captured"},
    {"ipv6.version.bad", "IP version {version} in an IPv6 header (expected 6)"},
    {"ipv6.plen.zero", "Payload Length is 0 without a Jumbo Payload option: probably TCP "
                       "segmentation offload or BIG TCP; using the frame's length"},
    {"ipv6.ext.too_many", "More than 16 IPv6 extension headers: giving up on the chain"},
    {"_ws.truncated.ipv6-ext-header",
     "IPv6 extension header ({header}) cut short at byte {offset}"},
    {"ipv6.ext.past_payload", "Extension header runs past the end of the payload ({length} bytes)"},
    {"_ws.truncated.ipv6-ext-length", "Extension header needs {need} bytes, {have} captured"},
    {"ipv6.hopopts.not_first", "Hop-by-hop options must immediately follow the IPv6 header"},
    {"ipv6.opt.length.invalid", "IPv6 option length runs past the end of its extension header"},
    {"ipv6.opt.jumbo.bad_length", "Jumbo Payload option must have 4 data bytes, has {length}"},
    {"ipv6.opt.jumbo.not_hopbyhop", "Jumbo Payload is only valid in the hop-by-hop header"},
    {"ipv6.opt.jumbo.plen_not_zero",
     "Jumbo Payload option present but the Payload Length is {length} (must be 0, RFC 2675)"},
    {"ipv6.opt.jumbo.too_small", "Jumbo Payload length {length} is not above 65,535 (RFC 2675)"},
    {"ipv6.fragment", "Later fragment of a packet: its payload is not a TCP header"},
    // udp.cpp
    {"_ws.truncated.udp-header", "The UDP header needs {need} bytes but only {have} were captured"},
    {"udp.length.bad", "Bad length {length}: the UDP header alone is 8 bytes"},
    {"_ws.truncated.udp-payload",
     "UDP payload cut short by the capture: {have} of {length} bytes captured"},
    // tcp.cpp
    {"_ws.truncated.tcp-header", "TCP header cut short: 20 bytes needed, {have} captured"},
    {"tcp.short_segment", "The IP payload is only {length} bytes: too short for a TCP header"},
    {"tcp.bogus_header_length.too-small", "Bogus TCP header length {headerLength} (data offset "
                                          "{offset}): must be at least 20 bytes (5)"},
    {"tcp.bogus_header_length.past-segment",
     "TCP header length {headerLength} is past the end of the segment ({length} bytes)"},
    {"_ws.truncated.tcp-options",
     "TCP options cut short: header is {headerLength} bytes, {have} captured"},
    {"tcp.len.past_frame", "The IP length says {length} payload bytes, the frame holds {wire} on "
                           "the wire: using {wire}"},
    {"tcp.checksum.offloaded",
     "Checksum unverified, likely offloaded: the capture was taken on the sending host, before "
     "the network card filled the checksum in (should be {calc})"},
    {"tcp.checksum_bad", "Bad checksum: should be {calc}"},
    {"_ws.truncated.tcp-payload-none",
     "None of the {length} payload bytes were captured (snap length)"},
    {"_ws.truncated.tcp-payload",
     "Payload cut short by the capture: {have} of {length} bytes captured"},
    {"tcp.non_zero_bytes_after_eol", "Non-zero header padding: {length} bytes after End of Option "
                                     "List are not options and should be zero"},
    {"tcp.option.len.invalid.missing",
     "Option {option} has no length byte before the end of the header"},
    {"tcp.option.len.invalid.short", "Option {option} has length {length} (must be at least 2): "
                                     "the rest of the options cannot be read"},
    {"tcp.option.len.invalid.past-end", "Option {option} length {length} runs past the end of the "
                                        "TCP header ({left} bytes left)"},
    // tcp_options.cpp
    {"tcp.option.len.invalid.mss", "MSS option length {length} is wrong (should be {want})"},
    {"tcp.option.len.invalid.wscale",
     "Window scale option length {length} is wrong (should be {want})"},
    {"tcp.option.len.invalid.sack-perm",
     "SACK permitted option length {length} is wrong (should be {want})"},
    {"tcp.option.len.invalid.timestamps",
     "Timestamps option length {length} is wrong (should be {want})"},
    {"tcp.option.len.invalid.md5",
     "MD5 signature option length {length} is wrong (should be {want})"},
    {"tcp.option.len.invalid.user-timeout",
     "User Timeout option length {length} is wrong (should be {want})"},
    {"tcp.option.len.invalid.sack",
     "SACK option length {length} is not 2 + 8 per block (10, 18, 26 or 34)"},
    {"tcp.option.len.invalid.tcp-ao", "TCP-AO option length {length} is shorter than 4"},
    {"tcp.options.mss.present",
     "MSS option on a segment without SYN: it is only meaningful on SYNs"},
    {"tcp.options.wscale.shift.invalid",
     "Window scale shift {shift} exceeds 14 (RFC 7323): 14 is used"},
    {"tcp.options.mptcp.short.subtype",
     "{subtype} needs at least {need} bytes, option has {length}"},
    {"tcp.options.mptcp.short.dss-data-ack",
     "DSS Data ACK needs at least {need} bytes, option has {length}"},
    {"tcp.options.mptcp.short.dss-mapping",
     "DSS mapping needs at least {need} bytes, option has {length}"},
    {"tcp.options.mptcp.join.len", "MP_JOIN length {length} is none of 12, 16, 24"},
    {"tcp.options.mptcp.subtype.unknown", "Unknown MPTCP subtype {subtype}"},
    {"tcp.options.acc_ecn.len", "AccECN option body of {length} bytes is not a multiple of 3"},
    // tunnels.cpp
    {"_ws.truncated.gre-header", "The GRE header needs {need} bytes but only {have} were captured"},
    {"gre.routing", "Source routing entries (RFC 1701) are not decoded: the payload is not read"},
    {"_ws.truncated.erspan-header",
     "The ERSPAN header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.vxlan-header",
     "The VXLAN header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.geneve-header",
     "The Geneve header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.geneve-options",
     "The Geneve options needs {need} bytes but only {have} were captured"},
    {"geneve.version.unknown", "Geneve version {version} is unknown: the payload is not read"},
    {"_ws.truncated.gtp-header", "The GTP header needs {need} bytes but only {have} were captured"},
    {"gtp.version", "GTP version {version}: only GTPv1 user data (GTP-U) is decoded"},
    {"_ws.truncated.l2tp-header",
     "The L2TP header needs {need} bytes but only {have} were captured"},
    {"l2tp.version", "L2TP version {version}: only L2TPv2 over UDP is decoded"},
    {"_ws.truncated.ah-header", "The AH header needs {need} bytes but only {have} were captured"},
    {"_ws.truncated.esp-header", "The ESP header needs {need} bytes but only {have} were captured"},
    {"esp.encrypted", "ESP encrypts its payload: the packet inside (TCP or other) cannot be "
                      "decoded without the keys"},
    // resp.cpp, http.cpp
    {"resp.partial.bulk", "Bulk string continues past this segment"},
    {"resp.partial.element", "Element continues past this segment (no CRLF yet)"},
    {"resp.array_recursion_too_deep", "Arrays nested deeper than 16: not decoded further"},
    {"resp.malformed_length", "Not a RESP element: expected + - : $ or * followed by a valid line"},
    {"http.partial", "Headers continue in a later segment (no reassembly)"},
    // tls.cpp
    {"tls.continuation_data", "The {length} bytes from offset {offset} do not start a TLS record"},
    {"tls.not_decoded.records", "Only the first {count} records of the segment are decoded"},
    {"tls.not_decoded.messages", "Only the first {count} messages of the record are decoded"},
    {"tls.not_decoded.certificates", "Only the first {count} certificates are decoded"},
    {"tls.not_decoded.extensions", "Only the first {count} extensions are decoded"},
    {"tls.not_decoded.entries", "Only the first {count} entries are decoded"},
    {"tls.partial.record-header.cut",
     "The record header: {have} of {total} bytes are here, the capture cut the rest"},
    {"tls.partial.record-header.later", "The record header: {have} of {total} bytes are here, the "
                                        "rest follows in a later segment (not reassembled)"},
    {"tls.partial.record.cut",
     "The record: {have} of {total} bytes are here, the capture cut the rest"},
    {"tls.partial.record.later", "The record: {have} of {total} bytes are here, the rest follows "
                                 "in a later segment (not reassembled)"},
    {"tls.partial.sslv2-record.cut",
     "The SSLv2 record: {have} of {total} bytes are here, the capture cut the rest"},
    {"tls.partial.sslv2-record.later", "The SSLv2 record: {have} of {total} bytes are here, the "
                                       "rest follows in a later segment (not reassembled)"},
    {"tls.malformed.buffer_too_small.field",
     "{field} needs {need} bytes, its message has {left} left"},
    {"tls.malformed.buffer_too_small.message-type",
     "The message type needs {need} bytes, its message has {left} left"},
    {"tls.malformed.buffer_too_small.random",
     "The Random needs {need} bytes, its message has {left} left"},
    {"tls.malformed.buffer_too_small.extension-header",
     "An extension header needs {need} bytes, its message has {left} left"},
    {"tls.malformed.vector_length.past-container",
     "The length says {length} bytes, only {left} remain in its container"},
    {"tls.malformed.vector_length.unit", "The length {length} is not a multiple of {unit}"},
    {"tls.malformed.vector_length.sslv2",
     "Cipher specs ({specs} bytes, three each), session ID ({sessionId}) and challenge "
     "({challenge}) do not fill the {left} bytes left in the record"},
    {"tls.malformed.vector_length.session-id",
     "A session ID has at most 32 bytes, this one {length}"},
    {"tls.record.length.invalid.too-long",
     "A record may hold at most {limit} bytes, this one says {length}"},
    {"tls.record.length.invalid.zero", "Zero-length {type} records are not allowed"},
    {"tls.handshake.fragment", "The message goes on in the next record (not reassembled)"},
    {"tls.malformed.trailing_data", "{length} bytes follow the extensions inside the message"},
};

// The table sorted by key, for a lookup that allocates nothing (notes are built on the first
// pass too, where allocations are counted per packet).
constexpr auto kByKey = [] {
    std::array<NoteText, std::size(kNoteTexts)> sorted{};
    std::copy(std::begin(kNoteTexts), std::end(kNoteTexts), sorted.begin());
    std::sort(sorted.begin(), sorted.end(),
              [](const NoteText& a, const NoteText& b) { return a.key < b.key; });
    return sorted;
}();
static_assert(std::adjacent_find(kByKey.begin(), kByKey.end(),
                                 [](const NoteText& a, const NoteText& b) {
                                     return a.key == b.key;
                                 }) == kByKey.end(),
              "note keys are unique");

} // namespace

std::string keyedText(std::string_view prefix, std::span<const KeyedText> texts,
                      std::string_view key, NoteValues values) {
    for (const KeyedText& t : texts)
        if (t.key == key) return fillPlaceholders(localized(prefix, key, t.english), values);
    return std::string(key);
}

void appendKeyedTexts(std::vector<CatalogueText>& out, std::string_view prefix,
                      std::span<const KeyedText> texts) {
    for (const KeyedText& t : texts) {
        std::string id(prefix);
        id += t.key;
        out.push_back({std::move(id), std::string(t.english)});
    }
}

void appendJoined(std::string& out, std::string_view separator, std::string_view part) {
    if (!out.empty()) out += separator;
    out += part;
}

// `text` with each {name} of `values` replaced by its value; other braces stay as they are.
std::string fillPlaceholders(std::string_view text, NoteValues values) {
    std::string out;
    out.reserve(text.size() + 16);
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find('{', i);
        const size_t close = open == std::string_view::npos ? open : text.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto v = std::find_if(values.begin(), values.end(),
                                    [name](const auto& value) { return value.first == name; });
        if (v == values.end()) {
            out += '{';
            i = open + 1;
        } else {
            out += v->second;
            i = close + 1;
        }
    }
    if (i < text.size()) out.append(text.substr(i));
    return out;
}

std::string noteText(std::string_view key, NoteValues values) {
    const auto it =
        std::lower_bound(kByKey.begin(), kByKey.end(), key,
                         [](const NoteText& n, std::string_view k) { return n.key < k; });
    const bool found = it != kByKey.end() && it->key == key;
    assert(found && "a note key missing from kNoteTexts");
    if (!found) return std::string(key);
    return fillPlaceholders(localized("note.", key, it->english), values);
}

void appendNoteTexts(std::vector<CatalogueText>& out) {
    for (const NoteText& n : kNoteTexts)
        out.push_back({"note." + std::string(n.key), std::string(n.english)});
}

} // namespace tcpscope::detail
