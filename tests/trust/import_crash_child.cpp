// Child process for the import kill harness: opens the workspace and imports one package, trusting the given
// key, printing "ready" once the workspace is open; the parent SIGKILLs it at a random moment.
// Usage: trust_import_child WORKSPACE PACKAGE PUBLISHER.pub
#include <unistd.h>

#include <cstdio>

#include "core/trust/import.h"

int main(int argc, char** argv) {
    if (argc != 4) return 2;
    auto ws = offsite::workspace::Workspace::open(argv[1]);
    if (!ws.ok()) return 3;
    auto key = offsite::crypto::readMinisignPublicKeyFile(argv[3]);
    if (!key.ok()) return 4;
    std::printf("ready\n");
    std::fflush(stdout);
    offsite::trust::ImportOptions options;
    options.presentedKey = *key;
    options.keyDecision = offsite::trust::KeyDecision::TrustPresentedKey;
    options.now = 1'800'000'000;
    auto outcome = offsite::trust::importPackage(*ws, argv[2], options);
    return outcome.ok() && outcome->status == offsite::trust::ImportStatus::Imported ? 0 : 5;
}
