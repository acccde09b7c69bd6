// SPDX-License-Identifier: GPL-2.0-or-later
// The exercise panel (a dock beside the connection page): one step of a predict-then-reveal
// exercise at a time. It asks for the hidden values of the connection's next packet (numbers
// typed, flags ticked, states picked) and the teacher's questions (choices or typed); Reveal
// marks each answer right or wrong with the true value and the reason in the packet's numbers,
// and the classroom then shows that packet. Previous and Next walk the steps as the classroom
// does; the score counts the revealed steps. The panel only draws: ExerciseRun (the core)
// decides what is right.
#pragma once

#include "document/document.h"

#include <tcpscope/exercise.h>

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace tcpscope::ui {

class ExercisePanel : public QWidget {
    Q_OBJECT
  public:
    explicit ExercisePanel(QWidget* parent = nullptr);

    // Starts `exercise` on `document`, which holds its capture (and keeps the tracker alive).
    void start(Exercise exercise, DocumentPtr document);
    void clear();
    bool active() const { return bool(m_run); }
    const DocumentPtr& document() const { return m_document; }
    const ExerciseRun* run() const { return m_run.get(); }
    int currentStep() const { return m_step; } // 0-based
    void showStep(int step);
    // Takes the answers from the inputs, reveals the step and shows the packet.
    void reveal();
    void next();
    void previous();

    // The current step's inputs (tests, --exercise-answer): the text of item `item` as the
    // student would give it (flags "SYN, ACK"; a state's name; a choice's text).
    void setAnswer(int item, const QString& text);
    QString answerText(int item) const;
    int itemCount() const { return int(m_inputs.size()); }
    QString scoreText() const;
    QString resultText(int item) const; // after reveal: the verdict and the reason
    QSize sizeHint() const override;

  signals:
    // The classroom should show `stream` up to its packet `packets` (0: none yet).
    void classroomStepWanted(uint32_t stream, int packets);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    struct Input {
        QWidget* widget = nullptr;
        QLabel* result = nullptr;
        std::vector<QWidget*> options;    // check boxes (flags) or radio buttons (choices)
        std::vector<QString> optionTexts; // the choices' texts
        bool isFlags = false, isChoice = false;
    };
    void buildStep();
    QWidget* buildInput(const ExerciseRun::Item& item, Input& in);
    void updateButtons();
    void showResults();
    QString answerFromWidgets(size_t item) const;

    DocumentPtr m_document;
    std::unique_ptr<ExerciseRun> m_run;
    int m_step = 0;
    std::vector<Input> m_inputs;
    QLabel* m_title = nullptr;
    QLabel* m_description = nullptr;
    QLabel* m_stepLabel = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_form = nullptr;
    QPushButton* m_reveal = nullptr;
    QPushButton* m_prev = nullptr;
    QPushButton* m_next = nullptr;
    QLabel* m_score = nullptr;
};

} // namespace tcpscope::ui
