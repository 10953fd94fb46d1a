#pragma once

#include "core/decide/router.h"
#include "ui/lookup/lookup_row.h"

#include <QPalette>
#include <QString>

namespace ociproxy::ui {

// The explain pane for one lookup: the rule that fired, every prefix that
// contains the address with its provenance, and the winner under each mode.
QString explain_html(const Router& router, const LookupRow& row, const QPalette& palette);

} // namespace ociproxy::ui
