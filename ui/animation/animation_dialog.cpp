#include "ui/animation/animation_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <limits>

namespace couplinglab::ui {
namespace {

QSpinBox* spinBox(const char* name, int low, int high, QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QString::fromLatin1(name));
    spin->setRange(low, high);
    spin->setKeyboardTracking(false);
    return spin;
}

int clampedIteration(std::int64_t iteration) {
    return static_cast<int>(std::min<std::int64_t>(iteration, std::numeric_limits<int>::max()));
}

}  // namespace

AnimationDialog::AnimationDialog(QSettings& settings, std::int64_t iterations,
                                 std::int64_t shownIteration, QWidget* parent)
    : QDialog(parent), settings_(settings), iterations_(iterations) {
    setWindowTitle(tr("Export animation"));
    kindCombo_ = new QComboBox(this);
    kindCombo_->setObjectName(QStringLiteral("animationKindCombo"));
    for (const AnimationKind kind :
         {AnimationKind::Trajectory, AnimationKind::Trace, AnimationKind::Grid})
        kindCombo_->addItem(animationKindTitle(kind), static_cast<int>(kind));

    fileEdit_ = new QLineEdit(this);
    fileEdit_->setObjectName(QStringLiteral("animationFileEdit"));
    fileEdit_->setMinimumWidth(fontMetrics().averageCharWidth() * 42);
    auto* browse = new QPushButton(tr("Choose…"), this);
    browse->setObjectName(QStringLiteral("animationBrowseButton"));
    formatCombo_ = new QComboBox(this);
    formatCombo_->setObjectName(QStringLiteral("animationFormatCombo"));
    formatCombo_->addItem(tr("GIF, plays everywhere"), static_cast<int>(AnimationFormat::Gif));
    formatCombo_->addItem(tr("MP4 (H.264), small and sharp"),
                          static_cast<int>(AnimationFormat::Mp4));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(fileEdit_, 1);
    fileRow->addWidget(browse);

    widthSpin_ = spinBox("animationWidthSpin", kMinAnimationSide, kMaxAnimationPixels, this);
    heightSpin_ = spinBox("animationHeightSpin", kMinAnimationSide, kMaxAnimationPixels, this);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(widthSpin_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(heightSpin_);
    scaleCombo_ = new QComboBox(this);
    scaleCombo_->setObjectName(QStringLiteral("animationScaleCombo"));
    for (const int scale : {1, 2, 3})
        scaleCombo_->addItem(QStringLiteral("%1×").arg(scale), scale);
    sizeRow->addWidget(scaleCombo_);
    sizeRow->addStretch();

    fpsSpin_ = spinBox("animationFpsSpin", kMinAnimationFps, kMaxAnimationFps, this);
    fpsSpin_->setSuffix(tr(" frames/s"));
    secondsSpin_ = new QDoubleSpinBox(this);
    secondsSpin_->setObjectName(QStringLiteral("animationSecondsSpin"));
    secondsSpin_->setRange(kMinAnimationSeconds, kMaxAnimationSeconds);
    secondsSpin_->setDecimals(1);
    secondsSpin_->setSuffix(tr(" s"));
    secondsSpin_->setKeyboardTracking(false);
    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(fpsSpin_);
    timeRow->addWidget(secondsSpin_);
    timeRow->addStretch();

    const int last = clampedIteration(std::max<std::int64_t>(iterations, 1));
    iterationSpin_ = spinBox("animationIterationSpin", 1, last, this);
    firstSpin_ = spinBox("animationFirstSpin", 1, last, this);
    lastSpin_ = spinBox("animationLastSpin", 1, last, this);
    rangeBox_ = new QWidget(this);
    auto* rangeRow = new QHBoxLayout(rangeBox_);
    rangeRow->setContentsMargins(0, 0, 0, 0);
    rangeRow->addWidget(firstSpin_);
    rangeRow->addWidget(new QLabel(tr("to"), this));
    rangeRow->addWidget(lastSpin_);
    perFrameSpin_ = spinBox("animationIterationsPerFrameSpin", 0,
                            static_cast<int>(kMaxIterationsPerFrame), this);
    perFrameSpin_->setSpecialValueText(tr("by the duration"));
    perFrameSpin_->setSuffix(tr(" per frame"));
    perFrameSpin_->setToolTip(
        tr("Iterations each frame adds; the duration then follows. 0: the duration decides."));
    rangeRow->addWidget(perFrameSpin_);
    rangeRow->addStretch();

    summaryLabel_ = new QLabel(this);
    summaryLabel_->setObjectName(QStringLiteral("animationSummaryLabel"));
    summaryLabel_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Animate:"), kindCombo_);
    // A row that holds a layout has no field to be the buddy of its label's mnemonic.
    const auto labelFor = [this](const QString& text, QWidget* buddy) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    form->addRow(labelFor(tr("&File:"), fileEdit_), fileRow);
    form->addRow(tr("F&ormat:"), formatCombo_);
    form->addRow(labelFor(tr("&Size:"), widthSpin_), sizeRow);
    form->addRow(labelFor(tr("&Timing:"), fpsSpin_), timeRow);
    iterationLabel_ = new QLabel(tr("&Iteration:"), this);
    iterationLabel_->setBuddy(iterationSpin_);
    form->addRow(iterationLabel_, iterationSpin_);
    rangeLabel_ = new QLabel(tr("&Iterations:"), this);
    rangeLabel_->setBuddy(firstSpin_);
    form->addRow(rangeLabel_, rangeBox_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    exportButton_ = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton_->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(summaryLabel_);
    layout->addWidget(buttons);

    load(shownIteration);
    connect(buttons, &QDialogButtonBox::accepted, this, &AnimationDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AnimationDialog::reject);
    connect(browse, &QPushButton::clicked, this, &AnimationDialog::browse);
    connect(formatCombo_, &QComboBox::activated, this, &AnimationDialog::formatChosen);
    connect(fileEdit_, &QLineEdit::textChanged, this, [this] {
        if (const auto format = animationFormatOfFile(fileEdit_->text()))
            formatCombo_->setCurrentIndex(formatCombo_->findData(static_cast<int>(*format)));
        updateState();
    });
    for (QSpinBox* spin :
         {widthSpin_, heightSpin_, fpsSpin_, iterationSpin_, firstSpin_, lastSpin_, perFrameSpin_})
        connect(spin, &QSpinBox::valueChanged, this, &AnimationDialog::updateState);
    connect(secondsSpin_, &QDoubleSpinBox::valueChanged, this, &AnimationDialog::updateState);
    connect(kindCombo_, &QComboBox::currentIndexChanged, this, &AnimationDialog::updateState);
    connect(scaleCombo_, &QComboBox::currentIndexChanged, this, &AnimationDialog::updateState);
    updateState();
}

AnimationSpec AnimationDialog::spec() const {
    AnimationSpec spec;
    spec.kind = static_cast<AnimationKind>(kindCombo_->currentData().toInt());
    spec.format = static_cast<AnimationFormat>(formatCombo_->currentData().toInt());
    spec.size = QSize(widthSpin_->value(), heightSpin_->value());
    spec.scale = scaleCombo_->currentData().toDouble();
    spec.fps = fpsSpin_->value();
    spec.seconds = secondsSpin_->value();
    spec.iteration = iterationSpin_->value();
    spec.firstIteration = firstSpin_->value();
    spec.lastIteration = lastSpin_->value();
    spec.iterationsPerFrame = perFrameSpin_->value();
    return spec;
}

QString AnimationDialog::path() const {
    return fileEdit_->text().trimmed();
}

void AnimationDialog::accept() {
    if (path().isEmpty() || validate(spec(), iterations_)) return;
    save();
    QDialog::accept();
}

void AnimationDialog::load(std::int64_t shownIteration) {
    const AnimationSpec defaults;
    const auto kind =
        parseAnimationKind(settings_.value(QStringLiteral("animation/kind")).toString());
    kindCombo_->setCurrentIndex(
        kindCombo_->findData(static_cast<int>(kind.value_or(defaults.kind))));
    const QString folder =
        settings_
            .value(QStringLiteral("animation/folder"),
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString suffix =
        settings_.value(QStringLiteral("animation/format"), QStringLiteral("gif")).toString() ==
                QLatin1String("mp4")
            ? QStringLiteral("mp4")
            : QStringLiteral("gif");
    fileEdit_->setText(QDir(folder).filePath(QStringLiteral("coupling-lab.") + suffix));
    formatCombo_->setCurrentIndex(suffix == QLatin1String("mp4") ? 1 : 0);
    widthSpin_->setValue(
        settings_.value(QStringLiteral("animation/width"), defaults.size.width()).toInt());
    heightSpin_->setValue(
        settings_.value(QStringLiteral("animation/height"), defaults.size.height()).toInt());
    const int scale =
        scaleCombo_->findData(settings_.value(QStringLiteral("animation/scale"), 1).toInt());
    scaleCombo_->setCurrentIndex(std::max(scale, 0));
    fpsSpin_->setValue(settings_.value(QStringLiteral("animation/fps"), defaults.fps).toInt());
    secondsSpin_->setValue(
        settings_.value(QStringLiteral("animation/seconds"), defaults.seconds).toDouble());
    iterationSpin_->setValue(clampedIteration(shownIteration > 0 ? shownIteration : iterations_));
    firstSpin_->setValue(1);
    lastSpin_->setValue(lastSpin_->maximum());
}

void AnimationDialog::save() const {
    const AnimationSpec chosen = spec();
    settings_.setValue(QStringLiteral("animation/kind"), animationKindName(chosen.kind));
    settings_.setValue(QStringLiteral("animation/format"), animationSuffix(chosen.format));
    settings_.setValue(QStringLiteral("animation/folder"), QFileInfo(path()).absolutePath());
    settings_.setValue(QStringLiteral("animation/width"), chosen.size.width());
    settings_.setValue(QStringLiteral("animation/height"), chosen.size.height());
    settings_.setValue(QStringLiteral("animation/scale"), static_cast<int>(chosen.scale));
    settings_.setValue(QStringLiteral("animation/fps"), chosen.fps);
    settings_.setValue(QStringLiteral("animation/seconds"), chosen.seconds);
}

void AnimationDialog::formatChosen() {
    const auto format = static_cast<AnimationFormat>(formatCombo_->currentData().toInt());
    QFileInfo file(path());
    const QString stem = file.completeBaseName().isEmpty() ? QStringLiteral("coupling-lab")
                                                           : file.completeBaseName();
    fileEdit_->setText(
        QDir(file.path()).filePath(stem + QLatin1Char('.') + animationSuffix(format)));
}

void AnimationDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export animation"), path(), tr("Animated GIF (*.gif);;MP4 video, H.264 (*.mp4)"));
    if (!chosen.isEmpty()) fileEdit_->setText(chosen);
}

void AnimationDialog::updateState() {
    const AnimationSpec chosen = spec();
    const bool trajectory = chosen.kind == AnimationKind::Trajectory;
    iterationLabel_->setVisible(trajectory);
    iterationSpin_->setVisible(trajectory);
    rangeLabel_->setVisible(!trajectory);
    rangeBox_->setVisible(!trajectory);
    secondsSpin_->setEnabled(trajectory || chosen.iterationsPerFrame == 0);
    std::optional<QString> problem = validate(chosen, iterations_);
    if (!problem && path().isEmpty()) problem = tr("choose the file to write");
    if (!problem && !animationFormatOfFile(path()))
        problem = tr("the file's name must end in .gif or .mp4");
    const QSize pixels = framePixels(chosen);
    summaryLabel_->setText(
        problem ? tr("Cannot export: %1.").arg(*problem)
                : tr("%1 frames of %2×%3 pixels, %4 s at %5 frames a second, of a run of the "
                     "current settings (the run Start makes with them).")
                      .arg(frameCount(chosen))
                      .arg(pixels.width())
                      .arg(pixels.height())
                      .arg(durationSeconds(chosen), 0, 'f', 1)
                      .arg(chosen.fps));
    exportButton_->setEnabled(!problem);
}

}  // namespace couplinglab::ui
