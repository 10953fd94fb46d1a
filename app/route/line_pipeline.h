#pragma once

#include "core/result.h"

#include <functional>
#include <string>
#include <string_view>

namespace ociproxy::cli {

// Turns a block of whole lines into output text. Called concurrently on
// different blocks, so it must only read shared state.
using BlockFn = std::function<void(std::string_view lines, std::string& out)>;

// Streams `in_fd` through `fn` in blocks of whole lines, several blocks at a
// time on `threads` threads, and writes the outputs to `out_fd` in input
// order. Memory stays at a few blocks whatever the input size. A closed
// output (EPIPE, e.g. "| head") ends the run quietly.
Status run_line_pipeline(int in_fd, int out_fd, const BlockFn& fn, unsigned threads);

// Writes all of `data`; false on error (EPIPE included).
bool write_all(int fd, std::string_view data);

} // namespace ociproxy::cli
