// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/diff/myersdiff.h"
#include "core/diff/worddiff.h"
#include "core/diff/wordtokenizer.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace psm::core;

namespace {

// git's --word-diff=plain notation, so expected diffs read at a glance in the tables below.
template <typename Op> QString render(const QList<Op> &ops)
{
    QString text;
    for (const Op &op : ops) {
        if (op.kind == DiffKind::Equal)
            text += op.text;
        else if (op.kind == DiffKind::Delete)
            text += QStringLiteral("[-") + op.text + QStringLiteral("-]");
        else
            text += QStringLiteral("{+") + op.text + QStringLiteral("+}");
    }
    return text;
}

QStringList tokenTexts(const QString &text)
{
    QStringList texts;
    for (const WordToken &token : tokenizeWords(text))
        texts.append(text.mid(token.offset, token.length));
    return texts;
}

// Length of a longest common subsequence, by the textbook O(N·M) table: the reference that
// MyersDiff's edit scripts must be as short as.
int lcsLength(const std::vector<int> &a, const std::vector<int> &b)
{
    std::vector<std::vector<int>> table(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j)
            table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1
                                               : std::max(table[i - 1][j], table[i][j - 1]);
    return table[a.size()][b.size()];
}

// Random prose with the awkward parts outputs have: CRLF and LF, tabs, punctuation, accents,
// CJK, emoji, a lone surrogate.
QString randomText(QRandomGenerator &random, int tokens)
{
    static const QStringList pieces = { QStringLiteral("the"), QStringLiteral("model"),
        QStringLiteral("colour"), QStringLiteral("color"), QStringLiteral("don't"),
        QStringLiteral(" "), QStringLiteral("  "), QStringLiteral("\t"), QStringLiteral("\n"),
        QStringLiteral("\r\n"), QStringLiteral("\r"), QStringLiteral(","), QStringLiteral("."),
        QStringLiteral("\""), QStringLiteral("Köln"), QStringLiteral("nai\u0308ve"),
        QStringLiteral("日本語"), QStringLiteral("猫"), QStringLiteral("👍🏽"),
        QStringLiteral("42"), QString(QChar(0xD800)), QStringLiteral("a"), QStringLiteral("b") };
    QString text;
    for (int i = 0; i < tokens; ++i)
        text += pieces[random.bounded(int(pieces.size()))];
    return text;
}

QString mutate(QRandomGenerator &random, const QString &text)
{
    QStringList parts = tokenTexts(text);
    const int edits = random.bounded(6);
    for (int e = 0; e < edits; ++e) {
        const int at = parts.isEmpty() ? 0 : random.bounded(int(parts.size()));
        switch (random.bounded(3)) {
        case 0:
            if (!parts.isEmpty())
                parts.removeAt(at);
            break;
        case 1:
            parts.insert(at, randomText(random, 1 + random.bounded(3)));
            break;
        default:
            if (!parts.isEmpty())
                parts[at] = randomText(random, 1);
        }
    }
    return parts.join(QString());
}

// Words drawn from a 400-word vocabulary, in lines and paragraphs, about `size` characters.
QString randomProse(QRandomGenerator &random, int size)
{
    QString text;
    while (text.size() < size) {
        text += QStringLiteral("w") + QString::number(random.bounded(400));
        const int r = random.bounded(20);
        text += r == 0 ? QStringLiteral(".\n")
            : r == 1   ? QStringLiteral(", ")
                       : QStringLiteral(" ");
    }
    return text;
}

} // namespace

class TestWordDiff final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokenize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("words and punctuation")
            << QStringLiteral("Hello, world!") << QStringList { "Hello", ",", " ", "world", "!" };
        QTest::newRow("apostrophes inside, quotes outside")
            << QStringLiteral("don't 'quote' l’homme")
            << QStringList { "don't", " ", "'", "quote", "'", " ", "l’homme" };
        QTest::newRow("whitespace runs, line breaks apart")
            << QStringLiteral("a \t b\r\nc\rd\n\ne")
            << QStringList { "a", " \t ", "b", "\r\n", "c", "\r", "d", "\n", "\n", "e" };
        QTest::newRow("numbers") << QStringLiteral("pi 3.14")
                                 << QStringList { "pi", " ", "3", ".", "14" };
        QTest::newRow("combining accent stays in its word")
            << QStringLiteral("nai\u0308ve café") << QStringList { "nai\u0308ve", " ", "café" };
        QTest::newRow("CJK one character each")
            << QStringLiteral("我喜欢猫。カタカナ")
            << QStringList { "我", "喜", "欢", "猫", "。", "カ", "タ", "カ", "ナ" };
        QTest::newRow("Hangul words are space separated")
            << QStringLiteral("안녕 세계") << QStringList { "안녕", " ", "세계" };
        QTest::newRow("emoji with modifier and ZWJ") << QStringLiteral(
            "ok👍🏽👩\u200D💻!") << QStringList { "ok", "👍🏽", "👩\u200D💻", "!" };
        QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + QStringLiteral("x")
                                        << QStringList { QString(QChar(0xD800)), "x" };
    }
    void tokenize()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QCOMPARE(tokenTexts(text), tokens);
    }

    void diffWords_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("both empty") << QString() << QString() << QString();
        QTest::newRow("identical") << QStringLiteral("same text\n") << QStringLiteral("same text\n")
                                   << QStringLiteral("same text\n");
        QTest::newRow("old empty")
            << QString() << QStringLiteral("hello world") << QStringLiteral("{+hello world+}");
        QTest::newRow("new empty")
            << QStringLiteral("hello world") << QString() << QStringLiteral("[-hello world-]");
        QTest::newRow("one word") << QStringLiteral("The colour is red")
                                  << QStringLiteral("The color is red")
                                  << QStringLiteral("The [-colour-]{+color+} is red");
        QTest::newRow("punctuation only")
            << QStringLiteral("Hello world.") << QStringLiteral("Hello world!")
            << QStringLiteral("Hello world[-.-]{+!+}");
        QTest::newRow("insertion")
            << QStringLiteral("a b.") << QStringLiteral("a b c.") << QStringLiteral("a b{+ c+}.");
        QTest::newRow("deletion") << QStringLiteral("a b c.") << QStringLiteral("a b.")
                                  << QStringLiteral("a b[- c-].");
        QTest::newRow("short equality merged")
            << QStringLiteral("the quick brown fox") << QStringLiteral("a slow brown fox")
            << QStringLiteral("[-the quick-]{+a slow+} brown fox");
        QTest::newRow("long equality kept")
            << QStringLiteral("alpha beta gamma") << QStringLiteral("ALPHA beta GAMMA")
            << QStringLiteral("[-alpha-]{+ALPHA+} beta [-gamma-]{+GAMMA+}");
        QTest::newRow("CRLF lines") << QStringLiteral("line one\r\nline two\r\n")
                                    << QStringLiteral("line one\r\nline 2\r\n")
                                    << QStringLiteral("line one\r\nline [-two-]{+2+}\r\n");
        QTest::newRow("CRLF to LF") << QStringLiteral("a\r\nb") << QStringLiteral("a\nb")
                                    << QStringLiteral("a[-\r\n-]{+\n+}b");
        QTest::newRow("accented word")
            << QStringLiteral("Grüße aus Köln") << QStringLiteral("Grüße aus Bonn")
            << QStringLiteral("Grüße aus [-Köln-]{+Bonn+}");
        QTest::newRow("one CJK character")
            << QStringLiteral("我喜欢猫") << QStringLiteral("我喜欢狗")
            << QStringLiteral("我喜欢[-猫-]{+狗+}");
        QTest::newRow("emoji") << QStringLiteral("ok 👍🏽") << QStringLiteral("ok 👎")
                               << QStringLiteral("ok [-👍🏽-]{+👎+}");
    }
    void diffWords()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QString, expected);
        const WordDiff diff = psm::core::diffWords(oldText, newText);
        QCOMPARE(render(diff.ops), expected);
        QCOMPARE(oldTextOf(diff.ops), oldText);
        QCOMPARE(newTextOf(diff.ops), newText);
        QVERIFY(!diff.lineLevelFallback);
    }

    void characterRefinement_data()
    {
        QTest::addColumn<QString>("oldWord");
        QTest::addColumn<QString>("newWord");
        QTest::addColumn<QString>("expected");
        QTest::newRow("letter removed")
            << QStringLiteral("colour") << QStringLiteral("color") << QStringLiteral("colo[-u-]r");
        // "n" between two changes is no longer than either, so it joins them.
        QTest::newRow("kitten") << QStringLiteral("kitten") << QStringLiteral("sitting")
                                << QStringLiteral("[-k-]{+s+}itt[-en-]{+ing+}");
        QTest::newRow("case") << QStringLiteral("Model") << QStringLiteral("model")
                              << QStringLiteral("[-M-]{+m+}odel");
        QTest::newRow("astral code points stay whole")
            << QStringLiteral("a𝔸b") << QStringLiteral("a𝔹b") << QStringLiteral("a[-𝔸-]{+𝔹+}b");
    }
    void characterRefinement()
    {
        QFETCH(QString, oldWord);
        QFETCH(QString, newWord);
        QFETCH(QString, expected);
        const WordDiff diff = psm::core::diffWords(
            QStringLiteral("say ") + oldWord + u'.', QStringLiteral("say ") + newWord + u'.');
        QCOMPARE(diff.ops.size(), 4);
        QCOMPARE(diff.ops[1].kind, DiffKind::Delete);
        QCOMPARE(diff.ops[2].kind, DiffKind::Insert);
        QCOMPARE(render(diff.ops[1].characters), expected);
        QCOMPARE(diff.ops[2].characters, diff.ops[1].characters);
        QCOMPARE(render(diffCharacters(oldWord, newWord)), expected);
    }

    void noRefinementForPhrases()
    {
        const WordDiff diff = psm::core::diffWords(
            QStringLiteral("the quick brown fox"), QStringLiteral("a slow brown fox"));
        QCOMPARE(diff.ops[0].kind, DiffKind::Delete);
        QVERIFY(diff.ops[0].characters.isEmpty());
        QVERIFY(diff.ops[1].characters.isEmpty());
    }

    void summary_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<int>("added");
        QTest::addColumn<int>("removed");
        QTest::addColumn<int>("changed");
        QTest::addColumn<double>("similarity");
        QTest::newRow("both empty") << QString() << QString() << 0 << 0 << 0 << 1.0;
        QTest::newRow("identical")
            << QStringLiteral("a b") << QStringLiteral("a b") << 0 << 0 << 0 << 1.0;
        QTest::newRow("nothing shared")
            << QStringLiteral("abc") << QStringLiteral("xyz") << 0 << 0 << 1 << 0.0;
        // Equal: "The " + " sat on " + " mat" = 16 of 22 + 26 characters.
        QTest::newRow("mixed") << QStringLiteral("The cat sat on the mat")
                               << QStringLiteral("The dog sat on a mat today") << 1 << 0 << 2
                               << 32.0 / 48.0;
        QTest::newRow("punctuation is not a word")
            << QStringLiteral("Yes.") << QStringLiteral("Yes!") << 0 << 0 << 0 << 6.0 / 8.0;
        QTest::newRow("removed words") << QStringLiteral("one two three.") << QStringLiteral("one.")
                                       << 0 << 2 << 0 << 8.0 / 18.0;
    }
    void summary()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(int, added);
        QFETCH(int, removed);
        QFETCH(int, changed);
        QFETCH(double, similarity);
        const WordDiffSummary summary = psm::core::diffWords(oldText, newText).summary;
        QCOMPARE(summary.wordsAdded, added);
        QCOMPARE(summary.wordsRemoved, removed);
        QCOMPARE(summary.wordsChanged, changed);
        QVERIFY2(qAbs(summary.similarity - similarity) < 1e-9,
            qPrintable(QString::number(summary.similarity)));
    }

    // Against the O(N·M) table on 2,000 random pairs: the edit script is as short as possible,
    // and what it leaves unmarked is a common subsequence.
    void myersIsMinimal()
    {
        QRandomGenerator random(11);
        for (int round = 0; round < 2000; ++round) {
            const int alphabet = 2 + random.bounded(4);
            std::vector<int> a(random.bounded(14));
            std::vector<int> b(random.bounded(14));
            for (int &v : a)
                v = random.bounded(alphabet);
            for (int &v : b)
                v = random.bounded(alphabet);
            MyersDiff diff(a, b);
            QVERIFY(diff.compare(0, int(a.size()), 0, int(b.size()), 1'000'000));
            std::vector<int> keptA;
            std::vector<int> keptB;
            for (size_t i = 0; i < a.size(); ++i)
                if (!diff.removed()[i])
                    keptA.push_back(a[i]);
            for (size_t j = 0; j < b.size(); ++j)
                if (!diff.added()[j])
                    keptB.push_back(b[j]);
            QCOMPARE(keptA, keptB);
            QVERIFY2(int(keptA.size()) == lcsLength(a, b), qPrintable(QString::number(round)));
        }
    }

    void myersGivesUpOverBudget()
    {
        std::vector<int> a(2000);
        std::vector<int> b(2000);
        for (int i = 0; i < 2000; ++i) {
            a[i] = i;
            b[i] = 5000 + i;
        }
        MyersDiff diff(a, b);
        QVERIFY(!diff.compare(0, 2000, 0, 2000, 10'000));
        QVERIFY(
            std::none_of(diff.removed().begin(), diff.removed().end(), [](char c) { return c; }));
        QVERIFY(diff.compare(0, 2000, 0, 2000, 100'000'000));
        QVERIFY(
            std::all_of(diff.removed().begin(), diff.removed().end(), [](char c) { return c; }));
    }

    // Seeded property check on 3,000 random pairs: the ops give back both texts exactly,
    // equalities and changes alternate, a change deletes before it inserts, and the character
    // refinement of a replaced word gives back both words.
    void opsReconstructBothTexts()
    {
        QRandomGenerator random(2026);
        for (int round = 0; round < 3000; ++round) {
            const QString oldText = randomText(random, random.bounded(40));
            const QString newText = random.bounded(4) == 0 ? randomText(random, random.bounded(40))
                                                           : mutate(random, oldText);
            const WordDiff diff = psm::core::diffWords(oldText, newText);
            const QByteArray context = QByteArray::number(round);
            QVERIFY2(oldTextOf(diff.ops) == oldText, context.constData());
            QVERIFY2(newTextOf(diff.ops) == newText, context.constData());
            for (qsizetype i = 0; i < diff.ops.size(); ++i) {
                const WordDiffOp &op = diff.ops[i];
                QVERIFY2(!op.text.isEmpty(), context.constData());
                if (i > 0 && op.kind == DiffKind::Equal)
                    QVERIFY2(diff.ops[i - 1].kind != DiffKind::Equal, context.constData());
                if (i > 0 && op.kind == DiffKind::Delete)
                    QVERIFY2(diff.ops[i - 1].kind == DiffKind::Equal, context.constData());
                if (op.characters.isEmpty())
                    continue;
                QVERIFY2(op.kind != DiffKind::Equal, context.constData());
                const WordDiffOp &removal = op.kind == DiffKind::Delete ? op : diff.ops[i - 1];
                const WordDiffOp &addition = op.kind == DiffKind::Insert ? op : diff.ops[i + 1];
                QVERIFY2(oldTextOf(op.characters) == removal.text, context.constData());
                QVERIFY2(newTextOf(op.characters) == addition.text, context.constData());
            }
        }
    }

    // A scattered handful of edits in ~60 KB stays exact; two unrelated 100 KB texts take the
    // line fallback and still reconstruct.
    void largeTexts()
    {
        QRandomGenerator random(7);
        const QString base = randomProse(random, 60'000);
        // Every 150th token that is a word becomes one no other text has.
        QStringList parts = tokenTexts(base);
        int replaced = 0;
        for (qsizetype i = 0; i < parts.size(); i += 150) {
            while (i < parts.size() && !parts[i].startsWith(u'w'))
                ++i;
            if (i < parts.size()) {
                parts[i] = QStringLiteral("CHANGED");
                ++replaced;
            }
        }
        const QString edited = parts.join(QString());
        const WordDiff small = psm::core::diffWords(base, edited);
        QVERIFY(!small.lineLevelFallback);
        QVERIFY(replaced > 50);
        QCOMPARE(small.summary.wordsChanged, replaced);
        QCOMPARE(small.summary.wordsAdded, 0);
        QCOMPARE(small.summary.wordsRemoved, 0);
        QCOMPARE(oldTextOf(small.ops), base);
        QCOMPARE(newTextOf(small.ops), edited);

        const QString other = randomProse(random, 100'000);
        const QString unrelated = randomProse(random, 100'000);
        const WordDiff big = psm::core::diffWords(other, unrelated);
        QVERIFY(big.lineLevelFallback);
        QCOMPARE(oldTextOf(big.ops), other);
        QCOMPARE(newTextOf(big.ops), unrelated);
    }

    // In the fallback, lines both texts share are still found between the unrelated parts (the
    // shared part is longer than the changes around it, so the cleanup keeps it as an equality).
    void fallbackKeepsSharedLines()
    {
        QRandomGenerator random(8);
        const QString shared = QStringLiteral("\n") + randomProse(random, 60'000) + u'\n';
        const QString oldText = randomProse(random, 20'000) + shared + randomProse(random, 20'000);
        const QString newText = randomProse(random, 20'000) + shared + randomProse(random, 20'000);
        const WordDiff diff = psm::core::diffWords(oldText, newText);
        QVERIFY(diff.lineLevelFallback);
        QVERIFY(std::any_of(diff.ops.begin(), diff.ops.end(), [&](const WordDiffOp &op) {
            return op.kind == DiffKind::Equal && op.text.size() >= shared.size() - 2;
        }));
        QCOMPARE(oldTextOf(diff.ops), oldText);
        QCOMPARE(newTextOf(diff.ops), newText);
    }
};

QTEST_GUILESS_MAIN(TestWordDiff)
#include "tst_worddiff.moc"
