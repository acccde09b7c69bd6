// SPDX-License-Identifier: GPL-2.0-or-later
#include "i18n.h"

#include "tcpscope/text_catalogue.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace tcpscope::ui {

namespace {

// The translators installed now; replaced as a whole on a change.
std::vector<std::unique_ptr<QTranslator>>& installed() {
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

bool load(const QString& file, const QString& dir) {
    auto t = std::make_unique<QTranslator>();
    if (!t->load(file, dir)) return false;
    QCoreApplication::installTranslator(t.get());
    installed().push_back(std::move(t));
    return true;
}

// The core's catalogue through qtTrId(): each id the loaded .qm translates.
TranslationTable coreTable() {
    TranslationTable table;
    for (const CatalogueText& t : textCatalogue()) {
        const QString text = qtTrId(t.id.c_str());
        if (text != QLatin1String(t.id.c_str()) && !text.isEmpty())
            table.emplace_back(t.id, text.toStdString());
    }
    return table;
}

} // namespace

QStringList languageChoices() {
    return {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString languageChoiceName(const QString& choice) {
    if (choice == QLatin1String("en")) return QStringLiteral("English");
    if (choice == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
    return QCoreApplication::translate("Language", "System");
}

QString resolveLanguage(const QString& choice) {
    if (choice == QLatin1String("en") || choice == QLatin1String("zh_CN")) return choice;
    // Any Chinese system locale gets the Simplified Chinese texts, the only Chinese there is.
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                            : QStringLiteral("en");
}

namespace {
QString& current() {
    static QString language = QStringLiteral("en");
    return language;
}
} // namespace

QString installedLanguage() {
    return current();
}

QString installLanguage(const QString& choice) {
    for (const auto& t : installed()) QCoreApplication::removeTranslator(t.get());
    installed().clear();
    const QString language = resolveLanguage(choice);
    current() = language;
    if (language == QLatin1String("en")) {
        installTranslations({});
        return language;
    }
    QLocale::setDefault(QLocale(language));
    // Qt's own texts (standard buttons, file dialogs), from qt6-translations-l10n.
    load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    load(QStringLiteral("tcpscope_") + language, QStringLiteral(":/i18n"));
    const bool core = load(QStringLiteral("tcpscope_core_") + language, QStringLiteral(":/i18n"));
    installTranslations(core ? coreTable() : TranslationTable{});
    return language;
}

QString savedLanguageChoice(const QSettings& settings) {
    const QString choice = settings.value(QStringLiteral("language")).toString();
    return languageChoices().contains(choice) ? choice : QStringLiteral("system");
}

} // namespace tcpscope::ui
