// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/session_filter.h"

#include "tcpscope/analysis_fields.h"
#include "tcpscope/first_pass.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace tcpscope {

namespace {

// Whether a filter reads what verifying a checksum computes (its status, the calculated
// value): only then is every payload summed, the largest cost of dissecting a packet again.
bool readsChecksumResult(const DisplayFilter& filter) {
    for (FieldId f : filter.fields()) {
        const std::string_view a = FieldRegistry::instance().def(f).abbrev;
        if (a.find("checksum.status") != a.npos || a.find("checksum_calculated") != a.npos)
            return true;
    }
    return false;
}

} // namespace

PacketMatcher::PacketMatcher(const CaptureSession& session, const DisplayFilter& filter)
    : m_session(session), m_filter(filter), m_options(session.options()) {
    // Values only: the filter reads no display text.
    m_options.displayText = false;
    m_options.verifyChecksums = m_options.verifyChecksums && readsChecksumResult(filter);
    m_tree.keepOnly(filter.fields());
    FieldId last = 0;
    for (FieldId f : filter.fields()) last = std::max(last, f);
    m_seen.assign(size_t(last) + 1, 0);
}

// The tree as CaptureSession::tree(i) builds it, keeping only the filter's fields: a kept tree
// is a flat list, so the analysis nodes follow the packet's own (as the CLI's -Y has them).
void PacketMatcher::build(size_t i) {
    m_tree.clear();
    const PacketRecord& r = m_session.records()[i];
    if (r.hasBytes)
        dissectFrame(m_session.frames().view(r.source), m_summary, &m_tree, m_options);
    else
        addTextSegmentTree(m_tree, m_session.segments()[r.source], false);
    if (const TcpPacketAnalysis* a = m_session.analysis(i))
        addAnalysisNodes(m_tree, -1, 0, *a, false);
}

bool PacketMatcher::matches(size_t i) {
    if (i >= m_session.size()) return false;
    build(i);
    for (const TreeNode& n : m_tree.nodes())
        if (n.field < m_seen.size()) m_seen[n.field] = 1;
    return m_filter.matches(m_tree, m_session.bytes(i)); // protocol slices read the bytes
}

namespace {

// Packets are handed out in chunks, so that two threads share the work whatever its spread.
constexpr size_t kChunk = 4096;

struct SharedRun {
    const CaptureSession& session;
    const DisplayFilter& filter;
    SessionFilterResult& result;
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    std::atomic<bool> stop{false};

    // Tests chunks until none is left or the run is cancelled, adding the matches to `count`;
    // `progress` (on the calling thread only) hears of every chunk done by any thread.
    void work(PacketMatcher& m, size_t& count, const FilterProgress* progress) {
        const size_t n = session.size();
        for (size_t from = next.fetch_add(kChunk); from < n && !stop;
             from = next.fetch_add(kChunk)) {
            const size_t to = std::min(n, from + kChunk);
            for (size_t i = from; i < to; ++i) {
                const bool pass = m.matches(i);
                result.matched[i] = pass; // each element is written by one thread only
                count += pass;
            }
            const size_t all = done.fetch_add(to - from) + (to - from);
            if (progress && *progress && !(*progress)(all, n)) stop = true;
        }
    }
};

} // namespace

std::optional<SessionFilterResult> applyFilter(const CaptureSession& session,
                                               const DisplayFilter& filter,
                                               const FilterProgress& progress, unsigned threads) {
    SessionFilterResult result;
    result.matched.assign(session.size(), 0);
    SharedRun run{session, filter, result};
    // A small capture is not worth a thread.
    threads = session.size() <= kChunk ? 1 : std::max(1u, threads);
    std::vector<std::vector<uint8_t>> seen(threads);
    std::vector<size_t> counts(threads, 0);
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads; ++t)
        helpers.emplace_back([&, t] {
            PacketMatcher m(session, filter);
            run.work(m, counts[t], nullptr);
            seen[t] = m.seenFields();
        });
    PacketMatcher m(session, filter); // this thread works too
    run.work(m, counts[0], &progress);
    seen[0] = m.seenFields();
    for (std::thread& h : helpers) h.join();
    if (run.stop) return std::nullopt;
    for (size_t c : counts) result.count += c;
    for (FieldId f : filter.fields()) {
        const bool any = std::any_of(seen.begin(), seen.end(),
                                     [f](const auto& s) { return f < s.size() && s[f]; });
        if (!any) result.absentFields.push_back(f);
    }
    if (progress) progress(session.size(), session.size());
    return result;
}

bool anyPacketMatches(const CaptureSession& session, const DisplayFilter& filter) {
    PacketMatcher m(session, filter);
    for (size_t i = 0; i < session.size(); ++i)
        if (m.matches(i)) return true;
    return false;
}

} // namespace tcpscope
