// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Times diffWords on two ~100 KB model outputs: (a) about 5% of the words changed, (b) two
// unrelated texts, (c) one paragraph inserted. 20 runs each; prints median and max. Target: under
// 50 ms. Run on purpose; not a CTest test.
#include "core/diff/worddiff.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include <time.h>

using namespace psm::core;

namespace {

constexpr int kRuns = 20;
constexpr int kTargetSize = 100 * 1024;

// English-like prose: a third of the words are common function words (as in real outputs, so
// unrelated texts still share many tokens), the rest from a 2,000-word vocabulary; sentences with
// commas, paragraphs separated by blank lines.
class ProseGenerator {
public:
    explicit ProseGenerator(unsigned seed)
        : m_random(seed)
    {
        std::uniform_int_distribution<int> length(2, 10);
        std::uniform_int_distribution<int> letter('a', 'z');
        for (int i = 0; i < 2000; ++i) {
            QString word;
            for (int n = length(m_random); n > 0; --n)
                word += QChar(letter(m_random));
            m_vocabulary.append(word);
        }
    }

    QString word()
    {
        static const QStringList common = { "the", "of", "and", "a", "to", "in", "is", "that" };
        if (std::uniform_int_distribution<int>(0, 2)(m_random) == 0)
            return common[std::uniform_int_distribution<int>(0, 7)(m_random)];
        return m_vocabulary[std::uniform_int_distribution<int>(0, 1999)(m_random)];
    }

    QString paragraph()
    {
        QString text;
        const int sentences = std::uniform_int_distribution<int>(3, 8)(m_random);
        for (int s = 0; s < sentences; ++s) {
            const int words = std::uniform_int_distribution<int>(6, 20)(m_random);
            for (int w = 0; w < words; ++w) {
                text += word();
                text += w + 1 == words ? QStringLiteral(". ")
                    : chance(10)       ? QStringLiteral(", ")
                                       : QStringLiteral(" ");
            }
        }
        text.chop(1);
        return text + QStringLiteral("\n\n");
    }

    QString text(int size)
    {
        QString result;
        while (result.size() < size)
            result += paragraph();
        return result;
    }

    bool chance(int percent)
    {
        return std::uniform_int_distribution<int>(0, 99)(m_random) < percent;
    }

private:
    std::mt19937 m_random;
    QStringList m_vocabulary;
};

// Replaces about `percent` of the words (tokens that start with a letter) with other words.
QString changeWords(ProseGenerator &generator, const QString &text, int percent)
{
    QString result;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype end = i;
        while (end < text.size() && text[end].isLetter())
            ++end;
        if (end > i) {
            result += generator.chance(percent) ? generator.word() : text.mid(i, end - i);
            i = end;
        } else {
            result += text[i++];
        }
    }
    return result;
}

// This thread's CPU time: on a loaded machine wall time includes waiting for a core.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void measure(const char *name, const QString &oldText, const QString &newText)
{
    std::vector<double> times;
    std::vector<double> cpuTimes;
    WordDiff diff;
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer timer;
        const double cpuStart = cpuMs();
        timer.start();
        diff = diffWords(oldText, newText);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpuTimes.push_back(cpuMs() - cpuStart);
    }
    const bool exact = oldTextOf(diff.ops) == oldText && newTextOf(diff.ops) == newText;
    std::printf("%-22s %6lld/%6lld chars  ops %5lld  +%d -%d ~%d words  similarity %.3f  %s%s\n"
                "%-22s wall median %7.2f ms  max %7.2f ms | cpu median %7.2f ms  max %7.2f ms"
                "  (%d runs)\n",
        name, qlonglong(oldText.size()), qlonglong(newText.size()), qlonglong(diff.ops.size()),
        diff.summary.wordsAdded, diff.summary.wordsRemoved, diff.summary.wordsChanged,
        diff.summary.similarity, diff.lineLevelFallback ? "line fallback" : "exact token diff",
        exact ? "" : "  RECONSTRUCTION FAILED", "", median(times),
        *std::max_element(times.begin(), times.end()), median(cpuTimes),
        *std::max_element(cpuTimes.begin(), cpuTimes.end()), kRuns);
}

} // namespace

int main()
{
    ProseGenerator generator(20261204);
    const QString base = generator.text(kTargetSize);

    const QString changed = changeWords(generator, base, 5);
    measure("(a) 5% words changed", base, changed);

    const QString unrelated = generator.text(kTargetSize);
    measure("(b) unrelated", base, unrelated);

    // A paragraph of about 1 KB inserted after the paragraph nearest the middle.
    QString inserted = base;
    const qsizetype middle = base.indexOf(QStringLiteral("\n\n"), base.size() / 2) + 2;
    inserted.insert(middle, generator.paragraph());
    measure("(c) paragraph inserted", base, inserted);
    return 0;
}
