#include "app/cli/json_writer.h"

#include <cmath>
#include <stdexcept>

#include "core/stan_csv.h"

namespace couplinglab::cli {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF count as invalid).
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned min = 0;
    unsigned max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) min = 0xA0;  // overlong
        if (lead == 0xED) max = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) min = 0x90;  // overlong
        if (lead == 0xF4) max = 0x8F;  // above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned c = byte(i + k);
        const unsigned low = k == 1 && min != 0 ? min : 0x80;
        const unsigned high = k == 1 ? max : 0xBF;
        if (c < low || c > high) return 0;
    }
    return length;
}

}  // namespace

std::string jsonString(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string result = "\"";
    result.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = utf8SequenceLength(text, i);
            if (length == 0) {
                result += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
                ++i;
            } else {
                result.append(text.substr(i, length));
                i += length;
            }
            continue;
        }
        switch (c) {
            case '"':
                result += "\\\"";
                break;
            case '\\':
                result += "\\\\";
                break;
            case '\b':
                result += "\\b";
                break;
            case '\f':
                result += "\\f";
                break;
            case '\n':
                result += "\\n";
                break;
            case '\r':
                result += "\\r";
                break;
            case '\t':
                result += "\\t";
                break;
            default:
                if (c < 0x20) {
                    result += "\\u00";
                    result += kHex[c >> 4U];
                    result += kHex[c & 0xFU];
                } else {
                    result += static_cast<char>(c);
                }
        }
        ++i;
    }
    result += '"';
    return result;
}

std::string jsonNumber(double value) {
    return std::isfinite(value) ? formatNumber(value) : "null";
}

JsonWriter& JsonWriter::beginObject() {
    beforeValue();
    raw("{");
    stack_.push_back({Container::Object});
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    if (stack_.empty() || stack_.back().container != Container::Object ||
        stack_.back().expectingValue) {
        throw std::logic_error(
            "JsonWriter: endObject() without a matching beginObject() or after a key");
    }
    stack_.pop_back();
    raw("}");
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    beforeValue();
    raw("[");
    stack_.push_back({Container::Array});
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    if (stack_.empty() || stack_.back().container != Container::Array) {
        throw std::logic_error("JsonWriter: endArray() without a matching beginArray()");
    }
    stack_.pop_back();
    raw("]");
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    if (stack_.empty() || stack_.back().container != Container::Object ||
        stack_.back().expectingValue) {
        throw std::logic_error("JsonWriter: key() outside an object or twice in a row");
    }
    Level& level = stack_.back();
    if (!level.empty) raw(",");
    level.empty = false;
    level.expectingValue = true;
    raw(jsonString(name));
    raw(":");
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    beforeValue();
    raw(jsonNumber(number));
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    beforeValue();
    raw(std::to_string(number));
    return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
    beforeValue();
    raw(std::to_string(number));
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    beforeValue();
    raw(flag ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    beforeValue();
    raw(jsonString(text));
    return *this;
}

JsonWriter& JsonWriter::null() {
    beforeValue();
    raw("null");
    return *this;
}

void JsonWriter::beforeValue() {
    if (stack_.empty()) {
        if (wroteTopLevel_) throw std::logic_error("JsonWriter: a second top-level value");
        wroteTopLevel_ = true;
        return;
    }
    Level& level = stack_.back();
    if (level.container == Container::Object) {
        if (!level.expectingValue)
            throw std::logic_error("JsonWriter: a value in an object needs a key first");
        level.expectingValue = false;
        return;
    }
    if (!level.empty) raw(",");
    level.empty = false;
}

void JsonWriter::raw(std::string_view text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace couplinglab::cli
