// SPDX-License-Identifier: GPL-2.0-or-later
// The viewer's language: Qt's own translations (standard dialogs), the viewer's texts
// (tcpscope_<language>.qm) and the core's catalogue (tcpscope_core_<language>.qm, id-based),
// all loaded from the same lrelease output, and the core's table filled from the latter so
// captions and explanations made by the core come out in the same language.
#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace tcpscope::ui {

// The choices of View > Language: "system", "en", "zh_CN".
QStringList languageChoices();
// The menu's name of a choice, in its own language ("简体中文") except "System".
QString languageChoiceName(const QString& choice);
// The language a choice means here: "zh_CN" or "en" ("system" follows the system locale).
QString resolveLanguage(const QString& choice);

// Installs the translators for `choice` (replacing earlier ones) and the core's table. Call it
// before the main window is built, and before any load starts. Returns the language installed.
QString installLanguage(const QString& choice);

// The language installLanguage() last installed ("en" before any).
QString installedLanguage();
// The choice remembered in the settings ("language"), "system" when none.
QString savedLanguageChoice(const QSettings& settings);

} // namespace tcpscope::ui
