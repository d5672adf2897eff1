#include "ui/code/model_code_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QVBoxLayout>
#include <stdexcept>

#include "core/platform/atomic_file.h"

namespace couplinglab::ui {
namespace {

const QString kLanguageKey = QStringLiteral("code/language");

QString title(CodeLanguage language) {
    const std::string_view name = codeLanguageTitle(language);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

}  // namespace

ModelCodePanel::ModelCodePanel(ModelCodeSource source, QSettings& settings, QWidget* parent)
    : QDialog(parent), source_(std::move(source)), settings_(settings) {
    setWindowTitle(tr("Model as code"));
    languageCombo_ = new QComboBox;
    languageCombo_->setObjectName(QStringLiteral("codeLanguageCombo"));
    for (const CodeLanguage language : kCodeLanguages)
        languageCombo_->addItem(title(language), static_cast<int>(language));
    const auto stored = parseCodeLanguage(settings_.value(kLanguageKey).toString().toStdString());
    languageCombo_->setCurrentIndex(
        languageCombo_->findData(static_cast<int>(stored.value_or(CodeLanguage::Stan))));
    languageCombo_->setToolTip(tr("The language of the program"));

    origin_ = new QLabel;
    origin_->setObjectName(QStringLiteral("codeOrigin"));
    origin_->setWordWrap(true);

    text_ = new QPlainTextEdit;
    text_->setObjectName(QStringLiteral("codeText"));
    text_->setReadOnly(true);
    text_->setLineWrapMode(QPlainTextEdit::NoWrap);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    copyButton_ = new QPushButton(tr("&Copy"));
    copyButton_->setObjectName(QStringLiteral("codeCopyButton"));
    copyButton_->setToolTip(tr("Put the whole program on the clipboard"));
    saveButton_ = new QPushButton(tr("&Save as…"));
    saveButton_->setObjectName(QStringLiteral("codeSaveButton"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(copyButton_, QDialogButtonBox::ActionRole);
    buttons->addButton(saveButton_, QDialogButtonBox::ActionRole);

    auto* top = new QHBoxLayout;
    auto* label = new QLabel(tr("&Language:"));
    label->setBuddy(languageCombo_);
    top->addWidget(label);
    top->addWidget(languageCombo_);
    top->addWidget(origin_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(text_, 1);
    layout->addWidget(buttons);

    connect(languageCombo_, &QComboBox::currentIndexChanged, this, [this] {
        settings_.setValue(kLanguageKey, QString::fromUtf8(codeLanguageName(language()).data()));
        refresh();
    });
    connect(copyButton_, &QPushButton::clicked, this, &ModelCodePanel::copy);
    connect(saveButton_, &QPushButton::clicked, this, &ModelCodePanel::saveInteractively);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(820, 640);
}

CodeLanguage ModelCodePanel::language() const {
    return static_cast<CodeLanguage>(languageCombo_->currentData().toInt());
}

QString ModelCodePanel::text() const {
    return text_->toPlainText();
}

void ModelCodePanel::refresh() {
    if (!isVisible()) return;
    origin_->setText(tr("The model of %1. It reads bits.csv: save it with File ▸ Save bits…")
                         .arg(source_.origin()));
    const QString program = QString::fromStdString(modelProgram(language(), source_.spec()));
    if (program == text_->toPlainText()) return;
    const int scroll = text_->verticalScrollBar()->value();
    text_->setPlainText(program);
    text_->verticalScrollBar()->setValue(scroll);
}

void ModelCodePanel::saveTo(const QString& path) const {
    writeFileAtomically(path.toStdString(), text().toStdString());
}

void ModelCodePanel::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    refresh();
}

void ModelCodePanel::copy() {
    QApplication::clipboard()->setText(text());
    emit statusMessage(tr("Copied the %1 program").arg(title(language())));
}

void ModelCodePanel::saveInteractively() {
    const QString suffix = QString::fromUtf8(codeFileSuffix(language()).data());
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the program"), QStringLiteral("model.") + suffix,
        tr("%1 program (*.%2)").arg(title(language()), suffix));
    if (path.isEmpty()) return;
    try {
        saveTo(path);
        emit statusMessage(tr("Saved the program as %1").arg(path));
    } catch (const std::exception& error) {
        QMessageBox::warning(this, tr("Could not save the program"),
                             QString::fromStdString(error.what()));
    }
}

}  // namespace couplinglab::ui
