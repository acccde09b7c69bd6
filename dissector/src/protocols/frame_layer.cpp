// SPDX-License-Identifier: GPL-2.0-or-later
// The "frame" pseudo-protocol: capture metadata, then dispatch on the link type.
#include "protocols.h"

#include <cstdio>

namespace tcpscope::proto {

namespace {

enum : FieldId { F_FRAME, F_NUMBER, F_TIME_EPOCH, F_LEN, F_CAP_LEN, F_COUNT };
const FieldDef kFields[] = {
    {"frame",
     "Frame",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "One captured packet as the capture file stores it: when it was seen, how long it was on "
     "the wire and how many of those bytes were kept (the snap length may cut it short)."},
    {"frame.number",
     "Frame Number",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Position of the packet in the capture, counting from 1 (tcpdump -# prints the same)."},
    {"frame.time_epoch",
     "Epoch Time",
     FieldType::RelTime,
     Base::None,
     0,
     {},
     "Capture time in seconds since 1970-01-01 UTC, as recorded by the capturing host."},
    {"frame.len",
     "Frame Length",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Length of the packet on the wire, in bytes."},
    {"frame.cap_len",
     "Capture Length",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Bytes actually stored in the capture. Less than the frame length when the capture's snap "
     "length cut the packet short; fields past this point cannot be decoded."},
};
FieldId g_base = 0;

} // namespace

void registerFrame() {
    g_base = FieldRegistry::instance().add(kFields);
}

void dissectFrameLayer(DissectContext& ctx) {
    const Frame& f = *ctx.frame;
    auto cap = static_cast<uint32_t>(f.data.size());
    int32_t root = -1;
    if (ctx.tree) {
        char title[160] = "Frame";
        if (ctx.options.displayText)
            std::snprintf(title, sizeof title,
                          "Frame %llu: %u bytes on wire (%u bits), %u bytes captured (%u bits)",
                          (unsigned long long)f.number, f.originalLength, f.originalLength * 8, cap,
                          cap * 8);
        root = ctx.add(-1, g_base + F_FRAME, 0, cap, std::monostate{}, title);
        ctx.addGenerated(root, g_base + F_NUMBER, uint64_t(f.number));
        if (ctx.wants(g_base + F_TIME_EPOCH)) {
            char ts[48];
            std::snprintf(ts, sizeof ts, "%lld.%09llu", (long long)f.ts.sec,
                          (unsigned long long)f.ts.nsec);
            ctx.addGenerated(root, g_base + F_TIME_EPOCH, std::string(ts));
        }
        ctx.addGenerated(root, g_base + F_LEN, uint64_t(f.originalLength));
        ctx.addGenerated(root, g_base + F_CAP_LEN, uint64_t(cap));
    }
    if (cap == 0) {
        ctx.summary->problems |= Problem::LinkTruncated;
        ctx.note(root, Severity::Error, "_ws.truncated", "No bytes of this frame were captured");
        return;
    }
    if (DissectFn fn = DissectorTables::instance().linkType.find(f.linkType)) {
        fn(ctx, 0, cap, -1);
    } else if (root >= 0) {
        ctx.note(root, Severity::Warning, "frame.unknown_link_type",
                 "Link type " + num(f.linkType) + " is not one TcpScope decodes");
    }
}

} // namespace tcpscope::proto
