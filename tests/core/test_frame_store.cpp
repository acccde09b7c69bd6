// SPDX-License-Identifier: GPL-2.0-or-later
// FrameStore keeps 24 bytes a frame and puts what does not fit (a damaged record's time or
// lengths, a pasted packet's number) in a side table: every value must come back as added.
#include "tcpscope/frame_store.h"

#include <catch2/catch.hpp>

#include <cstdint>
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
