#include "core/report/axis_scale.h"

#include <cmath>
#include <iterator>

namespace ociproxy {

std::string AxisScale::label_format() const {
    const std::string number = "%." + std::to_string(decimals) + "f";
    return unit == "$" ? "$" + number : number;
}

AxisScale nice_axis(double max_value, AxisQuantity q, int target_ticks) {
    AxisScale a;
    if (!(max_value > 0) || !std::isfinite(max_value)) max_value = 0;
    if (target_ticks < 1) target_ticks = 1;
    switch (q) {
    case AxisQuantity::Bytes: {
        static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (max_value / a.divisor >= 1024 && u < 5) {
            a.divisor *= 1024;
            ++u;
        }
        a.unit = units[u];
        break;
    }
    case AxisQuantity::Usd:
        a.unit = "$";
        break;
    case AxisQuantity::Count:
        a.unit = "requests";
        break;
    }
    const double top = max_value / a.divisor;
    if (top <= 0) {
        a.max = 1;
        a.step = 1.0 / target_ticks;
    } else {
        // The smallest round step that covers `top` in target_ticks steps.
        const double raw = top / target_ticks;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        a.step = 10 * magnitude;
        for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
            if (m * magnitude >= raw * (1 - 1e-9)) {
                a.step = m * magnitude;
                break;
            }
        a.max = std::ceil(top / a.step - 1e-9) * a.step;
    }
    a.ticks = int(std::lround(a.max / a.step)) + 1;
    // Whole counts never need decimals; otherwise as many as the step has.
    a.decimals = 0;
    if (q != AxisQuantity::Count || a.step < 1)
        for (double s = a.step; a.decimals < 6 && std::abs(s - std::round(s)) > 1e-9; s *= 10)
            ++a.decimals;
    return a;
}

TimeAxis nice_time_axis(double t0, double t1, int target_ticks, double utc_offset_s) {
    TimeAxis a;
    if (!(t1 > t0)) t1 = t0 + 60;
    if (target_ticks < 1) target_ticks = 1;
    const double raw = (t1 - t0) / target_ticks;
    static constexpr double kSteps[] = {60,   120,  300,   600,   900,   1800,
                                        3600, 7200, 10800, 21600, 43200, 86400};
    a.step = kSteps[std::size(kSteps) - 1];
    for (const double s : kSteps)
        if (s >= raw) {
            a.step = s;
            break;
        }
    a.start = std::floor((t0 + utc_offset_s) / a.step) * a.step - utc_offset_s;
    a.end = std::ceil((t1 + utc_offset_s) / a.step - 1e-9) * a.step - utc_offset_s;
    a.ticks = int(std::lround((a.end - a.start) / a.step)) + 1;
    a.format = t1 - t0 > 20 * 3600 ? "ddd HH:mm" : "HH:mm";
    return a;
}

} // namespace ociproxy
