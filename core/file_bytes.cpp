#include "core/file_bytes.h"

#include "core/file_io.h"
#include "core/prefault.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace ociproxy {
namespace {

// `bytes` (a multiple of the page size) of fresh memory starting on a huge
// page boundary, or nullptr. The mapping is made larger and its ends cut
// off, so nothing past `bytes` stays mapped.
char* map_aligned(std::size_t bytes) {
    void* raw = ::mmap(nullptr, bytes + kHugePageBytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = std::uintptr_t(raw);
    const std::uintptr_t aligned =
        (start + kHugePageBytes - 1) & ~std::uintptr_t(kHugePageBytes - 1);
    if (aligned > start) ::munmap(raw, aligned - start);
    const std::uintptr_t end = start + bytes + kHugePageBytes;
    if (end > aligned + bytes)
        ::munmap(reinterpret_cast<void*>(aligned + bytes), end - (aligned + bytes));
    return reinterpret_cast<char*>(aligned);
}

} // namespace

FileBytes::FileBytes(FileBytes&& other) noexcept
    : m_text(std::move(other.m_text))
    , m_mapped(std::exchange(other.m_mapped, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_capacity(std::exchange(other.m_capacity, 0)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
    if (this != &other) {
        release();
        m_text = std::move(other.m_text);
        m_mapped = std::exchange(other.m_mapped, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
    }
    return *this;
}

FileBytes::~FileBytes() {
    release();
}

void FileBytes::release() {
    if (m_mapped != nullptr) ::munmap(m_mapped, m_capacity);
    m_mapped = nullptr;
    m_size = m_capacity = 0;
}

Result<FileBytes> FileBytes::read(const std::string& path) {
    FileBytes out;
    // The file as read_file() reads it, which also names what is wrong.
    const auto whole = [&]() -> Result<FileBytes> {
        out.release();
        auto text = read_file(path);
        if (!text) return text.error();
        out.m_text = std::move(*text);
        return std::move(out);
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{std::strerror(errno), path};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || std::size_t(st.st_size) < kHugePageBytes) {
        ::close(fd);
        return whole();
    }
    // Room to see the end, or that the file grew since fstat().
    const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
    const std::size_t capacity =
        (std::size_t(st.st_size) + (std::size_t(1) << 16) + page - 1) & ~(page - 1);
    out.m_mapped = map_aligned(capacity);
    if (out.m_mapped == nullptr) {
        ::close(fd);
        return whole();
    }
    out.m_capacity = capacity;
    advise_huge_pages(out.m_mapped, capacity); // a hint: without it, 4 KiB pages
    prefault(out.m_mapped, capacity);
    std::size_t used = 0;
    const Status read = read_into(fd, out.m_mapped, capacity, used, path);
    ::close(fd);
    if (!read) return read.error();
    if (used == capacity) return whole(); // it grew past the room while read
    out.m_size = used;
    return out;
}

} // namespace ociproxy
