#include "core/workspace/range_source.h"

#include "core/file_io.h"
#include "core/ranges/range_loader.h"

namespace ociproxy {

bool is_builtin_source(std::string_view source) {
    return source.starts_with(kBuiltinScheme);
}

Result<std::string> read_range_source(const std::string& source, BuiltinFiles builtin) {
    if (!is_builtin_source(source)) return read_file(source);
    const std::string_view text =
        builtin ? builtin(std::string_view(source).substr(kBuiltinScheme.size())) : "";
    if (text.empty()) return Error{"no such built-in file", source};
    return std::string(text);
}

Result<RangeSet> load_range_source(const std::string& source, BuiltinFiles builtin) {
    if (!is_builtin_source(source)) return load_range_file(source);
    auto text = read_range_source(source, builtin);
    if (!text) return text.error();
    return parse_ranges(*text, source);
}

} // namespace ociproxy
