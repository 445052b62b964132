// CLIP's BPE tokenizer against the reference's tokens for every caption of the
// fixture (edge cases included), plus the cleaning rules on their own.
#include "testsupport.h"

#include "clip/tokenizer.h"
#include "common/error.h"
#include "data/npy.h"

#include <torch/torch.h>

#include <fstream>

using namespace fglens;

class TestClipTokenizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { FGLENS_REQUIRE_FIXTURE("clip-tiny/bpe_simple_vocab_16e6.txt.gz"); }

    void fixtureTokens()
    {
        const clip::Tokenizer tok(test::fixtureStd("clip-tiny/bpe_simple_vocab_16e6.txt.gz"));
        QCOMPARE(tok.vocabSize(), size_t(49408));
        const auto lines = clip::readLines(test::fixtureStd("clip-tiny/captions.txt"));
        const auto expected = loadNpyTensor(test::fixtureStd("clip-tiny/tokens.npy"));
        QCOMPARE(int64_t(lines.size()), expected.size(0));
        const auto got = tok.tokenize(lines);
        for (int64_t i = 0; i < expected.size(0); ++i)
            QVERIFY2(torch::equal(got[i], expected[i]), qPrintable(QString("caption %1: '%2'").arg(i).arg(QString::fromStdString(lines[i]))));
    }

    void cleaning()
    {
        QCOMPARE(clip::cleanText("  A&amp;amp;B\t\n  C  "), std::string("a&b c"));
        QCOMPARE(clip::cleanText("&#8217;&quot;&lt"), std::string("'\"<"));
        QCOMPARE(clip::cleanText("\xE2\x80\x9CHi\xE2\x80\x9D \xEF\xAC\x81ne \xEF\xBC\xA1"), std::string("\"hi\" fine a"));
        QCOMPARE(clip::cleanText("CAFE\xCC\x81"), std::string("caf\xC3\xA9"));
        const std::vector<std::string> words = clip::splitWords("it's o'clock...'s 12<|endoftext|>");
        const std::vector<std::string> expected = {"it", "'s", "o", "'", "clock", "...'", "s", "1", "2", "<|endoftext|>"};
        QCOMPARE(words, expected);
    }

    void badVocabulary()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("vocab.txt.gz").toStdString();
        std::ofstream(path) << "not gzip\nreally not\n";
        try {
            clip::Tokenizer t(path);
            QFAIL("a file without merges was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("vocab.txt.gz"), e.what());
        }
        try {
            clip::Tokenizer t(dir.filePath("absent.gz").toStdString());
            QFAIL("a missing file was accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("absent.gz"));
        }
    }
};

QTEST_APPLESS_MAIN(TestClipTokenizer)
#include "test_clip_tokenizer.moc"
