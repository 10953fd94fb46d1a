#pragma once

#include "core/decide/router.h"
#include "core/diff/range_diff.h"

#include <map>
#include <string>

namespace ociproxy {

// What a changed prefix does to its clients: where a blob GET from the
// prefix's first address goes under the old publication and under the new
// one (nested prefixes and the match mode included, as decide() answers),
// in words: "s3/ap-northeast-2 → default (loses its bucket)".
struct PrefixConsequence {
    std::string before, after; // bucket name, "default", or the backend ("upstream")
    std::string text;
    bool changes = false;
};

// One per changed prefix of `d`, keyed by the prefix's text.
std::map<std::string, PrefixConsequence>
prefix_consequences(const RangeDiff& d, const Router& before, const Router& after);

} // namespace ociproxy
