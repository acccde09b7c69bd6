// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: bytes as an exercise file through parseExercise. A file that parses is
// written back and read again (it must give the same file), checked against a built-in
// connection (the seed's tcpdump session), and run: every item answered with a piece of the
// input and with its true value, revealed, scored.
#include "tcpscope/capture_source.h"
#include "tcpscope/exercise.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace tcpscope;

namespace {

const char kSession[] =
    "17:56:04.224218 IP 127.0.0.1.57729 > 127.0.0.1.3000: Flags [S], seq 860356044, win 65535, "
    "length 0\n"
    "17:56:04.224298 IP 127.0.0.1.3000 > 127.0.0.1.57729: Flags [S.], seq 4012548670, ack "
    "860356045, win 65535, length 0\n"
    "17:56:04.224305 IP 127.0.0.1.57729 > 127.0.0.1.3000: Flags [.], ack 4012548671, win 6379, "
    "length 0\n"
    "17:56:04.224357 IP 127.0.0.1.57729 > 127.0.0.1.3000: Flags [P.], seq 860356045:860356055, "
    "ack 4012548671, win 6379, length 10\n"
    "17:56:04.224376 IP 127.0.0.1.3000 > 127.0.0.1.57729: Flags [F.], seq 4012548671, ack "
    "860356055, win 6379, length 0\n";

const CaptureSession& session() {
    static const auto s = CaptureSession::fromInput(
        loadInput({reinterpret_cast<const uint8_t*>(kSession), sizeof kSession - 1}), "-", {});
    return *s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    InputError error;
    const std::optional<Exercise> e = parseExercise(text, &error);
    if (!e) {
        if (error.message.empty() || error.line == 0 || error.column == 0) std::abort();
        return 0;
    }
    const std::string written = formatExercise(*e);
    const std::optional<Exercise> again = parseExercise(written, &error);
    if (!again || formatExercise(*again) != written) std::abort();
    const ConnectionTracker& tracker = session().tracker();
    if (!checkExercise(*e, tracker, &error)) return 0;
    ExerciseRun run(*e, tracker);
    for (size_t s = 0; s < run.stepCount(); ++s) {
        for (size_t i = 0; i < run.items(s).size(); ++i)
            run.setAnswer(s, i, std::string(text.substr((s * 7 + i) % (size + 1), 12)));
        run.reveal(s);
        for (size_t i = 0; i < run.items(s).size(); ++i) {
            const ExerciseRun::Item& item = run.items(s)[i];
            if (!item.isField) continue;
            const ExerciseReveal truth = revealField(tracker, e->stream, run.step(s).packet,
                                                     item.field, run.reveals(s)[i].expected);
            if (!truth.right) std::abort(); // the true value is always a right answer
        }
    }
    const ExerciseRun::Score score = run.score();
    if (score.right > score.asked || score.asked != score.total) std::abort();
    return 0;
}
