#include "core/net/ip_prefix.h"

namespace ociproxy {
namespace {

// Built with append rather than operator+ chains, which trip GCC 12's
// -Wrestrict false positive (GCC bug 105329).
Error not_a_prefix(std::string_view text, std::string_view why) {
    std::string m = "'";
    m.append(text.substr(0, 64));
    m += "' is not a prefix: ";
    m.append(why);
    return Error{std::move(m), {}};
}

} // namespace

u128 prefix_mask(int bits, int length) {
    if (length <= 0) return 0;
    const u128 all = bits == 128 ? ~u128(0) : ((u128(1) << bits) - 1);
    return length >= bits ? all : (all & ~((u128(1) << (bits - length)) - 1));
}

IpPrefix::IpPrefix(IpAddress network, int length)
    : m_length(length) {
    const u128 masked = network.bits() & prefix_mask(address_bits(network.family()), length);
    m_network =
        network.is_v4() ? IpAddress::v4(static_cast<std::uint32_t>(masked)) : IpAddress::v6(masked);
}

Result<IpPrefix> IpPrefix::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        return not_a_prefix(text, "missing '/length'");
    }
    // The fast parser first (a range file is some 17 000 of these at every
    // start-up); the full one only to say what is wrong.
    IpAddress parsed;
    if (!IpAddress::try_parse(text.substr(0, slash), parsed)) {
        auto address = IpAddress::parse(text.substr(0, slash));
        if (!address) return address.error();
        parsed = *address;
    }
    const std::string_view len = text.substr(slash + 1);
    const int max = address_bits(parsed.family());
    int value = 0;
    bool good = !len.empty() && len.size() <= 3 && !(len.size() > 1 && len[0] == '0');
    for (char c : len) {
        if (c < '0' || c > '9') {
            good = false;
            break;
        }
        value = value * 10 + (c - '0');
    }
    if (!good || value > max) {
        return not_a_prefix(text, "length must be 0.." + std::to_string(max));
    }
    return IpPrefix(parsed, value);
}

u128 IpPrefix::last() const {
    const int bits = address_bits(family());
    return first() | (~prefix_mask(bits, m_length) & prefix_mask(bits, bits));
}

bool IpPrefix::contains(const IpAddress& a) const {
    return a.family() == family() && a.bits() >= first() && a.bits() <= last();
}

bool IpPrefix::contains(const IpPrefix& inner) const {
    return inner.family() == family() && inner.length() >= m_length && contains(inner.network());
}

void IpPrefix::append_to(std::string& out) const {
    m_network.append_to(out);
    out += '/';
    out += std::to_string(m_length);
}

std::string IpPrefix::to_string() const {
    std::string s;
    append_to(s);
    return s;
}

} // namespace ociproxy
