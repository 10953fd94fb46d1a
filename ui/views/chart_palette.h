#pragma once

#include <QColor>

namespace ociproxy::ui {

// The colours of every chart series, in order: Okabe and Ito's palette,
// told apart by people with the common colour-vision deficiencies (the map
// uses it too). Black is left out: it is the text's colour. Past the eight,
// darker then lighter shades of the same eight, so no two series of a chart
// with up to 24 lines share a colour.
inline QColor chart_color(int i) {
    static const QColor colours[] = {
        QColor(0, 114, 178),  QColor(230, 159, 0),   QColor(0, 158, 115),  QColor(213, 94, 0),
        QColor(86, 180, 233), QColor(204, 121, 167), QColor(240, 228, 66), QColor(120, 120, 120)};
    constexpr int n = int(sizeof colours / sizeof colours[0]);
    const int k = ((i % (3 * n)) + 3 * n) % (3 * n);
    const QColor base = colours[k % n];
    switch (k / n) {
    case 1:
        return base.darker(170);
    case 2:
        return base.lighter(135);
    default:
        return base;
    }
}

} // namespace ociproxy::ui
