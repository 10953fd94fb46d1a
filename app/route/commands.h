#pragma once

namespace ociproxy::cli {

// Each subcommand parses its own arguments (argv[first..]) and returns the
// process exit code.
int run_lookup(int argc, char** argv, int first);
int run_explain(int argc, char** argv, int first);
int run_decide(int argc, char** argv, int first);
int run_report(int argc, char** argv, int first);
int run_simulate(int argc, char** argv, int first);
int run_diff_ranges(int argc, char** argv, int first);
int run_compare(int argc, char** argv, int first);
int run_plan(int argc, char** argv, int first);

} // namespace ociproxy::cli
