// SPDX-License-Identifier: GPL-2.0-or-later
// A display filter applied to every packet of an opened capture (the viewer's filter bar, Find
// by display filter). Each packet is dissected again into one reused tree that keeps only the
// filter's fields, the tracker's settled analysis of that packet is added, and the filter
// tested: as Wireshark refilters, without a first pass, and with no heap allocation per packet
// once the tree and its nodes have grown (a field whose value is a byte string or a long
// string, such as tcp.payload or tcpfsm.event, still copies that value).
#pragma once

#include "tcpscope/capture_session.h"
#include "tcpscope/display_filter.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace tcpscope {

// Tests packets of one session against one filter, one at a time, reusing its tree.
class PacketMatcher {
  public:
    // Both must outlive the matcher.
    PacketMatcher(const CaptureSession& session, const DisplayFilter& filter);
    // Whether packet i (0-based, in the session's order) passes the filter.
    bool matches(size_t i);
    // The filter's fields that occurred in some packet tested so far (indexed by FieldId).
    const std::vector<uint8_t>& seenFields() const { return m_seen; }

  private:
    void build(size_t i);

    const CaptureSession& m_session;
    const DisplayFilter& m_filter;
    DissectOptions m_options;
    ProtoTree m_tree;
    PacketSummary m_summary;
    std::vector<uint8_t> m_seen;
};

struct SessionFilterResult {
    std::vector<uint8_t> matched; // one per packet: 1 when it passes
    size_t count = 0;             // how many pass
    // The filter's fields that no packet of the capture has (Wireshark keeps such a filter
    // valid; the viewer warns that it names something this capture never holds).
    std::vector<FieldId> absentFields;
};

// Called every few thousand packets with (done, total) on the calling thread; returning false
// cancels.
using FilterProgress = std::function<bool(size_t done, size_t total)>;

// Applies `filter` to every packet of `session`, split over `threads` threads (at least one;
// the result does not depend on it). Nothing when cancelled.
std::optional<SessionFilterResult> applyFilter(const CaptureSession& session,
                                               const DisplayFilter& filter,
                                               const FilterProgress& progress = {},
                                               unsigned threads = 2);

// The same as applyFilter(), given the result of the same filter on `earlier`, an earlier
// snapshot of the same live capture (session.continues(earlier)): only the packets added since
// and those whose results the capture amended since are tested; the rest keep their answer.
std::optional<SessionFilterResult>
applyFilterAfter(const CaptureSession& session, const DisplayFilter& filter,
                 const CaptureSession& earlier, const SessionFilterResult& earlierResult,
                 const FilterProgress& progress = {}, unsigned threads = 2);
// How many packets applyFilterAfter() tests.
size_t packetsToFilterAfter(const CaptureSession& session, const CaptureSession& earlier);

// Whether any packet passes (stops at the first that does): with a field's name alone as the
// filter, whether the capture has that field at all.
bool anyPacketMatches(const CaptureSession& session, const DisplayFilter& filter);

} // namespace tcpscope
