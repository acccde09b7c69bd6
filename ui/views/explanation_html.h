// SPDX-License-Identifier: GPL-2.0-or-later
// The teaching text of the explanation panel: for a field, its name, abbreviation, bytes and
// explanation (the FieldDef's), its expert notes; for a packet, what each endpoint's state
// machine did and why (the transition table's explanation).
#pragma once

#include "document/document.h"

#include <QString>

namespace tcpscope::ui {

QString fieldExplanationHtml(const ProtoTree& tree, int node);
QString packetExplanationHtml(const CaptureSession& document, int row);

} // namespace tcpscope::ui
