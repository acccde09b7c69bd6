// SPDX-License-Identifier: GPL-2.0-or-later
// The "frame" pseudo-protocol: capture metadata, then dispatch on the link type.
#include "protocols.h"

#include <cstdio>

namespace tcpscope::proto {

namespace {

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct FrameFields {
    FieldId frame, number, timeEpoch, len, capLen;
};
FrameFields hf;
const FieldDef kFields[] = {
    {.handle = &hf.frame,
     .abbrev = "frame",
     .name = "Frame",
     .shortName = "Frame",
     .type = FieldType::Protocol,
     .explanation =
         "One captured packet as the capture file stores it: when it was seen, how long it was on "
         "the wire and how many of those bytes were kept (the snap length may cut it short)."},
    {.handle = &hf.number,
     .abbrev = "frame.number",
     .name = "Frame Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Position of the packet in the capture, counting from 1 (tcpdump -# prints the same)."},
    {.handle = &hf.timeEpoch,
     .abbrev = "frame.time_epoch",
     .name = "Epoch Time",
     .type = FieldType::RelTime,
     .explanation =
         "Capture time in seconds since 1970-01-01 UTC, as recorded by the capturing host."},
    {.handle = &hf.len,
     .abbrev = "frame.len",
     .name = "Frame Length",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Length of the packet on the wire, in bytes."},
    {.handle = &hf.capLen,
     .abbrev = "frame.cap_len",
     .name = "Capture Length",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Bytes actually stored in the capture. Less than the frame length when the capture's snap "
         "length cut the packet short; fields past this point cannot be decoded."},
};

} // namespace

void registerFrame() {
    FieldRegistry::instance().add(kFields);
}

void dissectFrameLayer(DissectContext& ctx) {
    const Frame& f = *ctx.frame;
    auto cap = static_cast<uint32_t>(f.data.size());
    int32_t root = -1;
    ctx.setProtocol(hf.frame);
    if (ctx.tree) {
        char title[160] = "Frame";
        if (ctx.options.displayText)
            std::snprintf(title, sizeof title,
                          "Frame %llu: %u bytes on wire (%u bits), %u bytes captured (%u bits)",
                          (unsigned long long)f.number, f.originalLength, f.originalLength * 8, cap,
                          cap * 8);
        root = ctx.add(-1, hf.frame, 0, cap, std::monostate{}, Shown::title(title));
        ctx.addGenerated(root, hf.number, uint64_t(f.number));
        if (ctx.wants(hf.timeEpoch)) {
            char ts[48];
            std::snprintf(ts, sizeof ts, "%lld.%09llu", (long long)f.ts.sec,
                          (unsigned long long)f.ts.nsec);
            ctx.addGenerated(root, hf.timeEpoch, std::string_view(ts));
        }
        ctx.addGenerated(root, hf.len, uint64_t(f.originalLength));
        ctx.addGenerated(root, hf.capLen, uint64_t(cap));
    }
    if (cap == 0) {
        ctx.summary->problems |= Problem::LinkTruncated;
        ctx.note(root, Severity::Error, "_ws.truncated", noteText("_ws.truncated.frame"));
        return;
    }
    if (DissectFn fn = DissectorTables::instance().linkType.find(f.linkType)) {
        fn(ctx, 0, cap, -1);
        return;
    }
    markUndecoded(ctx, Undecoded::LinkType, f.linkType);
    ctx.note(root, Severity::Warning, "frame.unknown_link_type",
             noteText("frame.unknown_link_type", {{"type", num(f.linkType)}}));
}

} // namespace tcpscope::proto
