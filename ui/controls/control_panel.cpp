#include "ui/controls/control_panel.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <type_traits>
#include <utility>

#include "core/settings_schema.h"

namespace couplinglab::ui {

namespace lim = window_limits;

namespace {

// Projected classrooms need larger text than the usual 9-10 pt desktop default.
constexpr double kMinimumPointSize = 11.0;
constexpr int kHintMilliseconds = 3000;
constexpr double kSmallestFixedReadout = 1e-6;
const QKeySequence kDivideByNShortcut(Qt::CTRL | Qt::Key_N);
const QChar kMinus(0x2212);
const QChar kDigitGroupSpace(0x202F);  // narrow no-break space, the SI digit separator

// ---- Numbers as the panel reads and writes them ------------------------------------------------
// '.' is the decimal point (',' is read as one too) and spaces group digits, whatever the system
// locale: the panel then reads like the formulas beside it, and no locale turns 1,000 into 1.

QString withoutSpaces(QString text) {
    for (QChar space : {QChar(' '), QChar(0x00A0), QChar(0x2009), kDigitGroupSpace}) {
        text.remove(space);
    }
    return text;
}

std::optional<double> parseNumber(QString text) {
    text.replace(',', '.');
    bool ok = false;
    const double value = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(value)) return std::nullopt;
    return value;
}

// True for text that can still grow into a number: "", "-", "1e", "0." ...
bool isPartialNumber(const QString& text) {
    static const QRegularExpression partial(
        QStringLiteral("^[+-]?[0-9]*([.,][0-9]*)?([eE][+-]?[0-9]*)?$"));
    return partial.match(text).hasMatch();
}

QString groupedDigits(QString digits) {
    if (digits.size() < 5) return digits;  // 1000 reads fine; 10 000 needs the gap
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, kDigitGroupSpace);
    return digits;
}

QString groupedInteger(long long value) {
    const QString digits = groupedDigits(QString::number(value < 0 ? -value : value));
    return value < 0 ? QStringLiteral("-") + digits : digits;
}

QString withoutTrailingZeros(QString text) {
    if (!text.contains('.')) return text;
    while (text.endsWith('0'))
        text.chop(1);
    if (text.endsWith('.')) text.chop(1);
    return text;
}

// `significant` digits without trailing zeros. Spin boxes switch to scientific notation below
// 1e-3, where typing 1e-6 is easier than counting zeros; readouts stay fixed down to 1e-6, since
// students compare them by eye with values like C/N.
QString formatSignificant(double value, int significant, double smallestFixed = 1e-3) {
    if (value == 0.0) return QStringLiteral("0");
    const double magnitude = std::abs(value);
    if (magnitude < smallestFixed || magnitude >= 1e7) {
        const QString text = QString::number(value, 'e', significant - 1);
        const qsizetype e = text.indexOf('e');
        return withoutTrailingZeros(text.left(e)) + 'e' + QString::number(text.mid(e + 1).toInt());
    }
    const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
    return withoutTrailingZeros(
        QString::number(value, 'f', std::max(0, significant - 1 - exponent)));
}

// Readouts use the typographic minus, which is easier to see on a projector than a hyphen.
QString withTypographicMinus(QString text) {
    if (text.startsWith('-')) text[0] = kMinus;
    return text;
}

// ---- Spin boxes that clamp typed values and say so ---------------------------------------------

struct Correction {
    enum class Kind { BelowMinimum, AboveMaximum, NotWhole };
    Kind kind;
    double typed;
    QString bound;   // the limit that was hit, as the box shows it
    QString result;  // the value the box now holds, as it shows it
};
using CorrectionHandler = std::function<void(const Correction&)>;

// Qt's spin boxes refuse keystrokes that would pass the maximum and quietly restore the old
// value below the minimum, so a student never learns why "0" did not stick. These accept any
// number while typing and, when editing finishes, clamp it into range and report it. They also
// wait for Enter or focus loss before announcing a value: each announcement may restart warmup.
template <class Base, class Value>
class ClampingSpinBox : public Base {
  public:
    explicit ClampingSpinBox(QWidget* parent) : Base(parent) {
        this->setKeyboardTracking(false);
        this->setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
        this->setAccelerated(true);
    }
    void setCorrectionHandler(CorrectionHandler handler) { onCorrection_ = std::move(handler); }
    void setReturnHandler(std::function<void()> handler) { onReturn_ = std::move(handler); }

  protected:
    QValidator::State validate(QString& text, int& /*pos*/) const override {
        const QString bare = bareText(text);
        if (bare.isEmpty()) return QValidator::Intermediate;
        const std::optional<double> number = parseNumber(bare);
        if (!number) return isPartialNumber(bare) ? QValidator::Intermediate : QValidator::Invalid;
        return isAcceptable(*number) ? QValidator::Acceptable : QValidator::Intermediate;
    }

    void fixup(QString& text) const override {
        const std::optional<double> number = parseNumber(bareText(text));
        if (!number) {  // nothing readable: keep the value the box had
            text = this->prefix() + this->textFromValue(this->value()) + this->suffix();
            return;
        }
        const Value corrected = corrections(*number);
        text = this->prefix() + this->textFromValue(corrected) + this->suffix();
        if (static_cast<double>(corrected) != *number) report(*number, corrected);
    }

    Value valueFromText(const QString& text) const override {
        const std::optional<double> number = parseNumber(bareText(text));
        return number ? corrections(*number) : this->value();
    }

    void keyPressEvent(QKeyEvent* event) override {
        const bool isReturn = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
        Base::keyPressEvent(event);  // commits the typed value first
        if (isReturn && onReturn_) onReturn_();
    }

  private:
    static constexpr bool kInteger = std::is_integral_v<Value>;

    QString bareText(QString text) const {
        if (!this->prefix().isEmpty() && text.startsWith(this->prefix())) {
            text.remove(0, this->prefix().size());
        }
        if (!this->suffix().isEmpty() && text.endsWith(this->suffix())) {
            text.chop(this->suffix().size());
        }
        return withoutSpaces(text.trimmed());
    }

    bool isAcceptable(double number) const {
        if (kInteger && number != std::round(number)) return false;
        return number >= this->minimum() && number <= this->maximum();
    }

    Value corrections(double number) const {
        if constexpr (kInteger) number = std::round(number);
        return static_cast<Value>(std::clamp(number, static_cast<double>(this->minimum()),
                                             static_cast<double>(this->maximum())));
    }

    void report(double typed, Value corrected) const {
        if (!onCorrection_) return;
        using Kind = Correction::Kind;
        const Kind kind = typed < this->minimum()   ? Kind::BelowMinimum
                          : typed > this->maximum() ? Kind::AboveMaximum
                                                    : Kind::NotWhole;
        const Value bound = kind == Kind::AboveMaximum ? this->maximum() : this->minimum();
        onCorrection_({kind, typed, this->textFromValue(bound), this->textFromValue(corrected)});
    }

    CorrectionHandler onCorrection_;
    std::function<void()> onReturn_;
};

class IntegerSpinBox final : public ClampingSpinBox<QSpinBox, int> {
  public:
    IntegerSpinBox(QWidget* parent, int minimum, int maximum) : ClampingSpinBox(parent) {
        setRange(minimum, maximum);
        setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    }

  protected:
    QString textFromValue(int value) const override { return groupedInteger(value); }
};

class RealSpinBox final : public ClampingSpinBox<QDoubleSpinBox, double> {
  public:
    // Fixed: always decimals() digits after the point. Significant: that many significant
    // digits, for quantities that span decades (prior sd, step size).
    enum class Format { Fixed, Significant };

    RealSpinBox(QWidget* parent, double minimum, double maximum, int decimals, Format format,
                int significant = 3)
        : ClampingSpinBox(parent), format_(format), significant_(significant) {
        setDecimals(decimals);  // before the range, which Qt rounds to the decimals
        setRange(minimum, maximum);
        if (format == Format::Significant) setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    }

  protected:
    QString textFromValue(double value) const override {
        return format_ == Format::Fixed ? QString::number(value, 'f', decimals())
                                        : formatSignificant(value, significant_);
    }

  private:
    Format format_;
    int significant_;
};

// Fields whose range and decimals come from the settings schema (core/settings_schema.h), the
// one place that also gives them to the session, QSettings and the CLI.
IntegerSpinBox* newWholeSpin(QWidget* parent, std::string_view path) {
    const SettingSpec& spec = setting(path);
    return new IntegerSpinBox(parent, static_cast<int>(spec.minimum),
                              static_cast<int>(spec.maximum));
}

RealSpinBox* newRealSpin(QWidget* parent, std::string_view path, RealSpinBox::Format format,
                         int significant = 3) {
    const SettingSpec& spec = setting(path);
    return new RealSpinBox(parent, spec.minimum, spec.maximum, spec.decimals, format, significant);
}

// Data from the log slider: 1, 2 and 5 per decade from 10 to 10^8.
constexpr std::array<int, 3> kMantissas{1, 2, 5};
constexpr int kPairsSliderMaximum = 3 * 7;

std::uint64_t pairsAtSliderPosition(int position) {
    std::uint64_t pairs = static_cast<std::uint64_t>(kMantissas[position % 3]);
    for (int decade = 0; decade <= position / 3; ++decade)
        pairs *= 10;
    return pairs;
}

int nearestSliderPosition(std::uint64_t pairs) {
    const double logPairs = std::log(static_cast<double>(pairs));
    int best = 0;
    for (int position = 1; position <= kPairsSliderMaximum; ++position) {
        const auto distance = [&](int p) {
            return std::abs(std::log(static_cast<double>(pairsAtSliderPosition(p))) - logPairs);
        };
        if (distance(position) < distance(best)) best = position;
    }
    return best;
}

int toSeedSpin(std::uint64_t seed) {
    return static_cast<int>(std::min<std::uint64_t>(seed, lim::kMaxSeed));
}

void describe(QWidget* widget, const char* objectName, const QString& accessibleName,
              const QString& toolTip) {
    widget->setObjectName(QString::fromLatin1(objectName));
    widget->setAccessibleName(accessibleName);
    widget->setToolTip(toolTip);
}

QLabel* newReadout(QWidget* parent, const char* objectName, const QString& accessibleName) {
    auto* label = new QLabel(QStringLiteral("–"), parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setAccessibleName(accessibleName);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(parent->font().pointSizeF());
    mono.setBold(true);
    label->setFont(mono);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A small italic note for states the student should notice (pending data, frozen chains).
QLabel* newNote(QWidget* parent, const char* objectName, const QString& text) {
    auto* note = new QLabel(text, parent);
    note->setObjectName(QString::fromLatin1(objectName));
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: #7a4d00; font-style: italic;"));
    note->hide();
    return note;
}

}  // namespace

// ---- TransientHint: a red-on-pale line that explains a correction for a few seconds ------------

class TransientHint final : public QLabel {
  public:
    TransientHint(QWidget* parent, const char* objectName) : QLabel(parent) {
        setObjectName(QString::fromLatin1(objectName));
        setAccessibleName(QStringLiteral("Correction notice"));
        setWordWrap(true);
        setStyleSheet(
            QStringLiteral("color: #9b1c1c; background: #fdeaea; border: 1px solid "
                           "#efb0b0; border-radius: 3px; padding: 2px 4px;"));
        timer_.setSingleShot(true);
        timer_.setInterval(kHintMilliseconds);
        connect(&timer_, &QTimer::timeout, this, &QLabel::hide);
        hide();
    }

    void flash(const QString& text) {
        setText(text);
        show();
        timer_.start();
    }

  private:
    QTimer timer_;
};

namespace {

// Wires a box's corrections to a group's hint: "prior sd must be > 0: set to 0.001".
template <class Box>
void explainCorrections(Box* box, TransientHint* hint, const QString& quantity,
                        bool mustBePositive = false) {
    box->setCorrectionHandler([hint, quantity, mustBePositive](const Correction& correction) {
        QString rule;
        switch (correction.kind) {
            case Correction::Kind::BelowMinimum:
                rule = mustBePositive && correction.typed <= 0.0
                           ? QStringLiteral("> 0")
                           : QStringLiteral("at least ") + correction.bound;
                break;
            case Correction::Kind::AboveMaximum:
                rule = QStringLiteral("at most ") + correction.bound;
                break;
            case Correction::Kind::NotWhole:
                rule = QStringLiteral("a whole number");
                break;
        }
        hint->flash(
            QStringLiteral("%1 must be %2: set to %3").arg(quantity, rule, correction.result));
    });
}

}  // namespace

// ---- BitStrip: the first bits of X and Y, and their product sx*sy ------------------------------

class BitStrip final : public QWidget {
  public:
    explicit BitStrip(QWidget* parent) : QWidget(parent) {
        setObjectName(QStringLiteral("bitStrip"));
        setAccessibleName(QStringLiteral("First bits of X and Y"));
        setToolTip(QStringLiteral(
            "The first pairs of bits: a filled square is 1 and a hollow one 0; the bottom row is "
            "sx·sy, blue (+1) where the bits agree and orange (−1) where they differ, and C is "
            "the sum of that row over all N pairs."));
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    void setBits(std::vector<bool> x, std::vector<bool> y, std::uint64_t pairs) {
        x_ = std::move(x);
        y_ = std::move(y);
        pairs_ = pairs;
        setAccessibleDescription(QStringLiteral("X: %1; Y: %2").arg(bitText(x_), bitText(y_)));
        update();
    }

    QSize sizeHint() const override { return {280, preferredHeight()}; }
    QSize minimumSizeHint() const override { return {160, preferredHeight()}; }

  protected:
    void paintEvent(QPaintEvent* /*event*/) override {
        QPainter painter(this);
        painter.setFont(smallFont());
        const QFontMetrics metrics(smallFont());
        const int n = static_cast<int>(std::min(x_.size(), y_.size()));
        const int columns = columnCount(n);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const QRect captionRect(0, 0, width(), metrics.height());
        if (columns == 0) {
            painter.drawText(captionRect, Qt::AlignLeft | Qt::AlignVCenter,
                             QStringLiteral("no data yet: press Generate"));
            return;
        }
        painter.drawText(captionRect, Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("first %1 of %2 pairs")
                             .arg(columns)
                             .arg(groupedInteger(static_cast<long long>(pairs_))));
        const int labelWidth = rowLabelWidth();
        const int cell = std::min(preferredCell() + 4, (width() - labelWidth) / columns);
        const int top = metrics.height() + kGap;
        const std::array<QString, 3> labels{QStringLiteral("X"), QStringLiteral("Y"),
                                            QStringLiteral("sx·sy")};
        for (int row = 0; row < 3; ++row) {
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(QRect(0, top + row * (cell + kGap), labelWidth - 4, cell),
                             Qt::AlignRight | Qt::AlignVCenter, labels[row]);
        }
        for (int i = 0; i < columns; ++i) {
            const int left = labelWidth + i * cell;
            drawBit(painter, QRect(left, top, cell, cell), x_[i]);
            drawBit(painter, QRect(left, top + cell + kGap, cell, cell), y_[i]);
            drawProduct(painter, QRect(left, top + 2 * (cell + kGap), cell, cell), x_[i] == y_[i]);
        }
    }

  private:
    static constexpr int kPreferredCell = 8;  // at the small font's usual 10 pt
    static constexpr int kGap = 2;

    QFont smallFont() const {
        QFont small = font();
        small.setPointSizeF(std::max(9.0, font().pointSizeF() - 1.0));
        return small;
    }
    // The cells grow with the text (View → Zoom), so the row labels keep to their rows.
    int preferredCell() const {
        return std::max(
            kPreferredCell,
            static_cast<int>(std::lround(kPreferredCell * smallFont().pointSizeF() / 10.0)));
    }
    int rowLabelWidth() const {
        return QFontMetrics(smallFont()).horizontalAdvance(QStringLiteral("sx·sy")) + 6;
    }
    // Room for cells a little larger than preferred, which wide panels get.
    int preferredHeight() const {
        return QFontMetrics(smallFont()).height() + kGap + 3 * (preferredCell() + 4 + kGap);
    }
    // Whole bytes of bits, as many as fit at the preferred cell size (at most 64).
    int columnCount(int available) const {
        const int fit = (width() - rowLabelWidth()) / preferredCell();
        return std::min({available, 64, std::max(8, fit / 8 * 8)});
    }

    void drawBit(QPainter& painter, QRect cell, bool one) const {
        const QRect square = cell.adjusted(1, 1, -1, -1);
        const QColor ink = palette().color(QPalette::WindowText);
        painter.setPen(ink);
        painter.setBrush(one ? QBrush(ink) : Qt::NoBrush);
        painter.drawRect(square.adjusted(0, 0, -1, -1));
    }

    static void drawProduct(QPainter& painter, QRect cell, bool agree) {
        // Blue and orange stay distinct for the common colour-vision deficiencies.
        painter.setPen(Qt::NoPen);
        painter.setBrush(agree ? QColor(0x1f, 0x6f, 0xb4) : QColor(0xe6, 0x7e, 0x12));
        painter.drawRect(cell.adjusted(1, 1, -1, -1));
    }

    static QString bitText(const std::vector<bool>& bits) {
        QString text;
        for (bool bit : bits)
            text += bit ? '1' : '0';
        return text;
    }

    std::vector<bool> x_, y_;
    std::uint64_t pairs_ = 0;
};

// ---- ControlPanel -------------------------------------------------------------------------------

ControlPanel::ControlPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("controlPanel"));
    QFont legible = font();
    if (legible.pointSizeF() > 0 && legible.pointSizeF() < kMinimumPointSize) {
        legible.setPointSizeF(kMinimumPointSize);
        setFont(legible);
    }
    // Only the titles: a style sheet's font does not reach the widgets inside a group.
    setStyleSheet(QStringLiteral("QGroupBox { font-weight: bold; }"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createDataGroup());
    layout->addWidget(createModelGroup());
    layout->addWidget(createSamplerGroup());
    layout->addWidget(createRunGroup());
    layout->addStretch(1);

    connectDataSignals();
    connectModelSignals();
    connectSamplerSignals();
    connectRunSignals();
    setTabOrderToVisualOrder();

    setSettings(RunSettings{});
    setDisplay(DisplaySettings{});
    setRunState(RunState::Idle);
}

ControlPanel::~ControlPanel() = default;

QWidget* ControlPanel::createDataGroup() {
    auto* group = new QGroupBox(tr("Data"), this);
    auto* form = new QFormLayout(group);
    dataHint_ = new TransientHint(group, "dataHint");

    auto* pairs = newWholeSpin(group, "data.pairs");
    describe(pairs, "pairsSpin", tr("Pairs N"),
             tr("Number of bit pairs N to generate, any whole number from 10 to 10⁸."));
    explainCorrections(pairs, dataHint_, tr("N"));
    pairs->setReturnHandler([this] { requestGenerate(); });
    pairsSpin_ = pairs;
    form->addRow(tr("Pairs N"), pairsSpin_);

    pairsSlider_ = new QSlider(Qt::Horizontal, group);
    describe(pairsSlider_, "pairsSlider", tr("Pairs N, log scale"),
             tr("Chooses N on a log scale, in steps of 1, 2 and 5 per decade."));
    pairsSlider_->setRange(0, kPairsSliderMaximum);
    pairsSlider_->setPageStep(3);  // one decade
    pairsSlider_->setTickPosition(QSlider::TicksBelow);
    pairsSlider_->setTickInterval(3);
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(new QLabel(QStringLiteral("10"), group));
    sliderRow->addWidget(pairsSlider_, 1);
    sliderRow->addWidget(new QLabel(QStringLiteral("10⁸"), group));
    form->addRow(sliderRow);

    auto* coupling = newRealSpin(group, "data.coupling", RealSpinBox::Format::Fixed);
    coupling->setSingleStep(0.05);
    describe(coupling, "couplingSpin", tr("True coupling W"),
             tr("Coupling W used to generate the bits; 0 makes X and Y independent."));
    explainCorrections(coupling, dataHint_, tr("W"));
    coupling->setReturnHandler([this] { requestGenerate(); });
    couplingSpin_ = coupling;
    form->addRow(tr("True coupling W"), couplingSpin_);

    auto* seed = newWholeSpin(group, "data.seed");
    describe(seed, "dataSeedSpin", tr("Data seed"),
             tr("Seed of the random bits; the same seed gives the same data."));
    explainCorrections(seed, dataHint_, tr("data seed"));
    seed->setReturnHandler([this] { requestGenerate(); });
    dataSeedSpin_ = seed;
    newSeedButton_ = new QToolButton(group);
    newSeedButton_->setText(tr("New"));
    describe(newSeedButton_, "newSeedButton", tr("New data seed"),
             tr("Picks a random data seed; press Generate to use it."));
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(dataSeedSpin_, 1);
    seedRow->addWidget(newSeedButton_);
    form->addRow(tr("Data seed"), seedRow);

    generateButton_ = new QPushButton(tr("Generate data"), group);
    describe(generateButton_, "generateButton", tr("Generate data"),
             tr("Draws new bits X and Y with this N, W and seed (Enter in a data field does "
                "the same)."));
    QFont bold = generateButton_->font();
    bold.setBold(true);
    generateButton_->setFont(bold);
    generateButton_->setAutoDefault(false);
    form->addRow(generateButton_);
    dataPendingNote_ =
        newNote(group, "dataPendingNote", tr("These values are not in use yet: press Generate."));
    form->addRow(dataPendingNote_);

    pairsValue_ = newReadout(group, "pairsValue", tr("Generated pairs N"));
    cValue_ = newReadout(group, "cValue", tr("Statistic C"));
    agreementValue_ = newReadout(group, "agreementValue", tr("Agreement fraction"));
    cOverNValue_ = newReadout(group, "cOverNValue", tr("C over N"));
    atanhValue_ = newReadout(group, "atanhValue", tr("atanh of C over N"));
    cValue_->setToolTip(tr("C = Σ sx·sy = agreements − disagreements, all the model needs."));
    atanhValue_->setToolTip(tr("Where the exact Boltzmann posterior peaks for large N."));
    form->addRow(tr("N generated"), pairsValue_);
    form->addRow(tr("C = Σ sx·sy"), cValue_);
    form->addRow(tr("agreement"), agreementValue_);
    form->addRow(tr("C / N"), cOverNValue_);
    form->addRow(tr("atanh(C / N)"), atanhValue_);

    bitStrip_ = new BitStrip(group);
    form->addRow(bitStrip_);
    form->addRow(dataHint_);
    return group;
}

QWidget* ControlPanel::createModelGroup() {
    auto* group = new QGroupBox(tr("Model"), this);
    auto* form = new QFormLayout(group);
    modelHint_ = new TransientHint(group, "modelHint");

    auto* mean = newRealSpin(group, "model.priorMean", RealSpinBox::Format::Fixed);
    mean->setSingleStep(0.1);
    describe(mean, "priorMeanSpin", tr("Prior mean"), tr("Mean μ₀ of the Normal prior on w."));
    explainCorrections(mean, modelHint_, tr("prior mean"));
    priorMeanSpin_ = mean;
    form->addRow(tr("Prior mean μ₀"), priorMeanSpin_);

    auto* sd = newRealSpin(group, "model.priorSd", RealSpinBox::Format::Significant);
    describe(sd, "priorSdSpin", tr("Prior sd"),
             tr("Standard deviation σ₀ of the Normal prior on w; it must be greater than 0."));
    explainCorrections(sd, modelHint_, tr("prior sd"), /*mustBePositive=*/true);
    priorSdSpin_ = sd;
    form->addRow(tr("Prior sd σ₀"), priorSdSpin_);

    form->addRow(new QLabel(tr("Likelihood"), group));
    potentialOnlyRadio_ = new QRadioButton(tr("potential only:  w·C"), group);
    describe(potentialOnlyRadio_, "potentialOnlyRadio", tr("Likelihood: potential only"),
             tr("Uses the energy w·C alone, without the normalising constant of the bits."));
    boltzmannRadio_ = new QRadioButton(tr("exact Boltzmann:\nw·C − N·log(4 cosh w)"), group);
    describe(boltzmannRadio_, "boltzmannRadio", tr("Likelihood: exact Boltzmann"),
             tr("Uses the normalised likelihood w·C − N·log(4 cosh w) of N independent pairs."));
    auto* likelihoods = new QButtonGroup(group);
    likelihoods->addButton(potentialOnlyRadio_, static_cast<int>(Likelihood::PotentialOnly));
    likelihoods->addButton(boltzmannRadio_, static_cast<int>(Likelihood::ExactBoltzmann));
    form->addRow(potentialOnlyRadio_);
    form->addRow(boltzmannRadio_);

    // The switch the whole lesson turns on, so it is big enough to see from the back row.
    divideByNButton_ = new QPushButton(group);
    divideByNButton_->setCheckable(true);
    divideByNButton_->setAutoDefault(false);
    describe(divideByNButton_, "divideByNButton", tr("Divide by N"),
             tr("Multiplies the likelihood by 1/N, so all N pairs count as one observation "
                "(Ctrl+N)."));
    divideByNButton_->setMinimumHeight(44);
    divideByNButton_->setStyleSheet(QStringLiteral(
        "QPushButton { font-size: 14pt; font-weight: bold; padding: 6px 10px;"
        "  border: 2px solid #8a8a8a; border-radius: 6px; background: #f2f2f2; color: #202020; }"
        "QPushButton:checked { background: #ffc94d; border-color: #a86b00; }"
        "QPushButton:focus { border-color: #2a64c4; }"
        "QPushButton:pressed { background: #e0b040; }"));
    form->addRow(divideByNButton_);
    form->addRow(modelHint_);
    return group;
}

QWidget* ControlPanel::createSamplerGroup() {
    auto* group = new QGroupBox(tr("Sampler"), this);
    auto* form = new QFormLayout(group);
    samplerHint_ = new TransientHint(group, "samplerHint");

    algorithmCombo_ = new QComboBox(group);
    algorithmCombo_->addItem(tr("NUTS"), static_cast<int>(Algorithm::Nuts));
    algorithmCombo_->addItem(tr("static HMC"), static_cast<int>(Algorithm::StaticHmc));
    describe(algorithmCombo_, "algorithmCombo", tr("Algorithm"),
             tr("NUTS grows each trajectory until it turns back; static HMC takes L steps."));
    form->addRow(tr("Algorithm"), algorithmCombo_);

    auto* steps = newWholeSpin(group, "sampler.leapfrogSteps");
    describe(steps, "leapfrogStepsSpin", tr("Leapfrog steps L"),
             tr("Number of leapfrog steps per static HMC trajectory."));
    explainCorrections(steps, samplerHint_, tr("L"));
    leapfrogStepsSpin_ = steps;
    form->addRow(tr("Leapfrog steps L"), leapfrogStepsSpin_);

    adaptedStepRadio_ = new QRadioButton(tr("adapted, target δ"), group);
    describe(adaptedStepRadio_, "adaptedStepRadio", tr("Adapt step size"),
             tr("Tunes the step size during warmup so the mean acceptance reaches δ."));
    auto* target = newRealSpin(group, "sampler.targetAccept", RealSpinBox::Format::Fixed);
    target->setSingleStep(0.05);
    describe(target, "targetAcceptSpin", tr("Target acceptance δ"),
             tr("Acceptance rate the step-size adaptation aims at; Stan's default is 0.8."));
    explainCorrections(target, samplerHint_, tr("δ"));
    targetAcceptSpin_ = target;
    form->addRow(adaptedStepRadio_, targetAcceptSpin_);

    fixedStepRadio_ = new QRadioButton(tr("fixed ε"), group);
    describe(fixedStepRadio_, "fixedStepRadio", tr("Fixed step size"),
             tr("Keeps the step size at ε for the whole run."));
    auto* stepSize = newRealSpin(group, "sampler.stepSize", RealSpinBox::Format::Significant, 4);
    describe(stepSize, "stepSizeSpin", tr("Fixed step size ε"),
             tr("Leapfrog step size ε in units of w, from 1e-6 to 1000 (type e.g. 1e-3)."));
    explainCorrections(stepSize, samplerHint_, tr("step size ε"));
    stepSizeSpin_ = stepSize;
    form->addRow(fixedStepRadio_, stepSizeSpin_);
    auto* stepSizeModes = new QButtonGroup(group);
    stepSizeModes->addButton(adaptedStepRadio_);
    stepSizeModes->addButton(fixedStepRadio_);

    adaptMetricCheck_ = new QCheckBox(tr("Adapt metric (inverse mass)"), group);
    describe(adaptMetricCheck_, "adaptMetricCheck", tr("Adapt metric"),
             tr("Estimates the posterior variance in warmup and rescales w by it, as Stan does."));
    form->addRow(adaptMetricCheck_);

    auto* depth = newWholeSpin(group, "sampler.maxDepth");
    describe(depth, "maxDepthSpin", tr("Maximum tree depth"),
             tr("NUTS stops doubling a trajectory after this many doublings."));
    explainCorrections(depth, samplerHint_, tr("max tree depth"));
    maxDepthSpin_ = depth;
    form->addRow(tr("Max tree depth"), maxDepthSpin_);

    auto* warmup = newWholeSpin(group, "sampler.warmup");
    describe(warmup, "warmupSpin", tr("Warmup iterations"),
             tr("Iterations per chain spent tuning; they are not counted as draws."));
    explainCorrections(warmup, samplerHint_, tr("warmup"));
    warmupSpin_ = warmup;
    form->addRow(tr("Warmup"), warmupSpin_);

    auto* draws = newWholeSpin(group, "sampler.draws");
    describe(draws, "drawsSpin", tr("Draws"), tr("Iterations per chain kept after warmup."));
    explainCorrections(draws, samplerHint_, tr("draws"));
    drawsSpin_ = draws;
    form->addRow(tr("Draws"), drawsSpin_);

    auto* chains = newWholeSpin(group, "sampler.chains");
    describe(chains, "chainsSpin", tr("Chains"),
             tr("Number of independent chains, 1 to 4; takes effect at Reset, so it is "
                "editable only while idle."));
    explainCorrections(chains, samplerHint_, tr("chains"));
    chainsSpin_ = chains;
    form->addRow(tr("Chains"), chainsSpin_);

    auto* seed = newWholeSpin(group, "sampler.seed");
    describe(seed, "samplerSeedSpin", tr("Sampler seed"),
             tr("Seed of the sampler's random numbers; takes effect at Reset, so it is "
                "editable only while idle."));
    explainCorrections(seed, samplerHint_, tr("sampler seed"));
    samplerSeedSpin_ = seed;
    form->addRow(tr("Sampler seed"), samplerSeedSpin_);

    samplerResetNote_ = newNote(group, "samplerResetNote",
                                tr("Chains and seed apply at Reset: press Reset to "
                                   "change them."));
    form->addRow(samplerResetNote_);
    form->addRow(samplerHint_);
    return group;
}

QWidget* ControlPanel::createRunGroup() {
    auto* group = new QGroupBox(tr("Run"), this);
    auto* form = new QFormLayout(group);
    runHint_ = new TransientHint(group, "runHint");

    auto* buttons = new QHBoxLayout;
    const auto newRunButton = [&](const char* name, const QString& text, const QString& tip) {
        auto* button = new QToolButton(group);
        button->setText(text);
        describe(button, name, text, tip);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        button->setMinimumHeight(34);
        button->setEnabled(false);  // until the main window hands over its actions
        buttons->addWidget(button);
        return button;
    };
    startPauseButton_ = newRunButton("startPauseButton", tr("Start"),
                                     tr("Starts sampling, or pauses it while it runs."));
    stepButton_ = newRunButton("stepButton", tr("Step"), tr("Runs one iteration, then pauses."));
    resetButton_ = newRunButton("resetButton", tr("Reset"),
                                tr("Discards the draws and starts the chains again."));
    form->addRow(buttons);

    speedSlider_ = new QSlider(Qt::Horizontal, group);
    speedSlider_->setRange(static_cast<int>(setting("display.speedLevel").minimum),
                           static_cast<int>(setting("display.speedLevel").maximum));
    speedSlider_->setPageStep(1);
    speedSlider_->setTickPosition(QSlider::TicksBelow);
    describe(speedSlider_, "speedSlider", tr("Speed"),
             tr("How fast the sampler runs, from one leapfrog step at a time to full speed; the "
                "draws are the same at every speed."));
    form->addRow(tr("Speed"), speedSlider_);
    speedLabel_ = new QLabel(group);
    speedLabel_->setObjectName(QStringLiteral("speedLabel"));
    QFont boldSpeed = speedLabel_->font();
    boldSpeed.setBold(true);
    speedLabel_->setFont(boldSpeed);
    form->addRow(QString(), speedLabel_);  // under the slider, where the eye already is

    auto* pace = newRealSpin(group, "display.leapfrogStepsPerSecond", RealSpinBox::Format::Fixed);
    pace->setSuffix(tr(" steps/s"));
    describe(pace, "leapfrogPaceSpin", tr("Leapfrog pace"),
             tr("Leapfrog steps shown per second at the slowest speed."));
    explainCorrections(pace, runHint_, tr("pace"));
    leapfrogPaceSpin_ = pace;
    form->addRow(tr("Leapfrog pace"), leapfrogPaceSpin_);

    auto* window = newWholeSpin(group, "display.traceWindow");
    describe(window, "traceWindowSpin", tr("Trace window"),
             tr("Number of recent iterations the time-series plots show."));
    explainCorrections(window, runHint_, tr("trace window"));
    traceWindowSpin_ = window;
    form->addRow(tr("Trace window"), traceWindowSpin_);

    keepTunedCheck_ = new QCheckBox(tr("Keep tuned step size"), group);
    describe(keepTunedCheck_, "keepTunedCheck", tr("Keep tuned step size"),
             tr("On a data or model change mid-run, keeps the tuned step size and metric "
                "instead of warming up again."));
    form->addRow(keepTunedCheck_);

    runStateLabel_ = new QLabel(group);
    runStateLabel_->setObjectName(QStringLiteral("runStateLabel"));
    runStateLabel_->setWordWrap(true);
    form->addRow(runStateLabel_);
    form->addRow(runHint_);
    return group;
}

void ControlPanel::connectDataSignals() {
    connect(pairsSlider_, &QSlider::valueChanged, this, [this](int position) {
        pairsSpin_->setValue(static_cast<int>(pairsAtSliderPosition(position)));
    });
    connect(pairsSpin_, &QSpinBox::valueChanged, this, [this] {
        syncSliderToPairs();
        updateDataPendingNote();
    });
    connect(couplingSpin_, &QDoubleSpinBox::valueChanged, this,
            &ControlPanel::updateDataPendingNote);
    connect(dataSeedSpin_, &QSpinBox::valueChanged, this, &ControlPanel::updateDataPendingNote);
    connect(newSeedButton_, &QToolButton::clicked, this, [this] {
        dataSeedSpin_->setValue(
            static_cast<int>(QRandomGenerator::global()->bounded(qint64{lim::kMaxSeed} + 1)));
    });
    connect(generateButton_, &QPushButton::clicked, this, &ControlPanel::requestGenerate);
}

void ControlPanel::connectModelSignals() {
    connect(priorMeanSpin_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitModelChanged);
    connect(priorSdSpin_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitModelChanged);
    // Of the two toggles a switch of radio button causes, only the one that turns on counts.
    for (QRadioButton* radio : {potentialOnlyRadio_, boltzmannRadio_}) {
        connect(radio, &QRadioButton::toggled, this, [this](bool on) {
            if (on) emitModelChanged();
        });
    }
    connect(divideByNButton_, &QPushButton::toggled, this, [this] {
        updateDivideByNText();
        emitModelChanged();
    });
}

void ControlPanel::connectSamplerSignals() {
    connect(algorithmCombo_, &QComboBox::currentIndexChanged, this, [this] {
        updateSamplerEnabling();
        emitSamplerChanged();
    });
    for (QRadioButton* radio : {adaptedStepRadio_, fixedStepRadio_}) {
        connect(radio, &QRadioButton::toggled, this, [this](bool on) {
            updateSamplerEnabling();
            if (on) emitSamplerChanged();
        });
    }
    for (QSpinBox* box : {leapfrogStepsSpin_, maxDepthSpin_, warmupSpin_, drawsSpin_, chainsSpin_,
                          samplerSeedSpin_}) {
        connect(box, &QSpinBox::valueChanged, this, &ControlPanel::emitSamplerChanged);
    }
    for (QDoubleSpinBox* box : {targetAcceptSpin_, stepSizeSpin_}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitSamplerChanged);
    }
    connect(adaptMetricCheck_, &QCheckBox::toggled, this, &ControlPanel::emitSamplerChanged);
}

void ControlPanel::connectRunSignals() {
    connect(speedSlider_, &QSlider::valueChanged, this, [this] {
        updateSpeedLabel();
        emitDisplayChanged();
    });
    connect(leapfrogPaceSpin_, &QDoubleSpinBox::valueChanged, this,
            &ControlPanel::emitDisplayChanged);
    connect(traceWindowSpin_, &QSpinBox::valueChanged, this, &ControlPanel::emitDisplayChanged);
    connect(keepTunedCheck_, &QCheckBox::toggled, this, &ControlPanel::emitDisplayChanged);
}

// Widgets join the focus chain as they are created, which is already close to the visual
// order; stating the order keeps it right when rows are added or moved.
void ControlPanel::setTabOrderToVisualOrder() {
    const std::array<QWidget*, 30> order{
        pairsSpin_,          pairsSlider_,      couplingSpin_,     dataSeedSpin_,
        newSeedButton_,      generateButton_,   priorMeanSpin_,    priorSdSpin_,
        potentialOnlyRadio_, boltzmannRadio_,   divideByNButton_,  algorithmCombo_,
        leapfrogStepsSpin_,  adaptedStepRadio_, targetAcceptSpin_, fixedStepRadio_,
        stepSizeSpin_,       adaptMetricCheck_, maxDepthSpin_,     warmupSpin_,
        drawsSpin_,          chainsSpin_,       samplerSeedSpin_,  startPauseButton_,
        stepButton_,         resetButton_,      speedSlider_,      leapfrogPaceSpin_,
        traceWindowSpin_,    keepTunedCheck_};
    for (std::size_t i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);
}

// ---- Reading and writing the widgets ------------------------------------------------------------

DataSpec ControlPanel::dataSpec() const {
    DataSpec spec = hidden_.data;
    spec.pairs = static_cast<std::uint64_t>(pairsSpin_->value());
    spec.coupling = couplingSpin_->value();
    spec.seed = static_cast<std::uint64_t>(dataSeedSpin_->value());
    return spec;
}

ModelSpec ControlPanel::modelSpec() const {
    ModelSpec model = hidden_.model;
    model.priorMean = priorMeanSpin_->value();
    model.priorSd = priorSdSpin_->value();
    model.likelihood =
        boltzmannRadio_->isChecked() ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
    model.divideByN = divideByNButton_->isChecked();
    return model;
}

SamplerSettings ControlPanel::samplerSettings() const {
    SamplerSettings sampler = hidden_.sampler;
    sampler.algorithm = static_cast<Algorithm>(algorithmCombo_->currentData().toInt());
    sampler.leapfrogSteps = leapfrogStepsSpin_->value();
    sampler.adaptStepSize = adaptedStepRadio_->isChecked();
    sampler.stepSize = stepSizeSpin_->value();
    sampler.targetAccept = targetAcceptSpin_->value();
    sampler.adaptMetric = adaptMetricCheck_->isChecked();
    sampler.maxDepth = maxDepthSpin_->value();
    sampler.warmup = warmupSpin_->value();
    sampler.draws = drawsSpin_->value();
    sampler.chains = chainsSpin_->value();
    sampler.seed = static_cast<std::uint64_t>(samplerSeedSpin_->value());
    return sampler;
}

RunSettings ControlPanel::settings() const {
    return {dataSpec(), modelSpec(), samplerSettings()};
}

void ControlPanel::setSettings(const RunSettings& settings) {
    const QScopedValueRollback<bool> quiet(applying_, true);
    hidden_ = settings;

    setPairs(settings.data.pairs);
    couplingSpin_->setValue(settings.data.coupling);
    dataSeedSpin_->setValue(toSeedSpin(settings.data.seed));

    priorMeanSpin_->setValue(settings.model.priorMean);
    priorSdSpin_->setValue(settings.model.priorSd);
    (settings.model.likelihood == Likelihood::ExactBoltzmann ? boltzmannRadio_
                                                             : potentialOnlyRadio_)
        ->setChecked(true);
    divideByNButton_->setChecked(settings.model.divideByN);

    const SamplerSettings& sampler = settings.sampler;
    algorithmCombo_->setCurrentIndex(
        algorithmCombo_->findData(static_cast<int>(sampler.algorithm)));
    leapfrogStepsSpin_->setValue(sampler.leapfrogSteps);
    (sampler.adaptStepSize ? adaptedStepRadio_ : fixedStepRadio_)->setChecked(true);
    stepSizeSpin_->setValue(sampler.stepSize);
    targetAcceptSpin_->setValue(sampler.targetAccept);
    adaptMetricCheck_->setChecked(sampler.adaptMetric);
    maxDepthSpin_->setValue(sampler.maxDepth);
    warmupSpin_->setValue(sampler.warmup);
    drawsSpin_->setValue(sampler.draws);
    chainsSpin_->setValue(sampler.chains);
    samplerSeedSpin_->setValue(toSeedSpin(sampler.seed));

    updateDivideByNText();
    updateSamplerEnabling();
    updateDataPendingNote();
}

DisplaySettings ControlPanel::display() const {
    DisplaySettings display;
    display.speedLevel = speedSlider_->value();
    display.leapfrogStepsPerSecond = leapfrogPaceSpin_->value();
    display.traceWindow = traceWindowSpin_->value();
    display.keepTunedStepSize = keepTunedCheck_->isChecked();
    return display;
}

void ControlPanel::setDisplay(const DisplaySettings& display) {
    const QScopedValueRollback<bool> quiet(applying_, true);
    speedSlider_->setValue(std::clamp(display.speedLevel, 0, kFullSpeedLevel));
    leapfrogPaceSpin_->setValue(display.leapfrogStepsPerSecond);
    traceWindowSpin_->setValue(display.traceWindow);
    keepTunedCheck_->setChecked(display.keepTunedStepSize);
    updateSpeedLabel();
}

void ControlPanel::setDataSummary(const DataSummary& summary) {
    generatedSpec_ = summary.spec;
    const SufficientStatistic& statistic = summary.statistic;
    const auto pairs = static_cast<long long>(statistic.pairs);
    pairsValue_->setText(groupedInteger(pairs));
    cValue_->setText(withTypographicMinus(groupedInteger(statistic.c)));
    agreementValue_->setText(QString::number(statistic.agreementFraction(), 'f', 4));
    agreementValue_->setToolTip(
        tr("%1 of %2 pairs have x = y.")
            .arg(groupedInteger(static_cast<long long>(statistic.agreements())),
                 groupedInteger(pairs)));
    if (statistic.pairs == 0) {
        cOverNValue_->setText(QStringLiteral("–"));
        atanhValue_->setText(QStringLiteral("–"));
    } else {
        const double ratio = statistic.cOverN();
        cOverNValue_->setText(
            withTypographicMinus(formatSignificant(ratio, 4, kSmallestFixedReadout)));
        // |C| = N: every pair agrees (or none does) and atanh diverges.
        const bool unbounded = std::abs(statistic.c) == pairs;
        atanhValue_->setText(unbounded ? (statistic.c > 0 ? QStringLiteral("∞")
                                                          : QString(kMinus) + QStringLiteral("∞"))
                                       : withTypographicMinus(formatSignificant(
                                             std::atanh(ratio), 4, kSmallestFixedReadout)));
    }
    bitStrip_->setBits(summary.firstX, summary.firstY, statistic.pairs);
    updateDataPendingNote();
}

void ControlPanel::setRunState(RunState state) {
    runState_ = state;
    const bool idle = state == RunState::Idle;
    chainsSpin_->setEnabled(idle);
    samplerSeedSpin_->setEnabled(idle);
    samplerResetNote_->setVisible(!idle);
    switch (state) {
        case RunState::Idle:
            runStateLabel_->setText(tr("Idle: press Start to sample."));
            break;
        case RunState::Running:
            runStateLabel_->setText(tr("Sampling…"));
            break;
        case RunState::Paused:
            runStateLabel_->setText(tr("Paused: Start continues, Step runs one iteration."));
            break;
        case RunState::Finished:
            runStateLabel_->setText(tr("Finished: Start continues with more draws."));
            break;
    }
}

void ControlPanel::setRunActions(QAction* startPause, QAction* step, QAction* reset) {
    bindRunButton(startPauseButton_, startPause, tr("Starts sampling, or pauses it while it runs"));
    bindRunButton(stepButton_, step, tr("Runs one iteration of every chain, then pauses"));
    bindRunButton(resetButton_, reset,
                  tr("Discards the draws and starts the chains again, with the chosen number "
                     "of chains and seed"));
}

void ControlPanel::bindRunButton(QToolButton* button, QAction* action, const QString& description) {
    if (action == nullptr) {
        button->setEnabled(false);
        return;
    }
    button->setDefaultAction(action);
    // The button follows the action (Start becomes Pause); its name and tooltip follow too. An
    // action without a tooltip of its own only repeats its text, so the sentence replaces it.
    const auto describeButton = [button, action, description] {
        QString text = action->text();
        text.remove('&');
        button->setAccessibleName(text);
        QString tip = action->toolTip();
        if (tip == text || tip.isEmpty()) {
            const QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
            tip = shortcut.isEmpty() ? description + '.'
                                     : QStringLiteral("%1 (%2).").arg(description, shortcut);
        }
        button->setToolTip(tip);
    };
    describeButton();
    connect(action, &QAction::changed, button, describeButton);
}

// ---- Reactions ----------------------------------------------------------------------------------

void ControlPanel::requestGenerate() {
    // A value typed but not yet confirmed is what the student means to generate.
    for (QAbstractSpinBox* box :
         std::initializer_list<QAbstractSpinBox*>{pairsSpin_, couplingSpin_, dataSeedSpin_}) {
        box->interpretText();
    }
    emit generateRequested(dataSpec());
}

void ControlPanel::emitModelChanged() {
    if (!applying_) emit modelChanged(modelSpec());
}

void ControlPanel::emitSamplerChanged() {
    if (!applying_) emit samplerChanged(samplerSettings());
}

void ControlPanel::emitDisplayChanged() {
    if (!applying_) emit displayChanged(display());
}

void ControlPanel::setPairs(std::uint64_t pairs) {
    pairsSpin_->setValue(static_cast<int>(std::clamp(pairs, lim::kMinPairs, lim::kMaxPairs)));
    syncSliderToPairs();
}

void ControlPanel::syncSliderToPairs() {
    const QSignalBlocker blocker(pairsSlider_);  // the slider must not round the typed N
    pairsSlider_->setValue(nearestSliderPosition(static_cast<std::uint64_t>(pairsSpin_->value())));
}

void ControlPanel::updateSamplerEnabling() {
    const bool nuts = algorithmCombo_->currentData().toInt() == static_cast<int>(Algorithm::Nuts);
    leapfrogStepsSpin_->setEnabled(!nuts);
    maxDepthSpin_->setEnabled(nuts);
    targetAcceptSpin_->setEnabled(adaptedStepRadio_->isChecked());
    stepSizeSpin_->setEnabled(fixedStepRadio_->isChecked());
}

void ControlPanel::updateDivideByNText() {
    divideByNButton_->setText(divideByNButton_->isChecked() ? tr("Divide by N:  ON")
                                                            : tr("Divide by N:  off"));
    // setText replaces a button's shortcut with the text's mnemonic (none here): restore it.
    divideByNButton_->setShortcut(kDivideByNShortcut);
}

void ControlPanel::updateSpeedLabel() {
    const int level = speedSlider_->value();
    speedLabel_->setText(QString::fromLatin1(kSpeedLevels[static_cast<std::size_t>(level)].label));
    leapfrogPaceSpin_->setEnabled(level == 0);
}

void ControlPanel::updateDataPendingNote() {
    dataPendingNote_->setVisible(generatedSpec_.has_value() && *generatedSpec_ != dataSpec());
}

}  // namespace couplinglab::ui
