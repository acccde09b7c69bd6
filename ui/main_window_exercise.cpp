// SPDX-License-Identifier: GPL-2.0-or-later
// The main window's exercises: the exercise panel's dock, opening an exercise file with its
// capture, the scenarios' exercises in the Classroom menu, and making one from a connection.
#include "i18n.h"
#include "main_window.h"
#include "pages/connection_page.h"
#include "views/exercise_panel.h"

#include <tcpscope/exercise.h>

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace tcpscope::ui {

void MainWindow::buildExercisePanel() {
    m_exercise = new ExercisePanel(this);
    m_exerciseDock = new QDockWidget(tr("Exercise"), this);
    m_exerciseDock->setObjectName(QStringLiteral("exerciseDock"));
    m_exerciseDock->setWidget(m_exercise);
    m_exerciseDock->setMinimumWidth(300);
    addDockWidget(Qt::RightDockWidgetArea, m_exerciseDock);
    m_exerciseDock->hide();
    // The page leaves stepping to the panel while an exercise is on screen.
    connect(m_exerciseDock, &QDockWidget::visibilityChanged, this,
            [this](bool shown) { m_connection->setExerciseMode(shown && m_exercise->active()); });
    connect(m_exercise, &ExercisePanel::classroomStepWanted, this,
            [this](uint32_t stream, int packets) {
                showConnectionPage();
                m_connection->setStream(stream);
                m_connection->setClassroom(true);
                m_connection->setStep(packets);
            });
}

bool MainWindow::openExercise(const QString& path, QString* error) {
    const LoadedExercise loaded =
        loadExercise(QFile::encodeName(path).toStdString(), dissectOptions());
    const bool unreadable = !loaded.error && loaded.session && loaded.session->records().empty();
    if (loaded.error || unreadable) {
        const QString where =
            loaded.error ? QString::fromStdString(loaded.error->where()) : QString();
        const QString message = loaded.error ? QString::fromStdString(loaded.error->message)
                                             : tr("its capture has no packets");
        const QString text = where.isEmpty()
                                 ? tr("%1: %2").arg(QFileInfo(path).fileName(), message)
                                 : tr("%1, %2: %3").arg(QFileInfo(path).fileName(), where, message);
        if (error)
            *error = text;
        else
            QMessageBox::warning(this, tr("Cannot open the exercise"), text);
        return false;
    }
    setDocument(loaded.session);
    if (!loaded.capturePath.empty()) addRecent(QString::fromStdString(loaded.capturePath));
    m_exerciseDock->show();
    m_exerciseDock->raise();
    m_exercise->start(*loaded.exercise, loaded.session);
    m_connection->setExerciseMode(true);
    return true;
}

bool MainWindow::writeExerciseFor(const QString& path, QString* error) {
    const DocumentPtr& doc = document();
    const std::optional<uint32_t> stream = m_connection->stream();
    if (!doc || !stream || *stream >= doc->tracker().connections().size()) {
        if (error) *error = tr("Select a packet of a TCP connection first.");
        return false;
    }
    // The capture named relative to the exercise file, so the two can move together.
    QString capture = QString::fromStdString(doc->path());
    if (!capture.isEmpty() && capture != QLatin1String("-"))
        capture =
            QFileInfo(path).absoluteDir().relativeFilePath(QFileInfo(capture).absoluteFilePath());
    Exercise e = makeExercise(doc->tracker(), *stream, capture.toStdString());
    if (capture.isEmpty() || capture == QLatin1String("-")) {
        if (error) *error = tr("This capture has no file (it was pasted): save it first.");
        return false;
    }
    e.language = installedLanguage().toStdString();
    e.title =
        tr("TCP stream %1 of %2").arg(*stream).arg(QFileInfo(capture).fileName()).toStdString();
    const std::string text = formatExercise(e);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(text.data(), qint64(text.size())) != qint64(text.size())) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

// The scenarios' exercises (samples/exercises/<scenario>.<language>.json) in the installed
// language, English where there is none, by title.
void MainWindow::rebuildExercisesMenu() {
    if (!m_exercisesMenu) return;
    m_exercisesMenu->clear();
    const QDir dir(QDir(m_samplesDir).filePath(QStringLiteral("exercises")));
    const QString language = installedLanguage();
    const QStringList english =
        dir.entryList({QStringLiteral("*.en.json")}, QDir::Files, QDir::Name);
    for (const QString& en : english) {
        const QString base = en.chopped(int(qstrlen(".en.json")));
        const QString own = base + QLatin1Char('.') + language + QStringLiteral(".json");
        const QString path = dir.absoluteFilePath(dir.exists(own) ? own : en);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) continue;
        InputError e;
        const auto parsed = parseExercise(f.read(1 << 20).toStdString(), &e);
        const QString title = parsed ? QString::fromStdString(parsed->title) : base;
        m_exercisesMenu->addAction(title, this, [this, path] { openExercise(path); });
    }
    if (m_exercisesMenu->isEmpty())
        m_exercisesMenu->addAction(tr("(no exercises found)"))->setEnabled(false);
}

void MainWindow::addExerciseActions(QMenu* file, QMenu* classroom) {
    QAction* open = new QAction(tr("Open E&xercise…"), this);
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Exercise"), QDir(m_samplesDir).filePath(QStringLiteral("exercises")),
            tr("TcpScope exercises (*.json)"));
        if (!path.isEmpty()) openExercise(path);
    });
    file->insertAction(file->actions().value(2), open);
    m_exercisesMenu = classroom->addMenu(tr("E&xercises"));
    rebuildExercisesMenu();
    classroom->addAction(tr("&Make an Exercise from This Connection…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Make an Exercise"),
                                                          QStringLiteral("exercise.json"),
                                                          tr("TcpScope exercises (*.json)"));
        QString error;
        if (!path.isEmpty() && !writeExerciseFor(path, &error))
            QMessageBox::warning(this, tr("Make an Exercise"), error);
        else if (!path.isEmpty())
            openExercise(path);
    });
    QAction* panel = m_exerciseDock->toggleViewAction();
    panel->setText(tr("Exercise &Panel"));
    classroom->addAction(panel);
}

} // namespace tcpscope::ui
