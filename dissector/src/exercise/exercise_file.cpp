// SPDX-License-Identifier: GPL-2.0-or-later
// Exercise files: reading (with line and column in every error), writing, checking against the
// capture, the starting exercise of a connection, and loading a file with its capture.
#include "json_value.h"
#include "tcpscope/capture_source.h"
#include "tcpscope/exercise.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <initializer_list>
#include <sstream>

namespace tcpscope {

namespace {

using detail::JsonValue;

constexpr std::array<std::string_view, kExerciseFieldCount> kFieldKeys{
    "seq", "ack", "flags", "window", "len", "client_state", "server_state"};

// Parsing stops at the first error; `Reader` keeps it.
class Reader {
  public:
    explicit Reader(InputError* error) : m_error(error) {}

    bool fail(const JsonValue& at, std::string message) {
        if (m_error) {
            m_error->message = std::move(message);
            m_error->line = at.line;
            m_error->column = at.column;
        }
        return false;
    }

    bool expect(const JsonValue& v, JsonValue::Kind kind, std::string_view what,
                std::string_view expected) {
        if (v.kind == kind) return true;
        return fail(v, std::string(what) + ": expected " + std::string(expected) + ", found " +
                           std::string(v.kindName()));
    }

    // Every member of `object` is one of `known`.
    bool onlyKnown(const JsonValue& object, std::string_view what,
                   std::initializer_list<std::string_view> known) {
        for (const auto& [name, value] : object.members) {
            if (std::find(known.begin(), known.end(), name) != known.end()) continue;
            std::string list;
            for (std::string_view k : known) {
                if (!list.empty()) list += ", ";
                list += k;
            }
            return fail(value, std::string(what) + ": unknown member \"" + name +
                                   "\" (expected one of: " + list + ")");
        }
        return true;
    }

    bool string(const JsonValue* v, std::string_view what, std::string& out) {
        if (!v) return true;
        if (!expect(*v, JsonValue::Kind::String, what, "a string")) return false;
        out = v->text;
        return true;
    }

    // A string, or an array of strings (lines, joined with line breaks / kept apart).
    bool strings(const JsonValue* v, std::string_view what, std::vector<std::string>& out) {
        if (!v) return true;
        if (v->kind == JsonValue::Kind::String) {
            out.push_back(v->text);
            return true;
        }
        if (!expect(*v, JsonValue::Kind::Array, what, "a string or an array of strings"))
            return false;
        for (const JsonValue& item : v->items) {
            if (!expect(item, JsonValue::Kind::String, what, "a string")) return false;
            out.push_back(item.text);
        }
        return true;
    }

    bool count(const JsonValue* v, std::string_view what, uint32_t min, uint32_t& out) {
        if (!v) return true;
        if (v->kind != JsonValue::Kind::Number || !v->integer || v->number < min ||
            v->number > 4294967295.0)
            return fail(*v, std::string(what) + ": expected a whole number from " +
                                std::to_string(min) + ", found " +
                                (v->kind == JsonValue::Kind::Number ? v->text
                                                                    : std::string(v->kindName())));
        out = static_cast<uint32_t>(v->number);
        return true;
    }

    bool question(const JsonValue& v, const std::string& what, ExerciseQuestion& q) {
        if (!expect(v, JsonValue::Kind::Object, what, "an object")) return false;
        if (!onlyKnown(v, what, {"ask", "choices", "answer", "explain"})) return false;
        if (!v.member("ask")) return fail(v, what + ": \"ask\" is missing");
        if (!v.member("answer")) return fail(v, what + ": \"answer\" is missing");
        if (!string(v.member("ask"), what + ".ask", q.ask) ||
            !strings(v.member("choices"), what + ".choices", q.choices) ||
            !strings(v.member("answer"), what + ".answer", q.answers) ||
            !string(v.member("explain"), what + ".explain", q.explain))
            return false;
        if (q.answers.empty()) return fail(*v.member("answer"), what + ".answer: is empty");
        for (const std::string& a : q.answers)
            if (!q.choices.empty() &&
                std::find(q.choices.begin(), q.choices.end(), a) == q.choices.end())
                return fail(*v.member("answer"),
                            what + ".answer: \"" + a + "\" is not one of the choices");
        return true;
    }

    bool hide(const JsonValue* v, const std::string& what, std::vector<ExerciseField>& out) {
        if (!v) return true;
        if (!expect(*v, JsonValue::Kind::Array, what, "an array of field names")) return false;
        for (const JsonValue& item : v->items) {
            if (!expect(item, JsonValue::Kind::String, what, "a field name")) return false;
            const auto f = exerciseFieldFromKey(item.text);
            if (!f)
                return fail(item, what + ": no field \"" + item.text +
                                      "\" (expected seq, ack, flags, window, len, client_state "
                                      "or server_state)");
            if (std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(*f);
        }
        return true;
    }

    bool step(const JsonValue& v, const std::string& what, ExerciseStep& s) {
        if (!expect(v, JsonValue::Kind::Object, what, "an object")) return false;
        if (!onlyKnown(v, what, {"packet", "hide", "note", "questions"})) return false;
        s.line = v.line;
        s.column = v.column;
        if (!v.member("packet")) return fail(v, what + ": \"packet\" is missing");
        if (!count(v.member("packet"), what + ".packet", 1, s.packet) ||
            !hide(v.member("hide"), what + ".hide", s.hide) ||
            !string(v.member("note"), what + ".note", s.note))
            return false;
        if (const JsonValue* qs = v.member("questions")) {
            if (!expect(*qs, JsonValue::Kind::Array, what + ".questions", "an array")) return false;
            for (size_t i = 0; i < qs->items.size(); ++i) {
                s.questions.emplace_back();
                if (!question(qs->items[i], what + ".questions[" + std::to_string(i) + "]",
                              s.questions.back()))
                    return false;
            }
        }
        if (s.hide.empty() && s.questions.empty())
            return fail(v, what + ": asks nothing (give \"hide\" or \"questions\")");
        return true;
    }

    bool exercise(const JsonValue& root, Exercise& e) {
        if (!expect(root, JsonValue::Kind::Object, "the file", "an object")) return false;
        if (!onlyKnown(root, "the file",
                       {"tcpscope_exercise", "title", "language", "description", "capture", "input",
                        "stream", "steps"}))
            return false;
        const JsonValue* version = root.member("tcpscope_exercise");
        if (!version)
            return fail(root, "\"tcpscope_exercise\": 1 is missing (the format's version)");
        uint32_t v = 0;
        if (!count(version, "tcpscope_exercise", 1, v)) return false;
        if (v != 1)
            return fail(*version, "tcpscope_exercise: version " + version->text +
                                      " is newer than this TcpScope reads (1)");
        std::vector<std::string> input;
        if (!string(root.member("title"), "title", e.title) ||
            !string(root.member("language"), "language", e.language) ||
            !string(root.member("description"), "description", e.description) ||
            !string(root.member("capture"), "capture", e.capture) ||
            !strings(root.member("input"), "input", input) ||
            !count(root.member("stream"), "stream", 0, e.stream))
            return false;
        for (const std::string& line : input) e.input += line + "\n";
        if (const JsonValue* s = root.member("stream")) {
            e.streamLine = s->line;
            e.streamColumn = s->column;
        }
        if (e.capture.empty() == e.input.empty())
            return fail(root, "give either \"capture\" (a file) or \"input\" (hex-dump text), "
                              "not both and not neither");
        const JsonValue* steps = root.member("steps");
        if (!steps) return fail(root, "\"steps\" is missing");
        if (!expect(*steps, JsonValue::Kind::Array, "steps", "an array")) return false;
        if (steps->items.empty()) return fail(*steps, "steps: has no step");
        for (size_t i = 0; i < steps->items.size(); ++i) {
            e.steps.emplace_back();
            if (!step(steps->items[i], "steps[" + std::to_string(i) + "]", e.steps.back()))
                return false;
        }
        return true;
    }

  private:
    InputError* m_error;
};

std::string quotedList(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += detail::jsonQuoted(items[i]);
    }
    return out + "]";
}

// The hidden values that teach most on this kind of packet: the handshake's and the close's
// flags and numbers, a data segment's numbers and length, an ACK's ack; and both endpoints'
// states whenever one of them takes a step.
std::vector<ExerciseField> defaultHide(const LadderEvent& e) {
    using F = ExerciseField;
    std::vector<F> out;
    if (e.flags & (TcpFlag::Syn | TcpFlag::Fin | TcpFlag::Rst))
        out = {F::Flags, F::Seq, F::Ack};
    else if (e.len)
        out = {F::Seq, F::Ack, F::Len};
    else
        out = {F::Ack};
    if (e.client.event != TcpEvent::None || e.server.event != TcpEvent::None) {
        out.push_back(F::ClientState);
        out.push_back(F::ServerState);
    }
    return out;
}

} // namespace

std::string_view exerciseFieldKey(ExerciseField field) {
    return kFieldKeys[static_cast<size_t>(field)];
}

std::optional<ExerciseField> exerciseFieldFromKey(std::string_view key) {
    for (size_t i = 0; i < kFieldKeys.size(); ++i)
        if (kFieldKeys[i] == key) return static_cast<ExerciseField>(i);
    return std::nullopt;
}

std::optional<Exercise> parseExercise(std::string_view text, InputError* error) {
    const std::optional<JsonValue> root = detail::parseJson(text, error);
    if (!root) return std::nullopt;
    Exercise e;
    if (!Reader(error).exercise(*root, e)) return std::nullopt;
    return e;
}

std::string formatExercise(const Exercise& e) {
    using detail::jsonQuoted;
    std::string out = "{\n  \"tcpscope_exercise\": 1,\n  \"title\": " + jsonQuoted(e.title);
    if (!e.language.empty()) out += ",\n  \"language\": " + jsonQuoted(e.language);
    if (!e.description.empty()) out += ",\n  \"description\": " + jsonQuoted(e.description);
    if (!e.capture.empty()) out += ",\n  \"capture\": " + jsonQuoted(e.capture);
    if (!e.input.empty()) {
        std::vector<std::string> lines;
        std::istringstream in(e.input);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        out += ",\n  \"input\": " + quotedList(lines);
    }
    out += ",\n  \"stream\": " + std::to_string(e.stream) + ",\n  \"steps\": [";
    for (size_t i = 0; i < e.steps.size(); ++i) {
        const ExerciseStep& s = e.steps[i];
        out += std::string(i ? "," : "") + "\n    {\"packet\": " + std::to_string(s.packet);
        std::vector<std::string> hide;
        for (ExerciseField f : s.hide) hide.emplace_back(exerciseFieldKey(f));
        if (!hide.empty()) out += ", \"hide\": " + quotedList(hide);
        if (!s.note.empty()) out += ",\n     \"note\": " + jsonQuoted(s.note);
        if (!s.questions.empty()) {
            out += ",\n     \"questions\": [";
            for (size_t q = 0; q < s.questions.size(); ++q) {
                const ExerciseQuestion& x = s.questions[q];
                out += std::string(q ? "," : "") + "\n       {\"ask\": " + jsonQuoted(x.ask);
                if (!x.choices.empty()) out += ",\n        \"choices\": " + quotedList(x.choices);
                out += ",\n        \"answer\": " +
                       (x.answers.size() == 1 ? jsonQuoted(x.answers[0]) : quotedList(x.answers));
                if (!x.explain.empty()) out += ",\n        \"explain\": " + jsonQuoted(x.explain);
                out += "}";
            }
            out += "]";
        }
        out += "}";
    }
    return out + "\n  ]\n}\n";
}

bool checkExercise(const Exercise& e, const ConnectionTracker& tracker, InputError* error) {
    const auto fail = [error](uint32_t line, uint32_t column, std::string message) {
        if (error) {
            error->message = std::move(message);
            error->line = line;
            error->column = column;
        }
        return false;
    };
    const size_t streams = tracker.connections().size();
    if (e.stream >= streams)
        return fail(e.streamLine, e.streamColumn,
                    "stream: the capture has no TCP stream " + std::to_string(e.stream) +
                        " (it has " + std::to_string(streams) + ")");
    const size_t packets = tracker.ladder(e.stream).size();
    for (size_t i = 0; i < e.steps.size(); ++i)
        if (e.steps[i].packet > packets)
            return fail(e.steps[i].line, e.steps[i].column,
                        "steps[" + std::to_string(i) + "].packet: stream " +
                            std::to_string(e.stream) + " has " + std::to_string(packets) +
                            " packets, not " + std::to_string(e.steps[i].packet));
    return true;
}

Exercise makeExercise(const ConnectionTracker& tracker, uint32_t stream, std::string capture,
                      size_t maxSteps) {
    Exercise e;
    e.title = "TCP stream " + std::to_string(stream);
    e.language = "en";
    e.capture = std::move(capture);
    e.stream = stream;
    const std::vector<LadderEvent> ladder = tracker.ladder(stream);
    for (size_t i = 0; i < ladder.size() && i < maxSteps; ++i) {
        ExerciseStep s;
        s.packet = static_cast<uint32_t>(i + 1);
        s.hide = defaultHide(ladder[i]);
        e.steps.push_back(std::move(s));
    }
    return e;
}

LoadedExercise loadExercise(const std::string& path, const DissectOptions& options) {
    LoadedExercise out;
    const auto fail = [&](std::string message) {
        out.error = InputError{std::move(message)};
        return out;
    };
    std::vector<uint8_t> bytes;
    const std::string readError = readFileBytes(
        path, bytes, [](std::span<const uint8_t> b) { return b.size() <= (1u << 20); });
    if (!readError.empty()) {
        fail(readError);
        out.error->positioned = false;
        return out;
    }
    if (bytes.size() > (1u << 20)) return fail("an exercise file is at most 1 MB");
    InputError error;
    out.exercise = parseExercise(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), &error);
    if (!out.exercise) {
        out.error = error;
        return out;
    }
    if (!out.exercise->capture.empty()) {
        const std::filesystem::path capture(out.exercise->capture);
        out.capturePath =
            (capture.is_absolute() ? capture : std::filesystem::path(path).parent_path() / capture)
                .lexically_normal()
                .string();
        if (!std::filesystem::exists(out.capturePath))
            return fail("capture: no file " + out.capturePath);
        out.session = CaptureSession::open(out.capturePath, options);
    } else {
        const std::string& t = out.exercise->input;
        out.session = CaptureSession::fromInput(
            loadInput({reinterpret_cast<const uint8_t*>(t.data()), t.size()}), path, options);
    }
    if (out.session && !checkExercise(*out.exercise, out.session->tracker(), &error))
        out.error = error;
    return out;
}

} // namespace tcpscope
