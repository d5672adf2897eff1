#include "core/output_transaction.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "core/interrupt.h"

namespace couplinglab {
namespace {

std::filesystem::path directoryOf(const std::filesystem::path& path) {
    const std::filesystem::path parent = path.parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
}

std::string errorText(int error) {
    return std::strerror(error);
}

// Closes a descriptor on every path out of a function.
class Descriptor {
  public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }
    // Closes now; returns 0 or the errno of a failing close (a late write error on NFS).
    int close() {
        const int result = ::close(fd_);
        fd_ = -1;
        return result == 0 ? 0 : errno;
    }

  private:
    int fd_;
};

// A chunk small enough that an interrupt is seen within a fraction of a second.
constexpr std::size_t kChunk = std::size_t{1} << 20U;

// Writes everything; returns 0 or the errno of the failure. Stops early (returning EINTR) when
// an interrupt was requested.
int writeAll(int fd, std::string_view content, const std::atomic<bool>* interrupt) {
    std::size_t written = 0;
    while (written < content.size()) {
        if (interrupt != nullptr && interrupt->load(std::memory_order_acquire)) return EINTR;
        const std::size_t size = std::min(kChunk, content.size() - written);
        const ssize_t n = ::write(fd, content.data() + written, size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return ENOSPC;
        written += static_cast<std::size_t>(n);
    }
    return 0;
}

void syncFolder(const std::filesystem::path& path) {
    const int folder = ::open(directoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
}

}  // namespace

Interrupted::Interrupted(int signal)
    : std::runtime_error(std::string("interrupted by ") +
                         (signal == SIGINT    ? "SIGINT"
                          : signal == SIGTERM ? "SIGTERM"
                                              : "a signal") +
                         "; no file was written or changed"),
      signal_(signal) {}

OutputTransaction::OutputTransaction(const std::atomic<bool>* interrupt) : interrupt_(interrupt) {}

OutputTransaction::~OutputTransaction() {
    if (!committed_) removeTemporaries();
}

void OutputTransaction::checkInterrupt() const {
    if (interrupt_ != nullptr && interrupt_->load(std::memory_order_acquire))
        throw Interrupted(interruptSignal());
}

void OutputTransaction::stage(const std::filesystem::path& path, std::string_view content) {
    checkInterrupt();
    Staged entry{resolveOutput(path), {}, {}};
    const FileIdentity identity = identityOf(entry.target.target);
    for (const Staged& other : staged_) {
        if (!entry.target.device && identityOf(other.target.target) == identity) {
            throw FileError(cannotWrite(path, "it is also the output '" +
                                                  other.target.requested.string() +
                                                  "'; two outputs cannot share a file"));
        }
    }
    if (entry.target.device) {
        Descriptor fd(::open(entry.target.target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
        if (fd.get() < 0) throw writeError(path, errorText(errno));
        int error = writeAll(fd.get(), content, interrupt_);
        if (error == 0) error = fd.close();
        if (error == EINTR) checkInterrupt();
        if (error != 0) throw writeError(path, errorText(error));
        staged_.push_back(std::move(entry));
        return;
    }
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on a chain of operator+ here.
    std::string name(".");
    name.append(entry.target.target.filename().string());
    name.append(".XXXXXX");
    entry.temporary = (directoryOf(entry.target.target) / name).string();
    Descriptor fd(::mkostemp(entry.temporary.data(), O_CLOEXEC));
    if (fd.get() < 0) throw writeError(path, errorText(errno));
    // Registered at once, so that any failure below removes it again.
    staged_.push_back(entry);
    int error = writeAll(fd.get(), content, interrupt_);
    // Flushed before the rename, so that a crash never leaves an empty file in the target's place.
    if (error == 0 && ::fsync(fd.get()) != 0) error = errno;
    if (error == 0 && ::fchmod(fd.get(), entry.target.mode) != 0) error = errno;
    if (error == 0) error = fd.close();
    if (error == EINTR) checkInterrupt();
    if (error != 0) {
        std::remove(entry.temporary.c_str());
        staged_.pop_back();
        throw writeError(path, errorText(error));
    }
}

void OutputTransaction::commit() {
    checkInterrupt();
    // Keep every old file reachable until all renames are done (a hard link beside it).
    for (Staged& entry : staged_) {
        if (entry.temporary.empty() || !entry.target.exists) continue;
        entry.backup = entry.temporary + ".old";
        if (::link(entry.target.target.c_str(), entry.backup.c_str()) != 0) {
            entry.backup.clear();  // a filesystem without hard links: no undo for this file
        }
    }
    for (std::size_t i = 0; i < staged_.size(); ++i) {
        const Staged& entry = staged_[i];
        if (entry.temporary.empty()) continue;
        if (std::rename(entry.temporary.c_str(), entry.target.target.c_str()) != 0) {
            const std::string message = cannotWrite(entry.target.requested, errorText(errno));
            rollBack(i);
            removeTemporaries();
            committed_ = true;  // nothing left to remove
            throw FileError(message);
        }
    }
    committed_ = true;
    for (const Staged& entry : staged_) {
        if (!entry.backup.empty()) std::remove(entry.backup.c_str());
        if (!entry.temporary.empty()) syncFolder(entry.target.target);  // the rename, durably
    }
}

void OutputTransaction::rollBack(std::size_t renamed) {
    for (std::size_t i = 0; i < renamed; ++i) {
        const Staged& entry = staged_[i];
        if (entry.temporary.empty()) continue;
        if (!entry.backup.empty()) {
            std::rename(entry.backup.c_str(), entry.target.target.c_str());
        } else if (!entry.target.exists) {
            std::remove(entry.target.target.c_str());
        }
    }
}

void OutputTransaction::removeTemporaries() {
    for (const Staged& entry : staged_) {
        if (!entry.temporary.empty()) std::remove(entry.temporary.c_str());
        if (!entry.backup.empty()) std::remove(entry.backup.c_str());
    }
}

std::vector<std::string> OutputTransaction::paths() const {
    std::vector<std::string> result;
    result.reserve(staged_.size());
    for (const Staged& entry : staged_)
        result.push_back(entry.target.requested.string());
    return result;
}

void writeOneFile(const std::filesystem::path& path, std::string_view content,
                  const std::atomic<bool>* interrupt) {
    OutputTransaction transaction(interrupt);
    transaction.stage(path, content);
    transaction.commit();
}

}  // namespace couplinglab
