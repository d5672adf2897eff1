#pragma once

// A small streaming JSON writer: enough for the CLI's summary, no external library.
//
//   JsonWriter json(out);
//   json.beginObject().key("pairs").value(10000).key("mean").value(0.5).endObject();
//
// Commas and nesting are tracked by the writer; misuse (a value without a key inside an object,
// closing the wrong container) throws std::logic_error. Output is compact, on one line.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace couplinglab::cli {

// The JSON string literal for `text`, quotes included. Control characters are escaped, and bytes
// that are not valid UTF-8 become U+FFFD so that the output is always valid JSON.
std::string jsonString(std::string_view text);

// A finite double in the shortest form that reads back to the same value, else `null`.
std::string jsonNumber(double value);

class JsonWriter {
  public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(double number);  // NaN and infinities are written as null
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& null();

    // True once one top-level value is complete and every container is closed.
    bool complete() const { return stack_.empty() && wroteTopLevel_; }

  private:
    enum class Container { Object, Array };
    struct Level {
        Container container;
        bool empty = true;
        bool expectingValue = false;  // inside an object: a key was written
    };

    void beforeValue();
    void raw(std::string_view text);

    std::ostream& out_;
    std::vector<Level> stack_;
    bool wroteTopLevel_ = false;
};

}  // namespace couplinglab::cli
