#pragma once

namespace ociproxy::server {

// Raises the open-file soft limit to the hard limit: thousands of idle
// keep-alive clients need descriptors beyond the usual soft limit of 1024.
void raise_descriptor_limit();

} // namespace ociproxy::server
