// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: arbitrary bytes as pasted hex text (every dump format parseHexText detects),
// then every frame it yields is dissected, so a parser that invents a bad frame is caught too.
#include "tcpscope/dissect.h"
#include "tcpscope/hex_text.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tcpscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    HexTextResult r = parseHexText(text);
    // A reported error must say where it is (DESIGN.md "Bad input").
    if (r.error && r.error->line == 0) __builtin_trap();
    for (const OwnedFrame& of : r.frames) {
        PacketSummary summary;
        ProtoTree tree;
        dissectFrame(of.view(), summary, &tree);
    }
    guessLinkType(std::span<const uint8_t>(data, size));
    return 0;
}
