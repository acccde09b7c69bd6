// SPDX-License-Identifier: GPL-2.0-or-later
// Fields are data (DESIGN.md 3): each protocol declares a table of FieldDef and registers it.
// Abbreviations follow Wireshark's wherever Wireshark has the field, so `fields -e` output can
// be compared with `tshark -T fields -e`.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

enum class FieldType : uint8_t {
    Protocol, // a layer: "Internet Protocol Version 4, Src: ..., Dst: ..."
    None,     // a label or subtree with no value of its own
    Bool,     // a bit (bitmask) or a generated yes/no
    UInt8,
    UInt16,
    UInt24,
    UInt32,
    UInt64,
    Int32,
    Double,
    IPv4,
    IPv6,
    Ether,
    Bytes,
    String,
    FrameNum, // a reference to another frame
    RelTime,  // seconds, as tshark prints frame.time_relative
};

enum class Base : uint8_t { None, Dec, Hex, DecHex, HexDec };

struct ValueName {
    uint64_t value;
    std::string_view name;
};

using FieldId = uint16_t;
inline constexpr FieldId kNoField = 0xffff;

// One field, declared with designated initializers in its protocol's table:
//   {.handle = &hf.ttl, .abbrev = "ip.ttl", .name = "Time to Live", .type = FieldType::UInt8, ...}
// Registration fills *handle with the field's id (Wireshark's &hf_ idea), so code places fields
// by handle and no parallel enum can drift from the table.
struct FieldDef {
    FieldId* handle = nullptr;
    std::string_view abbrev;
    std::string_view name;
    std::string_view shortName = {}; // a protocol's name in the packet list ("IPv4", "TCP")
    FieldType type = FieldType::None;
    Base base = Base::None;
    uint64_t bitmask = 0;
    std::span<const ValueName> values = {};
    std::string_view explanation = {}; // teaching text: what it means, why it matters
    uint8_t parentBits = 0;            // for Bool/UInt with a mask: width of the containing field
};

// The process-wide table of every registered field, filled once by registerAllProtocols().
class FieldRegistry {
  public:
    static FieldRegistry& instance();

    // Registers a protocol's table and fills each entry's handle with its id.
    void add(std::span<const FieldDef> table);
    const FieldDef& def(FieldId id) const { return *m_defs[id]; }
    std::optional<FieldId> find(std::string_view abbrev) const;
    size_t size() const { return m_defs.size(); }

  private:
    std::vector<const FieldDef*> m_defs;
};

// Name of a value from a value-name table, or empty.
std::string_view valueName(std::span<const ValueName> values, uint64_t v);

// Registers every protocol's fields and dissector-table entries exactly once (thread-safe).
void registerAllProtocols();

// Looks a field up by abbreviation after registering everything; kNoField if unknown.
FieldId fieldId(std::string_view abbrev);

} // namespace tcpscope
