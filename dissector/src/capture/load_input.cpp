// SPDX-License-Identifier: GPL-2.0-or-later
// One entry point for every input: capture files by magic number, otherwise text (hex dumps
// first, then tcpdump summary lines).
#include "tcpscope/capture_source.h"
#include "tcpscope/hex_text.h"
#include "tcpscope/tcpdump_text.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tcpscope {

CaptureFormat captureFormat(std::span<const uint8_t> b) {
    if (b.size() < 4) return CaptureFormat::None;
    uint32_t be = uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3];
    switch (be) {
    case 0xa1b2c3d4:
    case 0xd4c3b2a1: // pcap, microseconds
        return CaptureFormat::Pcap;
    case 0xa1b23c4d:
    case 0x4d3cb2a1: // pcap, nanoseconds
        return CaptureFormat::PcapNano;
    case 0x0a0d0d0a: // pcapng section header block
        return CaptureFormat::Pcapng;
    default:
        return CaptureFormat::None;
    }
}

CaptureFormat captureFileFormat(const std::string& path) {
    uint8_t head[4] = {};
    // A pipe (a FIFO, the shell's <(...)) is not opened to look: what this read would take
    // from it, the reader after would miss, and closing it could leave its writer without a
    // reader. forEachFrame reads it once, whatever it holds.
    struct stat st = {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return CaptureFormat::None;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return CaptureFormat::None;
    const ssize_t n = ::pread(fd, head, sizeof head, 0);
    ::close(fd);
    return n == ssize_t(sizeof head) ? captureFormat(head) : CaptureFormat::None;
}

namespace {

// Not text: a NUL byte, or more than one control character in twenty, in the first 4 KiB.
bool looksBinary(std::span<const uint8_t> b) {
    const size_t n = std::min<size_t>(b.size(), 4096);
    size_t control = 0;
    for (size_t i = 0; i < n; ++i) {
        const uint8_t c = b[i];
        if (c == 0) return true;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ++control;
    }
    return control * 20 > n;
}

// Whether a line looks like tcpdump -x/-X hex ("\t0x0010:  0a60 ...").
bool hasTcpdumpHexLines(std::string_view text) {
    for (size_t at = 0; at < text.size();) {
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        const size_t first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos && first > 0) {
            line.remove_prefix(first);
            if (line.size() >= 7 && line[0] == '0' && line[1] == 'x' && line[6] == ':' &&
                std::all_of(line.begin() + 2, line.begin() + 6,
                            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
                return true;
        }
        at = end + 1;
    }
    return false;
}

// "not a capture file or a dump TcpScope can read", with the bytes it starts with.
InputError notReadable(std::span<const uint8_t> b) {
    std::string first;
    char hex[4];
    for (size_t i = 0; i < std::min<size_t>(b.size(), 8); ++i) {
        std::snprintf(hex, sizeof hex, "%s%02x", i ? " " : "", b[i]);
        first += hex;
    }
    InputError e;
    e.message = "not a capture file or a dump TcpScope can read: not pcap or pcapng (they start "
                "with a1 b2 c3 d4, d4 c3 b2 a1, a1 b2 3c 4d, 4d 3c b2 a1 or 0a 0d 0d 0a; this "
                "starts with " +
                first + "), and not text (a hex dump or tcpdump lines)";
    // A compressed capture (Wireshark writes and reads them): say which tool unpacks it.
    static constexpr struct {
        std::string_view magic, tool;
    } kCompressed[] = {{"\x1f\x8b", "gzip (gunzip -k FILE)"},
                       {"\x28\xb5\x2f\xfd", "zstd (unzstd FILE)"},
                       {"\x04\x22\x4d\x18", "lz4 (unlz4 FILE)"},
                       {"\xfd\x37\x7a\x58\x5a\x00", "xz (unxz -k FILE)"},
                       {"BZh", "bzip2 (bunzip2 -k FILE)"}};
    const std::string_view head(reinterpret_cast<const char*>(b.data()), b.size());
    for (const auto& c : kCompressed)
        if (head.starts_with(c.magic))
            e.message += "; it is compressed with " + std::string(c.tool) +
                         ": unpack it first and open the capture inside";
    return e;
}

} // namespace

LoadedInput loadInput(std::span<const uint8_t> bytes) {
    LoadedInput out;
    if (looksLikeCapture(bytes)) {
        out.kind = LoadedInput::Kind::Capture;
        out.formatName = bytes[0] == 0x0a ? "pcapng" : "pcap";
        InputError err;
        auto reader = PcapReader::openMemory(bytes, err);
        if (!reader) {
            err.byteOffset = 0;
            out.error = err;
            return out;
        }
        Frame f;
        while (reader->next(f)) {
            OwnedFrame o;
            o.number = f.number;
            o.ts = f.ts;
            o.hasTimestamp = true;
            o.nanoPrecision = reader->nanoPrecision();
            o.linkType = f.linkType;
            o.originalLength = f.originalLength;
            o.bytes.assign(f.data.begin(), f.data.end());
            out.frames.push_back(std::move(o));
        }
        if (reader->error()) out.error = reader->error();
        return out;
    }
    if (looksBinary(bytes)) {
        out.error = notReadable(bytes);
        return out;
    }
    std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (looksLikeTcpdumpText(text)) {
        // Summary lines with hex under them are a hex dump; without, tcpdump text.
        HexTextResult hex = parseHexText(text);
        // A dump whose hex is damaged stays a dump, with its error, rather than passing for
        // summary lines.
        if (!hex.frames.empty() || hasTcpdumpHexLines(text)) {
            out.kind = LoadedInput::Kind::HexText;
            out.formatName = hex.formatName;
            out.frames = std::move(hex.frames);
            out.error = hex.error;
            return out;
        }
        TcpdumpTextResult t = parseTcpdumpText(text);
        out.kind = LoadedInput::Kind::TcpdumpText;
        out.formatName = "tcpdump text";
        out.segments = std::move(t.segments);
        out.lines = std::move(t.packetTexts);
        out.error = t.error;
        return out;
    }
    HexTextResult hex = parseHexText(text);
    out.kind = LoadedInput::Kind::HexText;
    out.formatName = hex.formatName;
    out.frames = std::move(hex.frames);
    out.error = hex.error;
    return out;
}

namespace {

// Reads `fd` to its end into `bytes` (appending), in chunks; after each, `more` (when given)
// may stop it. Empty on success, else why.
std::string readFd(int fd, std::vector<uint8_t>& bytes,
                   const std::function<bool(std::span<const uint8_t>)>& more) {
    for (;;) {
        const size_t at = bytes.size();
        bytes.resize(at + (64 << 10));
        const ssize_t n = ::read(fd, bytes.data() + at, bytes.size() - at);
        bytes.resize(at + size_t(std::max<ssize_t>(n, 0)));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::string("cannot read it: ") + std::strerror(errno);
        if (n == 0 || (more && !more(bytes))) return {};
    }
}

// Past 4 KiB, an input that is neither a capture nor text is not worth reading on.
bool worthReadingOn(std::span<const uint8_t> b) {
    return b.size() < 4096 || looksLikeCapture(b) || !looksBinary(b);
}

// What a whole input read into `bytes` holds, or why it could not be read (no position).
LoadedInput loadRead(const std::string& error, std::span<const uint8_t> bytes) {
    if (error.empty() && !bytes.empty()) return loadInput(bytes);
    LoadedInput out;
    out.error =
        InputError{error.empty() ? "it is empty: neither a capture file nor a dump" : error};
    out.error->positioned = false;
    return out;
}

// Every frame of an opened capture to `fn` (or the open's error, when `reader` is null).
LoadedInput readCapture(CaptureFormat format, PcapReader* reader, const InputError& openError,
                        const std::function<bool(const Frame&)>& fn) {
    LoadedInput out;
    out.kind = LoadedInput::Kind::Capture;
    out.formatName = format == CaptureFormat::Pcapng ? "pcapng" : "pcap";
    if (!reader) {
        out.error = openError;
        return out;
    }
    Frame f;
    while (reader->next(f))
        if (!fn(f)) return out;
    out.error = reader->error();
    return out;
}

int openInput(const std::string& path) {
    return path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
}

} // namespace

bool isStreamInput(const std::string& path) {
    struct stat st = {};
    return path == "-" ||
           (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

std::string readFileBytes(const std::string& path, std::vector<uint8_t>& bytes,
                          const std::function<bool(std::span<const uint8_t>)>& more) {
    const int fd = openInput(path);
    if (fd < 0) return std::string("cannot open it: ") + std::strerror(errno);
    struct stat st = {};
    std::string error;
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        error = "it is a directory";
    } else {
        if (S_ISREG(st.st_mode) && st.st_size > 0) bytes.reserve(size_t(st.st_size));
        error = readFd(fd, bytes, more);
    }
    if (fd != STDIN_FILENO) ::close(fd);
    return error;
}

LoadedInput streamOrLoad(const std::string& path, const std::function<bool(const Frame&)>& fn) {
    const int fd = openInput(path);
    if (fd < 0) return loadRead(std::string("cannot open it: ") + std::strerror(errno), {});
    std::vector<uint8_t> bytes;
    std::string error = readFd(fd, bytes, [](std::span<const uint8_t> b) { return b.size() < 4; });
    if (error.empty() && looksLikeCapture(bytes)) {
        InputError err;
        auto reader = PcapReader::openStream(fd, err, bytes); // the bytes read come first
        return readCapture(captureFormat(bytes), reader.get(), err, fn);
    }
    if (error.empty()) error = readFd(fd, bytes, worthReadingOn);
    if (fd != STDIN_FILENO) ::close(fd);
    return loadRead(error, bytes);
}

LoadedInput loadPath(const std::string& path) {
    std::vector<uint8_t> bytes;
    const std::string error = readFileBytes(path, bytes, worthReadingOn);
    return loadRead(error, bytes);
}

LoadedInput forEachFrame(const std::string& path, const std::function<bool(const Frame&)>& fn) {
    const CaptureFormat format = path == "-" ? CaptureFormat::None : captureFileFormat(path);
    if (format != CaptureFormat::None) {
        InputError err;
        auto reader = PcapReader::openFile(path, err);
        return readCapture(format, reader.get(), err, fn);
    }
    LoadedInput all = isStreamInput(path) ? streamOrLoad(path, fn) : loadPath(path);
    for (const OwnedFrame& of : all.frames)
        if (!fn(of.view())) break;
    all.frames.clear();
    return all;
}

} // namespace tcpscope
