#include "core/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace couplinglab {
namespace {

FileError cannotRead(const std::filesystem::path& path, const std::string& reason) {
    return FileError("cannot read '" + path.string() + "': " + reason, reason);
}

std::string kindOf(mode_t mode) {
    if (S_ISFIFO(mode)) return "it is a named pipe (FIFO), not a file";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "it is a device, not a file";
    if (S_ISDIR(mode)) return "it is a folder, not a file";
    if (S_ISSOCK(mode)) return "it is a socket, not a file";
    return "it is not a regular file";
}

// A regular file opened for reading without blocking, refused (FileError) when it is anything
// else or larger than `maxBytes`; closed when it goes out of scope.
class CheckedFile {
  public:
    CheckedFile(const std::filesystem::path& path, std::uint64_t maxBytes) : path_(path) {
        // O_NONBLOCK: opening a FIFO without a writer would otherwise wait for one forever.
        fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd_ < 0) throw cannotRead(path, std::strerror(errno));
        struct stat info {};
        if (::fstat(fd_, &info) != 0) throw failure(std::strerror(errno));
        if (!S_ISREG(info.st_mode)) throw failure(kindOf(info.st_mode));
        size_ = static_cast<std::uint64_t>(info.st_size);
        if (size_ > maxBytes) {
            throw failure("it is " + std::to_string(size_) + " bytes long, more than the " +
                          std::to_string(maxBytes) + " accepted");
        }
    }
    CheckedFile(const CheckedFile&) = delete;
    CheckedFile& operator=(const CheckedFile&) = delete;
    ~CheckedFile() { ::close(fd_); }

    std::uint64_t size() const { return size_; }

    // Up to `limit` bytes from the start; more than the size seen at opening if the file grew.
    std::string read(std::uint64_t limit) {
        std::string content;
        content.resize(static_cast<std::size_t>(std::min(size_, limit)));
        std::size_t done = 0;
        while (true) {
            if (done == content.size()) {
                if (content.size() >= limit) break;
                content.resize(std::min<std::size_t>(content.size() + 4096, limit));
            }
            const ssize_t n = ::read(fd_, content.data() + done, content.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw failure(std::strerror(errno));
            if (n == 0) break;
            done += static_cast<std::size_t>(n);
        }
        content.resize(done);
        return content;
    }

  private:
    FileError failure(const std::string& reason) {
        ::close(fd_);  // the constructor's throws skip the destructor
        fd_ = -1;
        return cannotRead(path_, reason);
    }

    std::filesystem::path path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
};

}  // namespace

std::string readRegularFile(const std::filesystem::path& path, std::uint64_t maxBytes) {
    CheckedFile file(path, maxBytes);
    std::string content = file.read(maxBytes + 1);
    if (content.size() > maxBytes)
        throw cannotRead(path,
                         "it is larger than the " + std::to_string(maxBytes) + " bytes accepted");
    return content;
}

RegularFileHead readRegularFileHead(const std::filesystem::path& path, std::uint64_t maxBytes,
                                    std::uint64_t headBytes) {
    CheckedFile file(path, maxBytes);
    RegularFileHead result;
    result.size = file.size();
    result.head = file.read(headBytes);
    return result;
}

std::optional<std::string> notRegularFileProblem(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;  // missing: the library's default
    if (S_ISREG(info.st_mode)) return std::nullopt;
    return cannotRead(path, kindOf(info.st_mode)).what();
}

}  // namespace couplinglab
