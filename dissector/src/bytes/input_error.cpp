// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/frame.h"

namespace tcpscope {

// Text inputs know lines and columns; capture files only byte offsets (and maybe the record).
std::string InputError::where() const {
    if (!positioned) return {};
    if (line > 0) return "line " + std::to_string(line) + ", column " + std::to_string(column);
    if (byteOffset == kUnknownByte && frameNumber > 0)
        return "record " + std::to_string(frameNumber);
    std::string s = "byte " + std::to_string(byteOffset);
    if (frameNumber > 0) s += " (record " + std::to_string(frameNumber) + ")";
    return s;
}

} // namespace tcpscope
