#include "core/prefault.h"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace ociproxy {

void prefault(void* p, std::size_t bytes) {
#if defined(MADV_POPULATE_WRITE)
    // Below this the call costs about what the faults would.
    constexpr std::size_t kWorthIt = std::size_t(1) << 16;
    if (bytes < kWorthIt) return;
    static const std::uintptr_t page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const std::uintptr_t from = (std::uintptr_t(p) + page - 1) & ~(page - 1);
    const std::uintptr_t to = (std::uintptr_t(p) + bytes) & ~(page - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)bytes;
#endif
}

bool advise_huge_pages(void* p, std::size_t bytes) {
#if defined(MADV_HUGEPAGE)
    const std::uintptr_t from = (std::uintptr_t(p) + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
    const std::uintptr_t to = (std::uintptr_t(p) + bytes) & ~(kHugePageBytes - 1);
    if (to <= from) return false;
    return ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE) == 0;
#else
    (void)p;
    (void)bytes;
    return false;
#endif
}

} // namespace ociproxy
