// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/field.h"

namespace tcpscope {

FieldRegistry& FieldRegistry::instance() {
    static FieldRegistry registry;
    return registry;
}

void FieldRegistry::add(std::span<const FieldDef> table) {
    for (const FieldDef& d : table) {
        if (d.handle) *d.handle = static_cast<FieldId>(m_defs.size());
        m_defs.push_back(&d);
    }
}

std::optional<FieldId> FieldRegistry::find(std::string_view abbrev) const {
    for (size_t i = 0; i < m_defs.size(); ++i)
        if (m_defs[i]->abbrev == abbrev) return static_cast<FieldId>(i);
    return std::nullopt;
}

std::string_view valueName(std::span<const ValueName> values, uint64_t v) {
    for (const ValueName& vn : values)
        if (vn.value == v) return vn.name;
    return {};
}

FieldId fieldId(std::string_view abbrev) {
    registerAllProtocols();
    return FieldRegistry::instance().find(abbrev).value_or(kNoField);
}

} // namespace tcpscope
