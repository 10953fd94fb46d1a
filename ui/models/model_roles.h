#pragma once

#include <QColor>
#include <Qt>

namespace ociproxy::ui {

// Roles beyond Qt's, read by views, tests and exports.
enum ModelRole {
    // bool: the row needs the operator's attention (unmapped region, modes
    // that disagree, the cell with a validation error).
    AttentionRole = Qt::UserRole + 1,
    // The value to sort by where the display text would sort wrongly.
    SortRole,
};

// A translucent amber reads as "look here" on light and dark palettes alike.
inline QColor attention_color() {
    return QColor(255, 170, 0, 80);
}

} // namespace ociproxy::ui
