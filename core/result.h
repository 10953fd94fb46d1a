#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ociproxy {

// An error as a value: what went wrong and where (file, line, JSON pointer or
// byte offset). Exceptions never leave the core; every fallible call returns
// a Result so that callers in the server, the CLI and the console decide for
// themselves how to report it.
struct Error {
    std::string message;
    std::string location; // "file:line", "file: prefixes[12].ip_prefix", ...; may be empty

    std::string what() const { return location.empty() ? message : location + ": " + message; }
};

template <class T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error)
        : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For calls that only succeed or fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error)) {}
    bool ok() const { return !m_error; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace ociproxy
