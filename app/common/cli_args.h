#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy::cli {

// Exit codes are part of the interface scripts rely on.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInput = 3;

struct OptionSpec {
    std::string_view name; // without "--"
    bool takes_value;
    bool repeatable = false;
};

// Parsed command line: options by name (values in order) and positionals.
// "--name value" and "--name=value" are both accepted; "--" ends options.
class Args {
public:
    // Returns an error message for unknown options, missing values or
    // repeated single options.
    static std::optional<std::string> parse(int argc, char** argv, int first,
                                            const std::vector<OptionSpec>& specs, Args& out);

    bool has(std::string_view name) const { return m_values.count(std::string(name)) > 0; }
    std::optional<std::string> value(std::string_view name) const;
    std::vector<std::string> values(std::string_view name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

private:
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
};

} // namespace ociproxy::cli
