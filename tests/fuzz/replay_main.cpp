// SPDX-License-Identifier: GPL-2.0-or-later
// Runs a libFuzzer target over saved inputs when the build has no libFuzzer (GCC, the asan
// preset, CI without clang): every file given, and every regular file under every directory
// given, is passed to LLVMFuzzerTestOneInput once. The sanitizers do the checking; this only
// counts and names the file, so a crash report says which input it was.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

int runOne(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", p.c_str());
        return 1;
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", p.c_str(), bytes.size());
    // A heap copy of exactly the file's size, so ASan sees a read one byte past the input.
    auto* copy = new uint8_t[bytes.size() ? bytes.size() : 1];
    std::copy(bytes.begin(), bytes.end(), copy);
    LLVMFuzzerTestOneInput(copy, bytes.size());
    delete[] copy;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    size_t count = 0;
    int failures = 0;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path arg = argv[i];
        std::error_code ec;
        if (std::filesystem::is_directory(arg, ec)) {
            std::vector<std::filesystem::path> files;
            for (auto& e : std::filesystem::recursive_directory_iterator(arg))
                // .gitkeep and the like hold an otherwise empty regressions/ directory.
                if (e.is_regular_file() && e.path().filename().string()[0] != '.')
                    files.push_back(e.path());
            std::sort(files.begin(), files.end()); // the same order on every run
            for (auto& f : files) {
                failures += runOne(f);
                ++count;
            }
        } else if (std::filesystem::exists(arg, ec)) {
            failures += runOne(arg);
            ++count;
        } else {
            std::fprintf(stderr, "no such file or directory: %s\n", argv[i]);
            ++failures;
        }
    }
    std::printf("%zu inputs replayed, %d unreadable\n", count, failures);
    return failures ? 1 : 0;
}
