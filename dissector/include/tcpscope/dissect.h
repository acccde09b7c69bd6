// SPDX-License-Identifier: GPL-2.0-or-later
// Frame dissection entry points and the dissector tables (DESIGN.md 2). Dispatch is by
// registration, as in Wireshark: link type -> link layer, ethertype -> IP, ip.proto -> TCP,
// tcp.port -> payload protocols, TCP option kind -> option dissector.
#pragma once

#include "tcpscope/byte_reader.h"
#include "tcpscope/field_format.h"
#include "tcpscope/frame.h"
#include "tcpscope/packet_summary.h"
#include "tcpscope/proto_tree.h"

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcpscope {

// The packet list's Protocol and Info columns as the dissectors write them (Wireshark's
// COL_PROTOCOL and COL_INFO): a payload dissector that claims the packet writes its own.
struct ColumnText {
    std::string protocol; // when the layer's short name is not enough: "TLSv1.3"
    std::string info;     // "Client Hello (SNI=example.com)", "GET / HTTP/1.1"
};

struct DissectOptions {
    // The capture was taken on the sending host (loopback, or the user says so): a wrong TCP
    // or IP checksum is reported as "unverified, likely offloaded" rather than "bad".
    bool assumeChecksumOffload = false;
    // Verify checksums at all (tshark's default is not to; the tree still shows the status).
    bool verifyChecksums = true;
    // Build each node's display text. Output that prints values only (`fields`) turns it off:
    // the tree then has the same nodes and values with empty display strings.
    bool displayText = true;
    // Read a plain TCP frame straight from its bytes where no tree is built (readPlainTcp):
    // the same summary, without the layers' calls. Off only for the tests that compare the two.
    bool plainShortcut = true;
};

// Everything a protocol dissector can see while it works on one frame. `tree` is null on the
// fast first pass: dissectors then only fill `summary` (as Wireshark does with tree == NULL).
struct DissectContext {
    ByteReader bytes;
    const Frame* frame = nullptr;
    ProtoTree* tree = nullptr;
    PacketSummary* summary = nullptr;
    DissectOptions options;
    // The packet list's columns, collected only when asked for (PacketDescription).
    ColumnText* columns = nullptr;

    // This layer is the packet's top protocol so far.
    void setProtocol(FieldId layer) { summary->topProtocol = layer; }
    // Whether a payload dissector has anything to do beyond claiming the packet.
    bool detailWanted() const { return tree || columns; }

    // Adds a node when building a tree that keeps this field; returns -1 otherwise. What it
    // shows is composed from the field's definition, with the parts `shown` gives instead
    // (field_format.h). Text that must be computed is built only under text(), so on the first
    // pass (no tree) the call and its arguments cost nothing. Inline for the same reason.
    // The value is taken as it comes and made a FieldValue only for a node that is kept: on
    // the first pass no variant is built or destroyed.
    // A byte string or a string is best given as a view (std::span<const uint8_t>,
    // std::string_view): the tree copies it into a buffer it reuses from packet to packet
    // (ProtoTree::setBytes), where a std::vector or std::string would be a new allocation.
    template <typename V = FieldValue>
    int32_t add(int32_t parent, FieldId field, uint32_t offset, uint32_t length, V&& value,
                const Shown& shown = kNoShown, uint64_t bitmask = 0) {
        if (!tree || !tree->keeps(field)) return -1;
        if constexpr (isView<V>)
            return addViewNode(parent, field, offset, length, value, shown, bitmask);
        else
            return addNode(parent, field, offset, length, FieldValue(std::forward<V>(value)), shown,
                           bitmask);
    }
    // Adds a generated node (no bytes of its own, e.g. relative seq or computed checksum).
    template <typename V = FieldValue>
    int32_t addGenerated(int32_t parent, FieldId field, V&& value, const Shown& shown = kNoShown) {
        if (!tree || !tree->keeps(field)) return -1;
        const uint32_t offset = parent >= 0 ? tree->node(parent).offset : 0;
        int32_t n = add(parent, field, offset, 0, std::forward<V>(value), shown);
        tree->setGenerated(n);
        return n;
    }
    // Replaces what an added node shows (a layer's title, once the layer is read).
    void setShown(int32_t node, const Shown& shown);
    // Whether add() would keep a node of this field: a tree is built and it keeps the field
    // (ProtoTree::keepOnly). Guard values that cost an allocation (byte copies) with it.
    bool wants(FieldId field) const { return tree && tree->keeps(field); }
    // Whether a tree is built that keeps any field of a protocol's table: a payload dissector
    // whose fields a kept tree (a display filter's) leaves out need not parse at all.
    bool wantsAny(std::span<const FieldDef> table) const {
        if (!tree) return false;
        for (const FieldDef& d : table)
            if (d.handle && tree->keeps(*d.handle)) return true;
        return false;
    }
    // Builds what a node shows only when a tree with text is being built:
    // text([&] { return Shown::val(num(v) + " bytes"); }). Otherwise it is kNoShown, so the
    // first pass neither builds nor destroys a Shown. The built one lives in a small ring of
    // slots until the fourth text() after it: use it within the statement that asked for it.
    template <typename Fn> const Shown& text(Fn&& build) const {
        if (!tree || !options.displayText) return kNoShown;
        return keepText(buildText(build));
    }
    // Cold: the message is built where a packet has a fault, which few have; the compiler then
    // moves the building out of the hot code and the first pass's code stays small.
    [[gnu::cold]] void note(int32_t node, Severity s, std::string_view id, std::string message);

  private:
    [[gnu::cold]] const Shown& keepText(Shown&& shown) const;
    mutable std::unique_ptr<std::array<Shown, 4>> m_texts; // made by the first text()
    mutable uint8_t m_nextText = 0;
    // Out of line and cold: the first pass never builds text, so the text code of every field
    // lies outside the code it runs.
    template <typename Fn> [[gnu::cold, gnu::noinline]] static Shown buildText(Fn& build) {
        return Shown(build());
    }
    template <typename V>
    static constexpr bool isView = std::is_same_v<std::decay_t<V>, std::span<const uint8_t>> ||
                                   std::is_same_v<std::decay_t<V>, std::string_view>;
    int32_t addNode(int32_t parent, FieldId field, uint32_t offset, uint32_t length,
                    FieldValue value, const Shown& shown, uint64_t bitmask);
    int32_t addViewNode(int32_t parent, FieldId field, uint32_t offset, uint32_t length,
                        std::span<const uint8_t> bytes, const Shown& shown, uint64_t bitmask);
    int32_t addViewNode(int32_t parent, FieldId field, uint32_t offset, uint32_t length,
                        std::string_view text, const Shown& shown, uint64_t bitmask);
};

// A dissector consumes bytes at [offset, offset+length) of the frame (length: as the enclosing
// header says, possibly more than was captured) and returns how many bytes it recognised.
using DissectFn = uint32_t (*)(DissectContext& ctx, uint32_t offset, uint32_t length,
                               int32_t parent);

// A table holds a few dozen entries at most and is read several times per packet (link
// type, ethertype, protocol, both ports, each TCP option), mostly for keys it does not hold
// (an ephemeral port). Keys below 256 (protocols, option kinds) index an array; a bit per
// 16-bit key answers the others' misses at once, and a short scan finds their hits. Cheaper
// than a hash lookup's division; registration order does not matter.
class DissectorTable {
  public:
    constexpr explicit DissectorTable(std::string_view name) : m_name(name) {}
    void add(uint32_t key, DissectFn fn) {
        if (key < kDirectKeys) {
            m_direct[key] = fn;
            return;
        }
        if (key < kBitKeys) m_present[key >> 6] |= uint64_t(1) << (key & 63);
        for (size_t i = 0; i < m_keys.size(); ++i)
            if (m_keys[i] == key) {
                m_fns[i] = fn;
                return;
            }
        m_keys.push_back(key);
        m_fns.push_back(fn);
    }
    DissectFn find(uint32_t key) const {
        if (key < kDirectKeys) return m_direct[key];
        if (key < kBitKeys && !((m_present[key >> 6] >> (key & 63)) & 1)) return nullptr;
        for (size_t i = 0; i < m_keys.size(); ++i)
            if (m_keys[i] == key) return m_fns[i];
        return nullptr;
    }
    std::string_view name() const { return m_name; }

  private:
    static constexpr uint32_t kDirectKeys = 256;
    static constexpr uint32_t kBitKeys = 1u << 16;
    std::string_view m_name;
    std::array<DissectFn, kDirectKeys> m_direct{};
    std::array<uint64_t, kBitKeys / 64> m_present{}; // 8 KiB: which other 16-bit keys are held
    std::vector<uint32_t> m_keys; // apart from the functions: the scan reads keys only
    std::vector<DissectFn> m_fns;
};

// The tables, filled by registerAllProtocols(). One object initialised at compile time, so
// reading it (several times per packet) needs no call and no guard.
struct DissectorTables {
    DissectorTable linkType{"wtap_encap"};
    DissectorTable etherType{"ethertype"};
    DissectorTable ipProto{"ip.proto"};
    DissectorTable tcpPort{"tcp.port"};
    DissectorTable udpPort{"udp.port"};
    DissectorTable tcpOption{"tcp.option"};
    static DissectorTables& instance();
};

namespace detail {
extern constinit DissectorTables g_dissectorTables;
}
inline DissectorTables& DissectorTables::instance() {
    return detail::g_dissectorTables;
}

// The commonest frame on the first pass, which is read at fixed offsets instead of layer by
// layer: an Ethernet or raw-IP frame, captured whole and no shorter on the wire, holding an
// unfragmented IPv4 packet with a 20-byte header or an IPv6 packet whose next header is TCP,
// holding TCP whose options are only those the tracker reads (EOL, NOP, MSS, window scale, SACK
// permitted, SACK, timestamps), each well formed; checksums not to be verified. Where its parts
// are, and its options as the option dissectors record them.
struct PlainTcp {
    uint32_t ip = 0;           // where the IP header starts
    uint32_t tcp = 0;          // where the TCP header starts
    uint32_t tcpLength = 0;    // the segment's length, as the IP header gives it
    uint32_t headerLength = 0; // the TCP header's, options included
    TcpOptionSummary options;
};
// Whether `frame` is such a frame (never with options.plainShortcut off), and where its parts are.
bool readPlainTcp(const Frame& frame, const DissectOptions& options, PlainTcp& out);

// Dissects one frame. Fills `summary` always; fills `tree` when it is non-null (the frame
// layer comes first). Never reads outside frame.data and never throws for bad bytes. Without a
// tree or columns, a plain TCP frame (readPlainTcp) is read at fixed offsets, into the summary
// the layers would have given (a test and a fuzzer compare the two), and its payload then goes
// to the payload dissectors as from the TCP layer.
void dissectFrame(const Frame& frame, PacketSummary& summary, ProtoTree* tree,
                  const DissectOptions& options = {}, ColumnText* columns = nullptr);

} // namespace tcpscope
