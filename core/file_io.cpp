#include "core/file_io.h"

#include "core/prefault.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ociproxy {

Result<std::string> read_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{std::strerror(errno), path};
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        return Error{"is a directory", path};
    }
    // Straight into the string, at the size fstat gives (plus room to see
    // the end, or a file that grew): the range files are read at every
    // start, and a bounce buffer copied them twice.
    std::string data;
    std::size_t used = 0;
    const std::size_t room = std::size_t(std::max<off_t>(st.st_size, 0)) + (std::size_t(1) << 16);
    reserve_populated(data, room);
    data.resize(room);
    while (true) {
        if (auto read = read_into(fd, data.data(), data.size(), used, path); !read) {
            ::close(fd);
            return read.error();
        }
        if (used < data.size()) break; // the end
        data.resize(data.size() * 2);
    }
    ::close(fd);
    data.resize(used);
    return data;
}

Status read_into(int fd, char* buf, std::size_t capacity, std::size_t& used,
                 const std::string& path) {
    while (used < capacity) {
        const ssize_t n = ::read(fd, buf + used, capacity - used);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error{std::strerror(errno), path};
        }
        if (n == 0) break;
        used += std::size_t(n);
    }
    return {};
}

Status write_file_atomic(const std::string& path, std::string_view content) {
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Error{std::strerror(errno), path};
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return Error{std::strerror(err), path};
        }
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return Error{std::strerror(err), path};
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return Error{std::strerror(err), path};
    }
    return {};
}

} // namespace ociproxy
