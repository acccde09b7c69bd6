// SPDX-License-Identifier: GPL-2.0-or-later
// The tracker's flow key -> connection lookup. Internal to the tracker.
#pragma once

#include "tcpscope/tcp_segment.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace tcpscope::detail {

// The 4-tuple, stored with one (address, port) end first whichever way the segment goes, so
// both directions hash alike, and the tunnel's virtual network (TcpSegment::tunnelKey). Six
// whole words: building, hashing and comparing it are a few register operations (this runs
// once per packet; a byte-wise key with memcmp and a variable-length tail was a tenth of the
// `conversations` pass on small packets).
struct FlowKey {
    uint64_t w[6];
    bool operator==(const FlowKey& o) const {
        return ((w[0] ^ o.w[0]) | (w[1] ^ o.w[1]) | (w[2] ^ o.w[2]) | (w[3] ^ o.w[3]) |
                (w[4] ^ o.w[4]) | (w[5] ^ o.w[5])) == 0;
    }
    static FlowKey of(const TcpSegment& s) {
        uint64_t a[3], b[3];
        end(a, s.src, s.srcPort);
        end(b, s.dst, s.dstPort);
        // Any fixed order of the two ends will do: the key is only ever compared whole.
        const bool aFirst = a[0] != b[0] ? a[0] < b[0] : a[1] != b[1] ? a[1] < b[1] : a[2] < b[2];
        const uint64_t* x = aFirst ? a : b;
        const uint64_t* y = aFirst ? b : a;
        return FlowKey{{x[0], x[1], x[2] | uint64_t(s.tunnelKey) << 32, y[0], y[1], y[2]}};
    }
    size_t hash() const {
        uint64_t h = 0x9e3779b97f4a7c15ull;
        for (uint64_t x : w) {
            h = (h ^ x) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 31;
        }
        return static_cast<size_t>(h);
    }

  private:
    // One end: the address's 16 bytes, then its port and family (bits 32 and up of the last
    // word stay free for the tunnel key).
    static void end(uint64_t* out, const Address& addr, uint16_t port) {
        std::memcpy(out, addr.bytes.data(), 16);
        out[2] = uint64_t(port) | uint64_t(addr.family) << 16;
    }
};

// The flow key -> latest connection on it, by open addressing (linear probing, at most half
// full). A slot holds the key itself, so a lookup reads one slot (usually one cache line) where
// std::unordered_map read a bucket, then a node: with tens of thousands of connections each of
// those reads is a cache miss, and on the 10M-packet benchmark the lookup was ~20% of the pass.
class FlowIndex {
  public:
    static constexpr uint32_t kNone = UINT32_MAX;

    uint32_t find(const FlowKey& key, size_t hash) const {
        if (m_slots.empty()) return kNone;
        for (size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            const Slot& s = m_slots[i];
            if (s.conn == kNone) return kNone;
            if (s.hash == uint32_t(hash) && s.key == key) return s.conn;
        }
    }
    // Points key at conn (a new connection, or one that replaces the key's previous one).
    void assign(const FlowKey& key, size_t hash, uint32_t conn) {
        if (2 * (m_used + 1) > m_slots.size()) grow();
        for (size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            Slot& s = m_slots[i];
            if (s.conn == kNone) {
                s = Slot{uint32_t(hash), conn, key};
                ++m_used;
                return;
            }
            if (s.hash == uint32_t(hash) && s.key == key) {
                s.conn = conn;
                return;
            }
        }
    }

  private:
    struct Slot {
        uint32_t hash = 0; // the low 32 bits of the key's hash (also its home slot)
        uint32_t conn = kNone;
        FlowKey key{};
    };
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        m_mask = m_slots.size() - 1;
        for (const Slot& s : old) {
            if (s.conn == kNone) continue;
            size_t i = s.hash & m_mask;
            while (m_slots[i].conn != kNone) i = (i + 1) & m_mask;
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_used = 0;
};

} // namespace tcpscope::detail
