// Forward + backward throughput and peak memory of a decoder in our core, on random tokens. Prints one JSON
// line. bench/run_transformer_bench.py runs it beside the same model in PyTorch + transformers and prints the
// ratios; run this binary alone only to profile.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <torch/torch.h>

#include "bench/bench_args.h"
#include "core/config/model_config.h"
#include "core/model/causal_lm.h"

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
    if (threads > 0) {
        torch::set_num_threads(static_cast<int>(threads));
        torch::set_num_interop_threads(1);
    }
    torch::manual_seed(0);

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
    c.normEps = 1e-5;
    c.activation = config::Activation::GeluTanh;
    model::CausalLM lm(c);
    lm->initializeWeights();
    lm->train();

    auto ids = torch::randint(vocab, {batch, seq}, torch::kInt64);
    double seconds = 0.0;
    double lossValue = 0.0;
    for (long step = 0; step < warmup + steps; ++step) {
        auto start = std::chrono::steady_clock::now();
        lm->zero_grad();
        auto loss = model::causalLmLoss(lm->forward(ids), ids);
        loss.backward();
        lossValue = loss.item<double>();
        auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (step >= warmup) seconds += elapsed;
    }
    const double tokensPerSecond = static_cast<double>(batch * seq * steps) / seconds;
    std::printf("{\"impl\": \"offsite\", \"tokens_per_s\": %.2f, \"peak_rss_mib\": %.1f, \"loss\": %.5f, "
                "\"threads\": %d, \"batch\": %ld, \"seq\": %ld, \"layers\": %ld, \"hidden\": %ld}\n",
                tokensPerSecond, peakRssMiB(), lossValue, torch::get_num_threads(), batch, seq, layers, hidden);
    return 0;
}
