// jobs_make_tiny_llama DIR: writes the tiny Llama of tiny_llama.h (for the command-line tests of `offsite train`).
#include <cstdio>

#include "tests/jobs/tiny_llama.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: jobs_make_tiny_llama DIR\n");
        return 2;
    }
    const offsite::Status written = offsite::jobs::writeTinyLlama(argv[1], 2048, OFFSITE_TEST_DATA);
    if (!written.ok()) {
        std::fprintf(stderr, "jobs_make_tiny_llama: %s\n", written.error().message.c_str());
        return 1;
    }
    return 0;
}
