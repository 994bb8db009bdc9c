// The tiny model the trainer tests share: a GPT-2 of 6 (or `layers`) blocks (hidden 32, vocabulary 64, context 64)
// with weights drawn from `seed`, split 1-2-1 in a fresh temporary folder, and a 400-token stream over its
// vocabulary.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "core/emulator/split.h"
#include "core/model/causal_lm.h"

namespace offsite::trainer::fixtures {

struct TinySplit {
    std::filesystem::path root;   // removed by the destructor
    std::filesystem::path full;   // the model
    std::filesystem::path split;  // its 1-2-1 split (what the trainer trains)
    std::vector<std::int32_t> tokens;

    TinySplit() = default;
    TinySplit(const TinySplit&) = delete;
    TinySplit& operator=(const TinySplit&) = delete;
    ~TinySplit() {
        std::error_code ec;
        if (!root.empty()) std::filesystem::remove_all(root, ec);
    }
};

// Makes it under a temporary folder named after `tag`, the process and the running test. Fails the test (fatal in
// the caller's ASSERT_NO_FATAL_FAILURE) when it cannot.
inline void makeTinySplit(TinySplit& out, const std::string& tag, int layers = 6, std::uint64_t seed = 5) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    out.root = std::filesystem::temp_directory_path() /
               ("offsite-" + tag + "-" + std::to_string(::getpid()) + "-" + (test ? test->name() : "setup"));
    std::filesystem::remove_all(out.root);
    std::filesystem::create_directories(out.root);
    out.full = out.root / "full";
    out.split = out.root / "split";
    config::ModelConfig c;
    c.architecture = config::Architecture::Gpt2;
    c.vocabSize = 64;
    c.hiddenSize = 32;
    c.numLayers = layers;
    c.numHeads = 4;
    c.numKvHeads = 4;
    c.headDim = 8;
    c.intermediateSize = 64;
    c.maxPositions = 64;
    c.activation = config::Activation::GeluTanh;
    torch::manual_seed(seed);
    model::CausalLM lm(c);
    lm->initializeWeights();
    ASSERT_TRUE(lm->saveModel(out.full).ok());
    emulator::SplitOptions split;
    split.spec = emulator::SplitSpec{1, 2, 1};
    ASSERT_TRUE(emulator::writeSplit(out.full, out.split, split).ok());
    out.tokens.clear();
    for (int i = 0; i < 400; ++i) out.tokens.push_back((i * 7 + i / 5) % 64);
}

// A whole file's bytes (empty when it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace offsite::trainer::fixtures
