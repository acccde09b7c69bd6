// SPDX-License-Identifier: GPL-2.0-or-later
// The tracker's flow key -> connection lookup. Internal to the tracker.
#pragma once

#include "tcpscope/tcp_segment.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <vector>

namespace tcpscope::detail {

// The 4-tuple, stored with the lower (address, port) first so both directions hash alike,
// and the tunnel's virtual network (TcpSegment::tunnelKey).
struct FlowKey {
    uint8_t bytes[2 * 17 + 4 + 4];
    bool operator==(const FlowKey& o) const {
        return std::memcmp(bytes, o.bytes, sizeof bytes) == 0;
    }
    static FlowKey of(const TcpSegment& s) {
        FlowKey k{};
        const bool srcFirst = std::tie(s.src, s.srcPort) < std::tie(s.dst, s.dstPort);
        put(k.bytes, srcFirst ? s.src : s.dst, srcFirst ? s.srcPort : s.dstPort);
        put(k.bytes + 19, srcFirst ? s.dst : s.src, srcFirst ? s.dstPort : s.srcPort);
        std::memcpy(k.bytes + 38, &s.tunnelKey, 4);
        return k;
    }
    // Eight bytes at a time with a multiply-xorshift mix: this runs once per packet, and a
    // byte-wise FNV over the 38-byte key cost more than the rest of the lookup.
    size_t hash() const {
        uint64_t h = 0x9e3779b97f4a7c15ull;
        for (size_t i = 0; i < sizeof bytes; i += 8) {
            uint64_t w = 0;
            std::memcpy(&w, bytes + i, std::min<size_t>(8, sizeof bytes - i));
            h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 31;
        }
        return static_cast<size_t>(h);
    }

  private:
    static void put(uint8_t* p, const Address& a, uint16_t port) {
        p[0] = a.family;
        std::memcpy(p + 1, a.bytes.data(), 16);
        p[17] = static_cast<uint8_t>(port >> 8);
        p[18] = static_cast<uint8_t>(port);
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
