#pragma once

// What an output path names, and when two paths name the same file: the part of the output
// policy that is decided before anything is computed (README, "Exit status").
//
// The policy for the kind of node at an output path:
//  - nothing yet: a new regular file, created with mode 0666 less the umask;
//  - a regular file: replaced as a whole (written beside it, renamed over it) keeping its mode;
//  - a symbolic link: followed; the regular file it points to is replaced and the link stays a
//    link (as `>` in a shell writes through it). A link that points nowhere is refused rather
//    than creating a file at a place the user did not name;
//  - a character device such as /dev/null: written through, never replaced;
//  - a folder, a named pipe (FIFO), a block device or a socket: refused with a line naming it.

#include <sys/types.h>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace couplinglab {

// A file that cannot be written or read; what() names the path and the reason (errno's text).
class FileError : public std::runtime_error {
  public:
    explicit FileError(const std::string& message, std::string reason = {})
        : std::runtime_error(message), reason_(std::move(reason)) {}
    // The reason alone, without the path, where the thrower gave it (else empty).
    const std::string& reason() const { return reason_; }

  private:
    std::string reason_;
};

// "cannot write 'PATH': REASON".
std::string cannotWrite(const std::filesystem::path& path, const std::string& reason);
// A FileError with that message and `reason` alone.
FileError writeError(const std::filesystem::path& path, const std::string& reason);

struct OutputTarget {
    std::filesystem::path requested;  // as the user gave it
    std::filesystem::path target;     // where the bytes go: symbolic links resolved
    bool exists = false;
    bool device = false;  // a character device, written through
    mode_t mode = 0;      // of the file written: the old file's, or 0666 less the umask
};

// Resolves `path` by the policy above. Throws FileError naming the path and the problem.
OutputTarget resolveOutput(const std::filesystem::path& path);

// The process's umask, read without changing it (from /proc where it can be).
mode_t currentUmask();

// Identifies a file for clash detection: device and inode when it exists (so that links and
// different spellings of one file compare equal), else its absolute, normalised path with the
// folder's symbolic links resolved.
struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    std::string path;  // when the file does not exist yet
    bool operator==(const FileIdentity&) const = default;
};
FileIdentity identityOf(const std::filesystem::path& path);

// One named file of a run: the option it came from, for the message, and its path.
struct NamedFile {
    std::string option;  // e.g. "--output", "--plots"
    std::string path;
};

// A line naming the first clash: an output named twice, or an output that is one of the
// inputs; nullopt when there is none. Character devices may be named more than once (writing
// through /dev/null twice destroys nothing).
std::optional<std::string> findClash(const std::vector<NamedFile>& outputs,
                                     const std::vector<NamedFile>& inputs);

}  // namespace couplinglab
