#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace couplinglab {
namespace {

std::filesystem::path directoryOf(const std::filesystem::path& path) {
    const std::filesystem::path parent = path.parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
}

// Creates a unique temporary file beside `path`; returns its descriptor and fills `tempPath`.
int createTemporary(const std::filesystem::path& path, std::string& tempPath) {
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on a chain of operator+ here.
    std::string name(".");
    name.append(path.filename().string());
    name.append(".XXXXXX");
    tempPath = (directoryOf(path) / name).string();
    return ::mkstemp(tempPath.data());
}

std::string describe(const std::filesystem::path& path, const std::string& what) {
    return "cannot write '" + path.string() + "': " + what;
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
    if (path.filename().empty())
        throw std::runtime_error(describe(path, "it names a folder, not a file"));
    std::string tempPath;
    const int fd = createTemporary(path, tempPath);
    if (fd < 0) throw std::runtime_error(describe(path, std::strerror(errno)));
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string reason = n < 0 ? std::strerror(errno) : "no space left";
            ::close(fd);
            std::remove(tempPath.c_str());
            throw std::runtime_error(describe(path, reason));
        }
        written += static_cast<std::size_t>(n);
    }
    // Flush to disk before the rename so that a crash never leaves an empty file in its place.
    const bool synced = ::fsync(fd) == 0;
    const int syncErrno = errno;
    ::fchmod(fd, 0644);
    if (::close(fd) != 0 || !synced) {
        std::remove(tempPath.c_str());
        throw std::runtime_error(describe(path, std::strerror(synced ? errno : syncErrno)));
    }
    if (std::rename(tempPath.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(tempPath.c_str());
        throw std::runtime_error(describe(path, reason));
    }
    // Make the rename itself durable.
    const int directory = ::open(directoryOf(path).c_str(), O_RDONLY | O_DIRECTORY);
    if (directory >= 0) {
        ::fsync(directory);
        ::close(directory);
    }
}

std::optional<std::string> checkWritable(const std::filesystem::path& path) {
    if (path.filename().empty()) return describe(path, "it names a folder, not a file");
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) return describe(path, "it is a folder");
    std::string tempPath;
    const int fd = createTemporary(path, tempPath);
    if (fd < 0) return describe(path, std::strerror(errno));
    ::close(fd);
    std::remove(tempPath.c_str());
    return std::nullopt;
}

}  // namespace couplinglab
