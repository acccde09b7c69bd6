// SPDX-License-Identifier: GPL-2.0-or-later
// The one first pass (FirstPass) and the session built on it (CaptureSession): packets are
// handed on in input order, each once, with the tracker's final results, however small the
// waiting window; a streaming pass keeps only a bounded number of results; the session's
// records, trees and descriptions come from the core; capture files written by the core read
// back through libpcap with the same frames.
#include "dissect_helpers.h"
#include "tcpscope/capture_session.h"
#include "tcpscope/capture_writer.h"
#include "tcpscope/conversations_format.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/packet_info.h"
#include "tcpscope/tree_format.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

std::vector<std::filesystem::path> captures() {
    auto out = capturesUnder(samplesDir());
    for (auto& p : capturesUnder(corpusDir())) out.push_back(p);
    return out;
}

bool sameStep(const EndpointStep& a, const EndpointStep& b) {
    return a.before == b.before && a.after == b.after && a.event == b.event;
}

} // namespace

TEST_CASE("the first pass hands packets on in order with their final results", "[first-pass]") {
    for (const auto& path : captures()) {
        const ConnectionTracker whole = trackCapture(path); // every result kept, all final
        for (size_t window : {size_t(1) << 16, size_t(3)}) {
            INFO(path.filename().string() << ", window " << window);
            FirstPassOptions o;
            o.maxPending = window;
            size_t next = 0, tcp = 0, amendedElsewhere = 0;
            FirstPass pass(o, [&](const PassPacket& p) {
                CHECK(p.index == next++);
                REQUIRE(p.frame);
                if (!p.analysis) return true;
                REQUIRE(tcp < whole.packets().size());
                const TcpPacketAnalysis& w = whole.packets()[tcp++];
                CHECK(p.analysis->frameNumber == w.frameNumber);
                CHECK(p.analysis->seq == w.seq);
                CHECK(p.analysis->analysisFlags == w.analysisFlags);
                // A small window may settle a packet before a crossing segment amends it:
                // then the amendment lands on the later packet, as the convention says.
                if (!sameStep(p.analysis->client, w.client) ||
                    !sameStep(p.analysis->server, w.server))
                    ++amendedElsewhere;
                return true;
            });
            pass.run(path.string());
            CHECK(next == pass.count());
            CHECK(tcp == whole.packets().size());
            if (window > 1000) CHECK(amendedElsewhere == 0);
            // Nothing but the waiting window is kept.
            CHECK(pass.tracker().packets().size() <= std::max<size_t>(window, 4096) * 2);
        }
    }
}

TEST_CASE("out of order, each packet is handed on once with the in-order pass's results",
          "[first-pass]") {
    const std::vector<FieldId> ids = {fieldId("frame.number"),       fieldId("tcp.seq"),
                                      fieldId("tcp.analysis.flags"), fieldId("tcpfsm.client"),
                                      fieldId("tcpfsm.server"),      fieldId("tcpfsm.event")};
    size_t overtakes = 0;
    for (const auto& path : captures()) {
        for (size_t window : {size_t(1) << 16, size_t(3)}) {
            INFO(path.filename().string() << ", window " << window);
            FirstPassOptions o;
            o.trees = FirstPassOptions::Trees::Kept;
            o.keptFields = ids;
            o.dissect.displayText = false;
            o.keepBytes = false;
            o.keepDecode = false;
            o.maxPending = window;
            std::vector<std::string> inOrder, outOfOrder;
            FirstPass(o, [&](const PassPacket& p) {
                inOrder.push_back(formatFieldsLine(*p.tree, {}, ids));
                return true;
            }).run(path.string());
            o.inOrder = false;
            size_t highest = 0, handed = 0;
            FirstPass pass(o, [&](const PassPacket& p) {
                REQUIRE(p.index < inOrder.size());
                if (outOfOrder.size() <= p.index) outOfOrder.resize(p.index + 1);
                CHECK(outOfOrder[p.index].empty()); // once
                outOfOrder[p.index] = formatFieldsLine(*p.tree, {}, ids);
                if (handed++ && p.index < highest) ++overtakes;
                highest = std::max(highest, p.index);
                return true;
            });
            pass.run(path.string());
            CHECK(handed == inOrder.size());
            CHECK(outOfOrder == inOrder);
        }
    }
    // The samples close with FINs whose last ACK waits for the FIN's sender: the packets
    // after it were handed on ahead of it.
    CHECK(overtakes > 0);
}

TEST_CASE("a streaming pass keeps a bounded number of results", "[first-pass]") {
    // The SYN flood: every SYN,ACK waits for an ACK that never comes.
    FirstPassOptions o;
    o.maxPending = 8;
    size_t most = 0;
    FirstPass pass(o, [&](const PassPacket&) { return true; });
    LoadedInput in = loadPath((samplesDir() / "syn-flood.pcap").string());
    REQUIRE(!in.frames.empty());
    for (int copy = 0; copy < 200; ++copy) // 200 floods in a row, renumbered
        for (OwnedFrame f : in.frames) {
            f.number += uint64_t(copy) * in.frames.size();
            pass.add(f.view());
            most = std::max(most, pass.tracker().packets().size());
        }
    pass.finish();
    CHECK(pass.count() == 200 * in.frames.size());
    CHECK(most <= 4096 + 2 * 8 + 2); // released in steps of 4096, never the whole file
}

TEST_CASE("a streaming pass's waiting window stays within its bytes", "[first-pass]") {
    // Every SYN,ACK of a SYN flood waits for an ACK that never comes: in input order every
    // packet behind it waits too, until the window's bytes run out.
    LoadedInput in = loadPath((samplesDir() / "syn-flood.pcap").string());
    REQUIRE(!in.frames.empty());
    for (auto trees : {FirstPassOptions::Trees::Full, FirstPassOptions::Trees::None}) {
        FirstPassOptions o;
        o.trees = trees;
        o.maxPendingBytes = 64 << 10;
        size_t most = 0, handed = 0;
        FirstPass pass(o, [&](const PassPacket& p) {
            CHECK(p.index == handed++);
            if (trees == FirstPassOptions::Trees::Full) CHECK(!p.tree->empty());
            return true;
        });
        for (int copy = 0; copy < 100; ++copy)
            for (OwnedFrame f : in.frames) {
                f.number += uint64_t(copy) * in.frames.size();
                pass.add(f.view());
                most = std::max(most, pass.waitingBytes());
            }
        pass.finish();
        CHECK(handed == 100 * in.frames.size());
        CHECK(pass.waitingBytes() == 0);
        CHECK(most > 0);
        CHECK(most <= o.maxPendingBytes + 4096); // one packet over, then the oldest goes
    }
}

TEST_CASE("a full tree built when its waiting packet goes equals the packet's own tree",
          "[first-pass]") {
    for (const auto& path : capturesUnder(samplesDir())) {
        INFO(path.filename().string());
        const SessionPtr s = CaptureSession::open(path.string(), {});
        FirstPassOptions o;
        o.trees = FirstPassOptions::Trees::Full;
        size_t i = 0;
        FirstPass(o, [&](const PassPacket& p) {
            REQUIRE(i < s->size());
            CHECK(formatTreeText(*p.tree) == formatTreeText(*s->tree(i++)));
            return true;
        }).run(path.string());
        CHECK(i == s->size());
    }
}

TEST_CASE("kept trees from the first pass equal the full tree's values", "[first-pass]") {
    const std::vector<FieldId> ids = {fieldId("frame.number"), fieldId("tcp.seq"),
                                      fieldId("tcpfsm.event"), fieldId("tcp.options.mss_val")};
    for (const auto& path : capturesUnder(samplesDir())) {
        INFO(path.filename().string());
        std::vector<std::string> kept, withoutBytes, full;
        FirstPassOptions k;
        k.trees = FirstPassOptions::Trees::Kept;
        k.keptFields = ids;
        k.dissect.displayText = false;
        FirstPass(k, [&](const PassPacket& p) {
            kept.push_back(formatFieldsLine(*p.tree, p.frame->data, ids));
            return true;
        }).run(path.string());
        // None of these fields prints bytes: a waiting packet needs only its kept tree.
        k.keepBytes = false;
        k.maxPending = 2; // packets wait, and some are handed on by the window
        FirstPass(k, [&](const PassPacket& p) {
            withoutBytes.push_back(formatFieldsLine(*p.tree, p.frame->data, ids));
            return true;
        }).run(path.string());
        CHECK(withoutBytes.size() == kept.size());
        FirstPassOptions f;
        f.trees = FirstPassOptions::Trees::Full;
        FirstPass(f, [&](const PassPacket& p) {
            full.push_back(formatFieldsLine(*p.tree, p.frame->data, ids));
            return true;
        }).run(path.string());
        CHECK(kept == full);
        // The window of 2 may hand a packet on before an amendment: compare the packet's own
        // fields only (frame number, seq, MSS).
        for (size_t i = 0; i < std::min(kept.size(), withoutBytes.size()); ++i) {
            auto a = splitTabs(kept[i]), b = splitTabs(withoutBytes[i]);
            CHECK(a[0] == b[0]);
            CHECK(a[1] == b[1]);
            CHECK(a[3] == b[3]);
        }
    }
}

TEST_CASE("kept trees of analysis fields alone, dissected without a tree, equal the full tree's",
          "[first-pass][fields]") {
    // Every node of these comes from the tracker: the first pass dissects the frames without a
    // tree, as for the connections, and the values must not change by it.
    const std::vector<FieldId> ids = {fieldId("tcp.stream"),
                                      fieldId("tcp.seq"),
                                      fieldId("tcp.analysis.flags"),
                                      fieldId("tcpfsm.client"),
                                      fieldId("tcpfsm.event"),
                                      fieldId("tcp.ack"),
                                      fieldId("tcp.analysis.bytes_in_flight")};
    size_t flagged = 0;
    for (const auto& path : captures()) {
        INFO(path.filename().string());
        std::vector<std::string> kept, full;
        FirstPassOptions k;
        k.trees = FirstPassOptions::Trees::Kept;
        k.keptFields = ids;
        k.dissect.displayText = false;
        k.keepBytes = false;
        k.keepDecode = false;
        FirstPass(k, [&](const PassPacket& p) {
            kept.push_back(formatFieldsLine(*p.tree, {}, ids));
            return true;
        }).run(path.string());
        FirstPassOptions f;
        f.trees = FirstPassOptions::Trees::Full;
        FirstPass(f, [&](const PassPacket& p) {
            full.push_back(formatFieldsLine(
                *p.tree, p.frame ? p.frame->data : std::span<const uint8_t>{}, ids));
            return true;
        }).run(path.string());
        CHECK(kept == full);
        for (const std::string& line : kept) flagged += splitTabs(line)[2] == "1";
    }
    CHECK(flagged > 0); // the captures have analysis flags to print
}

TEST_CASE("a session's records and descriptions come from the core", "[session]") {
    const SessionPtr s = CaptureSession::open((samplesDir() / "redis-ping-pong.pcap").string(), {});
    REQUIRE(s);
    REQUIRE(s->size() == 10);
    CHECK(s->formatName() == "pcap");
    CHECK(s->frames().mapped()); // a classic pcap stays in the file
    const PacketDescription syn = s->describe(0);
    CHECK(syn.protocol == "TCP");
    CHECK(syn.info.find("[S] seq 0, win") != std::string::npos);
    CHECK(syn.info.find("options [mss 65495,sackOK,TS,wscale ") != std::string::npos);
    // Frame 4 carries a Redis PING: the RESP dissector claimed it on the first pass.
    CHECK(protocolShortName(s->records()[3].protocol) == "RESP");
    CHECK(s->describe(3).protocol == "RESP");
    CHECK(s->describe(3).info.rfind("Request: ping", 0) == 0); // redis-cli writes lower case
    CHECK(s->describe(5).info.rfind("Reply: PONG", 0) == 0);
    const auto tree = s->tree(3);
    CHECK(tree->findFirst(fieldId("tcpfsm.client")) >= 0); // the analysis is in the tree
    CHECK(s->indexOfFrame(7) == 6);
}

TEST_CASE("HTTP on port 8000 is HTTP in the list and in the tree", "[session]") {
    // IPv4 + TCP 40000 -> 8000 with "GET / HTTP/1.1\r\n\r\n".
    const std::string payload = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    std::vector<uint8_t> p = hexToBytes("4500 0000 0001 0000 4006 0000 0a000001 0a000002"
                                        "9c40 1f40 00000001 00000001 5018 ffff 0000 0000");
    p.insert(p.end(), payload.begin(), payload.end());
    p[2] = uint8_t(p.size() >> 8);
    p[3] = uint8_t(p.size());
    OwnedFrame f;
    f.number = 1;
    f.linkType = LinkType::Raw;
    f.bytes = p;
    LoadedInput in;
    in.frames.push_back(f);
    const SessionPtr s = CaptureSession::fromInput(in, "", {});
    REQUIRE(s->size() == 1);
    CHECK(protocolShortName(s->records()[0].protocol) == "HTTP");
    CHECK(s->describe(0).info.rfind("GET / HTTP/1.1", 0) == 0);
    CHECK(s->tree(0)->findFirst(fieldId("http.request.method")) >= 0);
}

TEST_CASE("capture files written by the core read back the same", "[capture-writer]") {
    const LoadedInput in = loadPath((samplesDir() / "lifecycle-seed-session.pcap").string());
    REQUIRE(in.frames.size() > 3);
    const auto dir = std::filesystem::temp_directory_path();
    for (auto [name, format] : {std::pair{"tcpscope-w.pcapng", CaptureFileFormat::Pcapng},
                                std::pair{"tcpscope-w.pcap", CaptureFileFormat::Pcap}}) {
        const auto out = dir / name;
        std::string error;
        REQUIRE(writeCaptureFile(
            out.string(), format, in.frames.size(), [&](size_t i) { return in.frames[i].view(); },
            [](size_t) { return true; }, error));
        const LoadedInput back = loadPath(out.string());
        CHECK_FALSE(back.error);
        REQUIRE(back.frames.size() == in.frames.size());
        for (size_t i = 0; i < in.frames.size(); ++i) {
            CHECK(back.frames[i].bytes == in.frames[i].bytes);
            CHECK(back.frames[i].ts == in.frames[i].ts);
            CHECK(back.frames[i].originalLength == in.frames[i].originalLength);
        }
        std::filesystem::remove(out);
    }
    // A classic pcap holds one link type.
    std::vector<OwnedFrame> mixed = {in.frames[0], in.frames[1]};
    mixed[1].linkType = LinkType::Raw;
    std::string error;
    CHECK_FALSE(writeCaptureFile((dir / "tcpscope-mixed.pcap").string(), CaptureFileFormat::Pcap, 2,
                                 [&](size_t i) { return mixed[i].view(); },
                                 [](size_t) { return true; }, error));
    CHECK(error.find("one link type") != std::string::npos);
}

TEST_CASE("a capture read ahead on a second thread gives the same frames and the same error",
          "[read-ahead]") {
    // A file past the read-ahead threshold (4 MiB): the sample's frames over and over, in
    // pcap and pcapng; then the same file cut in the middle of a record.
    const LoadedInput in = loadPath((samplesDir() / "retransmission-dupack.pcap").string());
    REQUIRE(!in.frames.empty());
    const size_t count = 60000;
    const auto dir = std::filesystem::temp_directory_path();
    for (auto [name, format] : {std::pair{"tcpscope-ra.pcapng", CaptureFileFormat::Pcapng},
                                std::pair{"tcpscope-ra.pcap", CaptureFileFormat::Pcap}}) {
        INFO(name);
        const std::string path = (dir / name).string();
        std::string error;
        REQUIRE(writeRepeatedCapture(path, format, count, in.frames, error));
        REQUIRE(std::filesystem::file_size(path) > (uint64_t(4) << 20));
        auto read = [&](const std::string& p, size_t stopAfter, bool ahead) {
            std::vector<std::string> frames;
            auto fn = [&](const Frame& f) {
                frames.push_back(std::to_string(f.number) + " " + std::to_string(f.ts.sec) + "." +
                                 std::to_string(f.ts.nsec) + " " +
                                 std::to_string(f.originalLength) + " " +
                                 std::string(f.data.begin(), f.data.end()));
                return frames.size() < stopAfter;
            };
            LoadedInput info = ahead ? forEachFrameReadAhead(p, fn) : forEachFrame(p, fn);
            return std::pair{frames, info};
        };
        auto [plain, plainInfo] = read(path, SIZE_MAX, false);
        auto [ahead, aheadInfo] = read(path, SIZE_MAX, true);
        CHECK(plain.size() == count);
        CHECK(ahead == plain);
        CHECK(!aheadInfo.error);
        CHECK(aheadInfo.formatName == plainInfo.formatName);
        // Stopping early: exactly the frames asked for, no error.
        auto [some, someInfo] = read(path, 5000, true);
        CHECK(some.size() == 5000);
        CHECK(!someInfo.error);
        // Cut in a record: every frame before it, and the same error where it stopped.
        const std::string cut = path + ".cut";
        std::filesystem::copy_file(path, cut, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::resize_file(cut, std::filesystem::file_size(path) - 37);
        auto [cutPlain, cutPlainInfo] = read(cut, SIZE_MAX, false);
        auto [cutAhead, cutAheadInfo] = read(cut, SIZE_MAX, true);
        CHECK(cutAhead == cutPlain);
        REQUIRE(cutPlainInfo.error);
        REQUIRE(cutAheadInfo.error);
        CHECK(cutAheadInfo.error->message == cutPlainInfo.error->message);
        CHECK(cutAheadInfo.error->where() == cutPlainInfo.error->where());
        std::filesystem::remove(path);
        std::filesystem::remove(cut);
    }
}

namespace {

// A frame as a line of text: what the pipeline's prepare stage computes and consume checks.
std::string frameText(const Frame& f) {
    return std::to_string(f.number) + " " + std::to_string(f.ts.sec) + "." +
           std::to_string(f.ts.nsec) + " " + std::string(f.data.begin(), f.data.end());
}

// Runs the pipeline over `path`: prepare writes each frame's text into its batch's slot (slowly
// when `slowPrepare`), consume checks it against the frame it is handed (slowly when
// `slowConsume`) and keeps it. Counts the batches each thread prepared and the idle steps.
struct PipelineRun {
    std::vector<std::string> consumed;
    size_t mismatched = 0;
    size_t preparedHere = 0, preparedElsewhere = 0, idleSteps = 0;
    LoadedInput info;

    PipelineRun(const std::string& path, bool slowPrepare, bool slowConsume,
                size_t stopAfter = SIZE_MAX) {
        std::array<std::vector<std::string>, ReadAheadStages::kSlots> slots;
        const std::thread::id caller = std::this_thread::get_id();
        std::mutex counting;
        std::atomic<size_t> idleLeft{200}; // the idle work: a bounded number of steps
        ReadAheadStages stages;
        stages.prepare = [&](std::span<const Frame> frames, size_t slot) {
            // No Catch2 assertion here: this may run on the reading thread.
            if (slot >= ReadAheadStages::kSlots) return;
            slots[slot].assign(frames.size(), {});
            for (size_t i = 0; i < frames.size(); ++i) slots[slot][i] = frameText(frames[i]);
            if (slowPrepare) std::this_thread::sleep_for(std::chrono::microseconds(300));
            std::lock_guard lock(counting);
            ++(std::this_thread::get_id() == caller ? preparedHere : preparedElsewhere);
        };
        stages.consume = [&](const Frame& f, size_t slot, size_t i) {
            if (slot >= ReadAheadStages::kSlots || i >= slots[slot].size() ||
                slots[slot][i] != frameText(f))
                ++mismatched;
            consumed.push_back(frameText(f));
            if (slowConsume && i == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
            return consumed.size() < stopAfter;
        };
        stages.idle = [&] {
            if (idleLeft.load() == 0) return false;
            --idleLeft;
            std::lock_guard lock(counting);
            ++idleSteps;
            return true;
        };
        info = readAheadPipeline(path, stages);
    }
};

} // namespace

TEST_CASE("the read-ahead pipeline prepares every batch once, on either thread, and consumes in "
          "order",
          "[read-ahead]") {
    const LoadedInput in = loadPath((samplesDir() / "retransmission-dupack.pcap").string());
    REQUIRE(!in.frames.empty());
    const auto dir = std::filesystem::temp_directory_path();
    const std::string path = (dir / "tcpscope-pipeline.pcap").string();
    std::string error;
    REQUIRE(writeRepeatedCapture(path, CaptureFileFormat::Pcap, 60000, in.frames, error));
    std::vector<std::string> plain;
    forEachFrame(path, [&](const Frame& f) {
        plain.push_back(frameText(f));
        return true;
    });
    REQUIRE(plain.size() == 60000);
    {
        INFO("a slow consumer: the reading thread is ahead and prepares the batches");
        PipelineRun run(path, false, true);
        CHECK(run.consumed == plain);
        CHECK(run.mismatched == 0);
        CHECK(!run.info.error);
        CHECK(run.preparedElsewhere > 0);
        CHECK(run.idleSteps > 0); // it also did the idle work while it waited for a batch
    }
    {
        INFO("a slow preparation: the consuming thread prepares batches too");
        PipelineRun run(path, true, false);
        CHECK(run.consumed == plain);
        CHECK(run.mismatched == 0);
        CHECK(run.preparedHere > 0);
        CHECK(run.preparedElsewhere > 0);
    }
    {
        INFO("stopped early: exactly the frames asked for, no error");
        PipelineRun run(path, false, false, 5000);
        CHECK(run.consumed.size() == 5000);
        CHECK(run.mismatched == 0);
        CHECK(!run.info.error);
    }
    {
        INFO("cut in a record: every frame before it, and the error where it stopped");
        const std::string cut = path + ".cut";
        std::filesystem::copy_file(path, cut, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::resize_file(cut, std::filesystem::file_size(path) - 37);
        PipelineRun run(cut, false, false);
        const LoadedInput plainCut = forEachFrame(cut, [](const Frame&) { return true; });
        CHECK(run.consumed.size() == plain.size() - 1);
        CHECK(run.mismatched == 0);
        REQUIRE(run.info.error);
        REQUIRE(plainCut.error);
        CHECK(run.info.error->message == plainCut.error->message);
        std::filesystem::remove(cut);
    }
    {
        INFO("a small file: read, prepared and consumed on the calling thread");
        const std::string sample = (samplesDir() / "retransmission-dupack.pcap").string();
        PipelineRun run(sample, false, false);
        CHECK(run.consumed.size() == in.frames.size());
        CHECK(run.mismatched == 0);
        CHECK(run.preparedElsewhere == 0);
        CHECK(run.preparedHere == in.frames.size());
    }
    std::filesystem::remove(path);
}

TEST_CASE("a pass that builds no trees dissects on the reading thread and tracks as on one thread",
          "[read-ahead]") {
    // Past the read-ahead threshold (the sample repeated to 60,000 frames: one connection
    // retransmitting all of it, dup-ACKs and all): each packet's analysis as the sink sees it, and
    // the conversations, with the reading thread dissecting (the default) and with everything on
    // one thread; and the same from a pass that hands on no summaries (`conversations`), which
    // reads most segments straight from the bytes and passes only those between its threads.
    const LoadedInput in = loadPath((samplesDir() / "retransmission-dupack.pcap").string());
    REQUIRE(!in.frames.empty());
    const std::string path =
        (std::filesystem::temp_directory_path() / "tcpscope-decode-ahead.pcap").string();
    std::string error;
    REQUIRE(writeRepeatedCapture(path, CaptureFileFormat::Pcap, 60000, in.frames, error));
    auto run = [&](bool oneThread, bool summaries) {
        if (oneThread)
            setenv("TCPSCOPE_THREADS", "1", 1);
        else
            unsetenv("TCPSCOPE_THREADS");
        FirstPassOptions o;
        o.handOnAtRead = true; // as conversations runs it
        o.handOnSummary = summaries;
        std::string seen;
        size_t withSummary = 0;
        std::set<std::thread::id> threads;
        FirstPass pass(o, [&](const PassPacket& p) {
            threads.insert(std::this_thread::get_id());
            withSummary += p.summary != nullptr;
            if (p.analysis)
                seen += std::to_string(p.index) + ":" + std::to_string(p.analysis->stream) + "," +
                        std::to_string(p.analysis->seq) + "," +
                        std::to_string(p.analysis->analysisFlags) + "," +
                        std::to_string(p.analysis->timeDeltaNs) + ";";
            return true;
        });
        const LoadedInput info = pass.run(path);
        unsetenv("TCPSCOPE_THREADS");
        CHECK(!info.error);
        CHECK(threads.size() == 1); // the sink on the calling thread only
        CHECK(withSummary == (summaries ? 60000 : 0));
        return std::pair{seen, formatConversations(pass.tracker())};
    };
    const auto [twoSeen, twoTable] = run(false, true);
    const auto [oneSeen, oneTable] = run(true, true);
    CHECK(std::count(twoSeen.begin(), twoSeen.end(), ';') == 60000); // every packet tracked
    CHECK(twoSeen == oneSeen);
    CHECK(twoTable == oneTable);
    for (bool oneThread : {false, true}) {
        const auto [seen, table] = run(oneThread, false);
        CHECK(seen == oneSeen);
        CHECK(table == oneTable);
    }
    std::filesystem::remove(path);
}
