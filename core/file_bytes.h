#pragma once

#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace ociproxy {

// A whole file's bytes, for the large files read at every start of the tools
// (the AWS range list, 2.5 MB). Such a file is read into memory of its own,
// aligned for a transparent huge page and populated before the read: on the
// virtual machines measured, memory first written costs ~6 us a 4 KiB page
// however it is faulted in (the host backs it then), and 2.5 MB of it was
// ~10 ms of a ~28 ms start; in 2 MiB pages, ~1.6 ms. The resident size is
// the file's, rounded to a page. Smaller files, and whatever is not a
// regular file, are read as read_file() reads them.
class FileBytes {
public:
    FileBytes() = default;
    FileBytes(FileBytes&& other) noexcept;
    FileBytes& operator=(FileBytes&& other) noexcept;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    ~FileBytes();

    std::string_view view() const {
        return m_mapped != nullptr ? std::string_view(m_mapped, m_size) : std::string_view(m_text);
    }

    // The error names the path and the OS reason.
    static Result<FileBytes> read(const std::string& path);

private:
    void release();

    std::string m_text;       // a small file's bytes
    char* m_mapped = nullptr; // or a large one's, in a mapping of m_capacity bytes
    std::size_t m_size = 0, m_capacity = 0;
};

} // namespace ociproxy
