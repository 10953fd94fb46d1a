#pragma once

#include <cstddef>

namespace ociproxy {

// Sets up malloc for a short-lived batch process (the oci-route commands),
// which builds its routing table once, through large short-lived buffers
// (the range files' entries, the build's sort keys, the maps), and then
// streams:
// - large blocks come from the heap, not from mappings of their own, and
//   the heap is not trimmed: a freed buffer's pages, already written, serve
//   the next one (mapped and unmapped one by one, every page of each was
//   faulted in afresh);
// - the heap is grown by `reserve` bytes at once (address space only) and
//   that part is advised for transparent huge pages. On the VMs measured, a
//   fresh 4 KiB page costs ~4 us at its first write even when populated
//   ahead, and the start-up writes ~5 MB of them; huge pages make that a
//   fraction (one-line simulate on the real lists: ~20 -> ~17 ms).
// Resident memory grows in 2 MiB steps as the heap is used, so it is not
// for the long-lived server, whose peak is a bar. Returns false when the
// heap could not be advised (no THP, or the heap could not grow): the
// settings of the first point still hold.
bool use_batch_heap(std::size_t reserve = std::size_t(32) << 20);

} // namespace ociproxy
