// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The output diff view on two ~100 KB outputs, offscreen: how long setTexts holds the GUI thread,
// how long until the highlighted diff is shown, and the worst event-loop stall meanwhile (a 5 ms
// probe timer), for (a) 5% of the words changed (thousands of highlights) and (b) unrelated
// texts. 5 runs each; prints median and max. Run on purpose; not a CTest test.
#include "ui/diff/outputdiffview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using psm::ui::OutputDiffView;

namespace {

constexpr int kRuns = 5;

// Prose-like text: common function words and a 2,000-word vocabulary, sentences and paragraphs.
QString prose(std::mt19937 &random, int size)
{
    static QStringList vocabulary;
    if (vocabulary.isEmpty()) {
        std::mt19937 words(7);
        for (int i = 0; i < 2000; ++i) {
            QString word;
            for (int n = std::uniform_int_distribution<int>(2, 10)(words); n > 0; --n)
                word += QChar(std::uniform_int_distribution<int>('a', 'z')(words));
            vocabulary.append(word);
        }
        vocabulary += { "the", "of", "and", "a", "to", "in", "is", "that" };
    }
    QString text;
    for (int i = 0; text.size() < size; ++i) {
        text += vocabulary[std::uniform_int_distribution<int>(0, 2007)(random)];
        text += i % 15 == 14 ? QStringLiteral(".\n\n") : QStringLiteral(" ");
    }
    return text;
}

QString changeWords(std::mt19937 &random, const QString &text, int percent)
{
    QStringList words = text.split(u' ');
    for (QString &word : words)
        if (std::uniform_int_distribution<int>(0, 99)(random) < percent && !word.contains(u'\n'))
            word = QStringLiteral("zz") + word;
    return words.join(u' ');
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void measure(const char *name, const QString &left, const QString &right)
{
    std::vector<double> setTexts, shown, stalls;
    for (int run = 0; run < kRuns; ++run) {
        OutputDiffView view;
        view.resize(1200, 800);
        view.show();
        QElapsedTimer probeClock;
        double worstStall = 0;
        QTimer probe;
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            worstStall = std::max(worstStall, double(probeClock.nsecsElapsed()) / 1e6 - 5);
            probeClock.restart();
        });
        QEventLoop loop;
        QObject::connect(&view, &OutputDiffView::comparisonShown, &loop, &QEventLoop::quit);
        probe.start();
        probeClock.start();
        QElapsedTimer timer;
        timer.start();
        view.setTexts(QStringLiteral("a"), left, QStringLiteral("b"), right);
        setTexts.push_back(double(timer.nsecsElapsed()) / 1e6);
        loop.exec();
        shown.push_back(double(timer.nsecsElapsed()) / 1e6);
        // The slot that shows the result runs inside the loop: let the probe see its stall.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 30)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        stalls.push_back(worstStall);
    }
    std::printf("%-20s setTexts median %6.2f ms | shown median %7.2f ms max %7.2f ms | "
                "worst GUI stall median %7.2f ms max %7.2f ms  (%d runs)\n",
        name, median(setTexts), median(shown), *std::max_element(shown.begin(), shown.end()),
        median(stalls), *std::max_element(stalls.begin(), stalls.end()), kRuns);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::mt19937 random(20261207);
    const QString base = prose(random, 100 * 1024);
    measure("(a) 5% words changed", base, changeWords(random, base, 5));
    measure("(b) unrelated", base, prose(random, 100 * 1024));
    return 0;
}
