// SPDX-License-Identifier: GPL-2.0-or-later
// UDP (RFC 768), only as far as the tunnels that ride on it need: ports, length, checksum,
// then the payload protocol registered on a port (VXLAN, Geneve, GTP-U, L2TP), lower port
// first as Wireshark tries them.
#include "protocols.h"

namespace tcpscope::proto {

namespace {

struct UdpFields {
    FieldId udp, srcPort, dstPort, length, checksum, payload;
};
UdpFields hf;

const FieldDef kFields[] = {
    {.handle = &hf.udp,
     .abbrev = "udp",
     .name = "User Datagram Protocol",
     .shortName = "UDP",
     .type = FieldType::Protocol,
     .explanation =
         "UDP: ports and a length, no connection, no order, no retransmission. TcpScope reads it "
         "to follow the tunnels that ride on it (VXLAN, Geneve, GTP-U, L2TP) down to TCP."},
    {.handle = &hf.srcPort,
     .abbrev = "udp.srcport",
     .name = "Source Port",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Port of the sending application (tunnel endpoints often vary it per flow "
                    "so that routers spread the flows over their links)."},
    {.handle = &hf.dstPort,
     .abbrev = "udp.dstport",
     .name = "Destination Port",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Port of the receiving application: 4789 VXLAN, 6081 Geneve, 2152 GTP-U, "
                    "1701 L2TP."},
    {.handle = &hf.length,
     .abbrev = "udp.length",
     .name = "Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Length of the UDP header (8 bytes) and its payload."},
    {.handle = &hf.checksum,
     .abbrev = "udp.checksum",
     .name = "Checksum",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation =
         "Checksum over a pseudo-header, the UDP header and the payload; 0 over IPv4 means none "
         "was computed (tunnels often leave it 0)."},
    {.handle = &hf.payload,
     .abbrev = "udp.payload",
     .name = "Payload",
     .type = FieldType::Bytes,
     .explanation = "The datagram's data, for a port TcpScope does not decode."},
};

uint32_t dissectUdp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.setProtocol(hf.udp);
    auto sp = ctx.bytes.u16(offset), dp = ctx.bytes.u16(offset + 2);
    auto ulen = ctx.bytes.u16(offset + 4), sum = ctx.bytes.u16(offset + 6);
    int32_t node =
        ctx.add(-1, hf.udp, offset, std::min<uint32_t>(8, have), std::monostate{}, ctx.text([&] {
            return Shown::title("User Datagram Protocol, Src Port: " + num(sp.value_or(0)) +
                                ", Dst Port: " + num(dp.value_or(0)));
        }));
    if (!sp || !dp || !ulen || !sum) {
        if (sp) ctx.add(node, hf.srcPort, offset, 2, uint64_t(*sp));
        if (dp) ctx.add(node, hf.dstPort, offset + 2, 2, uint64_t(*dp));
        noteTruncated(ctx, node, "_ws.truncated.udp-header", 8, have);
        return have;
    }
    ctx.add(node, hf.srcPort, offset, 2, uint64_t(*sp));
    ctx.add(node, hf.dstPort, offset + 2, 2, uint64_t(*dp));
    int32_t lenNode = ctx.add(node, hf.length, offset + 4, 2, uint64_t(*ulen));
    ctx.add(node, hf.checksum, offset + 6, 2, uint64_t(*sum));
    uint32_t payload = length >= 8 ? length - 8 : 0;
    if (*ulen < 8) {
        ctx.summary->problems |= Problem::IpMalformed;
        ctx.note(lenNode, Severity::Error, "udp.length.bad",
                 noteText("udp.length.bad", {{"length", num(*ulen)}}));
        return length;
    }
    if (*ulen - 8u < payload) payload = *ulen - 8u;
    auto& ports = DissectorTables::instance().udpPort;
    DissectFn fn = ports.find(std::min(*sp, *dp));
    if (!fn) fn = ports.find(std::max(*sp, *dp));
    uint32_t used = fn ? fn(ctx, offset + 8, payload, -1) : 0;
    if (!fn) markUndecoded(ctx, Undecoded::UdpPort, std::min(*sp, *dp));
    const auto captured = static_cast<uint32_t>(ctx.bytes.remaining(offset + 8));
    if (captured < payload) {
        ctx.summary->problems |= Problem::PayloadTruncated;
        if (used == 0)
            ctx.note(node, Severity::Note, "_ws.truncated",
                     noteText("_ws.truncated.udp-payload",
                              {{"have", num(captured)}, {"length", num(payload)}}));
    }
    if (used == 0 && ctx.wants(hf.payload)) {
        auto bytes = ctx.bytes.bytes(offset + 8, payload);
        if (!bytes.empty())
            ctx.add(node, hf.payload, offset + 8, static_cast<uint32_t>(bytes.size()), bytes);
    }
    return length;
}

} // namespace

void registerUdp() {
    FieldRegistry::instance().add(kFields);
    DissectorTables::instance().ipProto.add(17, dissectUdp);
}

} // namespace tcpscope::proto
