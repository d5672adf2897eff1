#include "core/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
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

}  // namespace

std::string readRegularFile(const std::filesystem::path& path, std::uint64_t maxBytes) {
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait for one forever.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) throw cannotRead(path, std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) throw cannotRead(path, std::strerror(errno));
    if (!S_ISREG(info.st_mode)) throw cannotRead(path, kindOf(info.st_mode));
    if (static_cast<std::uint64_t>(info.st_size) > maxBytes) {
        throw cannotRead(path, "it is " + std::to_string(info.st_size) +
                                   " bytes long, more than the " + std::to_string(maxBytes) +
                                   " accepted");
    }
    std::string content;
    content.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (true) {
        if (done == content.size()) {
            if (content.size() >= maxBytes + 1) break;
            content.resize(content.size() + 4096);  // the file grew since fstat
        }
        const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw cannotRead(path, std::strerror(errno));
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    content.resize(done);
    if (content.size() > maxBytes)
        throw cannotRead(path,
                         "it is larger than the " + std::to_string(maxBytes) + " bytes accepted");
    return content;
}

std::optional<std::string> notRegularFileProblem(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;  // missing: the library's default
    if (S_ISREG(info.st_mode)) return std::nullopt;
    return cannotRead(path, kindOf(info.st_mode)).what();
}

}  // namespace couplinglab
