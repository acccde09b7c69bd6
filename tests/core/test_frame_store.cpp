// SPDX-License-Identifier: GPL-2.0-or-later
// FrameStore keeps 24 bytes a frame and puts what does not fit (a damaged record's time or
// lengths, a pasted packet's number) in a side table: every value must come back as added. A
// mapped classic pcap may keep its frames' offsets alone (below).
#include "tcpscope/capture_source.h"
#include "tcpscope/frame_store.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace tcpscope;

namespace {

OwnedFrame frame(uint64_t number, size_t bytes) {
    OwnedFrame f;
    f.number = number;
    f.ts = Timestamp{1700000000, 123456789};
    f.hasTimestamp = true;
    f.originalLength = uint32_t(bytes);
    f.bytes.assign(bytes, uint8_t(number));
    return f;
}

void requireSame(const Frame& got, const OwnedFrame& want) {
    const Frame w = want.view();
    CHECK(got.number == w.number);
    CHECK(got.ts == w.ts);
    CHECK(got.nanoPrecision == w.nanoPrecision);
    CHECK(got.linkType == w.linkType);
    CHECK(got.originalLength == w.originalLength);
    REQUIRE(got.data.size() == w.data.size());
    CHECK(std::equal(got.data.begin(), got.data.end(), w.data.begin()));
}

} // namespace

TEST_CASE("frame records keep every value, in 24 bytes or in the side table", "[frame-store]") {
    std::vector<OwnedFrame> in;
    in.push_back(frame(1, 60)); // plain: fits the record
    auto f = frame(2, 54);
    f.originalLength = 1514; // cut by the snapshot length
    in.push_back(f);
    f = frame(3, 40);
    f.ts = Timestamp{-5, 0}; // before 1970
    in.push_back(f);
    f = frame(4, 40);
    f.ts = Timestamp{int64_t(UINT32_MAX) + 10, 7}; // past 2106
    in.push_back(f);
    f = frame(5, 40);
    f.ts = Timestamp{1, 3'000'000'000}; // damaged fraction of a second
    f.nanoPrecision = true;
    in.push_back(f);
    f = frame(6, 40);
    f.originalLength = 20; // shorter than captured: damaged
    in.push_back(f);
    f = frame(7, 40);
    f.originalLength = 40 + 70000; // cut by more than 64 KiB
    in.push_back(f);
    f = frame(8, 40);
    f.linkType = 70000;
    in.push_back(f);
    in.push_back(frame(42, 40)); // out of sequence
    f = frame(43, 30);
    f.hasTimestamp = false;
    f.ts = Timestamp{};
    in.push_back(f);
    f = frame(44, 41);
    f.originalLength = 41 + 65534; // the widest cut a record holds
    f.ts = Timestamp{int64_t(UINT32_MAX), 999'999'999};
    in.push_back(f);

    FrameStore store;
    for (const auto& o : in) store.add(o);
    REQUIRE(store.size() == in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        INFO("frame " << i);
        requireSame(store.view(i), in[i]);
        CHECK(store.hasTimestamp(i) == in[i].hasTimestamp);
    }
    // A prefix keeps the side table's entries that belong to it.
    const FrameStore head = store.prefix(7);
    REQUIRE(head.size() == 7);
    for (size_t i = 0; i < 7; ++i) requireSame(head.view(i), in[i]);
}

TEST_CASE("a mapped file's frame read from the file is the frame the mapping shows",
          "[frame-store]") {
    const std::string path =
        (std::filesystem::temp_directory_path() / "tcpscope-read.bin").string();
    std::vector<uint8_t> file(4096 * 3);
    for (size_t i = 0; i < file.size(); ++i) file[i] = uint8_t(i * 7 + i / 251);
    {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(file.data()), std::streamsize(file.size()));
    }
    FrameStore store;
    REQUIRE(store.mapFile(path));
    // Frames at offsets inside the file, one across a page boundary.
    const std::pair<size_t, size_t> at[] = {{16, 60}, {4090, 120}, {8200, 1500}};
    for (const auto& [offset, length] : at) {
        OwnedFrame f = frame(store.size() + 1, length);
        f.bytes.assign(file.begin() + std::ptrdiff_t(offset),
                       file.begin() + std::ptrdiff_t(offset + length));
        store.addMapped(f.view(), offset);
    }
    std::vector<uint8_t> buffer;
    for (size_t i = 0; i < store.size(); ++i) {
        const Frame mapped = store.view(i);
        const Frame read = store.read(i, buffer);
        CHECK(read.data.data() == buffer.data()); // from the file, not the mapping
        CHECK(std::vector<uint8_t>(read.data.begin(), read.data.end()) ==
              std::vector<uint8_t>(mapped.data.begin(), mapped.data.end()));
        CHECK(read.number == mapped.number);
        CHECK(read.originalLength == mapped.originalLength);
        CHECK(read.ts.sec == mapped.ts.sec);
        CHECK(read.ts.nsec == mapped.ts.nsec);
    }
    // A store of copied bytes reads from them.
    FrameStore copied;
    copied.add(frame(1, 80));
    const Frame f = copied.read(0, buffer);
    CHECK(f.data.data() == copied.view(0).data.data());
    std::filesystem::remove(path);
}

// A mapped classic pcap kept as offsets alone (FrameStore::indexByOffset) reads each frame's
// time and lengths back from its record header: every frame must come back as libpcap read it
// (loadPath), through the mapping (view) and through the file (read), in every capture here
// and in damaged and re-encoded copies. The offsets are placed as the viewer's load places
// them (each record 16 bytes past the previous frame's end); a file whose frames do not sit
// there is read by copying instead (the load's checks; test_session_load.cpp compares the
// load's records with libpcap's on every capture), and is only counted here.
namespace {

struct OffsetTally {
    size_t files = 0, indexed = 0, frames = 0, drifted = 0;
};

void compareByOffset(const std::filesystem::path& path, OffsetTally& t) {
    const CaptureFormat format = captureFileFormat(path.string());
    if (format != CaptureFormat::Pcap && format != CaptureFormat::PcapNano) return;
    ++t.files;
    FrameStore store;
    if (!store.mapFile(path.string()) || !store.indexByOffset()) return;
    ++t.indexed;
    const LoadedInput in = loadPath(path.string());
    const std::string file = test::readFile(path);
    size_t offset = 24;
    for (const OwnedFrame& f : in.frames) {
        offset += 16;
        if (offset + f.bytes.size() > file.size() ||
            (!f.bytes.empty() &&
             std::memcmp(f.bytes.data(), file.data() + offset, f.bytes.size()) != 0)) {
            ++t.drifted;
            return;
        }
        store.addMapped(f.view(), offset);
        offset += f.bytes.size();
        // A record longer than the file's snapshot length, which libpcap cuts (and skips the
        // rest of): the offsets after it do not follow, and the load's checks catch that.
        if (store.view(store.size() - 1).data.size() != f.bytes.size()) {
            ++t.drifted;
            return;
        }
    }
    INFO(path.string());
    std::vector<uint8_t> buffer;
    for (size_t i = 0; i < in.frames.size(); ++i) {
        INFO("frame " << i + 1);
        requireSame(store.view(i), in.frames[i]);
        const Frame read = store.read(i, buffer);
        CHECK(read.data.data() == buffer.data() + 16);
        requireSame(read, in.frames[i]);
        CHECK(store.hasTimestamp(i));
        ++t.frames;
    }
    const FrameStore head = store.prefix(in.frames.size() / 2);
    REQUIRE(head.size() == in.frames.size() / 2);
    for (size_t i = 0; i < head.size(); ++i) requireSame(head.view(i), in.frames[i]);
}

// A copy of a little-endian microsecond pcap: in the other byte order (`swapped`), in
// nanoseconds (fractions times 1000, with the nanosecond magic), with record headers damaged
// where the offsets still hold (seconds past 2^31 and at 2^32 - 1, fractions of a second past
// one second, an original length below the captured one), or as version 2.3.
std::string recode(std::string file, bool swapped, bool nano, bool damaged, bool version23) {
    auto get = [&](size_t at) {
        uint32_t v;
        std::memcpy(&v, file.data() + at, 4);
        return v;
    };
    auto put = [&](size_t at, uint32_t v) {
        if (swapped) v = __builtin_bswap32(v);
        std::memcpy(file.data() + at, &v, 4);
    };
    uint16_t major = 2, minor = version23 ? 3 : 4;
    put(0, nano ? 0xa1b23c4d : 0xa1b2c3d4);
    if (swapped) {
        major = __builtin_bswap16(major);
        minor = __builtin_bswap16(minor);
    }
    std::memcpy(file.data() + 4, &major, 2);
    std::memcpy(file.data() + 6, &minor, 2);
    for (size_t at : {8, 12, 16, 20}) put(at, get(at));
    static constexpr uint32_t kSeconds[] = {0x80000000u, 0xffffffffu, 0x7fffffffu, 0};
    size_t n = 0;
    for (size_t at = 24; at + 16 <= file.size(); ++n) {
        uint32_t sec = get(at), frac = get(at + 4), cap = get(at + 8), len = get(at + 12);
        if (nano) frac *= 1000;
        if (damaged && n % 3 == 1) sec = kSeconds[n % 4];
        if (damaged && n % 5 == 2) frac = nano ? 1999999999u : 1500000u;
        if (damaged && n % 7 == 3) len = cap > 0 ? cap - 1 : 0;
        put(at, sec);
        put(at + 4, frac);
        put(at + 8, cap);
        put(at + 12, len);
        at += 16 + cap;
    }
    return file;
}

} // namespace

TEST_CASE("a mapped pcap kept as offsets alone gives every frame back as libpcap reads it",
          "[frame-store]") {
    OffsetTally t;
    for (const auto& dir :
         {test::samplesDir(), test::dataDir(), test::corpusDir(), test::sharedDir() / "tunnels"})
        for (const auto& p : test::capturesUnder(dir)) compareByOffset(p, t);
    INFO(t.files << " pcap files, " << t.indexed << " kept as offsets, " << t.frames
                 << " frames compared, " << t.drifted << " whose frames do not follow");
    CHECK(t.indexed > 0);
    CHECK(t.frames > 1000);
    CHECK(t.drifted <= 2); // corpus/tcpdump/mptcp-dss-oobr.pcap: a record past the snap length
}

TEST_CASE("offsets alone: the other byte order, nanoseconds, damaged record headers",
          "[frame-store]") {
    const auto source = test::samplesDir() / "redis-ping-pong.pcap";
    const std::string file = test::readFile(source);
    uint32_t magic = 0;
    std::memcpy(&magic, file.data(), 4);
    REQUIRE(magic == 0xa1b2c3d4); // a little-endian microsecond file, as recode() expects
    const auto dir = std::filesystem::temp_directory_path();
    OffsetTally t;
    size_t variant = 0;
    for (bool swapped : {false, true})
        for (bool nano : {false, true})
            for (bool damaged : {false, true}) {
                const auto path = dir / ("tcpscope-offsets-" + std::to_string(variant++) + ".pcap");
                test::writeFile(path, recode(file, swapped, nano, damaged, false));
                compareByOffset(path, t);
                std::filesystem::remove(path);
            }
    CHECK(t.indexed == 8);
    CHECK(t.drifted == 0);
    CHECK(t.frames == 8 * loadPath(source.string()).frames.size());
    // Version 2.3 (libpcap may read its lengths the other way round): kept as records.
    const auto old = dir / "tcpscope-offsets-v23.pcap";
    test::writeFile(old, recode(file, false, false, false, true));
    FrameStore store;
    REQUIRE(store.mapFile(old.string()));
    CHECK_FALSE(store.indexByOffset());
    std::filesystem::remove(old);
}
