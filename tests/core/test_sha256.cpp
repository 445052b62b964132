// SHA-256 of cache identities: FIPS 180-4 test vectors through both the
// portable code and the processor's SHA extensions, and the two against each
// other on every tail length and on chunked input.
#include "testsupport.h"

#include "common/sha256.h"

#include <random>

using namespace fglens;

class TestSha256 : public QObject {
    Q_OBJECT

    // Runs f with the portable code, then with SHA-NI where the processor has it.
    template <class F>
    void bothPaths(F f)
    {
        setSha256HardwareEnabled(false);
        f();
        setSha256HardwareEnabled(true);
        if (sha256HardwareAvailable())
            f();
    }

private Q_SLOTS:
    void cleanup() { setSha256HardwareEnabled(true); }

    void knownAnswers()
    {
        bothPaths([] {
            QCOMPARE(sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
            QCOMPARE(sha256Hex("abc"),
                     std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
            QCOMPARE(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                     std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
            QCOMPARE(sha256Hex(std::string(1000000, 'a')),
                     std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        });
    }

    void portableAndHardwareAgree()
    {
        // Without SHA extensions, enabling the hardware path must fall back to
        // the portable code: the comparison below still holds (and is checked).
        if (!sha256HardwareAvailable())
            qInfo("this processor has no SHA extensions: checking the fallback");
        std::mt19937 rng(7);
        std::string data(3000, '\0');
        for (char& c : data)
            c = static_cast<char>(rng());
        for (size_t n = 0; n <= 200; ++n) {   // every padding case, one to three blocks
            setSha256HardwareEnabled(false);
            const std::string portable = sha256Hex(data.substr(0, n));
            setSha256HardwareEnabled(true);
            QCOMPARE(sha256Hex(data.substr(0, n)), portable);
        }
        // Chunks that straddle block boundaries go through the buffered path.
        Sha256 chunked;
        for (size_t at = 0; at < data.size();) {
            const size_t len = std::min<size_t>(rng() % 150, data.size() - at);
            chunked.update(data.data() + at, len);
            at += len;
        }
        setSha256HardwareEnabled(false);
        QCOMPARE(chunked.hexDigest(), sha256Hex(data));
    }
};

QTEST_APPLESS_MAIN(TestSha256)
#include "test_sha256.moc"
