// SPDX-License-Identifier: GPL-2.0-or-later
// Internal: TCP's field indices, shared by tcp.cpp (header) and tcp_options.cpp (options).
#pragma once

#include "protocols.h"

namespace tcpscope::proto {

enum : int {
    F_TCP,
    F_SRCPORT,
    F_DSTPORT,
    F_SEQ_RAW,
    F_ACK_RAW,
    F_HDR_LEN,
    F_FLAGS,
    F_FLAGS_RES,
    F_FLAGS_AE,
    F_FLAGS_CWR,
    F_FLAGS_ECE,
    F_FLAGS_URG,
    F_FLAGS_ACK,
    F_FLAGS_PUSH,
    F_FLAGS_RESET,
    F_FLAGS_SYN,
    F_FLAGS_FIN,
    F_FLAGS_STR,
    F_WINDOW,
    F_CHECKSUM,
    F_CHECKSUM_STATUS,
    F_CHECKSUM_CALC,
    F_URGENT,
    F_OPTIONS,
    F_OPTION_KIND,
    F_OPTION_LEN,
    F_LEN,
    F_PAYLOAD,
    F_TCP_COUNT
};

namespace tcpf {
extern FieldId g_base;
inline FieldId fid(int i) {
    return static_cast<FieldId>(g_base + i);
}
} // namespace tcpf

// IANA TCP option kinds with the names Wireshark uses.
inline constexpr ValueName kTcpOptionKinds[] = {
    {0, "End of Option List (EOL)"},
    {1, "No-Operation (NOP)"},
    {2, "Maximum segment size"},
    {3, "Window scale"},
    {4, "SACK permitted"},
    {5, "SACK"},
    {6, "Echo"},
    {7, "Echo reply"},
    {8, "Timestamps"},
    {19, "TCP MD5 signature"},
    {27, "Quick-Start"},
    {28, "User Timeout"},
    {29, "TCP AO"},
    {30, "Multipath TCP"},
    {34, "TCP Fast Open"},
    {172, "Accurate ECN Order 0"},
    {174, "Accurate ECN Order 1"},
    {253, "RFC3692-style Experiment 1"},
    {254, "RFC3692-style Experiment 2"},
};

inline std::string optionKindName(uint8_t kind) {
    auto n = valueName(kTcpOptionKinds, kind);
    return n.empty() ? "Unknown (" + num(kind) + ")" : std::string(n);
}

// The fallback for kinds without a registered dissector: kind, length and the bytes.
uint32_t dissectUnknownOption(DissectContext& ctx, uint32_t offset, uint32_t length,
                              int32_t parent);

} // namespace tcpscope::proto
