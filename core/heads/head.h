#pragma once
// Similarity heads S(v, t) on frozen CLIP embeddings (DESIGN.md §3), with
// FG-CLIP's parameter names so its checkpoints load and ours load in Python.
#include "data/state_dict.h"

#include <torch/nn/module.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fglens {

enum class HeadKind { Cosine, Linear, LinearVisual, LinearText, Mlp, Attention };

std::string headKindName(HeadKind kind);            // "cosine", "linear", "linear-visual", ...
std::optional<HeadKind> parseHeadKind(const std::string& name);
const std::vector<HeadKind>& allHeadKinds();
bool isTrainable(HeadKind kind);

// How text embeddings are L2-normalised when a vocabulary is scored.
// PerCaption is correct; AcrossCaptions reproduces the reference fine-tune,
// which normalises B x C x D text along the caption axis (quirk 1).
enum class TextNorm { PerCaption, AcrossCaptions };

class SimilarityHeadImpl : public torch::nn::Module {
public:
    virtual HeadKind kind() const = 0;
    // v [B, D], t [B, D] -> [B]: S(v_b, t_b).
    virtual torch::Tensor scorePairs(const torch::Tensor& v, const torch::Tensor& t) = 0;
    // v [B, D], t [B, C, D] -> [B, C]: S(v_b, t_bc).
    virtual torch::Tensor scoreVocab(const torch::Tensor& v, const torch::Tensor& t,
                                     TextNorm norm = TextNorm::PerCaption) = 0;
    // v [B, D], t [M, D] -> [B, M]: every image against every caption.
    virtual torch::Tensor scoreMatrix(const torch::Tensor& v, const torch::Tensor& t) = 0;
    // v [N, D], t [K, D], vocab int64 [N, C] -> [N, C]: S(v_n, t_vocab[n, c]),
    // each caption normalised on its own. Captions shared between objects are
    // projected once, which is what makes whole-benchmark evaluation cheap.
    // Equal to scoreEncoded(v, encodeCaptions(t), vocab).
    torch::Tensor scoreIndexed(const torch::Tensor& v, const torch::Tensor& t, const torch::Tensor& vocab);
    // The caption half of scoreIndexed, which needs no image: done once per
    // caption set however many batches of objects are then scored against it.
    // The result is the head's own representation ([K, *]), only for scoreEncoded.
    virtual torch::Tensor encodeCaptions(const torch::Tensor& t);
    virtual torch::Tensor scoreEncoded(const torch::Tensor& v, const torch::Tensor& encoded, const torch::Tensor& vocab);

    int64_t parameterCount() const;
};

using SimilarityHead = std::shared_ptr<SimilarityHeadImpl>;

// A freshly initialised head (PyTorch's default initialisation).
SimilarityHead makeHead(HeadKind kind, int64_t dim = 512);

// Copies a state dict into the head: every parameter must be present with the
// right shape, and no unknown keys are accepted. Errors name `source`.
void loadHeadWeights(SimilarityHeadImpl& head, const StateDict& dict, const std::string& source);
StateDict headStateDict(const SimilarityHeadImpl& head);

// Which head a state dict belongs to, from its keys.
HeadKind detectHeadKind(const StateDict& dict, const std::string& source);

// Loads weights from a torch.save file; kind is detected when not given, and a
// given kind must match what the file holds.
SimilarityHead loadHead(const std::string& path, std::optional<HeadKind> kind = std::nullopt);

} // namespace fglens
