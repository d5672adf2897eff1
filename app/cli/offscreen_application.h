#pragma once

// The QApplication that drawing needs in couplinglab-cli (--plots, --handout): created for as
// long as this object lives when the process has none (the CLI never has one unless it draws),
// on Qt's offscreen platform unless QT_QPA_PLATFORM is set, so that no display is needed. Qt's
// notices that say nothing to a user of the CLI are filtered out meanwhile.
// Only with the Qt user interface built (COUPLINGLAB_CLI_PLOTS).

#include <memory>
#include <string>

class QApplication;

namespace couplinglab::cli {

class OffscreenApplication {
  public:
    // `option` ("--plots") starts the message of the std::runtime_error thrown when the process
    // has a QCoreApplication that cannot draw.
    explicit OffscreenApplication(const std::string& option);
    ~OffscreenApplication();
    OffscreenApplication(const OffscreenApplication&) = delete;
    OffscreenApplication& operator=(const OffscreenApplication&) = delete;

  private:
    std::unique_ptr<QApplication> application_;
};

}  // namespace couplinglab::cli
