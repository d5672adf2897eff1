#pragma once

#include <stdexcept>
#include <string>

namespace couplinglab {

// Bad input from a user (CLI, widget, session file). The message names the problem in words a
// user understands; callers show it as is and change nothing.
class InputError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

}  // namespace couplinglab
