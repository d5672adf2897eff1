#include "core/output_target.h"

#include <sys/stat.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>

namespace couplinglab {
namespace {

std::string quoted(const std::string& text) {
    std::string result("'");
    result.append(text);
    result.append("'");
    return result;
}

// Why a node of this type is refused, or empty for the kinds that are written.
std::string refusal(mode_t type) {
    if (S_ISDIR(type)) return "it is a folder; give a file name";
    if (S_ISFIFO(type)) {
        return "it is a named pipe (FIFO); the program writes regular files or through a "
               "character device such as /dev/null";
    }
    if (S_ISBLK(type)) return "it is a block device; refusing to overwrite a disk";
    if (S_ISSOCK(type)) return "it is a socket";
    if (!S_ISREG(type) && !S_ISCHR(type)) return "it is not a regular file";
    return {};
}

std::optional<mode_t> umaskFromProc() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "Umask:") {
            std::string octal;
            status >> octal;
            try {
                return static_cast<mode_t>(std::stoul(octal, nullptr, 8));
            } catch (const std::exception&) {
                return std::nullopt;
            }
        }
        status.ignore(4096, '\n');
    }
    return std::nullopt;
}

}  // namespace

std::string cannotWrite(const std::filesystem::path& path, const std::string& reason) {
    return "cannot write " + quoted(path.string()) + ": " + reason;
}

FileError writeError(const std::filesystem::path& path, const std::string& reason) {
    return FileError(cannotWrite(path, reason), reason);
}

mode_t currentUmask() {
    if (const auto mask = umaskFromProc()) return *mask;
    // Older kernels: umask() both reads and sets it; done under a lock, restored at once.
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

OutputTarget resolveOutput(const std::filesystem::path& path) {
    OutputTarget result;
    result.requested = path;
    result.target = path;
    if (path.empty()) throw FileError("cannot write a file without a name");
    if (path.filename().empty()) throw writeError(path, "it names a folder, not a file");
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno != ENOENT) throw writeError(path, std::strerror(errno));
        result.mode = 0666 & ~currentUmask();
        return result;
    }
    if (S_ISLNK(info.st_mode)) {
        if (::stat(path.c_str(), &info) != 0) {
            const int error = errno;
            if (error == ENOENT) {
                throw writeError(path,
                                 "it is a symbolic link to a file that does not exist; "
                                 "refusing to create a file through it");
            }
            throw writeError(path, std::strerror(error));
        }
        std::error_code error;
        result.target = std::filesystem::canonical(path, error);
        if (error) throw writeError(path, error.message());
    }
    if (const std::string reason = refusal(info.st_mode); !reason.empty())
        throw writeError(path, reason);
    result.exists = true;
    result.device = S_ISCHR(info.st_mode);
    result.mode = info.st_mode & 07777;
    return result;
}

FileIdentity identityOf(const std::filesystem::path& path) {
    FileIdentity identity;
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
        identity.device = info.st_dev;
        identity.inode = info.st_ino;
        return identity;
    }
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    const std::filesystem::path folder =
        std::filesystem::weakly_canonical(absolute.parent_path(), error);
    identity.path = (error ? absolute : folder / absolute.filename()).lexically_normal().string();
    return identity;
}

std::optional<std::string> findClash(const std::vector<NamedFile>& outputs,
                                     const std::vector<NamedFile>& inputs) {
    std::vector<FileIdentity> seen;
    seen.reserve(outputs.size());
    for (const NamedFile& output : outputs)
        seen.push_back(identityOf(output.path));
    auto isDevice = [](const std::string& path) {
        struct stat info {};
        return ::stat(path.c_str(), &info) == 0 && S_ISCHR(info.st_mode);
    };
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        for (const NamedFile& input : inputs) {
            if (identityOf(input.path) == seen[i]) {
                return outputs[i].option + ": " + quoted(outputs[i].path) + " is the file that " +
                       input.option + " reads; writing it would destroy the input";
            }
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (seen[j] == seen[i] && !isDevice(outputs[i].path)) {
                return outputs[i].option + ": " + quoted(outputs[i].path) + " is also written by " +
                       outputs[j].option + " (as " + quoted(outputs[j].path) +
                       "); two outputs cannot share a file, give each its own name";
            }
        }
    }
    return std::nullopt;
}

}  // namespace couplinglab
