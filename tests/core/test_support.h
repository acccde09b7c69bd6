// SPDX-License-Identifier: GPL-2.0-or-later
// Paths and small helpers shared by the core tests.
#pragma once

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

} // namespace tcpscope::test
