#include "clip/clip_model.h"

#include "common/error.h"
#include "data/torch_pickle.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <cmath>
#include <set>

namespace fglens::clip {
namespace {

namespace nn = torch::nn;

// nn.MultiheadAttention's parameters (in_proj_weight/bias, out_proj) with the
// attention written out: batch-first, one fused QKV projection.
struct AttentionImpl : nn::Module {
    AttentionImpl(int64_t width, int64_t heads) : heads(heads)
    {
        in_proj_weight = register_parameter("in_proj_weight", torch::empty({3 * width, width}));
        in_proj_bias = register_parameter("in_proj_bias", torch::zeros({3 * width}));
        out_proj = register_module("out_proj", nn::Linear(width, width));
    }

    // Inference only (the model runs under InferenceMode). The head split is one
    // layout copy into [3, B, heads, L, hd] with q's 1/sqrt(hd) folded into it,
    // so both batched matmuls read contiguous operands.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask)
    {
        const int64_t b = x.size(0), l = x.size(1), w = x.size(2), hd = w / heads;
        auto qkv = torch::addmm(in_proj_bias, x.reshape({b * l, w}), in_proj_weight.t())
                       .view({b, l, 3, heads, hd})
                       .permute({2, 0, 3, 1, 4});
        auto split = torch::empty({3, b, heads, l, hd}, x.options());
        auto qOut = split[0];
        torch::mul_out(qOut, qkv[0], torch::scalar_tensor(1.0 / std::sqrt(static_cast<double>(hd)), x.options()));
        split.narrow(0, 1, 2).copy_(qkv.narrow(0, 1, 2));
        auto q = split[0].view({b * heads, l, hd}), k = split[1].view({b * heads, l, hd}),
             v = split[2].view({b * heads, l, hd});
        auto scores = torch::bmm(q, k.transpose(1, 2));
        if (mask.defined())
            scores.add_(mask);
        auto out = torch::bmm(torch::softmax(scores, -1), v).view({b, heads, l, hd}).permute({0, 2, 1, 3});
        return torch::addmm(out_proj->bias, out.reshape({b * l, w}), out_proj->weight.t()).view({b, l, w});
    }

    int64_t heads;
    torch::Tensor in_proj_weight, in_proj_bias;
    nn::Linear out_proj{nullptr};
};
TORCH_MODULE(Attention);

struct MlpImpl : nn::Module {
    explicit MlpImpl(int64_t width)
    {
        c_fc = register_module("c_fc", nn::Linear(width, 4 * width));
        c_proj = register_module("c_proj", nn::Linear(4 * width, width));
    }
    // QuickGELU, as CLIP was trained: h * sigmoid(1.702 h) = silu(1.702 h) / 1.702.
    // The two factors ride in the GEMMs' alpha, so the activation is one
    // in-place pass instead of three passes and three temporaries.
    torch::Tensor forward(const torch::Tensor& x)
    {
        const int64_t w = x.size(-1);
        auto h = torch::addmm(c_fc->bias * kGelu, x.reshape({-1, w}), c_fc->weight.t(), 1, kGelu);
        torch::silu_(h);
        return torch::addmm(c_proj->bias, h, c_proj->weight.t(), 1, 1.0 / kGelu).view(x.sizes());
    }
    static constexpr double kGelu = 1.702;
    nn::Linear c_fc{nullptr}, c_proj{nullptr};
};
TORCH_MODULE(Mlp);

struct BlockImpl : nn::Module {
    BlockImpl(int64_t width, int64_t heads)
    {
        ln_1 = register_module("ln_1", nn::LayerNorm(nn::LayerNormOptions({width}).eps(1e-5)));
        attn = register_module("attn", Attention(width, heads));
        ln_2 = register_module("ln_2", nn::LayerNorm(nn::LayerNormOptions({width}).eps(1e-5)));
        mlp = register_module("mlp", Mlp(width));
    }
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& mask)
    {
        x = attn(ln_1(x), mask).add_(x);
        return mlp(ln_2(x)).add_(x);
    }
    nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
    Attention attn{nullptr};
    Mlp mlp{nullptr};
};
TORCH_MODULE(Block);

struct TransformerImpl : nn::Module {
    TransformerImpl(int64_t width, int64_t layers, int64_t heads)
    {
        resblocks = register_module("resblocks", nn::ModuleList());
        for (int64_t i = 0; i < layers; ++i)
            resblocks->push_back(Block(width, heads));
    }
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& mask)
    {
        for (const auto& m : *resblocks)
            x = m->as<BlockImpl>()->forward(x, mask);
        return x;
    }
    nn::ModuleList resblocks{nullptr};
};
TORCH_MODULE(Transformer);

struct VisionImpl : nn::Module {
    explicit VisionImpl(const ClipConfig& c)
    {
        const int64_t w = c.visionWidth;
        conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(3, w, c.patchSize).stride(c.patchSize).bias(false)));
        class_embedding = register_parameter("class_embedding", torch::empty({w}));
        positional_embedding = register_parameter("positional_embedding", torch::empty({c.grid() * c.grid() + 1, w}));
        ln_pre = register_module("ln_pre", nn::LayerNorm(nn::LayerNormOptions({w})));
        transformer = register_module("transformer", Transformer(w, c.visionLayers, c.visionHeads()));
        ln_post = register_module("ln_post", nn::LayerNorm(nn::LayerNormOptions({w})));
        proj = register_parameter("proj", torch::empty({w, c.embedDim}));
    }
    torch::Tensor forward(const torch::Tensor& images)
    {
        auto x = conv1(images).flatten(2).transpose(1, 2);   // [B, grid², W]
        auto cls = class_embedding.view({1, 1, -1}).expand({x.size(0), 1, x.size(2)});
        x = ln_pre(torch::cat({cls, x}, 1) + positional_embedding);
        x = transformer(x, torch::Tensor());
        return torch::matmul(ln_post(x.select(1, 0)), proj);
    }
    nn::Conv2d conv1{nullptr};
    torch::Tensor class_embedding, positional_embedding, proj;
    nn::LayerNorm ln_pre{nullptr}, ln_post{nullptr};
    Transformer transformer{nullptr};
};
TORCH_MODULE(Vision);

} // namespace

class ClipModelImpl : public nn::Module {
public:
    explicit ClipModelImpl(const ClipConfig& c)
    {
        visual = register_module("visual", Vision(c));
        transformer = register_module("transformer", Transformer(c.textWidth, c.textLayers, c.textHeads()));
        token_embedding = register_module("token_embedding", nn::Embedding(c.vocabSize, c.textWidth));
        positional_embedding = register_parameter("positional_embedding", torch::empty({c.contextLength, c.textWidth}));
        ln_final = register_module("ln_final", nn::LayerNorm(nn::LayerNormOptions({c.textWidth})));
        text_projection = register_parameter("text_projection", torch::empty({c.textWidth, c.embedDim}));
        logit_scale = register_parameter("logit_scale", torch::tensor(std::log(1.0 / 0.07), torch::kFloat32));
        causal = register_buffer("causal_mask", torch::full({c.contextLength, c.contextLength}, -INFINITY).triu(1));
    }

    torch::Tensor encodeText(const torch::Tensor& tokens)
    {
        const int64_t len = tokens.size(1);
        auto x = token_embedding(tokens) + positional_embedding.narrow(0, 0, len);
        x = ln_final(transformer(x, causal.narrow(0, 0, len).narrow(1, 0, len)));
        // The end token has the largest id, so argmax finds it (as the reference).
        auto eot = tokens.argmax(-1);
        auto pooled = x.index({torch::arange(x.size(0), eot.options()), eot});
        return torch::matmul(pooled, text_projection);
    }

    Vision visual{nullptr};
    Transformer transformer{nullptr};
    nn::Embedding token_embedding{nullptr};
    nn::LayerNorm ln_final{nullptr};
    torch::Tensor positional_embedding, text_projection, logit_scale, causal;
};

namespace {

const at::Tensor& need(const TensorMap& p, const std::string& name, int64_t dims, const std::string& source)
{
    auto it = p.find(name);
    if (it == p.end())
        fail(source, "missing parameter '" + name + "' (not an OpenAI CLIP checkpoint?)");
    if (it->second.dim() != dims)
        fail(source, "parameter '" + name + "' has shape " + shapeString(it->second.sizes().vec()) + ", expected " +
                         std::to_string(dims) + " dimensions");
    return it->second;
}

int64_t countLayers(const TensorMap& p, const std::string& prefix)
{
    std::set<int64_t> layers;
    for (const auto& [name, t] : p) {
        (void)t;
        if (name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const size_t dot = name.find('.', prefix.size());
        const std::string idx = name.substr(prefix.size(), dot - prefix.size());
        if (!idx.empty() && idx.find_first_not_of("0123456789") == std::string::npos)
            layers.insert(std::stoll(idx));
    }
    return static_cast<int64_t>(layers.size());
}

std::string firstLine(const std::string& s)
{
    return s.substr(0, s.find('\n'));
}

} // namespace

std::string ClipConfig::name() const
{
    const auto same = [&](const ClipConfig& o) {
        return embedDim == o.embedDim && imageResolution == o.imageResolution && visionLayers == o.visionLayers &&
               visionWidth == o.visionWidth && patchSize == o.patchSize && textWidth == o.textWidth &&
               textLayers == o.textLayers && contextLength == o.contextLength && vocabSize == o.vocabSize;
    };
    if (same(vitB16()))
        return "ViT-B/16";
    if (same(vitB32()))
        return "ViT-B/32";
    if (same(vitL14()))
        return "ViT-L/14";
    return "ViT-w" + std::to_string(visionWidth) + "-l" + std::to_string(visionLayers) + "-p" +
           std::to_string(patchSize) + "-r" + std::to_string(imageResolution) + "-e" + std::to_string(embedDim);
}

ClipConfig ClipConfig::vitB16()
{
    return ClipConfig{};
}

ClipConfig ClipConfig::vitB32()
{
    ClipConfig c;
    c.patchSize = 32;
    return c;
}

ClipConfig ClipConfig::vitL14()
{
    ClipConfig c;
    c.embedDim = 768;
    c.visionLayers = 24;
    c.visionWidth = 1024;
    c.patchSize = 14;
    c.textWidth = 768;
    return c;
}

ClipConfig inferConfig(const TensorMap& p, const std::string& source)
{
    if (p.count("visual.layer1.0.conv1.weight") || p.count("visual.attnpool.positional_embedding"))
        fail(source, "is a ResNet CLIP checkpoint; only the ViT models are supported");
    ClipConfig c;
    const at::Tensor conv = need(p, "visual.conv1.weight", 4, source);
    c.visionWidth = conv.size(0);
    c.patchSize = conv.size(-1);
    c.visionLayers = countLayers(p, "visual.transformer.resblocks.");
    const at::Tensor vpos = need(p, "visual.positional_embedding", 2, source);
    const auto grid = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(vpos.size(0) - 1))));
    if (grid * grid + 1 != vpos.size(0))
        fail(source, "parameter 'visual.positional_embedding' has " + std::to_string(vpos.size(0)) +
                         " rows, expected a square grid plus one");
    c.imageResolution = c.patchSize * grid;
    c.embedDim = need(p, "text_projection", 2, source).size(1);
    c.contextLength = need(p, "positional_embedding", 2, source).size(0);
    c.vocabSize = need(p, "token_embedding.weight", 2, source).size(0);
    c.textWidth = need(p, "ln_final.weight", 1, source).size(0);
    c.textLayers = countLayers(p, "transformer.resblocks.");
    if (c.visionLayers == 0 || c.textLayers == 0)
        fail(source, "has no transformer blocks (parameters 'visual.transformer.resblocks.N.*' / 'transformer.resblocks.N.*')");
    if (c.visionWidth % 64 || c.textWidth % 64)
        fail(source, "widths " + std::to_string(c.visionWidth) + "/" + std::to_string(c.textWidth) +
                         " are not multiples of 64 (CLIP's head size)");
    return c;
}

ClipModel::ClipModel(const ClipConfig& config, c10::Device device)
    : config_(config), impl_(std::make_unique<ClipModelImpl>(config))
{
    impl_->to(device);
    impl_->eval();
}

ClipModel::~ClipModel() = default;
ClipModel::ClipModel(ClipModel&&) noexcept = default;
ClipModel& ClipModel::operator=(ClipModel&&) noexcept = default;

c10::Device ClipModel::device() const
{
    return impl_->logit_scale.device();
}

at::Tensor ClipModel::encodeImage(const at::Tensor& images) const
{
    const int64_t r = config_.imageResolution;
    if (images.dim() != 4 || images.size(1) != 3 || images.size(2) != r || images.size(3) != r)
        throw Error("encode_image", "expected images [B, 3, " + std::to_string(r) + ", " + std::to_string(r) +
                                        "], found " + shapeString(images.sizes().vec()));
    c10::InferenceMode guard;
    return impl_->visual(images.to(device(), torch::kFloat32)).to(torch::kCPU);
}

at::Tensor ClipModel::encodeText(const at::Tensor& tokens) const
{
    if (tokens.dim() != 2 || tokens.size(1) < 1 || tokens.size(1) > config_.contextLength)
        throw Error("encode_text", "expected tokens [B, L <= " + std::to_string(config_.contextLength) + "], found " +
                                       shapeString(tokens.sizes().vec()));
    c10::InferenceMode guard;
    return impl_->encodeText(tokens.to(device(), torch::kInt64)).to(torch::kCPU);
}

void ClipModel::loadParameters(const TensorMap& params, const std::string& source)
{
    torch::NoGradGuard noGrad;
    for (auto& item : impl_->named_parameters()) {
        auto it = params.find(item.key());
        if (it == params.end())
            fail(source, "missing parameter '" + item.key() + "' (a " + config_.name() + " checkpoint needs it)");
        if (it->second.sizes() != item.value().sizes())
            fail(source, "parameter '" + item.key() + "' has shape " + shapeString(it->second.sizes().vec()) +
                             ", expected " + shapeString(item.value().sizes().vec()) + " for " + config_.name());
        item.value().copy_(it->second.to(torch::kFloat32));
    }
}

TensorMap ClipModel::parameters() const
{
    TensorMap out;
    for (const auto& item : impl_->named_parameters())
        out.emplace(item.key(), item.value().detach());
    return out;
}

TensorMap readCheckpoint(const std::string& path)
{
    if (FILE* f = std::fopen(path.c_str(), "rb"))
        std::fclose(f);
    else
        fail(path, "cannot open CLIP checkpoint");
    TensorMap out;
    std::string jitError;
    try {
        // Only the parameters are read: load() deserialises the module
        // without running its (CUDA, fp16) graph.
        auto module = torch::jit::load(path, torch::kCPU);
        for (const auto& p : module.named_parameters())
            out.emplace(p.name, p.value.detach());
        for (const auto& b : module.named_buffers())
            out.emplace(b.name, b.value.detach());
        return out;
    } catch (const c10::Error& e) {
        jitError = firstLine(e.what_without_backtrace());
    } catch (const std::exception& e) {
        jitError = firstLine(e.what());
    }
    // A plain torch.save state dict (e.g. a re-saved OpenAI model).
    PyRef root;
    try {
        root = loadTorchPickle(path);
    } catch (const Error&) {
        fail(path, "not a readable CLIP checkpoint (truncated, or not a TorchScript/torch.save archive): " + jitError);
    }
    const PyValue* dict = root.get();
    if (dict && dict->type == PyValue::Type::Dict && dict->get("state_dict"))
        dict = dict->get("state_dict");
    if (!dict || dict->type != PyValue::Type::Dict)
        fail(path, "holds no state dict of tensors");
    for (const auto& [k, v] : dict->entries)
        if (k->type == PyValue::Type::Str && v->type == PyValue::Type::Tensor)
            out.emplace(k->text, v->tensor);
    if (out.empty())
        fail(path, "holds no tensors");
    return out;
}

ClipModel buildClip(const TensorMap& params, const std::string& source, c10::Device device)
{
    ClipModel m(inferConfig(params, source), device);
    m.loadParameters(params, source);
    return m;
}

ClipModel loadClip(const std::string& path, c10::Device device)
{
    return buildClip(readCheckpoint(path), path, device);
}

c10::Device defaultDevice()
{
    return torch::cuda::is_available() ? c10::Device(torch::kCUDA, 0) : c10::Device(torch::kCPU);
}

ClipModel randomClip(const ClipConfig& c, uint64_t seed, c10::Device device)
{
    // CLIP.initialize_parameters(), on the CPU so the numbers do not depend on
    // the device.
    torch::manual_seed(seed);
    TensorMap p;
    auto normal = [](std::vector<int64_t> shape, double std) { return torch::randn(shape) * std; };
    const double vw = static_cast<double>(c.visionWidth), tw = static_cast<double>(c.textWidth);
    const double scale = 1.0 / std::sqrt(vw);
    p["visual.conv1.weight"] = normal({c.visionWidth, 3, c.patchSize, c.patchSize}, 1.0 / std::sqrt(3.0 * c.patchSize * c.patchSize));
    p["visual.class_embedding"] = normal({c.visionWidth}, scale);
    p["visual.positional_embedding"] = normal({c.grid() * c.grid() + 1, c.visionWidth}, scale);
    p["visual.proj"] = normal({c.visionWidth, c.embedDim}, scale);
    p["token_embedding.weight"] = normal({c.vocabSize, c.textWidth}, 0.02);
    p["positional_embedding"] = normal({c.contextLength, c.textWidth}, 0.01);
    p["text_projection"] = normal({c.textWidth, c.embedDim}, 1.0 / std::sqrt(tw));
    p["logit_scale"] = torch::tensor(std::log(1.0 / 0.07), torch::kFloat32);
    auto norms = [&](const std::string& prefix, int64_t w) {
        p[prefix + ".weight"] = torch::ones({w});
        p[prefix + ".bias"] = torch::zeros({w});
    };
    norms("visual.ln_pre", c.visionWidth);
    norms("visual.ln_post", c.visionWidth);
    norms("ln_final", c.textWidth);
    auto blocks = [&](const std::string& prefix, int64_t w, int64_t layers) {
        const double projStd = std::pow(static_cast<double>(w), -0.5) * std::pow(2.0 * layers, -0.5);
        const double attnStd = std::pow(static_cast<double>(w), -0.5);
        const double fcStd = std::pow(2.0 * w, -0.5);
        for (int64_t i = 0; i < layers; ++i) {
            const std::string b = prefix + std::to_string(i) + ".";
            p[b + "attn.in_proj_weight"] = normal({3 * w, w}, attnStd);
            p[b + "attn.in_proj_bias"] = torch::zeros({3 * w});
            p[b + "attn.out_proj.weight"] = normal({w, w}, projStd);
            p[b + "attn.out_proj.bias"] = torch::zeros({w});
            p[b + "mlp.c_fc.weight"] = normal({4 * w, w}, fcStd);
            p[b + "mlp.c_fc.bias"] = torch::zeros({4 * w});
            p[b + "mlp.c_proj.weight"] = normal({w, 4 * w}, projStd);
            p[b + "mlp.c_proj.bias"] = torch::zeros({w});
            norms(b + "ln_1", w);
            norms(b + "ln_2", w);
        }
    };
    blocks("visual.transformer.resblocks.", c.visionWidth, c.visionLayers);
    blocks("transformer.resblocks.", c.textWidth, c.textLayers);
    ClipModel m(c, device);
    m.loadParameters(p, "random " + c.name());
    return m;
}

} // namespace fglens::clip
