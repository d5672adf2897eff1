#pragma once

// Encoders of the animations' two formats. Each takes frames of one size, in order, and gives
// the file's bytes at the end; neither touches a widget, and the same frames give the same bytes.
//
//  - GIF (giflib): 8-bit frames that play in every slide tool and browser. Each frame has its
//    own palette of up to 256 colours made by median cut (GifQuantizeBuffer) from its own
//    pixels, so the plots' colours and their antialiased edges stay true; only the rectangle
//    that changed since the previous frame is stored. Frame delays are in hundredths of a
//    second, rounded so that their sum is exact: 10 s at 15 fps lasts 10 s. It loops forever.
//  - MP4 (libavcodec's H.264 through libx264, libavformat's MP4 muxer): yuv420p at BT.709
//    limited range, as PowerPoint, Keynote and browsers play it, with the index at the front
//    (faststart) so that it starts playing before it has loaded. Width and height must be even.

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>
#include <memory>
#include <stdexcept>

namespace couplinglab::ui {

// Something in an encoder failed; the message says what.
class EncoderError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class AnimationEncoder {
  public:
    virtual ~AnimationEncoder() = default;
    // A frame of exactly the size the encoder was made for, any QImage format.
    virtual void addFrame(const QImage& frame) = 0;
    // The whole file. No frame may be added afterwards.
    virtual QByteArray finish() = 0;
};

// `pixels` is the frame size, `fps` frames per second; `title` and `comment` go into the file
// (the GIF's comment extension; the MP4's title and comment).
std::unique_ptr<AnimationEncoder> makeGifEncoder(QSize pixels, int fps, const QString& comment);
std::unique_ptr<AnimationEncoder> makeMp4Encoder(QSize pixels, int fps, const QString& title,
                                                 const QString& comment);

}  // namespace couplinglab::ui
