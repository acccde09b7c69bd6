// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/dissect.h"

#include "protocols.h"
#include "tcpscope/analysis_fields.h"
#include "tcpscope/field_format.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace tcpscope {

constinit DissectorTables detail::g_dissectorTables;

int32_t DissectContext::addNode(int32_t parent, FieldId field, uint32_t offset, uint32_t length,
                                FieldValue value, const Shown& shown, uint64_t bitmask) {
    NodeText text = options.displayText
                        ? composeText(FieldRegistry::instance().def(field), value, bitmask, shown)
                        : NodeText{};
    return tree->add(parent, field, offset, length, std::move(value), std::move(text), bitmask);
}

namespace {

// The value a view becomes, set into the tree's reused buffers.
void setViewValue(ProtoTree& tree, int32_t n, std::span<const uint8_t> bytes) {
    tree.setBytes(n, bytes);
}
void setViewValue(ProtoTree& tree, int32_t n, std::string_view text) {
    tree.setString(n, text);
}

template <typename View>
int32_t addView(DissectContext& ctx, int32_t parent, FieldId field, uint32_t offset,
                uint32_t length, View view, const Shown& shown, uint64_t bitmask) {
    ProtoTree& tree = *ctx.tree;
    const int32_t n = tree.add(parent, field, offset, length, std::monostate{}, {}, bitmask);
    setViewValue(tree, n, view);
    if (n >= 0 && ctx.options.displayText)
        tree.setText(n, composeText(FieldRegistry::instance().def(field), tree.node(n).value,
                                    bitmask, shown));
    return n;
}

} // namespace

int32_t DissectContext::addViewNode(int32_t parent, FieldId field, uint32_t offset, uint32_t length,
                                    std::span<const uint8_t> bytes, const Shown& shown,
                                    uint64_t bitmask) {
    return addView(*this, parent, field, offset, length, bytes, shown, bitmask);
}

int32_t DissectContext::addViewNode(int32_t parent, FieldId field, uint32_t offset, uint32_t length,
                                    std::string_view text, const Shown& shown, uint64_t bitmask) {
    return addView(*this, parent, field, offset, length, text, shown, bitmask);
}

void DissectContext::setShown(int32_t node, const Shown& shown) {
    if (!tree || node < 0 || !options.displayText) return;
    const TreeNode& n = tree->node(node);
    tree->setText(node,
                  composeText(FieldRegistry::instance().def(n.field), n.value, n.bitmask, shown));
}

const Shown& DissectContext::keepText(Shown&& shown) const {
    if (!m_texts) m_texts = std::make_unique<std::array<Shown, 4>>();
    Shown& slot = (*m_texts)[m_nextText++ % m_texts->size()];
    slot = std::move(shown);
    return slot;
}

void DissectContext::note(int32_t node, Severity s, std::string_view id, std::string message) {
    if (!tree || node < 0) return;
    tree->addNote(node, s, std::string(id), std::move(message));
}

namespace {
std::atomic<bool> g_registered{false}; // read per packet: once set, no call_once
}

void registerAllProtocols() {
    if (g_registered.load(std::memory_order_acquire)) return;
    static std::once_flag once;
    std::call_once(once, [] {
        proto::registerFrame();
        proto::registerLinkLayers();
        proto::registerIpv4();
        proto::registerIpv6();
        proto::registerTcp();
        proto::registerTcpOptions();
        proto::registerResp();
        proto::registerHttp();
        proto::registerTls();
        proto::registerUdp();
        proto::registerTunnels();
        proto::registerEncapsulations();
        proto::registerCaptureHostLinks();
        registerAnalysisFields();
        g_registered.store(true, std::memory_order_release);
    });
}

void dissectFrame(const Frame& frame, PacketSummary& summary, ProtoTree* tree,
                  const DissectOptions& options, ColumnText* columns) {
    registerAllProtocols();
    summary = PacketSummary{};
    summary.linkType = frame.linkType;
    summary.capturedLength = static_cast<uint32_t>(frame.data.size());
    DissectContext ctx;
    ctx.bytes = ByteReader(frame.data);
    ctx.frame = &frame;
    ctx.tree = tree;
    ctx.summary = &summary;
    ctx.options = options;
    ctx.columns = columns;
    if (!tree && !columns) {
        PlainTcp plain;
        if (readPlainTcp(frame, options, plain)) {
            proto::dissectPlainTcp(ctx, plain);
            return;
        }
    }
    proto::dissectFrameLayer(ctx);
}

void resetForInnerIp(PacketSummary& s) {
    PacketSummary fresh;
    fresh.linkType = s.linkType;
    fresh.capturedLength = s.capturedLength;
    fresh.problems = s.problems;
    fresh.topProtocol = s.topProtocol;
    fresh.etherType = s.etherType;
    fresh.vlanCount = s.vlanCount;
    fresh.ipDepth = s.ipDepth;
    fresh.tunnel = s.tunnel;
    fresh.tunnelKey = s.tunnelKey;
    s = fresh;
}

namespace proto {

std::string num(uint64_t v) {
    return std::to_string(v);
}

std::string hexN(uint64_t v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%0*llx", digits, (unsigned long long)v);
    return buf;
}

std::string bitPatternLine(uint64_t raw, uint64_t mask, std::string text, unsigned bits) {
    return bitPattern(raw, mask, bits) + " = " + text;
}

void notePayloadCut(DissectContext& ctx, int32_t ipNode, uint32_t have, uint32_t payloadLength) {
    ctx.summary->problems |= Problem::PayloadTruncated;
    ctx.note(ipNode, Severity::Note, "_ws.truncated",
             noteText("_ws.truncated.ip-payload",
                      {{"have", num(have)}, {"length", num(payloadLength)}}));
}

void addLaterFragment(DissectContext& ctx, int32_t ipNode, FieldId payloadField, uint32_t offset,
                      uint32_t length, const Shown& label, std::string_view noteId,
                      std::string_view key) {
    ctx.summary->isLaterFragment = true;
    if (ctx.tree) {
        auto d = ctx.bytes.bytes(offset, length);
        int32_t pl = ctx.add(-1, payloadField, offset, static_cast<uint32_t>(d.size()), d, label);
        ctx.note(pl, Severity::Note, noteId, noteText(key));
    }
    noteIpPayloadCut(ctx, ipNode, offset, length, 0);
}

uint32_t dispatchIpPayload(DissectContext& ctx, uint8_t proto, uint32_t offset, uint32_t length,
                           int32_t parent) {
    if (DissectFn fn = DissectorTables::instance().ipProto.find(proto))
        return fn(ctx, offset, length, parent);
    return markUndecoded(ctx, Undecoded::IpProtocol, proto);
}

uint32_t markUndecoded(DissectContext& ctx, Undecoded kind, uint32_t type) {
    ctx.summary->undecoded = kind;
    ctx.summary->undecodedType = type;
    return 0;
}

void noteTruncated(DissectContext& ctx, int32_t node, std::string_view key, uint32_t need,
                   uint32_t have) {
    ctx.summary->problems |= Problem::LinkTruncated;
    ctx.note(node, Severity::Error, "_ws.truncated",
             noteText(key, {{"need", num(need)}, {"have", num(have)}}));
}

int32_t headerLayer(DissectContext& ctx, FieldId layer, uint32_t offset, uint32_t need,
                    std::string_view key, bool& ok) {
    const auto have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.setProtocol(layer);
    const int32_t node = ctx.add(-1, layer, offset, std::min(need, have), std::monostate{});
    ok = have >= need;
    if (!ok) noteTruncated(ctx, node, key, need, have);
    return node;
}

void enterIp(PacketSummary& s) {
    if (s.ipDepth > 0) resetForInnerIp(s);
    if (s.ipDepth < 255) ++s.ipDepth;
}

} // namespace proto
} // namespace tcpscope
