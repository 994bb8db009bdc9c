// One offsite-tuning training step in our core: a GPT-2-small-shaped model split 2-8-2, the adapter trained
// through the frozen emulator with AdamW and clipping. Prints one JSON line (median tokens/s after warm-up, peak
// RSS). bench/run_offsite_step_bench.py runs it beside the Hugging Face peer and prints the ratios.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <torch/torch.h>

#include "bench/bench_args.h"
#include "core/config/model_config.h"
#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/trainer/trainer.h"

using offsite::bench::argInt;
using offsite::bench::peakRssMiB;

int main(int argc, char** argv) {
    using namespace offsite;
    const long layers = argInt(argc, argv, "--layers", 12);
    const long hidden = argInt(argc, argv, "--hidden", 768);
    const long heads = argInt(argc, argv, "--heads", 12);
    const long vocab = argInt(argc, argv, "--vocab", 50257);
    const long seq = argInt(argc, argv, "--seq", 256);
    const long batch = argInt(argc, argv, "--batch", 1);
    const long steps = argInt(argc, argv, "--steps", 3);
    const long warmup = argInt(argc, argv, "--warmup", 1);
    const long threads = argInt(argc, argv, "--threads", 0);

    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("offsite-bench-" + std::to_string(::getpid()));
    fs::remove_all(root);
    config::ModelConfig c;
    c.architecture = config::Architecture::Gpt2;
    c.vocabSize = vocab;
    c.hiddenSize = hidden;
    c.numLayers = layers;
    c.numHeads = heads;
    c.numKvHeads = heads;
    c.headDim = hidden / heads;
    c.intermediateSize = 4 * hidden;
    c.maxPositions = std::max<long>(1024, seq);
    c.activation = config::Activation::GeluTanh;
    {
        torch::manual_seed(0);
        model::CausalLM lm(c);
        lm->initializeWeights();
        if (!lm->saveModel(root / "full").ok()) return 1;
    }
    emulator::SplitOptions split;
    split.spec = emulator::SplitSpec{2, static_cast<int>(layers) - 4, 2};
    if (!emulator::writeSplit(root / "full", root / "split", split).ok()) return 1;

    trainer::TrainingParams p;
    p.modelFolder = root / "split";
    for (long i = 0; i < seq * batch * 4; ++i) p.trainTokens.push_back(static_cast<std::int32_t>((i * 7919) % vocab));
    p.blockSize = static_cast<int>(seq);
    p.microBatch = static_cast<int>(batch);
    p.maxSteps = static_cast<int>(warmup + steps);
    p.learningRate = 1e-4;
    p.clipNorm = 1.0;
    p.threads = static_cast<int>(threads);
    std::vector<double> rates;
    double loss = 0.0;
    auto result = trainer::train(p, [&](const trainer::StepMetrics& m) {
        if (m.step > warmup) rates.push_back(m.tokensPerSecond);
        loss = m.loss;
        return true;
    });
    fs::remove_all(root);
    if (!result.ok()) {
        std::fprintf(stderr, "%s\n", result.error().message.c_str());
        return 1;
    }
    std::sort(rates.begin(), rates.end());
    std::printf("{\"impl\": \"offsite\", \"tokens_per_s\": %.2f, \"peak_rss_mib\": %.1f, \"loss\": %.5f, "
                "\"trainable\": %lld, \"threads\": %d, \"batch\": %ld, \"seq\": %ld}\n",
                rates[rates.size() / 2], peakRssMiB(), loss,
                static_cast<long long>(result->trainableParameters), torch::get_num_threads(), batch, seq);
    return 0;
}
