#pragma once

#include <cstddef>

namespace ociproxy {

// Maps the pages of [p, p + bytes) (memory of this process, about to be
// written) in one call instead of one page fault each. On some virtual
// machines a fault costs ~10 us where populating a page costs ~1 us: for the
// 2.5 MB AWS list read at every start of the tools, ~6 ms of a ~28 ms start.
// Only the pages wholly inside the range; does nothing where the system
// cannot (no MADV_POPULATE_WRITE before Linux 5.14): the pages then fault
// in as they are written, as before.
void prefault(void* p, std::size_t bytes);

// A transparent huge page (x86-64; arm64 with 4 KiB base pages).
inline constexpr std::size_t kHugePageBytes = std::size_t(2) << 20;

// Advises the whole huge pages inside [p, p + bytes) for transparent huge
// pages (MADV_HUGEPAGE): a hint, which makes each such extent one 2 MiB page
// when first touched, where the system has them to give. False when no
// whole extent lies inside, or the system refuses.
bool advise_huge_pages(void* p, std::size_t bytes);

// v.reserve(n), its storage prefaulted: for the large vectors a start-up
// fills at once (the table's build).
template <class Vector> void reserve_populated(Vector& v, std::size_t n) {
    v.reserve(n);
    prefault(v.data(), v.capacity() * sizeof(typename Vector::value_type));
}

} // namespace ociproxy
