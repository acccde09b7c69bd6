// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/exercise_panel.h"

#include <tcpscope/tcp_state_machine.h>
#include <tcpscope/text_catalogue.h>

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

#include <functional>

namespace tcpscope::ui {

namespace {

constexpr const char* kFlagNames[] = {"SYN", "ACK", "FIN", "RST", "PSH", "URG", "ECE", "CWR"};

// A label that wraps at whatever width the panel has (a long word or a run of Chinese never
// widens the panel past the dock).
QLabel* wrapped(const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    l->setMinimumWidth(60);
    return l;
}

// A choice's text: wraps, and a click on it picks the choice.
class ChoiceLabel : public QLabel {
  public:
    ChoiceLabel(const QString& text, QWidget* parent, std::function<void()> pick)
        : QLabel(text, parent), m_pick(std::move(pick)) {
        setWordWrap(true);
        setTextFormat(Qt::PlainText);
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        setMinimumWidth(60);
    }

  protected:
    void mousePressEvent(QMouseEvent* event) override {
        if (isEnabled()) m_pick();
        QLabel::mousePressEvent(event);
    }

  private:
    std::function<void()> m_pick;
};

} // namespace

ExercisePanel::ExercisePanel(QWidget* parent) : QWidget(parent) {
    m_title = wrapped({}, this);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_title->setFont(big);
    m_description = wrapped({}, this);
    m_stepLabel = wrapped({}, this);
    QFont bold = m_stepLabel->font();
    bold.setBold(true);
    m_stepLabel->setFont(bold);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_reveal = new QPushButton(tr("Reveal"), this);
    m_reveal->setDefault(true);
    m_reveal->setToolTip(tr("Mark the answers and show the packet"));
    m_prev = new QPushButton(tr("◀ Previous"), this);
    m_next = new QPushButton(tr("Next ▶"), this);
    m_score = wrapped({}, this);
    connect(m_reveal, &QPushButton::clicked, this, &ExercisePanel::reveal);
    connect(m_prev, &QPushButton::clicked, this, &ExercisePanel::previous);
    connect(m_next, &QPushButton::clicked, this, &ExercisePanel::next);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_prev);
    buttons->addWidget(m_reveal, 1);
    buttons->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addWidget(m_stepLabel);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_score);
    clear();
}

QSize ExercisePanel::sizeHint() const {
    // Narrow: the ladder and the state graph keep the rest of a 1280-pixel screen.
    return QSize(320, QWidget::sizeHint().height());
}

void ExercisePanel::start(Exercise exercise, DocumentPtr document) {
    m_document = std::move(document);
    m_run = std::make_unique<ExerciseRun>(std::move(exercise), m_document->tracker());
    m_title->setText(fromCore(m_run->exercise().title));
    m_description->setText(fromCore(m_run->exercise().description));
    m_description->setVisible(!m_run->exercise().description.empty());
    showStep(0);
}

void ExercisePanel::clear() {
    m_run.reset();
    m_document.reset();
    m_inputs.clear();
    m_title->setText(tr("No exercise"));
    m_description->setText(tr("Open an exercise file (File > Open Exercise) or one of the "
                              "scenarios' (Classroom > Exercises)."));
    m_description->show();
    m_stepLabel->clear();
    delete m_scroll->takeWidget();
    m_form = nullptr;
    updateButtons();
}

void ExercisePanel::showStep(int step) {
    if (!m_run || m_run->stepCount() == 0) return;
    m_step = std::clamp(step, 0, int(m_run->stepCount()) - 1);
    buildStep();
    const ExerciseStep& s = m_run->step(size_t(m_step));
    // Before the reveal the classroom shows the packets before this one; after, this one too.
    const int shown = int(s.packet) - (m_run->revealed(size_t(m_step)) ? 0 : 1);
    emit classroomStepWanted(m_run->exercise().stream, shown);
    updateButtons();
}

void ExercisePanel::buildStep() {
    delete m_scroll->takeWidget();
    m_inputs.clear();
    m_form = new QWidget;
    auto* v = new QVBoxLayout(m_form);
    const size_t si = size_t(m_step);
    const ExerciseStep& s = m_run->step(si);
    const std::vector<LadderEvent>& ladder = m_run->ladder();
    const LadderEvent* e = s.packet <= ladder.size() ? &ladder[s.packet - 1] : nullptr;
    const bool client = e && e->from == EndpointRole::Client;
    m_stepLabel->setText(tr("Step %1 of %2: predict packet %3, sent by the %4.")
                             .arg(m_step + 1)
                             .arg(m_run->stepCount())
                             .arg(s.packet)
                             .arg(fromCore(roleWord(client))));
    if (!s.note.empty()) v->addWidget(wrapped(fromCore(s.note), m_form));
    for (const ExerciseRun::Item& item : m_run->items(si)) {
        m_inputs.emplace_back();
        Input& in = m_inputs.back();
        const QString prompt = item.isField ? fromCore(exerciseFieldPrompt(item.field))
                                            : fromCore(s.questions[item.question].ask);
        auto* label = wrapped(prompt, m_form);
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        v->addWidget(label);
        v->addWidget(buildInput(item, in));
        in.result = wrapped({}, m_form);
        in.result->hide();
        v->addWidget(in.result);
    }
    v->addStretch(1);
    m_scroll->setWidget(m_form);
    for (size_t i = 0; i < m_inputs.size(); ++i) setAnswer(int(i), fromCore(m_run->answer(si, i)));
    if (m_run->revealed(si)) showResults();
}

QWidget* ExercisePanel::buildInput(const ExerciseRun::Item& item, Input& in) {
    const ExerciseStep& s = m_run->step(size_t(m_step));
    if (item.isField && item.field == ExerciseField::Flags) {
        // Three to a row, so the panel stays narrow.
        auto* box = new QWidget(m_form);
        auto* grid = new QGridLayout(box);
        grid->setContentsMargins(0, 0, 0, 0);
        int i = 0;
        for (const char* name : kFlagNames) {
            auto* c = new QCheckBox(QLatin1String(name), box);
            grid->addWidget(c, i / 3, i % 3);
            in.options.push_back(c);
            ++i;
        }
        in.widget = box;
        in.isFlags = true;
        return box;
    }
    if (item.isField &&
        (item.field == ExerciseField::ClientState || item.field == ExerciseField::ServerState)) {
        auto* combo = new QComboBox(m_form);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
        combo->addItem(QString());
        for (size_t i = 1; i < kTcpStateCount; ++i) // every state but Unknown
            combo->addItem(fromCore(stateDisplayName(TcpState(i))),
                           fromCore(stateName(TcpState(i))));
        in.widget = combo;
        return combo;
    }
    if (!item.isField && !s.questions[item.question].choices.empty()) {
        // A radio button and the choice's text beside it, wrapped: a teacher's choice can be a
        // whole sentence, which a radio button's own text would not wrap.
        auto* box = new QWidget(m_form);
        auto* grid = new QGridLayout(box);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setColumnStretch(1, 1);
        auto* group = new QButtonGroup(box);
        int row = 0;
        for (const std::string& choice : s.questions[item.question].choices) {
            auto* r = new QRadioButton(box);
            group->addButton(r);
            auto* text = new ChoiceLabel(fromCore(choice), box, [r] { r->setChecked(true); });
            grid->addWidget(r, row, 0, Qt::AlignTop);
            grid->addWidget(text, row++, 1);
            in.options.push_back(r);
            in.optionTexts.push_back(fromCore(choice));
        }
        in.widget = box;
        in.isChoice = true;
        return box;
    }
    auto* edit = new QLineEdit(m_form);
    if (item.isField && item.field != ExerciseField::Flags)
        edit->setPlaceholderText(tr("a number"));
    connect(edit, &QLineEdit::returnPressed, this, &ExercisePanel::reveal);
    in.widget = edit;
    return edit;
}

void ExercisePanel::setAnswer(int item, const QString& text) {
    if (item < 0 || item >= int(m_inputs.size())) return;
    Input& in = m_inputs[size_t(item)];
    if (in.isFlags) {
        const QStringList names =
            text.toUpper().split(QRegularExpression(QStringLiteral("[,+ ]+")), Qt::SkipEmptyParts);
        for (QWidget* w : in.options) {
            auto* c = static_cast<QCheckBox*>(w);
            c->setChecked(names.contains(c->text()));
        }
    } else if (in.isChoice) {
        for (size_t i = 0; i < in.options.size(); ++i)
            if (in.optionTexts[i] == text)
                static_cast<QRadioButton*>(in.options[i])->setChecked(true);
    } else if (auto* combo = qobject_cast<QComboBox*>(in.widget)) {
        int index = combo->findData(text);
        if (index < 0) index = combo->findText(text);
        combo->setCurrentIndex(std::max(index, 0));
    } else if (auto* edit = qobject_cast<QLineEdit*>(in.widget)) {
        edit->setText(text);
    }
}

QString ExercisePanel::answerText(int item) const {
    return item >= 0 && item < int(m_inputs.size()) ? answerFromWidgets(size_t(item)) : QString();
}

QString ExercisePanel::answerFromWidgets(size_t item) const {
    const Input& in = m_inputs[item];
    if (in.isFlags) {
        QStringList names;
        for (QWidget* w : in.options)
            if (static_cast<QCheckBox*>(w)->isChecked())
                names << static_cast<QCheckBox*>(w)->text();
        return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
    }
    if (in.isChoice) {
        for (size_t i = 0; i < in.options.size(); ++i)
            if (static_cast<QRadioButton*>(in.options[i])->isChecked()) return in.optionTexts[i];
        return {};
    }
    if (auto* combo = qobject_cast<QComboBox*>(in.widget)) return combo->currentData().toString();
    if (auto* edit = qobject_cast<QLineEdit*>(in.widget)) return edit->text();
    return {};
}

void ExercisePanel::reveal() {
    if (!m_run || m_run->revealed(size_t(m_step))) return;
    for (size_t i = 0; i < m_inputs.size(); ++i)
        m_run->setAnswer(size_t(m_step), i, answerFromWidgets(i).toStdString());
    m_run->reveal(size_t(m_step));
    showResults();
    emit classroomStepWanted(m_run->exercise().stream, int(m_run->step(size_t(m_step)).packet));
    updateButtons();
}

void ExercisePanel::showResults() {
    const std::vector<ExerciseReveal>& reveals = m_run->reveals(size_t(m_step));
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QString good = dark ? QStringLiteral("#7ddc7d") : QStringLiteral("#1b6e1b");
    const QString bad = dark ? QStringLiteral("#ff8c7a") : QStringLiteral("#b3261e");
    for (size_t i = 0; i < m_inputs.size() && i < reveals.size(); ++i) {
        const ExerciseReveal& r = reveals[i];
        Input& in = m_inputs[i];
        in.widget->setEnabled(false);
        in.result->setTextFormat(Qt::RichText);
        in.result->setText(
            QStringLiteral("<span style='color:%1'><b>%2 %3</b></span> %4")
                .arg(r.right ? good : bad, r.right ? QStringLiteral("✔") : QStringLiteral("✘"),
                     fromCore(r.verdict).toHtmlEscaped(), fromCore(r.explanation).toHtmlEscaped()));
        in.result->show();
    }
}

QString ExercisePanel::resultText(int item) const {
    if (item < 0 || item >= int(m_inputs.size()) || m_inputs[size_t(item)].result->isHidden())
        return {};
    const ExerciseReveal& r = m_run->reveals(size_t(m_step))[size_t(item)];
    return fromCore(r.verdict + " " + r.explanation);
}

void ExercisePanel::next() {
    if (m_run && m_step + 1 < int(m_run->stepCount())) showStep(m_step + 1);
}

void ExercisePanel::previous() {
    if (m_run && m_step > 0) showStep(m_step - 1);
}

QString ExercisePanel::scoreText() const {
    if (!m_run) return {};
    const ExerciseRun::Score s = m_run->score();
    if (s.revealed == m_run->stepCount())
        return tr("Finished: %1 of %2 right.").arg(s.right).arg(s.asked);
    return tr("Score: %1 of %2 right (%3 of %4 steps revealed).")
        .arg(s.right)
        .arg(s.asked)
        .arg(s.revealed)
        .arg(m_run->stepCount());
}

void ExercisePanel::updateButtons() {
    const bool on = bool(m_run);
    const bool revealed = on && m_run->revealed(size_t(m_step));
    m_reveal->setEnabled(on && !revealed);
    m_prev->setEnabled(on && m_step > 0);
    m_next->setEnabled(on && m_step + 1 < int(m_run->stepCount()));
    m_score->setText(scoreText());
}

void ExercisePanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_run && m_run->revealed(size_t(m_step)))
        showResults();
}

} // namespace tcpscope::ui
