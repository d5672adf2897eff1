#include "ui/help/help_menu.h"

#include <qcustomplot.h>

#include <Eigen/Core>
#include <QAbstractButton>
#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtGlobal>
#include <functional>

#ifndef COUPLINGLAB_VERSION
#error "COUPLINGLAB_VERSION must be defined (ui/CMakeLists.txt passes the project version)"
#endif

namespace couplinglab::ui::help {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Help", text);
}

// Menu and action texts without their mnemonics ("&Start" -> "Start").
QString plain(QString text) {
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text.trimmed();
}

QString keysOf(const QList<QKeySequence>& sequences) {
    QStringList keys;
    for (const QKeySequence& sequence : sequences) {
        if (!sequence.isEmpty()) keys << sequence.toString(QKeySequence::NativeText);
    }
    return keys.join(tr(" or "));
}

// A non-modal dialog with one text browser, created once per window and raised afterwards.
QTextBrowser* showTextDialog(QMainWindow* window, const QString& name, const QString& title,
                             QSize size) {
    auto* dialog = window->findChild<QDialog*>(name, Qt::FindDirectChildrenOnly);
    if (dialog == nullptr) {
        dialog = new QDialog(window);
        dialog->setObjectName(name);
        dialog->setWindowTitle(title);
        auto* browser = new QTextBrowser(dialog);
        browser->setOpenExternalLinks(true);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(browser);
        layout->addWidget(buttons);
        dialog->resize(size);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog->findChild<QTextBrowser*>();
}

}  // namespace

QString guideMarkdown() {
    QFile file(QStringLiteral(":/help/guide.md"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll());
}

std::vector<ShortcutEntry> shortcutEntries(const QMainWindow& window) {
    std::vector<ShortcutEntry> entries;
    QSet<const QAction*> seen;
    const auto add = [&](const QString& where, const QAction* action) {
        if (seen.contains(action)) return;
        seen.insert(action);
        const QString keys = keysOf(action->shortcuts());
        if (!keys.isEmpty()) entries.push_back({where, plain(action->text()), keys});
    };
    std::function<void(const QString&, const QMenu*)> walk = [&](const QString& where,
                                                                 const QMenu* menu) {
        for (const QAction* action : menu->actions()) {
            if (action->menu() != nullptr)
                walk(where + QStringLiteral(" → ") + plain(action->text()), action->menu());
            else
                add(where, action);
        }
    };
    for (const QAction* action : window.menuBar()->actions()) {
        if (action->menu() != nullptr) walk(plain(action->text()), action->menu());
    }
    for (const QToolBar* toolBar : window.findChildren<QToolBar*>()) {
        for (const QAction* action : toolBar->actions())
            add(tr("Toolbar"), action);
    }
    for (const QAction* action : window.actions())
        add(tr("Anywhere in the window"), action);
    for (const QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
        const QString keys = keysOf({button->shortcut()});
        QString what = plain(button->text()).isEmpty() ? button->toolTip() : plain(button->text());
        // A toggle's text shows its state ("Divide by N: off"); the sheet names the toggle.
        if (button->isCheckable()) what = what.section(QLatin1Char(':'), 0, 0) + tr(" (on or off)");
        if (!keys.isEmpty()) entries.push_back({tr("Controls"), what, keys});
    }
    return entries;
}

QString shortcutSheetHtml(const QMainWindow& window) {
    QString html = QStringLiteral("<h2>%1</h2>\n<p>%2</p>\n<table cellpadding=\"4\">\n")
                       .arg(tr("Keyboard shortcuts"),
                            tr("Read from the window's menus, toolbar and controls as they are "
                               "now."));
    QString section;
    for (const ShortcutEntry& entry : shortcutEntries(window)) {
        if (entry.where != section) {
            section = entry.where;
            html += QStringLiteral("<tr><th colspan=\"2\" align=\"left\"><br>%1</th></tr>\n")
                        .arg(section.toHtmlEscaped());
        }
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>\n")
                    .arg(entry.keys.toHtmlEscaped(), entry.what.toHtmlEscaped());
    }
    return html + QStringLiteral("</table>\n");
}

QString aboutHtml() {
    const QString eigen = QStringLiteral("%1.%2.%3")
                              .arg(EIGEN_WORLD_VERSION)
                              .arg(EIGEN_MAJOR_VERSION)
                              .arg(EIGEN_MINOR_VERSION);
    return tr("<h2>Coupling Lab %1</h2>"
              "<p>How Hamiltonian Monte Carlo and the No-U-Turn Sampler behave, and why their "
              "step size is what it is, shown on one coupling weight between two lists of "
              "random bits. The sampler follows Stan's NUTS and its windowed warmup.</p>"
              "<p><b>Licence:</b> GNU General Public License, version 3 or (at your option) "
              "any later version; the text is in the file LICENSE.</p>"
              "<p><b>Libraries:</b></p><ul>"
              "<li>Qt %2 (built against %3), LGPL v3</li>"
              "<li>QCustomPlot %4, GPL v3</li>"
              "<li>Eigen %5, MPL 2.0</li></ul>")
        .arg(QStringLiteral(COUPLINGLAB_VERSION), QString::fromLatin1(qVersion()),
             QStringLiteral(QT_VERSION_STR), QStringLiteral(QCUSTOMPLOT_VERSION_STR), eigen);
}

void addHelpActions(QMenu* menu, QMainWindow* window) {
    QAction* guide = menu->addAction(tr("&Guide"));
    guide->setShortcut(QKeySequence::HelpContents);
    QObject::connect(guide, &QAction::triggered, window, [window] {
        showTextDialog(window, QStringLiteral("guideDialog"), tr("Coupling Lab guide"), {760, 680})
            ->setMarkdown(guideMarkdown());
    });
    QAction* shortcuts = menu->addAction(tr("&Keyboard shortcuts"));
    QObject::connect(shortcuts, &QAction::triggered, window, [window] {
        showTextDialog(window, QStringLiteral("shortcutsDialog"), tr("Keyboard shortcuts"),
                       {520, 620})
            ->setHtml(shortcutSheetHtml(*window));
    });
    menu->addSeparator();
    QAction* about = menu->addAction(tr("&About Coupling Lab"));
    QObject::connect(about, &QAction::triggered, window, [window] {
        showTextDialog(window, QStringLiteral("aboutDialog"), tr("About Coupling Lab"), {480, 360})
            ->setHtml(aboutHtml());
    });
}

}  // namespace couplinglab::ui::help
