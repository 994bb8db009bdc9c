// jobs_make_tiny_llama DIR [LAYERS POSITIONS]: writes the tiny Llama of tiny_llama.h (for the command-line tests of
// `offsite train` and the demo's test, which needs more blocks to split and longer sequences).
#include <cstdio>
#include <cstdlib>

#include "tests/jobs/tiny_llama.h"

int main(int argc, char** argv) {
    if (argc != 2 && argc != 4) {
        std::fprintf(stderr, "usage: jobs_make_tiny_llama DIR [LAYERS POSITIONS]\n");
        return 2;
    }
    const int layers = argc == 4 ? std::atoi(argv[2]) : 2;
    const int positions = argc == 4 ? std::atoi(argv[3]) : 0;
    if (argc == 4 && (layers < 1 || layers > 64 || positions < 1 || positions > 4096)) {
        std::fprintf(stderr, "jobs_make_tiny_llama: LAYERS must be 1..64 and POSITIONS 1..4096\n");
        return 2;
    }
    const offsite::Status written = offsite::jobs::writeTinyLlama(argv[1], 2048, OFFSITE_TEST_DATA, layers, positions);
    if (!written.ok()) {
        std::fprintf(stderr, "jobs_make_tiny_llama: %s\n", written.error().message.c_str());
        return 1;
    }
    return 0;
}
