#pragma once

// Several output files written as one: all of them or none.
//
// stage() resolves the path (core/output_target.h) and writes the content into a temporary
// file beside the target (".NAME.XXXXXX", given the target's mode: the old file's, or 0666 less
// the umask) and flushes it to disk; commit() renames every temporary over its target. An old
// target is kept as a hard link until all renames succeeded, so that a rename failing half way
// puts the earlier ones back. Destroying the transaction without commit() removes every
// temporary: a failure, an exception or an interruption leaves the old files as they were and
// no temporary behind.
//
// A character device (e.g. /dev/null) is written through at stage(): a device cannot be
// replaced, nor can what it received be taken back.
//
// Writers check `interrupt` (core/interrupt.h) between chunks and throw Interrupted.

#include <atomic>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/output_target.h"

namespace couplinglab {

// Thrown when an interrupt was requested during a write; nothing was committed.
class Interrupted : public std::runtime_error {
  public:
    explicit Interrupted(int signal);
    int signal() const { return signal_; }

  private:
    int signal_;
};

class OutputTransaction {
  public:
    // `interrupt`: checked between chunks of a write (nullptr: never interrupted).
    explicit OutputTransaction(const std::atomic<bool>* interrupt = nullptr);
    ~OutputTransaction();
    OutputTransaction(const OutputTransaction&) = delete;
    OutputTransaction& operator=(const OutputTransaction&) = delete;

    // Throws FileError naming the path and errno's text, or Interrupted. A target staged
    // twice is refused (FileError), so that no output silently replaces another.
    void stage(const std::filesystem::path& path, std::string_view content);

    // Puts every staged file in place, or (throwing FileError or Interrupted) none of them.
    void commit();

    // The paths staged, as requested, in order.
    std::vector<std::string> paths() const;

  private:
    struct Staged {
        OutputTarget target;
        std::string temporary;  // empty for a device
        std::string backup;     // hard link to the old file while committing
    };
    void checkInterrupt() const;
    void rollBack(std::size_t renamed);
    void removeTemporaries();

    const std::atomic<bool>* interrupt_;
    std::vector<Staged> staged_;
    bool committed_ = false;
};

// Writes one file with the policy above: writeFileAtomically(path, content) is a transaction
// of one file.
void writeOneFile(const std::filesystem::path& path, std::string_view content,
                  const std::atomic<bool>* interrupt = nullptr);

}  // namespace couplinglab
