// SPDX-License-Identifier: GPL-2.0-or-later
// Predict-then-reveal exercises over a capture's connection. An exercise file (JSON, schema in
// the README's classroom section) names a capture (or carries one as hex-dump text), a
// connection, and steps: at each step the student predicts chosen values of the connection's
// next packet (seq, ack, flags, window, length, each endpoint's state after it) and answers the
// teacher's own questions; revealing marks each answer right or wrong with the true value and
// why, in the packet's own numbers. Errors in a file name the line and column.
#pragma once

#include "tcpscope/capture_session.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/frame.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

enum class ExerciseField : uint8_t { Seq, Ack, Flags, Window, Len, ClientState, ServerState };
inline constexpr size_t kExerciseFieldCount = 7;

// The key in a file's "hide" list: "seq", "ack", "flags", "window", "len", "client_state",
// "server_state".
std::string_view exerciseFieldKey(ExerciseField field);
std::optional<ExerciseField> exerciseFieldFromKey(std::string_view key);
// What the student is asked for, in the installed language ("Sequence number (relative)").
std::string exerciseFieldPrompt(ExerciseField field);

struct ExerciseQuestion {
    std::string ask;
    std::vector<std::string> choices; // empty: the student types the answer
    std::vector<std::string> answers; // the accepted answers (for choices: the right ones)
    std::string explain;              // shown on reveal
};

struct ExerciseStep {
    uint32_t packet = 0; // which packet of the connection is predicted: 1 is its first
    std::vector<ExerciseField> hide;
    std::vector<ExerciseQuestion> questions;
    std::string note;              // shown before the student answers
    uint32_t line = 0, column = 0; // where the step starts in its file
};

struct Exercise {
    std::string title;
    std::string language; // of the teacher's texts: "en", "zh_CN"
    std::string description;
    std::string capture; // the capture's path, relative to the exercise file, or empty
    std::string input;   // or the capture itself as text (a hex dump, tcpdump lines)
    uint32_t stream = 0; // the connection (tcp.stream)
    std::vector<ExerciseStep> steps;
    uint32_t streamLine = 0, streamColumn = 0; // where "stream" is written, for errors
};

// Reads an exercise file's text. A syntax error, an unknown member, a wrong type or a missing
// value gives nullopt and `error` with the line and column.
std::optional<Exercise> parseExercise(std::string_view text, InputError* error);
// The exercise as a file parseExercise reads back to the same exercise.
std::string formatExercise(const Exercise& exercise);

// Whether the exercise fits its capture's tracker: the stream exists and each step's packet is
// one of its packets. Otherwise `error` names the step's line and column.
bool checkExercise(const Exercise& exercise, const ConnectionTracker& tracker, InputError* error);

// A starting exercise for one connection (the viewer's "Make an exercise from this
// connection"): a step for each of its first `maxSteps` packets, hiding what that kind of
// packet teaches (the handshake's and the close's flags, numbers and states, a data segment's
// numbers and length, an ACK's ack).
Exercise makeExercise(const ConnectionTracker& tracker, uint32_t stream, std::string capture,
                      size_t maxSteps = 20);

// An exercise file read with its capture. `error` (with `file`, line and column) when either
// cannot be read or they do not fit; the capture's own read error stays in session->error().
struct LoadedExercise {
    std::optional<Exercise> exercise;
    std::shared_ptr<const CaptureSession> session;
    std::optional<InputError> error;
    std::string capturePath; // resolved against the exercise file's folder; empty for input
};
LoadedExercise loadExercise(const std::string& path, const DissectOptions& options = {});

// The verdict on one answer.
struct ExerciseReveal {
    bool answered = false;
    bool right = false;
    std::string expected;    // the true value, as the student would write it
    std::string verdict;     // "Right: 1.", "Not quite: you said 0, it is 1."
    std::string explanation; // why, with the packet's numbers (a question's: the teacher's)
};

// The true value of `field` on the connection's packet `packet` (1-based) and the verdict on
// `answer`. Numbers may be given relative or absolute (raw); flags as names ("SYN, ACK") or
// tcpdump's letters ("S."); states by RFC 9293 name, Linux's (SYN_RECV) or the installed
// language's.
ExerciseReveal revealField(const ConnectionTracker& tracker, uint32_t stream, uint32_t packet,
                           ExerciseField field, std::string_view answer);
// A teacher's question: the answer against the accepted ones (case and spacing ignored).
ExerciseReveal revealQuestion(const ExerciseQuestion& question, std::string_view answer);

// One run through an exercise: the answers given, the steps revealed, the score.
class ExerciseRun {
  public:
    // `tracker` must outlive the run.
    ExerciseRun(Exercise exercise, const ConnectionTracker& tracker);

    struct Item {
        bool isField = true;
        ExerciseField field = ExerciseField::Seq;
        size_t question = 0; // index into the step's questions when !isField
    };
    const Exercise& exercise() const { return m_exercise; }
    size_t stepCount() const { return m_exercise.steps.size(); }
    const ExerciseStep& step(size_t i) const { return m_exercise.steps[i]; }
    // The exercise's connection, one event per packet (the steps' packets index it from 1).
    const std::vector<LadderEvent>& ladder() const { return m_ladder; }
    // What step i asks: its hidden fields, then its questions.
    const std::vector<Item>& items(size_t step) const { return m_items[step]; }
    void setAnswer(size_t step, size_t item, std::string answer);
    const std::string& answer(size_t step, size_t item) const { return m_answers[step][item]; }
    // Marks every item of the step; answers no longer change it once revealed.
    void reveal(size_t step);
    bool revealed(size_t step) const { return m_revealed[step]; }
    const std::vector<ExerciseReveal>& reveals(size_t step) const { return m_reveals[step]; }

    struct Score {
        size_t right = 0;    // over the revealed steps
        size_t asked = 0;    // items of the revealed steps
        size_t total = 0;    // items of every step
        size_t revealed = 0; // steps revealed
    };
    Score score() const;

  private:
    Exercise m_exercise;
    const ConnectionTracker& m_tracker;
    std::vector<LadderEvent> m_ladder; // of the exercise's stream, built once
    std::vector<std::vector<Item>> m_items;
    std::vector<std::vector<std::string>> m_answers;
    std::vector<std::vector<ExerciseReveal>> m_reveals;
    std::vector<bool> m_revealed;
};

} // namespace tcpscope
