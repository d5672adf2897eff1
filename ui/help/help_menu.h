#pragma once

#include <QString>
#include <vector>

class QMainWindow;
class QMenu;

namespace couplinglab::ui::help {

// Help → Guide, Keyboard shortcuts and About, added to `menu`. Each opens a non-modal dialog
// owned by `window` (one of each; triggering again raises it): "guideDialog",
// "shortcutsDialog", "aboutDialog", each showing its text in a QTextBrowser.
void addHelpActions(QMenu* menu, QMainWindow* window);

// The guide (the window's parts and the five lessons), Markdown from the resource
// ":/help/guide.md" compiled into the program; empty if the resource is missing.
QString guideMarkdown();

// One shortcut of the window: where it lives ("Run", "Anywhere in the window", "Controls"),
// what it does and its keys in the platform's notation.
struct ShortcutEntry {
    QString where;
    QString what;
    QString keys;
};

// Read from the window as it is now: every action of its menu bar (submenus included), of its
// toolbars and of the window itself, and every button with a shortcut. Generated each time
// the sheet opens, so it cannot drift from the actions.
std::vector<ShortcutEntry> shortcutEntries(const QMainWindow& window);
QString shortcutSheetHtml(const QMainWindow& window);

// Version (the CMake project's), licence, and the libraries with their versions.
QString aboutHtml();

}  // namespace couplinglab::ui::help
