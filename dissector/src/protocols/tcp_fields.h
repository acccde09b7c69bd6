// SPDX-License-Identifier: GPL-2.0-or-later
// Internal: TCP's field indices, shared by tcp.cpp (header) and tcp_options.cpp (options).
#pragma once

#include "protocols.h"

namespace tcpscope::proto {

// TCP's field handles, shared by tcp.cpp (header, where the table is) and tcp_options.cpp
// (options); registration fills them in (Wireshark's hf_ idea).
struct TcpFields {
    FieldId tcp, srcport, dstport, seqRaw, ackRaw, hdrLen, flags, flagsRes, flagsAe, flagsCwr,
        flagsEce, flagsUrg, flagsAck, flagsPush, flagsReset, flagsSyn, flagsFin, flagsStr, window,
        checksum, checksumStatus, checksumCalc, urgent, options, optionKind, optionLen,
        paddingAfterEol, len, payload;
};
extern TcpFields hfTcp;

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
