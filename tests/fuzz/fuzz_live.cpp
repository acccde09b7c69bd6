// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: what live capture reads from the capture helper. The input is split at its
// first NUL byte: the part before it is the helper's standard error (its messages, and -D's
// interface list), parsed line by line; the part after it is the helper's standard output, a
// pcapng stream that may stop anywhere (the helper killed mid-write), read from a pipe the way
// LiveCapture reads it, each frame appended to a LiveSession with a small ring buffer, snapshots
// taken along the way and the capture finished.
#include "tcpscope/capture_source.h"
#include "tcpscope/live_capture.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

using namespace tcpscope;

namespace {

void messages(std::string_view text) {
    size_t at = 0;
    while (at <= text.size()) {
        const size_t nl = std::min(text.find('\n', at), text.size());
        const CaptureMessage m = parseCaptureMessage(text.substr(at, nl - at));
        // The viewer adds the counts up: the sum must not wrap round.
        const CaptureStats& st = m.stats;
        const uint64_t sum = st.received + st.dropped + st.ifDropped + st.written + st.lost;
        using Wide = unsigned __int128;
        if (Wide(st.received) + st.dropped + st.ifDropped + st.written + st.lost != sum)
            std::abort();
        at = nl + 1;
    }
    for (const CaptureInterface& i : parseCaptureInterfaces(text))
        if (i.name.empty()) std::abort(); // a line without a name is no interface
}

// The stream through a pipe, as the helper's output comes: a pipe holds 64 KiB, so only
// inputs that fit are read this way (libFuzzer's inputs are smaller by default).
void stream(std::string_view bytes) {
    if (bytes.size() > 60000) bytes = bytes.substr(0, 60000);
    int fd[2];
    if (::pipe2(fd, O_CLOEXEC) != 0) return;
    for (size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd[1], bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += size_t(n);
    }
    ::close(fd[1]); // the helper gone: the reader sees the end wherever it falls
    InputError error;
    std::unique_ptr<PcapReader> reader = PcapReader::openStream(fd[0], error);
    if (!reader) {
        if (error.message.empty()) std::abort(); // a refusal always says why
        return;
    }
    LiveSession live("fuzz", {}, 4096);
    Frame f;
    size_t n = 0;
    while (reader->next(f)) {
        live.append(f);
        if (++n % 7 == 0 && live.snapshot()->size() != live.size()) std::abort();
    }
    const SessionPtr done = live.finish();
    if (done->isPartial() || done->size() + live.discarded() != n) std::abort();
    for (size_t i = 0; i < done->size(); ++i) done->describe(i);
}

// The frames of a stream whose first `split` bytes were read already (standard input or a pipe
// looked at for its format, then handed to libpcap with the rest still in the pipe): the same
// frames as the whole stream's.
std::vector<std::string> frames(std::string_view bytes, size_t split) {
    if (bytes.size() > 60000) bytes = bytes.substr(0, 60000);
    split = std::min(split, bytes.size());
    int fd[2];
    if (::pipe2(fd, O_CLOEXEC) != 0) return {};
    for (size_t done = split; done < bytes.size();) {
        const ssize_t n = ::write(fd[1], bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += size_t(n);
    }
    ::close(fd[1]);
    InputError error;
    const auto head = std::span(reinterpret_cast<const uint8_t*>(bytes.data()), split);
    std::unique_ptr<PcapReader> reader = PcapReader::openStream(fd[0], error, head);
    std::vector<std::string> out;
    Frame f;
    while (reader && reader->next(f))
        out.emplace_back(reinterpret_cast<const char*>(f.data.data()), f.data.size());
    out.push_back(reader ? (reader->error() ? reader->error()->message : "end") : error.message);
    return out;
}

void split(std::string_view bytes) {
    if (bytes.empty()) return;
    const size_t at = 1 + uint8_t(bytes[0]) % 64; // within the header, or a record or two in
    if (frames(bytes, at) != frames(bytes, 0)) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    const size_t nul = all.find('\0');
    messages(all.substr(0, nul));
    if (nul != std::string_view::npos) {
        stream(all.substr(nul + 1));
        split(all.substr(nul + 1));
    }
    return 0;
}
