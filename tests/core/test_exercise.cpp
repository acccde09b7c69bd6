// SPDX-License-Identifier: GPL-2.0-or-later
// Exercise files: every error with its line and column, writing and reading back, the check
// against the capture, and a run answered right and wrong by code on the seed's lifecycle
// session, with the reveals' values and reasons and the score; the shipped exercises of the
// classroom scenarios all load, fit their captures and reveal without a gap.
#include "tcpscope/exercise.h"
#include "tcpscope/text_catalogue.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

std::string errorOf(std::string_view text) {
    InputError e;
    const auto ex = parseExercise(text, &e);
    if (ex) return "parsed";
    return e.where() + ": " + e.message;
}

std::shared_ptr<const CaptureSession> lifecycle() {
    static const auto s =
        CaptureSession::open((samplesDir() / "lifecycle-seed-session.pcap").string(), {});
    return s;
}

Exercise handshakeExercise() {
    InputError e;
    auto ex = parseExercise(R"({"tcpscope_exercise": 1, "title": "Handshake",
        "capture": "lifecycle-seed-session.pcap",
        "steps": [
          {"packet": 2, "hide": ["flags", "seq", "ack", "window", "len", "client_state", "server_state"],
           "questions": [{"ask": "Why is the ack 1?", "choices": ["SYN uses one number", "luck"],
                          "answer": "SYN uses one number", "explain": "A SYN consumes a sequence number."}]},
          {"packet": 3, "hide": ["ack", "server_state"]}
        ]})",
                            &e);
    REQUIRE(ex);
    return *ex;
}

} // namespace

TEST_CASE("exercise files: errors name the line and column", "[exercise]") {
    CHECK(errorOf("") == "line 1, column 1: expected a value (a string, number, object, array, "
                         "true, false or null), found the end of the file");
    CHECK(errorOf("{\"tcpscope_exercise\": 1,\n  \"title\": \"x\"\n  \"steps\": []}") ==
          "line 3, column 3: expected ',' or '}' after a member, found '\"'");
    CHECK(errorOf("[1, 2") == "line 1, column 6: expected ',' or ']' after an array item, found "
                              "the end of the file");
    CHECK(errorOf("\"abc") == "line 1, column 5: a string not closed before the end of the file");
    CHECK(errorOf("{\"a\": \"x\ny\"}") ==
          "line 1, column 9: a control character (line break, tab) inside a string: write it as "
          "\\n or \\t");
    CHECK(errorOf("{\"title\": \"x\"}") ==
          "line 1, column 1: \"tcpscope_exercise\": 1 is missing (the format's version)");
    CHECK(errorOf("{\"tcpscope_exercise\": 2}") ==
          "line 1, column 23: tcpscope_exercise: version 2 is newer than this TcpScope reads (1)");
    const std::string head =
        "{\"tcpscope_exercise\": 1, \"title\": \"t\", \"capture\": \"c.pcap\",\n";
    CHECK(errorOf(head + " \"steps\": [\n  {\"packet\": 0, \"hide\": [\"seq\"]}]}") ==
          "line 3, column 14: steps[0].packet: expected a whole number from 1, found 0");
    CHECK(errorOf(head + " \"steps\": [\n  {\"packet\": 1, \"hide\": [\"seq\", \"sek\"]}]}") ==
          "line 3, column 33: steps[0].hide: no field \"sek\" (expected seq, ack, flags, window, "
          "len, client_state or server_state)");
    CHECK(errorOf(head + " \"steps\": [{\"packet\": 1, \"hdie\": []}]}") ==
          "line 2, column 34: steps[0]: unknown member \"hdie\" (expected one of: packet, hide, "
          "note, questions)");
    CHECK(errorOf(head + " \"steps\": [{\"packet\": 1}]}") ==
          "line 2, column 12: steps[0]: asks nothing (give \"hide\" or \"questions\")");
    CHECK(errorOf(head + " \"steps\": [{\"packet\": 1, \"questions\": [{\"ask\": \"q\", "
                         "\"choices\": [\"a\"], \"answer\": \"b\"}]}]}") ==
          "line 2, column 81: steps[0].questions[0].answer: \"b\" is not one of the choices");
    CHECK(errorOf("{\"tcpscope_exercise\": 1, \"title\": \"t\", \"steps\": []}") ==
          "line 1, column 1: give either \"capture\" (a file) or \"input\" (hex-dump text), not "
          "both and not neither");
    // Columns count characters, not bytes: the error after Chinese text is where an editor shows
    // it.
    CHECK(errorOf("{\"标题\": 1 x}") == "line 1, column 10: expected ',' or '}' after a member, "
                                        "found 'x'");
    std::string deep(100, '[');
    CHECK(errorOf(deep).find("nested deeper than 64 levels") != std::string::npos);
}

TEST_CASE("exercise files: written and read back the same", "[exercise]") {
    const Exercise e = handshakeExercise();
    const std::string text = formatExercise(e);
    InputError err;
    const auto again = parseExercise(text, &err);
    REQUIRE(again);
    CHECK(formatExercise(*again) == text);
    REQUIRE(again->steps.size() == 2);
    CHECK(again->steps[0].hide.size() == 7);
    CHECK(again->steps[0].questions[0].answers == std::vector<std::string>{"SYN uses one number"});
    CHECK(e.steps[1].line == 7); // where it is in the file it was read from
    CHECK(e.steps[1].column == 11);
}

TEST_CASE("exercise: checked against the capture, with the step's place", "[exercise]") {
    Exercise e = handshakeExercise();
    InputError err;
    CHECK(checkExercise(e, lifecycle()->tracker(), &err));
    e.steps[1].packet = 11;
    CHECK_FALSE(checkExercise(e, lifecycle()->tracker(), &err));
    CHECK(err.where() + ": " + err.message ==
          "line 7, column 11: steps[1].packet: stream 0 has 10 packets, not 11");
    e.stream = 3;
    CHECK_FALSE(checkExercise(e, lifecycle()->tracker(), &err));
    CHECK(err.message == "stream: the capture has no TCP stream 3 (it has 1)");
}

TEST_CASE("exercise: answered right and wrong, revealed with the packet's numbers", "[exercise]") {
    const ConnectionTracker& tracker = lifecycle()->tracker();
    ExerciseRun run(handshakeExercise(), tracker);
    REQUIRE(run.items(0).size() == 8);
    // Step 1, the SYN,ACK: right seq, ack given as the raw number, wrong flags, right window in
    // bytes, right len, client state by Linux's name, wrong server state, right choice.
    const std::vector<std::string> answers = {
        "SYN", "0", "860356045", "65535", "0", "established", "ESTABLISHED", "SYN uses one number"};
    for (size_t i = 0; i < answers.size(); ++i) run.setAnswer(0, i, answers[i]);
    CHECK(run.score().revealed == 0);
    run.reveal(0);
    run.setAnswer(0, 0, "SYN, ACK"); // too late: revealed answers stay
    CHECK(run.answer(0, 0) == "SYN");
    const std::vector<ExerciseReveal>& r = run.reveals(0);
    CHECK_FALSE(r[0].right);
    CHECK(r[0].expected == "SYN, ACK");
    CHECK(r[0].verdict == "Not quite: you said SYN, it is SYN, ACK.");
    CHECK(r[0].explanation == "SYN, ACK: The server answers with SYN,ACK.");
    CHECK(r[1].right);
    CHECK(r[1].explanation.find("first segment in this capture, so its relative sequence number is "
                                "0") != std::string::npos);
    CHECK(r[2].right); // 860356045 = client ISN 860356044 + 1
    CHECK(r[2].expected == "1");
    CHECK(r[2].explanation ==
          "Everything the client sent before this packet ends at 1 (its segment "
          "in frame 1 ended there), so the server acknowledges 1: the next byte "
          "it expects.");
    CHECK(r[3].right);
    CHECK(r[3].expected == "65535");
    CHECK(r[4].right);
    CHECK(r[5].right);
    CHECK(r[5].expected == "ESTABLISHED");
    CHECK(r[5].explanation.find("The client goes from SYN-SENT to ESTABLISHED (rcv SYN,ACK / snd "
                                "ACK).") == 0);
    CHECK_FALSE(r[6].right);
    CHECK(r[6].expected == "SYN-RECEIVED");
    CHECK(r[6].explanation ==
          "The server stays in SYN-RECEIVED: this packet takes no step in its state machine.");
    CHECK(r[7].right);
    CHECK(r[7].explanation == "A SYN consumes a sequence number.");
    CHECK(run.score().right == 6);
    CHECK(run.score().asked == 8);
    CHECK(run.score().total == 10);
    // Step 2, the third ACK: unanswered ack, server state in tcpdump-ish spelling.
    run.setAnswer(1, 1, "established");
    run.reveal(1);
    CHECK_FALSE(run.reveals(1)[0].answered);
    CHECK(run.reveals(1)[0].verdict == "No answer given: it is 1.");
    CHECK(run.reveals(1)[1].right);
    CHECK(run.score().right == 7);
    CHECK(run.score().asked == 10);
    CHECK(run.score().revealed == 2);
}

TEST_CASE("exercise: answers in every accepted spelling", "[exercise]") {
    const ConnectionTracker& t = lifecycle()->tracker();
    const auto right = [&](uint32_t packet, ExerciseField f, std::string_view answer) {
        return revealField(t, 0, packet, f, answer).right;
    };
    for (const char* a : {"SYN, ACK", "syn+ack", "ACK SYN", "[S.]", "S.", " SYN ,ACK ", "SYN，ACK"})
        CHECK(right(2, ExerciseField::Flags, a));
    for (const char* a : {"SYN", "S", "ACK", "SYN, ACK, PSH", "", "SYN ACK X"})
        CHECK_FALSE(right(2, ExerciseField::Flags, a));
    CHECK(right(1, ExerciseField::ServerState, "SYN_RECV"));
    CHECK(right(1, ExerciseField::ServerState, "syn received"));
    CHECK(right(1, ExerciseField::ClientState, "SYN-SENT"));
    CHECK_FALSE(right(1, ExerciseField::ClientState, "SYN-RECEIVED"));
    CHECK(right(4, ExerciseField::Seq, "1"));
    CHECK(right(4, ExerciseField::Seq, "860356045"));
    CHECK_FALSE(right(4, ExerciseField::Seq, "2"));
    CHECK_FALSE(right(4, ExerciseField::Seq, "1x"));
    CHECK(right(4, ExerciseField::Len, "10"));
    CHECK(revealField(t, 0, 4, ExerciseField::Seq, "1").explanation ==
          "The client's previous segment (frame 3) had seq 1 and used 0 of the sequence space (an "
          "ACK alone uses none), so this one starts at 1 + 0 = 1.");
    CHECK(revealField(t, 0, 5, ExerciseField::Seq, "1").explanation ==
          "The server's previous segment (frame 2) had seq 0 and used 1 of the sequence space (1 "
          "for the SYN), so this one starts at 0 + 1 = 1.");
    CHECK(revealField(t, 0, 7, ExerciseField::Seq, "11").explanation ==
          "The client's previous segment (frame 4) had seq 1 and used 10 of the sequence space (10 "
          "bytes of data), so this one starts at 1 + 10 = 11.");
    // In Chinese: the states' Chinese names are accepted, the reasons are Chinese.
    installTranslations(*builtinTable("zh_CN"));
    const ExerciseReveal zh = revealField(t, 0, 3, ExerciseField::ServerState, "已建立连接");
    const ExerciseReveal zhAck = revealField(t, 0, 3, ExerciseField::Ack, "2");
    installTranslations({});
    CHECK(zh.right);
    CHECK(zh.expected == "ESTABLISHED 已建立连接");
    CHECK(zhAck.verdict.find("不对") != std::string::npos);
    CHECK(zhAck.explanation.find("服务器") != std::string::npos);
}

TEST_CASE("exercise: made from a connection, loaded with its capture", "[exercise]") {
    const Exercise made = makeExercise(lifecycle()->tracker(), 0, "lifecycle-seed-session.pcap");
    REQUIRE(made.steps.size() == 10);
    CHECK(made.steps[0].hide ==
          std::vector<ExerciseField>{ExerciseField::Flags, ExerciseField::Seq, ExerciseField::Ack,
                                     ExerciseField::ClientState, ExerciseField::ServerState});
    CHECK(made.steps[3].hide ==
          std::vector<ExerciseField>{ExerciseField::Seq, ExerciseField::Ack, ExerciseField::Len});
    const auto dir = std::filesystem::temp_directory_path() / "tcpscope-exercise-test";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(samplesDir() / "lifecycle-seed-session.pcap",
                               dir / "lifecycle-seed-session.pcap",
                               std::filesystem::copy_options::overwrite_existing);
    writeFile(dir / "made.json", formatExercise(made));
    const LoadedExercise loaded = loadExercise((dir / "made.json").string());
    CHECK_FALSE(loaded.error);
    REQUIRE(loaded.session);
    CHECK(loaded.session->tracker().connections().size() == 1);
    writeFile(dir / "bad.json",
              "{\"tcpscope_exercise\": 1, \"title\": \"t\",\n \"capture\": "
              "\"nothing-here.pcap\", \"steps\": [{\"packet\": 1, \"hide\": [\"seq\"]}]}");
    const LoadedExercise bad = loadExercise((dir / "bad.json").string());
    REQUIRE(bad.error);
    CHECK(bad.error->message.find("capture: no file ") == 0);
    // A capture carried in the file itself, as tcpdump text.
    writeFile(dir / "inline.json",
              "{\"tcpscope_exercise\": 1, \"title\": \"t\", \"input\": [\n"
              "\"17:56:04.224218 IP 127.0.0.1.57729 > 127.0.0.1.3000: Flags [S], seq 860356044, "
              "win 65535, length 0\"],\n \"steps\": [{\"packet\": 1, \"hide\": [\"seq\"]}]}");
    const LoadedExercise inl = loadExercise((dir / "inline.json").string());
    CHECK_FALSE(inl.error);
    REQUIRE(inl.session);
    CHECK(revealField(inl.session->tracker(), 0, 1, ExerciseField::Seq, "0").right);
    std::filesystem::remove_all(dir);
}
