extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <QFile>
#include <QTemporaryDir>
#include <cstring>

#include "ui/animation/animation_encoders.h"

namespace couplinglab::ui {
namespace {

std::string avProblem(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

void check(int result, const char* what) {
    if (result < 0) throw EncoderError(std::string("MP4: ") + what + ": " + avProblem(result));
}

// libav's objects, each freed by its own function.
struct CodecDeleter {
    void operator()(AVCodecContext* codec) const { avcodec_free_context(&codec); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct ScalerDeleter {
    void operator()(SwsContext* scaler) const { sws_freeContext(scaler); }
};
struct FormatDeleter {
    void operator()(AVFormatContext* format) const {
        if (format->pb != nullptr) avio_closep(&format->pb);
        avformat_free_context(format);
    }
};

const AVCodec* h264Encoder() {
    if (const AVCodec* x264 = avcodec_find_encoder_by_name("libx264")) return x264;
    return avcodec_find_encoder(AV_CODEC_ID_H264);
}

class Mp4Encoder final : public AnimationEncoder {
  public:
    Mp4Encoder(QSize pixels, int fps, const QString& title, const QString& comment)
        : pixels_(pixels) {
        if (pixels.width() % 2 != 0 || pixels.height() % 2 != 0)
            throw EncoderError("MP4: the width and height must be even (H.264 in 4:2:0)");
        if (!folder_.isValid()) throw EncoderError("MP4: no temporary folder for the video");
        path_ = folder_.filePath(QStringLiteral("animation.mp4"));
        openCodec(fps);
        openFile(title, comment);
        frame_.reset(av_frame_alloc());
        packet_.reset(av_packet_alloc());
        if (!frame_ || !packet_) throw EncoderError("MP4: out of memory");
        frame_->format = AV_PIX_FMT_YUV420P;
        frame_->width = pixels.width();
        frame_->height = pixels.height();
        check(av_frame_get_buffer(frame_.get(), 0), "frame buffer");
        // The encoder may read the rows' padding; set, it cannot make two exports differ.
        for (int plane = 0; plane < 3; ++plane) {
            const int rows = plane == 0 ? pixels.height() : (pixels.height() + 1) / 2;
            std::memset(frame_->data[plane], 0,
                        static_cast<std::size_t>(frame_->linesize[plane]) * rows);
        }
        scaler_.reset(sws_getContext(pixels.width(), pixels.height(), AV_PIX_FMT_BGRA,
                                     pixels.width(), pixels.height(), AV_PIX_FMT_YUV420P,
                                     SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr));
        if (!scaler_) throw EncoderError("MP4: no colour converter from RGB to yuv420p");
        const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(scaler_.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
    }

    void addFrame(const QImage& image) override {
        if (image.size() != pixels_) throw EncoderError("MP4: a frame has the wrong size");
        // ARGB32 is B, G, R, A in memory on a little-endian machine, as BGRA reads it.
        const QImage rgb = image.convertToFormat(QImage::Format_ARGB32);
        check(av_frame_make_writable(frame_.get()), "frame");
        const uint8_t* source[1] = {rgb.constBits()};
        const int stride[1] = {static_cast<int>(rgb.bytesPerLine())};
        sws_scale(scaler_.get(), source, stride, 0, pixels_.height(), frame_->data,
                  frame_->linesize);
        frame_->pts = frames_++;
        send(frame_.get());
    }

    QByteArray finish() override {
        send(nullptr);
        check(av_write_trailer(format_.get()), "finishing the file");
        format_.reset();
        QFile file(path_);
        if (!file.open(QIODevice::ReadOnly))
            throw EncoderError("MP4: cannot read the video back: " +
                               file.errorString().toStdString());
        return file.readAll();
    }

  private:
    void openCodec(int fps) {
        av_log_set_level(AV_LOG_ERROR);  // x264's statistics are not for the user's terminal
        const AVCodec* encoder = h264Encoder();
        if (encoder == nullptr) throw EncoderError("MP4: this libavcodec has no H.264 encoder");
        codec_.reset(avcodec_alloc_context3(encoder));
        if (!codec_) throw EncoderError("MP4: out of memory");
        codec_->width = pixels_.width();
        codec_->height = pixels_.height();
        codec_->time_base = AVRational{1, fps};
        codec_->framerate = AVRational{fps, 1};
        codec_->pix_fmt = AV_PIX_FMT_YUV420P;
        codec_->gop_size = 2 * fps;
        // No B-frames: decoding order is showing order, so the MP4 needs no edit list (FFmpeg
        // 5.1's edit list for a B-frame delay drops the last frame in some players).
        codec_->max_b_frames = 0;
        codec_->color_range = AVCOL_RANGE_MPEG;
        codec_->colorspace = AVCOL_SPC_BT709;
        codec_->color_primaries = AVCOL_PRI_BT709;
        codec_->color_trc = AVCOL_TRC_BT709;
        // One thread: the same frames give the same bytes on any machine.
        codec_->thread_count = 1;
        codec_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        av_opt_set(codec_->priv_data, "preset", "medium", 0);
        av_opt_set(codec_->priv_data, "tune", "animation", 0);
        av_opt_set(codec_->priv_data, "crf", "18", 0);
        check(avcodec_open2(codec_.get(), encoder, nullptr), "opening the H.264 encoder");
    }

    void openFile(const QString& title, const QString& comment) {
        AVFormatContext* format = nullptr;
        const QByteArray path = QFile::encodeName(path_);
        check(avformat_alloc_output_context2(&format, nullptr, "mp4", path.constData()),
              "the MP4 muxer");
        format_.reset(format);
        av_dict_set(&format_->metadata, "title", title.toUtf8().constData(), 0);
        av_dict_set(&format_->metadata, "comment", comment.toUtf8().constData(), 0);
        stream_ = avformat_new_stream(format_.get(), nullptr);
        if (stream_ == nullptr) throw EncoderError("MP4: out of memory");
        stream_->time_base = codec_->time_base;
        check(avcodec_parameters_from_context(stream_->codecpar, codec_.get()), "the stream");
        check(avio_open(&format_->pb, path.constData(), AVIO_FLAG_WRITE), "the temporary file");
        AVDictionary* options = nullptr;
        av_dict_set(&options, "movflags", "+faststart", 0);
        const int result = avformat_write_header(format_.get(), &options);
        av_dict_free(&options);
        check(result, "the file's header");
    }

    // Sends a frame (nullptr: the end) and writes every packet the encoder has ready.
    void send(const AVFrame* frame) {
        check(avcodec_send_frame(codec_.get(), frame), "encoding a frame");
        for (;;) {
            const int result = avcodec_receive_packet(codec_.get(), packet_.get());
            if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) return;
            check(result, "encoding a frame");
            // Each frame lasts one tick of 1/fps; without it the muxer cannot know the last
            // frame's length, and its edit list leaves that frame out.
            if (packet_->duration == 0) packet_->duration = 1;
            av_packet_rescale_ts(packet_.get(), codec_->time_base, stream_->time_base);
            packet_->stream_index = stream_->index;
            check(av_interleaved_write_frame(format_.get(), packet_.get()), "writing a frame");
        }
    }

    QSize pixels_;
    QTemporaryDir folder_;
    QString path_;
    std::unique_ptr<AVCodecContext, CodecDeleter> codec_;
    std::unique_ptr<AVFormatContext, FormatDeleter> format_;
    AVStream* stream_ = nullptr;
    std::unique_ptr<AVFrame, FrameDeleter> frame_;
    std::unique_ptr<AVPacket, PacketDeleter> packet_;
    std::unique_ptr<SwsContext, ScalerDeleter> scaler_;
    std::int64_t frames_ = 0;
};

}  // namespace

std::unique_ptr<AnimationEncoder> makeMp4Encoder(QSize pixels, int fps, const QString& title,
                                                 const QString& comment) {
    return std::make_unique<Mp4Encoder>(pixels, fps, title, comment);
}

}  // namespace couplinglab::ui
