#include "app/route/request_lines.h"

#include "core/json_util.h"

#include <boost/json.hpp>

namespace ociproxy::cli {

Result<RequestLine> parse_request_line(std::string_view line, const std::string& where) {
    auto v = parse_json(line, where);
    if (!v) return Error{v.error().message, where};
    if (!v->is_object())
        return Error{"expected a JSON object {\"method\",\"path\",\"peer\",\"xff\"}", where};
    RequestLine r;
    const auto& obj = v->get_object();
    for (const auto& [key, value] : obj) {
        std::string* field = nullptr;
        if (key == "method")
            field = &r.method;
        else if (key == "path")
            field = &r.path;
        else if (key == "peer")
            field = &r.peer;
        else if (key == "xff")
            field = &r.xff;
        std::string name(key);
        if (!field)
            return Error{"unknown key '" + name + "' (expected method, path, peer, xff)", where};
        if (!value.is_string()) return Error{"'" + name + "' must be a string", where};
        *field = std::string(value.get_string());
    }
    return r;
}

} // namespace ociproxy::cli
