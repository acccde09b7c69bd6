// SPDX-License-Identifier: GPL-2.0-or-later
// The translations compiled in: cmake/ts_to_cpp.py writes one table per
// resources/translations/tcpscope_core_<language>.ts into the build tree.
#pragma once

#include <cstddef>

namespace tcpscope::detail {

struct BuiltinEntry {
    const char* id;
    const char* source;
    const char* text;
};

struct BuiltinLanguage {
    const char* name; // "zh_CN"
    const BuiltinEntry* entries;
    size_t count;
};

extern const BuiltinLanguage kBuiltinLanguages[];
extern const size_t kBuiltinLanguageCount;

} // namespace tcpscope::detail
