#pragma once
// How a criterion's metric reads to a trainee in the lesson panel: a name in words
// ("Time after treatment", "Cheek: depth in range") and a value with its unit and
// sensible digits ("1 h 12 min", "0.75 mm", "38 %", "4,320 per cm²") — never a raw
// key or an exponent. Every name of the catalogue (metrics.h) has one; the report
// keeps the raw keys and numbers.
#include <string>

namespace ns::lesson {

// The metric's name in words; the raw name for one this file does not know.
std::string metricLabel(const std::string& name);

// `value` of metric `name` as the trainee reads it: fractions as percentages,
// durations in s / min / h / days, depths in mm or µm, counts with thousands
// separators. No exponent whatever the value.
std::string metricValueText(const std::string& name, double value);

}  // namespace ns::lesson
