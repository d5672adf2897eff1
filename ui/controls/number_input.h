#pragma once

// Number fields that accept any number while typing and clamp it into range when editing
// finishes, saying what they corrected: the control panel's and the Sweep tab's inputs.
//
// Numbers read with '.' as the decimal point (',' is read as one too) and spaces grouping digits,
// whatever the system locale: the fields then read like the formulas beside them, and no locale
// turns 1,000 into 1.

#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QSpinBox>
#include <QString>
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "ui/controls/transient_hint.h"

namespace couplinglab::ui {

// Typed text without the spaces that may group its digits (plain, no-break, thin, narrow).
QString withoutSpaces(QString text);
// The number in text without spaces; nullopt if it is none or not finite.
std::optional<double> parseTypedNumber(QString text);
// True for text that can still grow into a number: "", "-", "1e", "0." ...
bool isPartialNumber(const QString& text);

struct Correction {
    enum class Kind { BelowMinimum, AboveMaximum, NotWhole };
    Kind kind;
    double typed;
    QString bound;   // the limit that was hit, as the box shows it
    QString result;  // the value the box now holds, as it shows it
};
using CorrectionHandler = std::function<void(const Correction&)>;

// "prior sd must be > 0: set to 0.001".
QString correctionMessage(const Correction& correction, const QString& quantity,
                          bool mustBePositive);

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
        const std::optional<double> number = parseTypedNumber(bare);
        if (!number) return isPartialNumber(bare) ? QValidator::Intermediate : QValidator::Invalid;
        return isAcceptable(*number) ? QValidator::Acceptable : QValidator::Intermediate;
    }

    void fixup(QString& text) const override {
        const std::optional<double> number = parseTypedNumber(bareText(text));
        if (!number) {  // nothing readable: keep the value the box had
            text = this->prefix() + this->textFromValue(this->value()) + this->suffix();
            return;
        }
        const Value corrected = corrections(*number);
        text = this->prefix() + this->textFromValue(corrected) + this->suffix();
        if (static_cast<double>(corrected) != *number) report(*number, corrected);
    }

    Value valueFromText(const QString& text) const override {
        const std::optional<double> number = parseTypedNumber(bareText(text));
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

// Not final: the Sweep tab's N fields step by decades.
class IntegerSpinBox : public ClampingSpinBox<QSpinBox, int> {
  public:
    IntegerSpinBox(QWidget* parent, int minimum, int maximum) : ClampingSpinBox(parent) {
        setRange(minimum, maximum);
        setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    }

  protected:
    QString textFromValue(int value) const override;
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
    QString textFromValue(double value) const override;

  private:
    Format format_;
    int significant_;
};

// Wires a box's corrections to a group's hint.
template <class Box>
void explainCorrections(Box* box, TransientHint* hint, const QString& quantity,
                        bool mustBePositive = false) {
    box->setCorrectionHandler([hint, quantity, mustBePositive](const Correction& correction) {
        hint->flash(correctionMessage(correction, quantity, mustBePositive));
    });
}

}  // namespace couplinglab::ui
