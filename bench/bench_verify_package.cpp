// Verifying a large package against its peer, `sha256sum` on the same file, in one run (issue 4's speed goal:
// >= 0.8x sha256sum's throughput). The package (default 500 MB: an adapter and an emulator safetensors file) is
// written once into --dir, read once to warm the page cache, then ours and the peer alternate --rounds times;
// the best round of each counts. Prints one JSON line per measurement and a summary line with the ratio.
//
//     bench_verify_package [--megabytes 500] [--rounds 3] [--dir /tmp]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/bench_args.h"
#include "core/base/file_io.h"
#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "core/package/package.h"
#include "core/safetensors/safetensors.h"

namespace fs = std::filesystem;
using namespace offsite;

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

bool writeText(const fs::path& path, const std::string& text) {
    return writeFileAtomic(path, text).ok();
}

// A safetensors file of one F32 tensor per name, `bytes` bytes in all, of a non-constant pattern.
bool writeWeights(const fs::path& path, const std::vector<std::string>& names, std::int64_t bytes) {
    const std::int64_t elements = bytes / 4 / static_cast<std::int64_t>(names.size());
    std::vector<float> data(static_cast<std::size_t>(elements));
    std::uint32_t state = 0x9e3779b9u;
    for (auto& x : data) {
        state = state * 1664525u + 1013904223u;
        x = static_cast<float>(state >> 8) * 1e-7f;
    }
    std::vector<safetensors::TensorView> views;
    for (const std::string& name : names) {
        views.push_back({name, safetensors::DType::F32, {elements}, std::as_bytes(std::span<const float>(data))});
    }
    return safetensors::write(path, views).ok();
}

// The decoder blocks first..end-1 as a llama split names them (one tensor each).
std::vector<std::string> blockNames(int first, int end) {
    std::vector<std::string> out;
    for (int b = first; b < end; ++b) out.push_back("model.layers." + std::to_string(b) + ".mlp.up_proj.weight");
    return out;
}

void warm(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer(1 << 20);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    }
}

}  // namespace

int main(int argc, char** argv) {
    const long megabytes = bench::argInt(argc, argv, "--megabytes", 500);
    const long rounds = bench::argInt(argc, argv, "--rounds", 3);
    fs::path dir = fs::temp_directory_path();
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--dir") dir = argv[i + 1];
    }
    auto work = makeSiblingFolder(dir / "offsite-bench-verify", "bench");
    if (!work.ok()) {
        std::fprintf(stderr, "%s\n", work.error().message.c_str());
        return 1;
    }
    ScopedFolder cleanup(work.value());
    const fs::path input = work.value() / "split";
    fs::create_directories(input);
    const std::int64_t total = static_cast<std::int64_t>(megabytes) * 1000 * 1000;
    if (!writeText(input / "config.json", "{\"model_type\": \"llama\"}\n") ||
        !writeText(input / "split.json", "{\"l\": 2, \"k\": 8, \"r\": 2}\n") ||
        !writeText(input / "tokenizer.json", "{\"version\": \"1.0\"}\n") ||
        // The split 2-8-2: adapter blocks 0, 1, 10, 11; emulator blocks 2..9.
        !writeWeights(input / "adapter.safetensors", [] {
            auto names = blockNames(0, 2);
            for (auto& name : blockNames(10, 12)) names.push_back(name);
            return names;
        }(), total / 5) ||
        !writeWeights(input / "emulator.safetensors", blockNames(2, 10), total - total / 5)) {
        std::fprintf(stderr, "cannot write the benchmark's model files into %s\n", input.string().c_str());
        return 1;
    }

    auto key = crypto::SigningKey::generate();
    auto identity = crypto::AgeIdentity::generate();
    if (!key.ok() || !identity.ok()) return 1;
    const fs::path packagePath = work.value() / "bench.otpkg";
    package::PackParams pack;
    pack.inputFolder = input;
    pack.outputPath = packagePath;
    pack.signingKey = &key.value();
    pack.publisherId = "bench";
    pack.modelId = "bench-model";
    pack.createdAt = 1'700'000'000;
    pack.expiresAt = 4'000'000'000;
    pack.architecture = "llama";
    pack.split = "2-8-2";
    pack.exportRecipient = identity->recipient().toString();
    pack.licence = "benchmark";
    if (auto written = package::writePackage(pack); !written.ok()) {
        std::fprintf(stderr, "%s\n", written.error().message.c_str());
        return 1;
    }
    const double mb = static_cast<double>(fs::file_size(packagePath)) / 1e6;
    warm(packagePath);

    package::TrustedKeys trusted;
    trusted.keys.push_back({"bench", key->publicKey()});
    package::VerifyParams verify;
    verify.trustedKeys = &trusted;
    verify.now = 1'800'000'000;
    const std::string peer = "sha256sum '" + packagePath.string() + "' > /dev/null";

    double bestOurs = 1e300;
    double bestPeer = 1e300;
    for (long round = 0; round < rounds; ++round) {
        auto started = std::chrono::steady_clock::now();
        auto verified = package::verifyPackage(packagePath, verify);
        const double ours = seconds(started);
        if (!verified.ok()) {
            std::fprintf(stderr, "%s\n", verified.error().message.c_str());
            return 1;
        }
        started = std::chrono::steady_clock::now();
        if (std::system(peer.c_str()) != 0) {
            std::fprintf(stderr, "sha256sum failed\n");
            return 1;
        }
        const double theirs = seconds(started);
        bestOurs = std::min(bestOurs, ours);
        bestPeer = std::min(bestPeer, theirs);
        std::printf("{\"round\":%ld,\"package_mb\":%.1f,\"ours_mb_per_s\":%.1f,\"sha256sum_mb_per_s\":%.1f}\n", round,
                    mb, mb / ours, mb / theirs);
    }
    std::printf("{\"benchmark\":\"verify package vs sha256sum (warm page cache)\",\"package_mb\":%.1f,"
                "\"ours_mb_per_s\":%.1f,\"sha256sum_mb_per_s\":%.1f,\"throughput_ratio\":%.3f,"
                "\"peak_rss_mib\":%.1f}\n",
                mb, mb / bestOurs, mb / bestPeer, bestPeer / bestOurs, bench::peakRssMiB());
    return 0;
}
