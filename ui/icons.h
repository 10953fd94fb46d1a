#pragma once

#include <QIcon>
#include <QString>

namespace ociproxy::ui {

// A line icon from resources/icons drawn in the palette's text colour, so it
// reads on light and dark themes; rendered for every device pixel ratio.
QIcon icon(const QString& name);

// The application icon (full colour).
QIcon app_icon();

} // namespace ociproxy::ui
