#include <gif_lib.h>

#include <QRect>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "ui/animation/animation_encoders.h"

namespace couplinglab::ui {
namespace {

int appendToBytes(GifFileType* gif, const GifByteType* data, int length) {
    static_cast<QByteArray*>(gif->UserData)
        ->append(reinterpret_cast<const char*>(data), static_cast<qsizetype>(length));
    return length;
}

QString gifProblem(int code) {
    const char* text = GifErrorString(code);
    return text != nullptr ? QString::fromUtf8(text) : QStringLiteral("giflib error %1").arg(code);
}

// The smallest rectangle holding every pixel where `now` differs from `before` (both RGB32).
QRect changedRect(const QImage& before, const QImage& now) {
    if (before.isNull()) return now.rect();
    int top = now.height(), bottom = -1, left = now.width(), right = -1;
    for (int y = 0; y < now.height(); ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(before.constScanLine(y));
        const auto* b = reinterpret_cast<const QRgb*>(now.constScanLine(y));
        int first = 0;
        while (first < now.width() && a[first] == b[first])
            ++first;
        if (first == now.width()) continue;
        int last = now.width() - 1;
        while (a[last] == b[last])
            --last;
        top = std::min(top, y);
        bottom = y;
        left = std::min(left, first);
        right = std::max(right, last);
    }
    if (bottom < 0) return QRect(0, 0, 1, 1);  // unchanged: a frame still needs an image
    return QRect(QPoint(left, top), QPoint(right, bottom));
}

// GifQuantizeBuffer works on 5 bits per primary, so a flat area (a plot's background) comes
// back a shade off its colour. Each palette entry becomes the exact mean of the pixels mapped to
// it, which gives a flat area its own colour again.
void refineToMeans(std::vector<GifColorType>& palette, const std::vector<GifByteType>& indices,
                   const std::vector<GifByteType>& red, const std::vector<GifByteType>& green,
                   const std::vector<GifByteType>& blue) {
    std::vector<std::array<std::uint64_t, 4>> sums(palette.size(), {0, 0, 0, 0});
    for (std::size_t i = 0; i < indices.size(); ++i) {
        auto& sum = sums[indices[i]];
        sum[0] += red[i];
        sum[1] += green[i];
        sum[2] += blue[i];
        ++sum[3];
    }
    for (std::size_t k = 0; k < palette.size(); ++k) {
        const auto& sum = sums[k];
        if (sum[3] == 0) continue;
        const auto mean = [&](std::uint64_t total) {
            return static_cast<GifByteType>((total + sum[3] / 2) / sum[3]);
        };
        palette[k] = GifColorType{mean(sum[0]), mean(sum[1]), mean(sum[2])};
    }
}

class GifEncoder final : public AnimationEncoder {
  public:
    GifEncoder(QSize pixels, int fps, const QString& comment) : pixels_(pixels), fps_(fps) {
        int error = 0;
        gif_ = EGifOpen(&bytes_, appendToBytes, &error);
        if (gif_ == nullptr) throw EncoderError("GIF: " + gifProblem(error).toStdString());
        EGifSetGifVersion(gif_, true);
        check(EGifPutScreenDesc(gif_, pixels.width(), pixels.height(), 8, 0, nullptr));
        putLoopForever();
        const QByteArray text = comment.toUtf8().left(255);
        if (!text.isEmpty()) check(EGifPutComment(gif_, text.constData()));
    }
    ~GifEncoder() override {
        if (gif_ != nullptr) EGifCloseFile(gif_, nullptr);
    }
    GifEncoder(const GifEncoder&) = delete;
    GifEncoder& operator=(const GifEncoder&) = delete;

    void addFrame(const QImage& frame) override {
        if (frame.size() != pixels_) throw EncoderError("GIF: a frame has the wrong size");
        const QImage now = frame.convertToFormat(QImage::Format_RGB32);
        const QRect rect = changedRect(previous_, now);
        putDelay(frameDelay());
        putImage(now, rect);
        previous_ = now;
        ++frames_;
    }

    QByteArray finish() override {
        int error = 0;
        const int result = EGifCloseFile(gif_, &error);
        gif_ = nullptr;
        if (result != GIF_OK) throw EncoderError("GIF: " + gifProblem(error).toStdString());
        return bytes_;
    }

  private:
    void check(int result) const {
        if (result != GIF_OK) throw EncoderError("GIF: " + gifProblem(gif_->Error).toStdString());
    }

    // The NETSCAPE2.0 extension with a loop count of 0: play forever.
    void putLoopForever() {
        check(EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE));
        check(EGifPutExtensionBlock(gif_, 11, "NETSCAPE2.0"));
        const GifByteType loops[3] = {1, 0, 0};
        check(EGifPutExtensionBlock(gif_, 3, loops));
        check(EGifPutExtensionTrailer(gif_));
    }

    // Hundredths of a second from this frame's start to the next's, rounded on the running
    // total so that the delays add up to the duration.
    int frameDelay() const {
        const auto at = [this](long frame) {
            return static_cast<int>(std::lround(100.0 * static_cast<double>(frame) / fps_));
        };
        return std::max(1, at(frames_ + 1) - at(frames_));
    }

    void putDelay(int hundredths) {
        GraphicsControlBlock control{};
        control.DisposalMode = DISPOSE_DO_NOT;  // the next frame draws over this one
        control.UserInputFlag = false;
        control.DelayTime = hundredths;
        control.TransparentColor = NO_TRANSPARENT_COLOR;
        GifByteType extension[4];
        const std::size_t length = EGifGCBToExtension(&control, extension);
        check(EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension));
    }

    void putImage(const QImage& now, const QRect& rect) {
        const auto count = static_cast<std::size_t>(rect.width()) * rect.height();
        std::vector<GifByteType> red(count), green(count), blue(count), indices(count);
        std::size_t i = 0;
        for (int y = rect.top(); y <= rect.bottom(); ++y) {
            const auto* line = reinterpret_cast<const QRgb*>(now.constScanLine(y));
            for (int x = rect.left(); x <= rect.right(); ++x, ++i) {
                red[i] = static_cast<GifByteType>(qRed(line[x]));
                green[i] = static_cast<GifByteType>(qGreen(line[x]));
                blue[i] = static_cast<GifByteType>(qBlue(line[x]));
            }
        }
        int colours = 256;
        std::vector<GifColorType> palette(256);
        if (GifQuantizeBuffer(
                static_cast<unsigned>(rect.width()), static_cast<unsigned>(rect.height()), &colours,
                red.data(), green.data(), blue.data(), indices.data(), palette.data()) != GIF_OK) {
            throw EncoderError("GIF: the colours of a frame could not be reduced to 256");
        }
        refineToMeans(palette, indices, red, green, blue);
        // The map's size must be a power of two; the unused entries stay black.
        ColorMapObject* map = GifMakeMapObject(256, palette.data());
        if (map == nullptr) throw EncoderError("GIF: out of memory");
        const int result = EGifPutImageDesc(gif_, rect.left(), rect.top(), rect.width(),
                                            rect.height(), false, map);
        GifFreeMapObject(map);
        check(result);
        for (int row = 0; row < rect.height(); ++row) {
            check(EGifPutLine(gif_, indices.data() + static_cast<std::size_t>(row) * rect.width(),
                              rect.width()));
        }
    }

    QSize pixels_;
    int fps_;
    QByteArray bytes_;
    GifFileType* gif_ = nullptr;
    QImage previous_;
    long frames_ = 0;
};

}  // namespace

std::unique_ptr<AnimationEncoder> makeGifEncoder(QSize pixels, int fps, const QString& comment) {
    return std::make_unique<GifEncoder>(pixels, fps, comment);
}

}  // namespace couplinglab::ui
