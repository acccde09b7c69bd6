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
        addAnalysisNodes(m_tree, -1, 0, m_session.tracker(), *a, false);
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
    size_t first = 0; // the packets from here on are tested
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    std::atomic<bool> stop{false};

    // Tests chunks until none is left or the run is cancelled, adding the matches to `count`;
    // `progress` (on the calling thread only) hears of every chunk done by any thread.
    void work(PacketMatcher& m, size_t& count, const FilterProgress* progress) {
        const size_t n = session.size();
        for (size_t from = first + next.fetch_add(kChunk); from < n && !stop;
             from = first + next.fetch_add(kChunk)) {
            const size_t to = std::min(n, from + kChunk);
            for (size_t i = from; i < to; ++i) {
                const bool pass = m.matches(i);
                result.matched[i] = pass; // each element is written by one thread only
                count += pass;
            }
            const size_t all = done.fetch_add(to - from) + (to - from);
            if (progress && *progress && !(*progress)(all, n - first)) stop = true;
        }
    }
};

// Tests packets [first, size) of `session` into `result` (whose earlier packets are decided),
// over `threads` threads; `seen` gathers the fields any tested packet has. False when
// cancelled.
bool filterFrom(const CaptureSession& session, const DisplayFilter& filter, size_t first,
                SessionFilterResult& result, std::vector<uint8_t>& seen,
                const FilterProgress& progress, unsigned threads) {
    SharedRun run{session, filter, result};
    run.first = first;
    const size_t n = session.size() - std::min(first, session.size());
    // A small capture is not worth a thread.
    threads = n <= kChunk ? 1 : std::max(1u, threads);
    std::vector<std::vector<uint8_t>> seens(threads);
    std::vector<size_t> counts(threads, 0);
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads; ++t)
        helpers.emplace_back([&, t] {
            PacketMatcher m(session, filter);
            run.work(m, counts[t], nullptr);
            seens[t] = m.seenFields();
        });
    PacketMatcher m(session, filter); // this thread works too
    run.work(m, counts[0], &progress);
    seens[0] = m.seenFields();
    for (std::thread& h : helpers) h.join();
    if (run.stop) return false;
    for (size_t c : counts) result.count += c;
    for (const auto& s : seens) {
        if (seen.size() < s.size()) seen.resize(s.size(), 0);
        for (size_t f = 0; f < s.size(); ++f) seen[f] |= s[f];
    }
    return true;
}

// The rows of `session` before earlier.size() whose results the capture may have amended
// since `earlier` was taken (the results `earlier` holds copies of).
std::vector<size_t> amendedRows(const CaptureSession& session, const CaptureSession& earlier) {
    std::vector<size_t> rows;
    for (const auto& [index, analysis] : earlier.tracker().packets().amended()) {
        const int row = session.indexOfFrame(analysis.frameNumber);
        if (row >= 0 && size_t(row) < earlier.size()) rows.push_back(size_t(row));
    }
    return rows;
}

} // namespace

std::optional<SessionFilterResult> applyFilter(const CaptureSession& session,
                                               const DisplayFilter& filter,
                                               const FilterProgress& progress, unsigned threads) {
    SessionFilterResult result;
    result.matched.assign(session.size(), 0);
    std::vector<uint8_t> seen;
    if (!filterFrom(session, filter, 0, result, seen, progress, threads)) return std::nullopt;
    for (FieldId f : filter.fields())
        if (f >= seen.size() || !seen[f]) result.absentFields.push_back(f);
    if (progress) progress(session.size(), session.size());
    return result;
}

size_t packetsToFilterAfter(const CaptureSession& session, const CaptureSession& earlier) {
    return session.size() - earlier.size() + amendedRows(session, earlier).size();
}

std::optional<SessionFilterResult>
applyFilterAfter(const CaptureSession& session, const DisplayFilter& filter,
                 const CaptureSession& earlier, const SessionFilterResult& earlierResult,
                 const FilterProgress& progress, unsigned threads) {
    if (!session.continues(earlier) || earlierResult.matched.size() != earlier.size())
        return applyFilter(session, filter, progress, threads);
    SessionFilterResult result;
    result.matched.reserve(session.size());
    result.matched.assign(earlierResult.matched.begin(), earlierResult.matched.end());
    result.matched.resize(session.size(), 0);
    result.count = earlierResult.count;
    std::vector<uint8_t> seen;
    PacketMatcher m(session, filter);
    for (size_t row : amendedRows(session, earlier)) {
        const bool pass = m.matches(row);
        result.count = result.count - result.matched[row] + pass;
        result.matched[row] = pass;
    }
    seen = m.seenFields();
    if (!filterFrom(session, filter, earlier.size(), result, seen, progress, threads))
        return std::nullopt;
    // A field no earlier packet had is absent still unless a packet tested now has it.
    for (FieldId f : earlierResult.absentFields)
        if (f >= seen.size() || !seen[f]) result.absentFields.push_back(f);
    if (progress) progress(session.size() - earlier.size(), session.size() - earlier.size());
    return result;
}

bool anyPacketMatches(const CaptureSession& session, const DisplayFilter& filter) {
    PacketMatcher m(session, filter);
    for (size_t i = 0; i < session.size(); ++i)
        if (m.matches(i)) return true;
    return false;
}

} // namespace tcpscope
