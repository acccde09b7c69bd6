// SPDX-License-Identifier: GPL-2.0-or-later
// The display filter oracle's table (tests/data/display_filter_goldens.tsv, made from tshark by
// tests/tools/display_filter_goldens.py) and its reviewed differences, for the tests that
// compare a way of filtering with it.
#pragma once

#include "tcpscope/display_filter.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpscope::test {

// The oracle's table: the filters, then per capture the frames each keeps ("1-4 7").
struct Goldens {
    std::vector<std::string> filters;
    std::vector<std::pair<std::string, std::vector<std::string>>> captures;
};

inline Goldens readGoldens() {
    Goldens g;
    std::ifstream in(dataDir() / "display_filter_goldens.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("filter\t", 0) == 0)
            g.filters.push_back(line.substr(7));
        else if (line.rfind("capture\t", 0) == 0)
            g.captures.push_back({line.substr(8), {}});
        else if (!g.captures.empty())
            g.captures.back().second.push_back(line);
    }
    return g;
}

inline std::string expandRanges(const std::string& frames) {
    std::istringstream in(frames);
    std::string out, token;
    const auto add = [&](unsigned long n) {
        if (!out.empty()) out += ' ';
        out += std::to_string(n);
    };
    while (in >> token) {
        const size_t dash = token.find('-');
        if (dash == std::string::npos) {
            add(std::stoul(token));
            continue;
        }
        for (unsigned long n = std::stoul(token.substr(0, dash));
             n <= std::stoul(token.substr(dash + 1)); ++n)
            add(n);
    }
    return out;
}

// The reviewed differences: (capture, field) pairs from the fields and tracker lists and the
// display filter list; a capture is a file name, a path under the corpus, or "*"; a field may
// end in "*" (a prefix) or be "*" (every field).
struct Excused {
    std::vector<std::pair<std::string, std::string>> pairs;

    bool covers(const std::string& key, const DisplayFilter& filter) const {
        for (const auto& [capture, field] : pairs) {
            // "x.pcap" and "other/zeek/x.pcap" name "corpus/other/zeek/x.pcap" by its end.
            const std::string end = "/" + capture;
            if (capture != "*" && (key.size() < end.size() ||
                                   key.compare(key.size() - end.size(), end.size(), end) != 0))
                continue;
            for (FieldId id : filter.fields()) {
                const std::string_view name = FieldRegistry::instance().def(id).abbrev;
                if (field == "*" || name == field ||
                    (field.back() == '*' &&
                     name.substr(0, field.size() - 1) ==
                         std::string_view(field).substr(0, field.size() - 1)))
                    return true;
            }
        }
        return false;
    }
};

inline Excused readExcused() {
    Excused e;
    for (const char* file : {"tshark_fields_exceptions.txt", "tshark_analysis_differences.txt",
                             "display_filter_exceptions.txt"}) {
        std::ifstream in(dataDir() / file);
        REQUIRE(in);
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            const std::vector<std::string> cols = splitTabs(line);
            REQUIRE(cols.size() >= 3);
            REQUIRE(!cols.back().empty()); // every line gives its reason
            e.pairs.push_back({cols[0], cols[1]});
        }
    }
    return e;
}

} // namespace tcpscope::test
