// Precompiled header for the LibTorch-heavy translation units of core/model (and what builds on it).
// Only .cpp files include LibTorch; public headers of core stay torch-free where callers do not need tensors.
#pragma once
#include <torch/torch.h>
