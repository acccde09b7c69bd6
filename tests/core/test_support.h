// SPDX-License-Identifier: GPL-2.0-or-later
// Paths and small helpers shared by the core tests.
#pragma once

#include "tcpscope/capture_source.h"
#include "tcpscope/capture_writer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tcpscope::test {

inline std::filesystem::path sourceDir() {
    return TCPSCOPE_SOURCE_DIR;
}
inline std::filesystem::path samplesDir() {
    return sourceDir() / "samples";
}
inline std::filesystem::path dataDir() {
    return sourceDir() / "tests" / "data";
}
// ../shared beside the checkout; tests that need it skip cleanly when it is absent.
inline std::filesystem::path sharedDir() {
    return sourceDir().parent_path() / "shared";
}
inline std::filesystem::path corpusDir() {
    return sharedDir() / "corpus";
}
inline bool haveCorpus() {
    return std::filesystem::is_directory(corpusDir());
}
inline std::string cliPath() {
    return TCPSCOPE_CLI;
}

inline std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void writeFile(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

inline std::vector<std::string> splitLines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// Runs a shell command and returns its standard output (stderr discarded unless redirected).
inline std::string runCommand(const std::string& cmd, int* status = nullptr) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int st = pclose(p);
    if (status) *status = st;
    return out;
}

// A tab-separated line (tshark -T fields, the reviewed-differences files) as its columns.
inline std::vector<std::string> splitTabs(const std::string& line, char sep = '\t') {
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == sep)
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}

// A string as one single-quoted shell word.
inline std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline bool haveTool(const std::string& name) {
    int st = 0;
    runCommand("command -v " + name + " >/dev/null 2>&1", &st);
    return st == 0;
}

// The rows of a reviewed-differences file in tests/data: tab-separated columns, blank lines and
// '#' comments skipped.
inline std::vector<std::vector<std::string>> readReviewedRows(const std::filesystem::path& p) {
    std::vector<std::vector<std::string>> rows;
    for (const std::string& line : splitLines(readFile(p)))
        if (!line.empty() && line[0] != '#') rows.push_back(splitTabs(line));
    return rows;
}

// " -e a -e b ...": a field list as command-line arguments.
inline std::string fieldArgs(const std::vector<std::string>& fields) {
    std::string out;
    for (const std::string& f : fields) out += " -e " + f;
    return out;
}

// One row of columns per packet, each row resized to the number of fields.
inline std::vector<std::vector<std::string>> fieldRows(const std::string& output, size_t fields) {
    std::vector<std::vector<std::string>> rows;
    for (const std::string& line : splitLines(output)) {
        rows.push_back(splitTabs(line));
        rows.back().resize(fields);
    }
    return rows;
}

// `tshark -T fields` on a capture, every occurrence of a field comma-joined; `options` go
// before the fields (preferences: "-o tls.desegment_ssl_records:FALSE").
inline std::vector<std::vector<std::string>> tsharkFields(const std::filesystem::path& capture,
                                                          const std::vector<std::string>& fields,
                                                          const std::string& options = {}) {
    return fieldRows(runCommand("tshark -n -r " + shellQuote(capture.string()) + " " + options +
                                " -T fields -E occurrence=a -E aggregator=," + fieldArgs(fields) +
                                " 2>/dev/null"),
                     fields.size());
}

// `tcpscope-cli fields` on a capture: the same shape as tsharkFields.
inline std::vector<std::vector<std::string>> cliFields(const std::filesystem::path& capture,
                                                       const std::vector<std::string>& fields) {
    return fieldRows(runCommand(shellQuote(cliPath()) + " fields" + fieldArgs(fields) + " " +
                                shellQuote(capture.string()) + " 2>/dev/null"),
                     fields.size());
}

// Every capture file (pcap/pcapng/cap/trace) under a directory, sorted.
inline std::vector<std::filesystem::path> capturesUnder(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    if (!std::filesystem::is_directory(dir)) return out;
    for (auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        auto ext = e.path().extension().string();
        if (ext == ".pcap" || ext == ".pcapng" || ext == ".cap" || ext == ".trace")
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A capture of `count` frames: the frames of `frames` over and over, numbered 1, 2, ... (files
// past the size where reading goes to a second thread). Returns false with a message in `error`.
inline bool writeRepeatedCapture(const std::string& path, CaptureFileFormat format, size_t count,
                                 const std::vector<OwnedFrame>& frames, std::string& error) {
    return writeCaptureFile(
        path, format, count,
        [&](size_t i) {
            Frame f = frames[i % frames.size()].view();
            f.number = i + 1;
            return f;
        },
        [](size_t) { return true; }, error);
}

} // namespace tcpscope::test
