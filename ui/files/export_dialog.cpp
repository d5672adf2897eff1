#include "ui/files/export_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <algorithm>
#include <array>

namespace couplinglab::ui {
namespace {

const QString kFolderKey = QStringLiteral("export/folder");
const QString kFormatKey = QStringLiteral("export/format");
const QString kSizeModeKey = QStringLiteral("export/sizeMode");
const QString kWidthKey = QStringLiteral("export/width");
const QString kHeightKey = QStringLiteral("export/height");
const QString kScaleKey = QStringLiteral("export/scale");
const QString kCompositeKey = QStringLiteral("export/composite");
const QString kFixedMode = QStringLiteral("fixed");
const QString kScreenMode = QStringLiteral("screen");

constexpr std::array<double, 3> kScales{1.0, 2.0, 3.0};

QSpinBox* sideSpin(QWidget* parent, const char* name) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(name));
    spin->setRange(kMinExportSide, kMaxExportSide);
    spin->setSuffix(QStringLiteral(" px"));
    spin->setAccelerated(true);
    return spin;
}

int clampedSide(int value) {
    return std::clamp(value, kMinExportSide, kMaxExportSide);
}

}  // namespace

ExportDialog::ExportDialog(QSettings& settings, QSize onScreenSize, const QStringList& fileStems,
                           QWidget* parent)
    : QDialog(parent),
      settings_(settings),
      fileStems_(fileStems),
      folderEdit_(new QLineEdit(this)),
      formatCombo_(new QComboBox(this)),
      onScreenRadio_(
          new QRadioButton(tr("As on screen: each plot at its size in the window"), this)),
      fixedSizeRadio_(new QRadioButton(tr("Every plot at"), this)),
      widthSpin_(sideSpin(this, "widthSpin")),
      heightSpin_(sideSpin(this, "heightSpin")),
      scaleCombo_(new QComboBox(this)),
      scaleNote_(new QLabel(this)),
      compositeCheck_(new QCheckBox(tr("Also a composite figure of the whole plot grid"), this)),
      filesLabel_(new QLabel(this)) {
    setWindowTitle(tr("Export plots"));
    setMinimumWidth(520);
    folderEdit_->setObjectName(QStringLiteral("folderEdit"));
    formatCombo_->setObjectName(QStringLiteral("formatCombo"));
    onScreenRadio_->setObjectName(QStringLiteral("onScreenRadio"));
    fixedSizeRadio_->setObjectName(QStringLiteral("fixedSizeRadio"));
    scaleCombo_->setObjectName(QStringLiteral("scaleCombo"));
    compositeCheck_->setObjectName(QStringLiteral("compositeCheck"));
    filesLabel_->setObjectName(QStringLiteral("filesLabel"));

    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("browseButton"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folderEdit_, 1);
    folderRow->addWidget(browse);

    for (const ExportFormat format : kExportFormats) {
        formatCombo_->addItem(isVectorFormat(format)
                                  ? tr("%1 (vector, text stays text)").arg(formatName(format))
                                  : formatName(format),
                              formatSuffix(format));
    }

    auto* sizeGroup = new QButtonGroup(this);
    sizeGroup->addButton(onScreenRadio_);
    sizeGroup->addButton(fixedSizeRadio_);
    auto* fixedRow = new QHBoxLayout;
    fixedRow->addWidget(fixedSizeRadio_);
    fixedRow->addWidget(widthSpin_);
    fixedRow->addWidget(new QLabel(QStringLiteral("×"), this));
    fixedRow->addWidget(heightSpin_);
    fixedRow->addStretch(1);
    auto* sizeColumn = new QVBoxLayout;
    sizeColumn->addWidget(onScreenRadio_);
    sizeColumn->addLayout(fixedRow);

    for (const double scale : kScales)
        scaleCombo_->addItem(QStringLiteral("%1×").arg(scale), scale);
    scaleCombo_->setToolTip(tr("More pixels for the same figure: 2× or 3× for projectors"));
    scaleNote_->setWordWrap(true);
    auto* scaleRow = new QHBoxLayout;
    scaleRow->addWidget(scaleCombo_);
    scaleRow->addWidget(scaleNote_, 1);

    filesLabel_->setWordWrap(true);
    filesLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Folder"), folderRow);
    form->addRow(tr("Format"), formatCombo_);
    form->addRow(tr("Size"), sizeColumn);
    form->addRow(tr("Scale"), scaleRow);
    form->addRow(QString(), compositeCheck_);
    form->addRow(tr("Files"), filesLabel_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* exportButton = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    load(onScreenSize);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(formatCombo_, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(onScreenRadio_, &QRadioButton::toggled, this, &ExportDialog::updateState);
    connect(compositeCheck_, &QCheckBox::toggled, this, &ExportDialog::updateState);
    updateState();
}

QString ExportDialog::folder() const {
    return folderEdit_->text().trimmed();
}

ExportOptions ExportDialog::options() const {
    ExportOptions options;
    options.format =
        exportFormatFromName(formatCombo_->currentData().toString()).value_or(ExportFormat::Png);
    if (fixedSizeRadio_->isChecked())
        options.size = QSize(widthSpin_->value(), heightSpin_->value());
    options.scale = scaleCombo_->currentData().toDouble();
    return options;
}

bool ExportDialog::composite() const {
    return compositeCheck_->isChecked();
}

void ExportDialog::accept() {
    if (folder().isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("Choose the folder to export the plots to."));
        return;
    }
    if (auto problem = validate(options())) {
        QMessageBox::warning(this, windowTitle(), *problem);
        return;
    }
    save();
    QDialog::accept();
}

void ExportDialog::load(QSize onScreenSize) {
    QString folder = settings_.value(kFolderKey).toString();
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) folder = QDir::homePath();
    folderEdit_->setText(QDir::toNativeSeparators(folder));

    const std::optional<ExportFormat> format =
        exportFormatFromName(settings_.value(kFormatKey).toString());
    formatCombo_->setCurrentIndex(
        std::max(0, formatCombo_->findData(formatSuffix(format.value_or(ExportFormat::Png)))));

    const bool fixed = settings_.value(kSizeModeKey).toString() == kFixedMode;
    (fixed ? fixedSizeRadio_ : onScreenRadio_)->setChecked(true);
    const QSize start = onScreenSize.isValid() ? onScreenSize : kDefaultExportSize;
    bool ok = false;
    const int width = settings_.value(kWidthKey).toInt(&ok);
    widthSpin_->setValue(clampedSide(ok ? width : start.width()));
    const int height = settings_.value(kHeightKey).toInt(&ok);
    heightSpin_->setValue(clampedSide(ok ? height : start.height()));

    const double scale = settings_.value(kScaleKey).toDouble(&ok);
    const int scaleIndex = ok ? scaleCombo_->findData(scale) : -1;
    scaleCombo_->setCurrentIndex(std::max(0, scaleIndex));
    compositeCheck_->setChecked(settings_.value(kCompositeKey, false).toBool());
}

void ExportDialog::save() const {
    const ExportOptions chosen = options();
    settings_.setValue(kFolderKey, QDir::fromNativeSeparators(folder()));
    settings_.setValue(kFormatKey, formatSuffix(chosen.format));
    settings_.setValue(kSizeModeKey, fixedSizeRadio_->isChecked() ? kFixedMode : kScreenMode);
    settings_.setValue(kWidthKey, widthSpin_->value());
    settings_.setValue(kHeightKey, heightSpin_->value());
    settings_.setValue(kScaleKey, chosen.scale);
    settings_.setValue(kCompositeKey, composite());
}

void ExportDialog::updateState() {
    const ExportOptions chosen = options();
    const bool vector = isVectorFormat(chosen.format);
    widthSpin_->setEnabled(fixedSizeRadio_->isChecked());
    heightSpin_->setEnabled(fixedSizeRadio_->isChecked());
    scaleCombo_->setEnabled(!vector);
    scaleNote_->setText(
        vector ? tr("%1 is vector: it is sharp at any size.").arg(formatName(chosen.format))
               : tr("2× and 3× give the same figure with more pixels."));
    QStringList names;
    for (const QString& stem : fileStems_)
        names.append(stem + QLatin1Char('.') + formatSuffix(chosen.format));
    if (composite())
        names.append(compositeFileStem() + QLatin1Char('.') + formatSuffix(chosen.format));
    filesLabel_->setText(names.join(QStringLiteral(", ")));
}

void ExportDialog::browse() {
    const QString chosen =
        QFileDialog::getExistingDirectory(this, tr("Folder for the plots"), folder());
    if (!chosen.isEmpty()) folderEdit_->setText(QDir::toNativeSeparators(chosen));
}

}  // namespace couplinglab::ui
