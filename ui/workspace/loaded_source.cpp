#include "ui/workspace/loaded_source.h"

#include "core/digest/sha256.h"
#include "core/ranges/range_loader.h"
#include "core/workspace/range_source.h"
#include "resources/demo_data.h"

#include <chrono>

namespace ociproxy::ui {

Result<SharedSource> load_source(const std::string& source) {
    const auto t0 = std::chrono::steady_clock::now();
    auto text = read_range_source(source, &demo::file);
    if (!text) return text.error();
    auto set = parse_ranges(*text, source);
    if (!set) return set.error();
    auto out = std::make_shared<LoadedSource>();
    out->set = std::move(set).value();
    out->sha256 = sha256_hex(*text);
    out->bytes = text->size();
    out->load_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return SharedSource(std::move(out));
}

} // namespace ociproxy::ui
