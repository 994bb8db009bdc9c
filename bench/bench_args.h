// The little the benchmark binaries share: "--name value" integer arguments and the process's peak RSS.
#pragma once

#include <sys/resource.h>

#include <cstdlib>
#include <string>

namespace offsite::bench {

inline long argInt(int argc, char** argv, const char* name, long fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == name) return std::atol(argv[i + 1]);
    }
    return fallback;
}

inline double peakRssMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace offsite::bench
