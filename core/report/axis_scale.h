#pragma once

#include <string>

namespace ociproxy {

// What a chart axis counts.
enum class AxisQuantity { Bytes, Usd, Count };

// An axis people can read: ticks at round values (1, 2, 2.5 or 5 × 10^k),
// values divided into a unit that keeps them between 1 and 1024 (bytes:
// B … TiB), a fixed number of decimals and never scientific notation.
struct AxisScale {
    double divisor = 1;               // plot value / divisor
    std::string unit;                 // "GiB", "$", "requests"
    double max = 1;                   // the axis end, in divided units, a multiple of step
    double step = 1;                  // between ticks, in divided units
    int ticks = 2;                    // including both ends
    int decimals = 0;                 // enough to tell the ticks apart
    std::string label_format() const; // printf format for the tick labels
};

// `max_value` is the largest value to show, in base units (bytes, USD,
// requests); `target_ticks` the number of intervals wanted (about).
AxisScale nice_axis(double max_value, AxisQuantity q, int target_ticks = 4);

// A time axis people can read: ticks at round minutes or hours (1, 2, 5,
// 10, 15, 30 min; 1, 2, 3, 6, 12 h) in the viewer's clock, covering
// [t0, t1] (seconds since the epoch) with about `target_ticks` intervals.
// `utc_offset_s` is the viewer's offset, so "round" means round locally.
struct TimeAxis {
    double start = 0, end = 0; // seconds since the epoch, on ticks
    double step = 60;          // seconds
    int ticks = 2;             // including both ends
    std::string format;        // Qt date-time format: "HH:mm", or "ddd HH:mm" over a day
};
TimeAxis nice_time_axis(double t0, double t1, int target_ticks = 5, double utc_offset_s = 0);

} // namespace ociproxy
