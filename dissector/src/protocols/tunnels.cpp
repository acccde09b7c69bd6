// SPDX-License-Identifier: GPL-2.0-or-later
// Tunnels that carry IP or Ethernet inside IP: GRE (RFC 2784/2890, PPTP's enhanced GRE of RFC
// 2637, NVGRE of RFC 7637, the WCCP redirect header, ERSPAN types II and III), IP in IP (4in4,
// 6in4, 4in6, 6in6), VXLAN (RFC 7348), Geneve (RFC 8926), GTP-U (3GPP TS 29.281), L2TPv2 data
// (RFC 2661), and IPsec AH (RFC 4302) and ESP (RFC 4303, whose payload is encrypted). Each hands
// its inner packet on through the dissector tables; the inner IP header then starts the summary
// afresh (enterIp), so tracking and the packet list see the innermost TCP.
#include "protocols.h"

namespace tcpscope::proto {

namespace {

struct TunnelFields {
    FieldId gre, greFlags, greCk, greRouting, greKeyBit, greSeqBit, greStrict, greRecur, greAck,
        greReserved, greVersion, greProto, greChecksum, greOffset, greKey, greKeyLen, greKeyCall,
        greSeq, greAckNum, wccp, wccpService, wccpAlt, wccpPri, erspan, erspanVersion, erspanVlan,
        erspanCos, erspanEncap, erspanTrunc, erspanSpan, erspanIndex, erspanTimestamp, erspanSgt,
        erspanP, erspanFt, erspanHw, erspanDir, erspanGra, erspanO, vxlan, vxlanFlags, vxlanI,
        vxlanGbp, vxlanVni, vxlanReserved, geneve, geneveVersion, geneveFlags, geneveOam,
        geneveCritical, geneveProto, geneveVni, geneveReserved, geneveOptions, geneveOptClass,
        geneveOptType, geneveOptLen, gtp, gtpFlags, gtpVersion, gtpPt, gtpE, gtpS, gtpPn,
        gtpMessage, gtpLength, gtpTeid, gtpSeq, gtpNpdu, gtpNext, gtpExtLen, l2tp, l2tpType,
        l2tpLengthBit, l2tpSeqBit, l2tpOffsetBit, l2tpPriority, l2tpVersion, l2tpLength, l2tpTunnel,
        l2tpSession, l2tpNs, l2tpNr, l2tpOffset, ah, ahNext, ahLength, ahSpi, ahSeq, ahIcv, esp,
        espSpi, espSeq;
};
TunnelFields hf;

const ValueName kGreProtocols[] = {
    {0x0800, "IP"},     {0x86dd, "IPv6"}, {0x6558, "Transparent Ethernet bridging"},
    {0x8847, "MPLS"},   {0x880b, "PPP"},  {0x88be, "ERSPAN"},
    {0x22eb, "ERSPAN"}, {0x883e, "WCCP"},
};
const ValueName kGtpMessages[] = {{1, "Echo request"},
                                  {2, "Echo response"},
                                  {26, "Error Indication"},
                                  {254, "End Marker"},
                                  {255, "T-PDU"}};

const FieldDef kFields[] = {
    {.handle = &hf.gre,
     .abbrev = "gre",
     .name = "Generic Routing Encapsulation",
     .shortName = "GRE",
     .type = FieldType::Protocol,
     .explanation = "GRE wraps one packet in another: routers at both ends of the tunnel add and "
                    "remove it. The Protocol Type says what is inside (IPv4, IPv6, Ethernet...)."},
    {.handle = &hf.greFlags,
     .abbrev = "gre.flags_and_version",
     .name = "Flags and Version",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "Which optional fields follow (checksum, key, sequence number) and the GRE "
                    "version (0; 1 for PPTP's enhanced GRE)."},
    {.handle = &hf.greCk,
     .abbrev = "gre.flags.checksum",
     .name = "Checksum Bit",
     .type = FieldType::Bool,
     .bitmask = 0x8000,
     .explanation = "A checksum and an offset field follow.",
     .parentBits = 16},
    {.handle = &hf.greRouting,
     .abbrev = "gre.flags.routing",
     .name = "Routing Bit",
     .type = FieldType::Bool,
     .bitmask = 0x4000,
     .explanation = "Source routing entries follow (RFC 1701, obsolete).",
     .parentBits = 16},
    {.handle = &hf.greKeyBit,
     .abbrev = "gre.flags.key",
     .name = "Key Bit",
     .type = FieldType::Bool,
     .bitmask = 0x2000,
     .explanation = "A 4-byte key follows: it tells flows (or NVGRE virtual networks) apart.",
     .parentBits = 16},
    {.handle = &hf.greSeqBit,
     .abbrev = "gre.flags.sequence_number",
     .name = "Sequence Number Bit",
     .type = FieldType::Bool,
     .bitmask = 0x1000,
     .explanation = "A sequence number follows.",
     .parentBits = 16},
    {.handle = &hf.greStrict,
     .abbrev = "gre.flags.strict_source_route",
     .name = "Strict Source Route Bit",
     .type = FieldType::Bool,
     .bitmask = 0x0800,
     .explanation = "Strict source routing (RFC 1701, obsolete).",
     .parentBits = 16},
    {.handle = &hf.greRecur,
     .abbrev = "gre.flags.recursion_control",
     .name = "Recursion control",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0700,
     .explanation = "How many more encapsulations are allowed (RFC 1701, obsolete).",
     .parentBits = 16},
    {.handle = &hf.greAck,
     .abbrev = "gre.flags.ack",
     .name = "Acknowledgment",
     .type = FieldType::Bool,
     .bitmask = 0x0080,
     .explanation = "PPTP's enhanced GRE: an acknowledgment number follows.",
     .parentBits = 16},
    {.handle = &hf.greReserved,
     .abbrev = "gre.flags.reserved",
     .name = "Flags (Reserved)",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x00f8,
     .explanation = "Reserved, zero.",
     .parentBits = 16},
    {.handle = &hf.greVersion,
     .abbrev = "gre.flags.version",
     .name = "Version",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0007,
     .explanation = "0 for GRE; 1 for PPTP's enhanced GRE.",
     .parentBits = 16},
    {.handle = &hf.greProto,
     .abbrev = "gre.proto",
     .name = "Protocol Type",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kGreProtocols,
     .explanation = "An EtherType: what the tunnel carries (0x0800 IPv4, 0x6558 Ethernet)."},
    {.handle = &hf.greChecksum,
     .abbrev = "gre.checksum",
     .name = "Checksum",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "Internet checksum over the GRE header and payload."},
    {.handle = &hf.greOffset,
     .abbrev = "gre.offset",
     .name = "Offset",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Where the routing entries start (RFC 1701)."},
    {.handle = &hf.greKey,
     .abbrev = "gre.key",
     .name = "Key",
     .type = FieldType::UInt32,
     .base = Base::Hex,
     .explanation =
         "Identifies a flow within the tunnel (RFC 2890); NVGRE puts a 24-bit virtual subnet ID "
         "and an 8-bit flow ID here. TcpScope keys connections by it."},
    {.handle = &hf.greKeyLen,
     .abbrev = "gre.key.payload_length",
     .name = "Payload Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "PPTP: length of the payload, without the GRE header."},
    {.handle = &hf.greKeyCall,
     .abbrev = "gre.key.call_id",
     .name = "Call ID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "PPTP: the peer's call ID for this session."},
    {.handle = &hf.greSeq,
     .abbrev = "gre.sequence_number",
     .name = "Sequence Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Counts the packets of the tunnel, so the receiver can see loss and order."},
    {.handle = &hf.greAckNum,
     .abbrev = "gre.ack_number",
     .name = "Acknowledgment Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "PPTP: the highest sequence number received."},
    {.handle = &hf.wccp,
     .abbrev = "gre.wccp.redirect_header",
     .name = "Redirect Header",
     .type = FieldType::None,
     .explanation = "WCCP's 4-byte redirect header before the redirected IPv4 packet."},
    {.handle = &hf.wccpService,
     .abbrev = "gre.wccp.service_id",
     .name = "Service ID",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "The WCCP service group that redirected the packet."},
    {.handle = &hf.wccpAlt,
     .abbrev = "gre.wccp.alternative_bucket",
     .name = "Alternative Bucket",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Alternative hash bucket."},
    {.handle = &hf.wccpPri,
     .abbrev = "gre.wccp.primary_bucket",
     .name = "Primary Bucket",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Primary hash bucket."},
    {.handle = &hf.erspan,
     .abbrev = "erspan",
     .name = "Encapsulated Remote Switch Packet ANalysis",
     .shortName = "ERSPAN",
     .type = FieldType::Protocol,
     .explanation = "A switch's mirrored copy of a frame, sent inside GRE to an analyser."},
    {.handle = &hf.erspanVersion,
     .abbrev = "erspan.version",
     .name = "Version",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xf000,
     .explanation = "1 for type II, 2 for type III.",
     .parentBits = 16},
    {.handle = &hf.erspanVlan,
     .abbrev = "erspan.vlan",
     .name = "Vlan",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0fff,
     .explanation = "VLAN of the mirrored frame.",
     .parentBits = 16},
    {.handle = &hf.erspanCos,
     .abbrev = "erspan.cos",
     .name = "COS",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xe000,
     .explanation = "Class of service of the mirrored frame.",
     .parentBits = 16},
    {.handle = &hf.erspanEncap,
     .abbrev = "erspan.encap",
     .name = "Encap",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x1800,
     .explanation = "Type II: how the frame was tagged when it was mirrored.",
     .parentBits = 16},
    {.handle = &hf.erspanTrunc,
     .abbrev = "erspan.truncated",
     .name = "Truncated",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0400,
     .explanation = "The mirrored frame was cut to fit.",
     .parentBits = 16},
    {.handle = &hf.erspanSpan,
     .abbrev = "erspan.spanid",
     .name = "SpanID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x03ff,
     .explanation = "The mirroring session.",
     .parentBits = 16},
    {.handle = &hf.erspanIndex,
     .abbrev = "erspan.index",
     .name = "Index",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .bitmask = 0x000fffff,
     .explanation = "Type II: port index of the mirrored frame.",
     .parentBits = 32},
    {.handle = &hf.erspanTimestamp,
     .abbrev = "erspan.timestamp",
     .name = "Timestamp",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Type III: when the frame was mirrored."},
    {.handle = &hf.erspanSgt,
     .abbrev = "erspan.sgt",
     .name = "Security Group Tag",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Type III: security group of the mirrored frame."},
    {.handle = &hf.erspanP,
     .abbrev = "erspan.p",
     .name = "Has Ethernet PDU",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x8000,
     .explanation = "Type III: the payload is an Ethernet frame.",
     .parentBits = 16},
    {.handle = &hf.erspanFt,
     .abbrev = "erspan.ft",
     .name = "Frame Type",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x7c00,
     .explanation = "Type III: 0 Ethernet, 2 IP.",
     .parentBits = 16},
    {.handle = &hf.erspanHw,
     .abbrev = "erspan.hw",
     .name = "Hardware ID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x03f0,
     .explanation = "Type III: the mirroring hardware.",
     .parentBits = 16},
    {.handle = &hf.erspanDir,
     .abbrev = "erspan.direction",
     .name = "Direction",
     .type = FieldType::Bool,
     .bitmask = 0x0008,
     .explanation = "Type III: mirrored on ingress (0) or egress (1).",
     .parentBits = 16},
    {.handle = &hf.erspanGra,
     .abbrev = "erspan.gra",
     .name = "Timestamp granularity",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0006,
     .explanation = "Type III: the timestamp's unit.",
     .parentBits = 16},
    {.handle = &hf.erspanO,
     .abbrev = "erspan.o",
     .name = "Optional Sub headers",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0001,
     .explanation = "Type III: an 8-byte platform sub-header follows.",
     .parentBits = 16},
    {.handle = &hf.vxlan,
     .abbrev = "vxlan",
     .name = "Virtual eXtensible Local Area Network",
     .shortName = "VXLAN",
     .type = FieldType::Protocol,
     .explanation =
         "VXLAN carries Ethernet frames inside UDP (port 4789) between the hosts of a data "
         "centre; the VNI names the virtual network. TcpScope keys connections by it."},
    {.handle = &hf.vxlanFlags,
     .abbrev = "vxlan.flags",
     .name = "Flags",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation =
         "0x0800 (the I flag): the VNI is valid. Other bits are reserved or extensions."},
    {.handle = &hf.vxlanI,
     .abbrev = "vxlan.flag_i",
     .name = "VXLAN Network ID (VNI)",
     .type = FieldType::Bool,
     .bitmask = 0x0800,
     .explanation = "The VNI field is valid.",
     .parentBits = 16},
    {.handle = &hf.vxlanGbp,
     .abbrev = "vxlan.gbp",
     .name = "Group Policy ID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "Reserved in RFC 7348; the group-based-policy extension puts a policy ID here."},
    {.handle = &hf.vxlanVni,
     .abbrev = "vxlan.vni",
     .name = "VXLAN Network Identifier (VNI)",
     .type = FieldType::UInt24,
     .base = Base::Dec,
     .explanation = "Which virtual network the frame belongs to: equal inner addresses in two "
                    "VNIs are two different hosts."},
    {.handle = &hf.vxlanReserved,
     .abbrev = "vxlan.reserved8",
     .name = "Reserved",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Reserved, zero."},
    {.handle = &hf.geneve,
     .abbrev = "geneve",
     .name = "Generic Network Virtualization Encapsulation",
     .shortName = "Geneve",
     .type = FieldType::Protocol,
     .explanation = "Geneve carries Ethernet or IP inside UDP (port 6081) with a virtual network "
                    "ID and optional metadata (options)."},
    {.handle = &hf.geneveVersion,
     .abbrev = "geneve.version",
     .name = "Version",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0xc0,
     .explanation = "Geneve version, 0.",
     .parentBits = 8},
    {.handle = &hf.geneveFlags,
     .abbrev = "geneve.flags",
     .name = "Flags",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "O: an OAM (control) frame; C: critical options are present."},
    {.handle = &hf.geneveOam,
     .abbrev = "geneve.flags.oam",
     .name = "Operations, Administration and Management Frame",
     .type = FieldType::Bool,
     .bitmask = 0x80,
     .explanation = "A control message, not a data frame.",
     .parentBits = 8},
    {.handle = &hf.geneveCritical,
     .abbrev = "geneve.flags.critical",
     .name = "Critical Options Present",
     .type = FieldType::Bool,
     .bitmask = 0x40,
     .explanation = "An option the receiver must understand is present.",
     .parentBits = 8},
    {.handle = &hf.geneveProto,
     .abbrev = "geneve.proto_type",
     .name = "Protocol Type",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kGreProtocols,
     .explanation = "An EtherType: 0x6558 Ethernet, 0x0800 IPv4, 0x86DD IPv6."},
    {.handle = &hf.geneveVni,
     .abbrev = "geneve.vni",
     .name = "Virtual Network Identifier (VNI)",
     .type = FieldType::UInt24,
     .base = Base::HexDec,
     .explanation = "The virtual network. Open vSwitch may use a different one per direction, so "
                    "TcpScope does not key connections by it."},
    {.handle = &hf.geneveReserved,
     .abbrev = "geneve.reserved",
     .name = "Reserved",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Reserved, zero."},
    {.handle = &hf.geneveOptions,
     .abbrev = "geneve.options",
     .name = "Geneve Options",
     .type = FieldType::Bytes,
     .explanation = "Type-length-value metadata: the option length field counts them in 4-byte "
                    "words."},
    {.handle = &hf.geneveOptClass,
     .abbrev = "geneve.option.class",
     .name = "Class",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "Who defined the option (0x0100 Linux, 0x0101 Open vSwitch, ...)."},
    {.handle = &hf.geneveOptType,
     .abbrev = "geneve.option.type",
     .name = "Type",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "The option within its class; the high bit marks it critical."},
    {.handle = &hf.geneveOptLen,
     .abbrev = "geneve.option.length",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "In the header: the options' length (counted in 4-byte words on the wire). "
                    "In an option: the option's length with its 4-byte header."},
    {.handle = &hf.gtp,
     .abbrev = "gtp",
     .name = "GPRS Tunneling Protocol",
     .shortName = "GTP",
     .type = FieldType::Protocol,
     .explanation = "GTP-U carries a mobile phone's IP packets between the radio network and the "
                    "core (UDP port 2152); the TEID names the subscriber's tunnel."},
    {.handle = &hf.gtpFlags,
     .abbrev = "gtp.flags",
     .name = "Flags",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Version, protocol type, and which optional fields follow."},
    {.handle = &hf.gtpVersion,
     .abbrev = "gtp.flags.version",
     .name = "Version",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0xe0,
     .explanation = "1 for GTPv1 (GTP-U).",
     .parentBits = 8},
    {.handle = &hf.gtpPt,
     .abbrev = "gtp.flags.payload",
     .name = "Protocol type",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0x10,
     .explanation = "1: GTP (0: GTP').",
     .parentBits = 8},
    {.handle = &hf.gtpE,
     .abbrev = "gtp.flags.e",
     .name = "Is Next Extension Header present?",
     .type = FieldType::Bool,
     .bitmask = 0x04,
     .explanation = "Extension headers follow.",
     .parentBits = 8},
    {.handle = &hf.gtpS,
     .abbrev = "gtp.flags.s",
     .name = "Is Sequence Number present?",
     .type = FieldType::Bool,
     .bitmask = 0x02,
     .explanation = "The sequence number is meaningful.",
     .parentBits = 8},
    {.handle = &hf.gtpPn,
     .abbrev = "gtp.flags.pn",
     .name = "Is N-PDU number present?",
     .type = FieldType::Bool,
     .bitmask = 0x01,
     .explanation = "The N-PDU number is meaningful.",
     .parentBits = 8},
    {.handle = &hf.gtpMessage,
     .abbrev = "gtp.message",
     .name = "Message Type",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .values = kGtpMessages,
     .explanation = "255 (T-PDU): a user's packet follows."},
    {.handle = &hf.gtpLength,
     .abbrev = "gtp.length",
     .name = "Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Length after the first 8 bytes of the header."},
    {.handle = &hf.gtpTeid,
     .abbrev = "gtp.teid",
     .name = "TEID",
     .type = FieldType::UInt32,
     .base = Base::HexDec,
     .explanation = "Tunnel endpoint identifier, chosen by the receiving end: each direction of "
                    "a subscriber's tunnel has its own."},
    {.handle = &hf.gtpSeq,
     .abbrev = "gtp.seq_number",
     .name = "Sequence number",
     .type = FieldType::UInt16,
     .base = Base::HexDec,
     .explanation = "Sequence number of the tunnelled packet."},
    {.handle = &hf.gtpNpdu,
     .abbrev = "gtp.npdu_number",
     .name = "N-PDU Number",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "N-PDU number (used across handovers)."},
    {.handle = &hf.gtpNext,
     .abbrev = "gtp.ext_hdr.next",
     .name = "Next extension header type",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Type of the extension header that follows; 0: none."},
    {.handle = &hf.gtpExtLen,
     .abbrev = "gtp.ext_hdr.length",
     .name = "Extension Header Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Length of the extension header in 4-byte units."},
    {.handle = &hf.l2tp,
     .abbrev = "l2tp",
     .name = "Layer 2 Tunneling Protocol",
     .shortName = "L2TP",
     .type = FieldType::Protocol,
     .explanation = "L2TP carries PPP sessions inside UDP (port 1701), as broadband access "
                    "networks and VPNs do."},
    {.handle = &hf.l2tpType,
     .abbrev = "l2tp.type",
     .name = "Type",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x8000,
     .explanation = "0: a data message (PPP follows); 1: a control message.",
     .parentBits = 16},
    {.handle = &hf.l2tpLengthBit,
     .abbrev = "l2tp.length_bit",
     .name = "Length Bit",
     .type = FieldType::Bool,
     .bitmask = 0x4000,
     .explanation = "A length field follows.",
     .parentBits = 16},
    {.handle = &hf.l2tpSeqBit,
     .abbrev = "l2tp.seq_bit",
     .name = "Sequence Bit",
     .type = FieldType::Bool,
     .bitmask = 0x0800,
     .explanation = "Ns and Nr follow.",
     .parentBits = 16},
    {.handle = &hf.l2tpOffsetBit,
     .abbrev = "l2tp.offset_bit",
     .name = "Offset bit",
     .type = FieldType::Bool,
     .bitmask = 0x0200,
     .explanation = "An offset size field follows.",
     .parentBits = 16},
    {.handle = &hf.l2tpPriority,
     .abbrev = "l2tp.priority",
     .name = "Priority",
     .type = FieldType::Bool,
     .bitmask = 0x0100,
     .explanation = "Data message to be treated first.",
     .parentBits = 16},
    {.handle = &hf.l2tpVersion,
     .abbrev = "l2tp.version",
     .name = "Version",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x000f,
     .explanation = "2 for L2TPv2.",
     .parentBits = 16},
    {.handle = &hf.l2tpLength,
     .abbrev = "l2tp.length",
     .name = "Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Length of the message."},
    {.handle = &hf.l2tpTunnel,
     .abbrev = "l2tp.tunnel",
     .name = "Tunnel ID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "The receiving end's identifier of the tunnel."},
    {.handle = &hf.l2tpSession,
     .abbrev = "l2tp.session",
     .name = "Session ID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "The receiving end's identifier of the session within the tunnel."},
    {.handle = &hf.l2tpNs,
     .abbrev = "l2tp.Ns",
     .name = "Ns",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Sequence number of this message."},
    {.handle = &hf.l2tpNr,
     .abbrev = "l2tp.Nr",
     .name = "Nr",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Next sequence number expected."},
    {.handle = &hf.l2tpOffset,
     .abbrev = "l2tp.offset",
     .name = "Offset",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Padding bytes before the PPP frame."},
    {.handle = &hf.ah,
     .abbrev = "ah",
     .name = "Authentication Header",
     .shortName = "AH",
     .type = FieldType::Protocol,
     .explanation = "IPsec AH signs the packet (an integrity check value) but does not encrypt "
                    "it: the TCP inside is readable."},
    {.handle = &hf.ahNext,
     .abbrev = "ah.next_header",
     .name = "Next header",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "The protocol after AH (6: TCP)."},
    {.handle = &hf.ahLength,
     .abbrev = "ah.length",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "AH's length in 4-byte words, minus 2."},
    {.handle = &hf.ahSpi,
     .abbrev = "ah.spi",
     .name = "AH SPI",
     .type = FieldType::UInt32,
     .base = Base::Hex,
     .explanation = "Security parameter index: which security association signed it."},
    {.handle = &hf.ahSeq,
     .abbrev = "ah.sequence",
     .name = "AH Sequence",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Anti-replay sequence number."},
    {.handle = &hf.ahIcv,
     .abbrev = "ah.icv",
     .name = "AH ICV",
     .type = FieldType::Bytes,
     .explanation = "Integrity check value (the signature)."},
    {.handle = &hf.esp,
     .abbrev = "esp",
     .name = "Encapsulating Security Payload",
     .shortName = "ESP",
     .type = FieldType::Protocol,
     .explanation = "IPsec ESP encrypts what it carries: the TCP inside cannot be read without "
                    "the keys."},
    {.handle = &hf.espSpi,
     .abbrev = "esp.spi",
     .name = "ESP SPI",
     .type = FieldType::UInt32,
     .base = Base::HexDec,
     .explanation = "Security parameter index: which security association encrypted it."},
    {.handle = &hf.espSeq,
     .abbrev = "esp.sequence",
     .name = "ESP Sequence",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Anti-replay sequence number."},
};

// headerLayer, the frame also marked as tunnelled through the layer.
int32_t tunnelLayer(DissectContext& ctx, FieldId layer, uint32_t offset, uint32_t need,
                    std::string_view key, bool& ok) {
    ctx.summary->tunnel = layer;
    return headerLayer(ctx, layer, offset, need, key, ok);
}

// A virtual network's identifier folded into the connection key: `kind` keeps a VNI apart from
// an equal GRE key.
void keyBy(DissectContext& ctx, uint32_t kind, uint32_t id) {
    uint32_t& k = ctx.summary->tunnelKey;
    k = (k ^ (kind << 24) ^ id) * 0x9e3779b1u + 0x7f4a7c15u;
}

// ---- GRE ----

// The flags word's bits, then the optional fields; returns the header length.
uint32_t greOptionalFields(DissectContext& ctx, int32_t node, uint32_t offset, uint16_t flags) {
    const bool v1 = (flags & 7) == 1;
    uint32_t p = offset + 4;
    if (!v1 && (flags & 0xc000)) {
        ctx.add(node, hf.greChecksum, p, 2, be(ctx, p, 2));
        ctx.add(node, hf.greOffset, p + 2, 2, be(ctx, p + 2, 2));
        p += 4;
    }
    if (flags & 0x2000) {
        if (v1) {
            ctx.add(node, hf.greKeyLen, p, 2, be(ctx, p, 2));
            ctx.add(node, hf.greKeyCall, p + 2, 2, be(ctx, p + 2, 2));
        } else {
            ctx.add(node, hf.greKey, p, 4, be(ctx, p, 4));
        }
        p += 4;
    }
    if (flags & 0x1000) {
        ctx.add(node, hf.greSeq, p, 4, be(ctx, p, 4));
        p += 4;
    }
    if (v1 && (flags & 0x0080)) {
        ctx.add(node, hf.greAckNum, p, 4, be(ctx, p, 4));
        p += 4;
    }
    return p - offset;
}

void greFlagBits(DissectContext& ctx, int32_t node, uint32_t offset, uint16_t flags) {
    int32_t f = ctx.add(node, hf.greFlags, offset, 2, uint64_t(flags));
    const FieldId bits[] = {hf.greCk,    hf.greRouting, hf.greKeyBit,   hf.greSeqBit, hf.greStrict,
                            hf.greRecur, hf.greAck,     hf.greReserved, hf.greVersion};
    const uint16_t masks[] = {0x8000, 0x4000, 0x2000, 0x1000, 0x0800, 0x0700, 0x0080, 0x00f8, 7};
    const bool v1 = (flags & 7) == 1;
    for (size_t i = 0; i < std::size(bits); ++i) {
        if (masks[i] == 0x0080 && !v1) continue;
        uint16_t m = masks[i] == 0x00f8 && v1 ? 0x0078 : masks[i];
        uint64_t v = (flags & m) >> std::countr_zero(m);
        ctx.add(f, bits[i], offset, 2, v, kNoShown, m);
    }
}

// WCCP's redirect header comes before the IPv4 packet unless the payload already starts
// like IPv4 (tcpdump's and Wireshark's test).
uint32_t dissectWccp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    auto first = ctx.bytes.u8(offset);
    if (!first) return 0;
    if ((*first >> 4) == 4) return dispatchEtherType(ctx, 0x0800, offset, length, -1);
    if (!ctx.bytes.has(offset, 4)) return 0;
    int32_t w = ctx.add(-1, hf.wccp, offset, 4, std::monostate{});
    ctx.add(w, hf.wccpService, offset + 1, 1, be(ctx, offset + 1, 1));
    ctx.add(w, hf.wccpAlt, offset + 2, 1, be(ctx, offset + 2, 1));
    ctx.add(w, hf.wccpPri, offset + 3, 1, be(ctx, offset + 3, 1));
    return inner(4, dispatchEtherType(ctx, 0x0800, offset + 4, rest(length, 4), -1));
}

uint32_t dissectGre(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = tunnelLayer(ctx, hf.gre, offset, 4, "_ws.truncated.gre-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint16_t flags = static_cast<uint16_t>(be(ctx, offset, 2));
    const uint16_t proto = static_cast<uint16_t>(be(ctx, offset + 2, 2));
    greFlagBits(ctx, node, offset, flags);
    ctx.add(node, hf.greProto, offset + 2, 2, uint64_t(proto));
    const uint32_t hdr = greOptionalFields(ctx, node, offset, flags);
    if (ctx.tree) ctx.tree->setLength(node, std::min<uint32_t>(hdr, ctx.bytes.remaining(offset)));
    if (!ctx.bytes.has(offset, hdr)) {
        noteTruncated(ctx, node, "_ws.truncated.gre-header", hdr, ctx.bytes.remaining(offset));
        return length;
    }
    if (flags & 0x4000) {
        ctx.note(node, Severity::Note, "gre.routing", noteText("gre.routing"));
        return length;
    }
    if ((flags & 7) == 0 && (flags & 0x2000))
        keyBy(ctx, 1, static_cast<uint32_t>(be(ctx, offset + hdr - ((flags & 0x1000) ? 8 : 4), 4)));
    if (proto == 0x88be && !(flags & 0x1000)) { // ERSPAN type I: no header, Ethernet follows
        return inner(hdr, dispatchEtherType(ctx, 0x6558, offset + hdr, rest(length, hdr), -1));
    }
    return inner(hdr, dispatchEtherType(ctx, proto, offset + hdr, rest(length, hdr), -1));
}

// ERSPAN type II (8 bytes) and III (12, and 8 more with the O bit) before the mirrored frame.
uint32_t dissectErspan(DissectContext& ctx, uint32_t offset, uint32_t length, bool v3) {
    bool ok = false;
    int32_t node =
        tunnelLayer(ctx, hf.erspan, offset, v3 ? 12 : 8, "_ws.truncated.erspan-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint64_t w0 = be(ctx, offset, 2), w1 = be(ctx, offset + 2, 2);
    ctx.add(node, hf.erspanVersion, offset, 2, (w0 >> 12) & 0xf, kNoShown, 0xf000);
    ctx.add(node, hf.erspanVlan, offset, 2, w0 & 0xfff, kNoShown, 0x0fff);
    ctx.add(node, hf.erspanCos, offset + 2, 2, w1 >> 13, kNoShown, 0xe000);
    ctx.add(node, hf.erspanEncap, offset + 2, 2, (w1 >> 11) & 3, kNoShown, 0x1800);
    ctx.add(node, hf.erspanTrunc, offset + 2, 2, (w1 >> 10) & 1, kNoShown, 0x0400);
    ctx.add(node, hf.erspanSpan, offset + 2, 2, w1 & 0x3ff, kNoShown, 0x03ff);
    uint32_t hdr = 8;
    if (!v3) {
        ctx.add(node, hf.erspanIndex, offset + 4, 4, be(ctx, offset + 4, 4) & 0xfffff, kNoShown,
                0x000fffff);
    } else {
        const uint64_t w5 = be(ctx, offset + 10, 2);
        ctx.add(node, hf.erspanTimestamp, offset + 4, 4, be(ctx, offset + 4, 4));
        ctx.add(node, hf.erspanSgt, offset + 8, 2, be(ctx, offset + 8, 2));
        ctx.add(node, hf.erspanP, offset + 10, 2, (w5 >> 15) & 1, kNoShown, 0x8000);
        ctx.add(node, hf.erspanFt, offset + 10, 2, (w5 >> 10) & 0x1f, kNoShown, 0x7c00);
        ctx.add(node, hf.erspanHw, offset + 10, 2, (w5 >> 4) & 0x3f, kNoShown, 0x03f0);
        ctx.add(node, hf.erspanDir, offset + 10, 2, (w5 >> 3) & 1, kNoShown, 0x0008);
        ctx.add(node, hf.erspanGra, offset + 10, 2, (w5 >> 1) & 3, kNoShown, 0x0006);
        ctx.add(node, hf.erspanO, offset + 10, 2, w5 & 1, kNoShown, 0x0001);
        hdr = (w5 & 1) ? 20 : 12;
        if (((w5 >> 10) & 0x1f) == 2) // frame type 2: IP without its Ethernet header
            return inner(hdr, dissectRawIp(ctx, offset + hdr, rest(length, hdr)));
    }
    return inner(hdr, dispatchEtherType(ctx, 0x6558, offset + hdr, rest(length, hdr), -1));
}

uint32_t dissectErspan2(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    return dissectErspan(ctx, o, l, false);
}
uint32_t dissectErspan3(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    return dissectErspan(ctx, o, l, true);
}

// ---- IP in IP ----

uint32_t dissectIpInIp4(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    ctx.summary->tunnel = ctx.summary->topProtocol;
    return dispatchEtherType(ctx, 0x0800, o, l, -1);
}
uint32_t dissectIpInIp6(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    ctx.summary->tunnel = ctx.summary->topProtocol;
    return dispatchEtherType(ctx, 0x86dd, o, l, -1);
}

// ---- VXLAN, Geneve ----

uint32_t dissectVxlan(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = tunnelLayer(ctx, hf.vxlan, offset, 8, "_ws.truncated.vxlan-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint64_t flags = be(ctx, offset, 2), vni = be(ctx, offset + 4, 3);
    ctx.setShown(node, ctx.text([&] {
        return Shown::title("Virtual eXtensible Local Area Network, VNI: " + num(vni));
    }));
    int32_t f = ctx.add(node, hf.vxlanFlags, offset, 2, flags);
    ctx.add(f, hf.vxlanI, offset, 2, (flags >> 11) & 1, kNoShown, 0x0800);
    ctx.add(node, hf.vxlanGbp, offset + 2, 2, be(ctx, offset + 2, 2));
    ctx.add(node, hf.vxlanVni, offset + 4, 3, vni);
    ctx.add(node, hf.vxlanReserved, offset + 7, 1, be(ctx, offset + 7, 1));
    keyBy(ctx, 2, static_cast<uint32_t>(vni));
    return inner(8, dispatchEtherType(ctx, 0x6558, offset + 8, rest(length, 8), -1));
}

void geneveOptions(DissectContext& ctx, int32_t node, uint32_t p, uint32_t end) {
    int32_t opts = ctx.add(node, hf.geneveOptions, p, end - p, ctx.bytes.bytes(p, end - p));
    while (p + 4 <= end && ctx.bytes.has(p, 4)) {
        const uint32_t len = (be(ctx, p + 3, 1) & 0x1f) * 4u;
        ctx.add(opts, hf.geneveOptClass, p, 2, be(ctx, p, 2));
        ctx.add(opts, hf.geneveOptType, p + 2, 1, be(ctx, p + 2, 1));
        ctx.add(opts, hf.geneveOptLen, p + 3, 1, uint64_t(4 + len));
        p += 4 + len;
    }
}

uint32_t dissectGeneve(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = tunnelLayer(ctx, hf.geneve, offset, 8, "_ws.truncated.geneve-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint64_t b0 = be(ctx, offset, 1), flags = be(ctx, offset + 1, 1);
    const uint16_t proto = static_cast<uint16_t>(be(ctx, offset + 2, 2));
    const uint32_t optLen = (b0 & 0x3f) * 4u;
    ctx.add(node, hf.geneveVersion, offset, 1, b0 >> 6, kNoShown, 0xc0);
    ctx.add(node, hf.geneveOptLen, offset, 1, uint64_t(optLen), kNoShown, 0x3f);
    int32_t f = ctx.add(node, hf.geneveFlags, offset + 1, 1, flags);
    ctx.add(f, hf.geneveOam, offset + 1, 1, (flags >> 7) & 1, kNoShown, 0x80);
    ctx.add(f, hf.geneveCritical, offset + 1, 1, (flags >> 6) & 1, kNoShown, 0x40);
    ctx.add(node, hf.geneveProto, offset + 2, 2, uint64_t(proto));
    ctx.add(node, hf.geneveVni, offset + 4, 3, be(ctx, offset + 4, 3));
    ctx.add(node, hf.geneveReserved, offset + 7, 1, be(ctx, offset + 7, 1));
    if ((b0 >> 6) != 0) {
        ctx.note(node, Severity::Warning, "geneve.version.unknown",
                 noteText("geneve.version.unknown", {{"version", num(b0 >> 6)}}));
        return length;
    }
    if (!ctx.bytes.has(offset + 8, optLen)) {
        noteTruncated(ctx, node, "_ws.truncated.geneve-options", 8 + optLen,
                      ctx.bytes.remaining(offset));
        return length;
    }
    if (optLen) geneveOptions(ctx, node, offset + 8, offset + 8 + optLen);
    if (ctx.tree) ctx.tree->setLength(node, 8 + optLen);
    const uint32_t hdr = 8 + optLen;
    return inner(hdr, dispatchEtherType(ctx, proto, offset + hdr, rest(length, hdr), -1));
}

// ---- GTP-U ----

// The optional fields and extension headers; returns the header length, 0 when cut short.
uint32_t gtpHeader(DissectContext& ctx, int32_t node, uint32_t offset, uint8_t flags) {
    uint32_t p = offset + 8;
    if (!(flags & 0x07)) return 8;
    if (!ctx.bytes.has(p, 4)) return 0;
    ctx.add(node, hf.gtpSeq, p, 2, be(ctx, p, 2));
    ctx.add(node, hf.gtpNpdu, p + 2, 1, be(ctx, p + 2, 1));
    uint64_t next = be(ctx, p + 3, 1);
    ctx.add(node, hf.gtpNext, p + 3, 1, next);
    p += 4;
    for (int guard = 0; (flags & 0x04) && next != 0 && guard < 16; ++guard) {
        auto len = ctx.bytes.u8(p);
        if (!len || *len == 0 || !ctx.bytes.has(p, *len * 4u)) return 0;
        ctx.add(node, hf.gtpExtLen, p, 1, uint64_t(*len));
        next = be(ctx, p + *len * 4u - 1, 1);
        ctx.add(node, hf.gtpNext, p + *len * 4u - 1, 1, next);
        p += *len * 4u;
    }
    return p - offset;
}

uint32_t dissectGtpU(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = tunnelLayer(ctx, hf.gtp, offset, 8, "_ws.truncated.gtp-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const auto flags = static_cast<uint8_t>(be(ctx, offset, 1));
    const uint64_t type = be(ctx, offset + 1, 1);
    int32_t f = ctx.add(node, hf.gtpFlags, offset, 1, uint64_t(flags));
    ctx.add(f, hf.gtpVersion, offset, 1, uint64_t(flags >> 5), kNoShown, 0xe0);
    ctx.add(f, hf.gtpPt, offset, 1, uint64_t((flags >> 4) & 1), kNoShown, 0x10);
    ctx.add(f, hf.gtpE, offset, 1, uint64_t((flags >> 2) & 1), kNoShown, 0x04);
    ctx.add(f, hf.gtpS, offset, 1, uint64_t((flags >> 1) & 1), kNoShown, 0x02);
    ctx.add(f, hf.gtpPn, offset, 1, uint64_t(flags & 1), kNoShown, 0x01);
    ctx.add(node, hf.gtpMessage, offset + 1, 1, type);
    ctx.add(node, hf.gtpLength, offset + 2, 2, be(ctx, offset + 2, 2));
    ctx.add(node, hf.gtpTeid, offset + 4, 4, be(ctx, offset + 4, 4));
    if ((flags >> 5) != 1) {
        ctx.note(node, Severity::Note, "gtp.version",
                 noteText("gtp.version", {{"version", num(flags >> 5)}}));
        return length;
    }
    const uint32_t hdr = gtpHeader(ctx, node, offset, flags);
    if (hdr == 0) {
        noteTruncated(ctx, node, "_ws.truncated.gtp-header", 12, ctx.bytes.remaining(offset));
        return length;
    }
    if (ctx.tree) ctx.tree->setLength(node, hdr);
    if (type != 255) return hdr;
    return inner(hdr, dissectRawIp(ctx, offset + hdr, rest(length, hdr)));
}

// ---- L2TPv2 ----

uint32_t dissectL2tp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = tunnelLayer(ctx, hf.l2tp, offset, 6, "_ws.truncated.l2tp-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint64_t fl = be(ctx, offset, 2);
    ctx.add(node, hf.l2tpType, offset, 2, (fl >> 15) & 1, kNoShown, 0x8000);
    ctx.add(node, hf.l2tpLengthBit, offset, 2, (fl >> 14) & 1, kNoShown, 0x4000);
    ctx.add(node, hf.l2tpSeqBit, offset, 2, (fl >> 11) & 1, kNoShown, 0x0800);
    ctx.add(node, hf.l2tpOffsetBit, offset, 2, (fl >> 9) & 1, kNoShown, 0x0200);
    ctx.add(node, hf.l2tpPriority, offset, 2, (fl >> 8) & 1, kNoShown, 0x0100);
    ctx.add(node, hf.l2tpVersion, offset, 2, fl & 0xf, kNoShown, 0x000f);
    if ((fl & 0xf) != 2) {
        ctx.note(node, Severity::Note, "l2tp.version",
                 noteText("l2tp.version", {{"version", num(fl & 0xf)}}));
        return length;
    }
    uint32_t p = offset + 2;
    if (fl & 0x4000) ctx.add(node, hf.l2tpLength, p, 2, be(ctx, p, 2)), p += 2;
    ctx.add(node, hf.l2tpTunnel, p, 2, be(ctx, p, 2));
    ctx.add(node, hf.l2tpSession, p + 2, 2, be(ctx, p + 2, 2));
    p += 4;
    if (fl & 0x0800) {
        ctx.add(node, hf.l2tpNs, p, 2, be(ctx, p, 2));
        ctx.add(node, hf.l2tpNr, p + 2, 2, be(ctx, p + 2, 2));
        p += 4;
    }
    if (fl & 0x0200) {
        const uint64_t pad = be(ctx, p, 2);
        ctx.add(node, hf.l2tpOffset, p, 2, pad);
        p += 2 + static_cast<uint32_t>(pad);
    }
    if (!ctx.bytes.has(offset, p - offset)) {
        noteTruncated(ctx, node, "_ws.truncated.l2tp-header", p - offset,
                      ctx.bytes.remaining(offset));
        return length;
    }
    if (ctx.tree) ctx.tree->setLength(node, p - offset);
    if (fl & 0x8000) return p - offset; // a control message: no PPP inside
    return inner((p - offset), dissectPppFrame(ctx, p, rest(length, p - offset)));
}

// ---- IPsec ----

uint32_t dissectAh(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    // AH is a header of the same packet, not a tunnel.
    int32_t node = headerLayer(ctx, hf.ah, offset, 12, "_ws.truncated.ah-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint8_t next = static_cast<uint8_t>(be(ctx, offset, 1));
    const uint32_t len = (static_cast<uint32_t>(be(ctx, offset + 1, 1)) + 2) * 4;
    ctx.add(node, hf.ahNext, offset, 1, uint64_t(next));
    ctx.add(node, hf.ahLength, offset + 1, 1, be(ctx, offset + 1, 1));
    ctx.add(node, hf.ahSpi, offset + 4, 4, be(ctx, offset + 4, 4));
    ctx.add(node, hf.ahSeq, offset + 8, 4, be(ctx, offset + 8, 4));
    if (len < 12 || !ctx.bytes.has(offset, len)) {
        noteTruncated(ctx, node, "_ws.truncated.ah-header", std::max<uint32_t>(len, 12),
                      ctx.bytes.remaining(offset));
        return length;
    }
    if (len > 12)
        ctx.add(node, hf.ahIcv, offset + 12, len - 12, ctx.bytes.bytes(offset + 12, len - 12));
    if (ctx.tree) ctx.tree->setLength(node, len);
    ctx.summary->ipProto = next;
    return inner(len, dispatchIpPayload(ctx, next, offset + len, rest(length, len), -1));
}

uint32_t dissectEsp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = headerLayer(ctx, hf.esp, offset, 8, "_ws.truncated.esp-header", ok);
    markUndecoded(ctx, Undecoded::IpProtocol, 50);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.add(node, hf.espSpi, offset, 4, be(ctx, offset, 4));
    ctx.add(node, hf.espSeq, offset + 4, 4, be(ctx, offset + 4, 4));
    ctx.note(node, Severity::Note, "esp.encrypted", noteText("esp.encrypted"));
    return 0; // nothing decoded past the header: the IP layer notes a payload cut short
}

} // namespace

uint32_t dissectRawIp(DissectContext& ctx, uint32_t offset, uint32_t length) {
    auto first = ctx.bytes.u8(offset);
    if (!first) return 0;
    const uint8_t v = *first >> 4;
    if (v != 4 && v != 6) {
        return markUndecoded(ctx, Undecoded::EtherType, 0);
    }
    return dispatchEtherType(ctx, v == 4 ? 0x0800 : 0x86dd, offset, length, -1);
}

void registerTunnels() {
    FieldRegistry::instance().add(kFields);
    auto& t = DissectorTables::instance();
    t.ipProto.add(47, dissectGre);
    t.ipProto.add(4, dissectIpInIp4);
    t.ipProto.add(41, dissectIpInIp6);
    t.ipProto.add(51, dissectAh);
    t.ipProto.add(50, dissectEsp);
    t.etherType.add(0x88be, dissectErspan2);
    t.etherType.add(0x22eb, dissectErspan3);
    t.etherType.add(0x883e, dissectWccp);
    t.udpPort.add(4789, dissectVxlan);
    t.udpPort.add(6081, dissectGeneve);
    t.udpPort.add(2152, dissectGtpU);
    t.udpPort.add(1701, dissectL2tp);
}

} // namespace tcpscope::proto
