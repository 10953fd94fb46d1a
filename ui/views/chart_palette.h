#pragma once

#include <QColor>

namespace ociproxy::ui {

// The colours of every chart series, in order: Okabe and Ito's palette,
// told apart by people with the common colour-vision deficiencies (the map
// uses it too). Black is left out: it is the text's colour.
inline QColor chart_color(int i) {
    static const QColor colours[] = {
        QColor(0, 114, 178),  QColor(230, 159, 0),   QColor(0, 158, 115),  QColor(213, 94, 0),
        QColor(86, 180, 233), QColor(204, 121, 167), QColor(240, 228, 66), QColor(120, 120, 120)};
    constexpr int n = int(sizeof colours / sizeof colours[0]);
    return colours[((i % n) + n) % n];
}

} // namespace ociproxy::ui
