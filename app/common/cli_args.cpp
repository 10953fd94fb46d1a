#include "app/common/cli_args.h"

namespace ociproxy::cli {

std::optional<std::string> Args::parse(int argc, char** argv, int first,
                                       const std::vector<OptionSpec>& specs, Args& out) {
    bool options_done = false;
    for (int i = first; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (options_done || arg.size() < 2 || arg.substr(0, 2) != "--") {
            if (arg == "-h" && !options_done) {
                out.m_values["help"].push_back({});
                continue;
            }
            // "-" alone is a positional (stdin); other single-dash words are unknown options.
            if (!options_done && arg.size() > 1 && arg[0] == '-')
                return "unknown option '" + std::string(arg) + "'";
            out.m_positionals.emplace_back(arg);
            continue;
        }
        if (arg == "--") {
            options_done = true;
            continue;
        }
        std::string_view name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string_view::npos) {
            inline_value = std::string(name.substr(eq + 1));
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = nullptr;
        for (const auto& s : specs)
            if (s.name == name) spec = &s;
        if (!spec) return "unknown option '--" + std::string(name) + "'";
        auto& slot = out.m_values[std::string(name)];
        if (!slot.empty() && !spec->repeatable)
            return "option '--" + std::string(name) + "' given twice";
        if (!spec->takes_value) {
            if (inline_value) return "option '--" + std::string(name) + "' takes no value";
            slot.emplace_back();
            continue;
        }
        if (inline_value) {
            slot.push_back(*inline_value);
        } else if (i + 1 < argc) {
            slot.emplace_back(argv[++i]);
        } else {
            return "option '--" + std::string(name) + "' needs a value";
        }
    }
    return std::nullopt;
}

std::optional<std::string> Args::value(std::string_view name) const {
    const auto it = m_values.find(std::string(name));
    if (it == m_values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::values(std::string_view name) const {
    const auto it = m_values.find(std::string(name));
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

} // namespace ociproxy::cli
