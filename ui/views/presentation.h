// SPDX-License-Identifier: GPL-2.0-or-later
// What the views agree on for projection: no text in presentation view is drawn smaller than
// kMinPresentationTextPx pixels (font pixel size on screen), the size read from the back of a
// room on a 720-line projector. The connection page sizes its fonts from it, the ladder does
// not shrink long labels below it, and the presentation test checks it against what is painted.
#pragma once

namespace tcpscope::ui {

inline constexpr double kMinPresentationTextPx = 16;

} // namespace tcpscope::ui
