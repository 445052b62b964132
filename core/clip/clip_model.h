#pragma once
// CLIP's vision transformer and text transformer (openai/CLIP clip/model.py),
// built natively in LibTorch from the parameters of an OpenAI checkpoint. The
// checkpoint's TorchScript graph is never run: it hard-codes CUDA and fp16.
// Parameters carry the checkpoint's names, so loading is a name-by-name copy
// with shape checks. fp16 weights are widened to fp32.
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace fglens::clip {

struct ClipConfig {
    int64_t embedDim = 512;
    int64_t imageResolution = 224;
    int64_t visionLayers = 12;
    int64_t visionWidth = 768;
    int64_t patchSize = 16;
    int64_t contextLength = 77;
    int64_t vocabSize = 49408;
    int64_t textWidth = 512;
    int64_t textLayers = 12;

    // As build_model: one head per 64 channels.
    int64_t visionHeads() const { return visionWidth / 64; }
    int64_t textHeads() const { return textWidth / 64; }
    int64_t grid() const { return imageResolution / patchSize; }
    // "ViT-B/16" for OpenAI's shapes, else "ViT-w192-l2-p16-r224".
    std::string name() const;

    static ClipConfig vitB16();
    static ClipConfig vitB32();
    static ClipConfig vitL14();
};

using TensorMap = std::map<std::string, at::Tensor>;

// The configuration build_model infers from the parameter shapes. Throws
// fglens::Error naming `source` when a parameter it needs is missing or the
// checkpoint is a ResNet CLIP (not supported).
ClipConfig inferConfig(const TensorMap& params, const std::string& source);

class ClipModelImpl;

// A CLIP model on one device, in eval mode, fp32. Encoding runs under
// InferenceMode in the calling thread.
class ClipModel {
public:
    ClipModel(const ClipConfig& config, c10::Device device);
    ~ClipModel();
    ClipModel(ClipModel&&) noexcept;
    ClipModel& operator=(ClipModel&&) noexcept;

    const ClipConfig& config() const { return config_; }
    c10::Device device() const;

    // images float [B, 3, R, R] (normalised pixels) -> float [B, embedDim] on the CPU.
    at::Tensor encodeImage(const at::Tensor& images) const;
    // tokens int64 [B, L] -> float [B, embedDim] on the CPU, L <= contextLength:
    // rows cut after their end token give the same result as full rows.
    at::Tensor encodeText(const at::Tensor& tokens) const;

    // Copies every parameter from `params` (checkpoint names). Throws
    // fglens::Error naming `source` and the parameter when one is missing or
    // has the wrong shape.
    void loadParameters(const TensorMap& params, const std::string& source);
    // The parameters under checkpoint names (fp32, on the model's device).
    TensorMap parameters() const;

private:
    ClipConfig config_;
    std::unique_ptr<ClipModelImpl> impl_;
};

// Parameters and buffers of a checkpoint file, by name, on the CPU. Reads
// OpenAI's TorchScript archives (and plain torch.save state dicts). Throws
// fglens::Error naming the file when it is missing, truncated or not a
// checkpoint.
TensorMap readCheckpoint(const std::string& path);

// Infers the configuration, builds and loads: the whole of reading a model.
ClipModel buildClip(const TensorMap& params, const std::string& source, c10::Device device);
ClipModel loadClip(const std::string& path, c10::Device device);
// The CUDA device when this LibTorch has one, else the CPU.
c10::Device defaultDevice();

// A randomly initialised model (seeded) with CLIP's initialisation scheme,
// for benchmarks and tests: same shapes and FLOPs as a trained one.
ClipModel randomClip(const ClipConfig& config, uint64_t seed, c10::Device device);

} // namespace fglens::clip
