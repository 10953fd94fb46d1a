#include "core/batch_heap.h"

#include "core/prefault.h"

#include <cstdlib>
#include <malloc.h>
#include <unistd.h>

namespace ociproxy {

bool use_batch_heap(std::size_t reserve) {
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    // One block past the heap's end makes malloc grow it by the block and
    // the pad; freed, it stays at the top (nothing is trimmed), as address
    // space the later blocks are carved from. Only its whole 2 MiB extents
    // can be huge pages.
    char* const old_end = static_cast<char*>(sbrk(0));
    mallopt(M_TOP_PAD, int(reserve));
    void* volatile block = std::malloc(1 << 20);
    std::free(block);
    mallopt(M_TOP_PAD, 128 << 10); // glibc's default again, for later growth
    char* const new_end = static_cast<char*>(sbrk(0));
    if (old_end == reinterpret_cast<char*>(-1) || new_end <= old_end) return false;
    return advise_huge_pages(old_end, std::size_t(new_end - old_end));
}

} // namespace ociproxy
