// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Dependencies point inward: app -> ui -> run -> providers -> core, never back. Every
// `#include "..."` of our sources is checked against the layer of the file that has it, and
// core, providers and run must not link QtGui or QtWidgets (docs/ARCHITECTURE.md).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Outermost first; a file may include its own layer and any layer after it.
const QStringList kLayers = { QStringLiteral("app"), QStringLiteral("ui"), QStringLiteral("run"),
    QStringLiteral("providers"), QStringLiteral("core") };

// providers uses core only for the request/response types, errors and the parsed settings.
const QStringList kProvidersMayUseCore = { QStringLiteral("core/chat/"),
    QStringLiteral("core/common/"), QStringLiteral("core/settings/") };

// "file:line: includes X" for each include that points the wrong way under `root`.
QStringList violations(const QString &root)
{
    static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s+\"([^\"]+)\""));
    QStringList found;
    for (const QString &layer : kLayers) {
        const int rank = int(kLayers.indexOf(layer));
        QDirIterator it(QDir(root).filePath(layer),
            { QStringLiteral("*.h"), QStringLiteral("*.cpp") }, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            int lineNo = 0;
            while (!file.atEnd()) {
                const QString line = QString::fromUtf8(file.readLine());
                ++lineNo;
                const auto m = include.match(line);
                if (!m.hasMatch())
                    continue;
                const QString target = m.captured(1);
                const QString top = target.section(QLatin1Char('/'), 0, 0);
                const int targetRank = int(kLayers.indexOf(top));
                if (targetRank < 0)
                    continue; // a sibling header ("runfixture.h") or generated moc
                bool wrong = targetRank < rank;
                if (layer == QLatin1String("providers") && top == QLatin1String("core"))
                    wrong = std::none_of(kProvidersMayUseCore.cbegin(), kProvidersMayUseCore.cend(),
                        [&](const QString &p) { return target.startsWith(p); });
                if (wrong)
                    found.append(QStringLiteral("%1:%2: includes %3")
                                     .arg(QDir(root).relativeFilePath(path))
                                     .arg(lineNo)
                                     .arg(target));
            }
        }
    }
    return found;
}

bool write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(path.section(QLatin1Char('/'), 0, -2));
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

class TstLayers final : public QObject {
    Q_OBJECT

private slots:
    void includesPointInward()
    {
        const QStringList found = violations(QStringLiteral(PSM_SOURCE_DIR));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    // The checker itself: the layout before psm_run existed (the run engine under providers/
    // including core/workspace) is caught, and so is any arrow back.
    void catchesWrongWayIncludes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("wrong");
        QTest::newRow("providers/run -> core/workspace")
            << "providers/run/runengine.cpp"
            << QByteArray("#include \"core/workspace/workspace.h\"\n") << true;
        QTest::newRow("providers -> core/ledger")
            << "providers/x.cpp" << QByteArray("#include \"core/ledger/ledger.h\"\n") << true;
        QTest::newRow("providers -> core/prompt")
            << "providers/x.h" << QByteArray("  #  include \"core/prompt/promptfile.h\"\n") << true;
        QTest::newRow("core -> providers")
            << "core/ledger/x.cpp" << QByteArray("#include \"providers/transport.h\"\n") << true;
        QTest::newRow("run -> ui")
            << "run/x.cpp" << QByteArray("#include \"ui/logpanel.h\"\n") << true;
        QTest::newRow("ui -> app")
            << "ui/x.cpp" << QByteArray("#include \"app/cli/cli.h\"\n") << true;
        QTest::newRow("providers -> core/chat")
            << "providers/x.cpp" << QByteArray("#include \"core/chat/chatrequest.h\"\n") << false;
        QTest::newRow("run -> core/workspace")
            << "run/x.cpp" << QByteArray("#include \"core/workspace/workspace.h\"\n") << false;
        QTest::newRow("ui -> run")
            << "ui/x.cpp" << QByteArray("#include \"run/runengine.h\"\n") << false;
        QTest::newRow("system header")
            << "core/x.cpp" << QByteArray("#include <QWidget>\n") << false;
    }
    void catchesWrongWayIncludes()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(bool, wrong);
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(file), text));
        QCOMPARE(violations(dir.path()).size(), wrong ? 1 : 0);
    }

    void innerLayersLinkNoGui_data()
    {
        QTest::addColumn<QString>("library");
        QTest::addColumn<QStringList>("allowedOwn");
        QTest::newRow("core") << "psm_core" << QStringList { QStringLiteral("psm_valijson") };
        QTest::newRow("providers") << "psm_providers" << QStringList { QStringLiteral("psm_core") };
        QTest::newRow("run") << "psm_run"
                             << QStringList { QStringLiteral("psm_providers"),
                                    QStringLiteral("psm_core") };
    }
    void innerLayersLinkNoGui()
    {
        QFETCH(QString, library);
        QFETCH(QStringList, allowedOwn);
        QFile file(QStringLiteral(PSM_BINARY_DIR "/layers/") + library + QStringLiteral(".links"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QStringList links
            = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(links.contains(QStringLiteral("Qt6::Core")));
        for (const QString &link : links) {
            QVERIFY2(
                !link.contains(QLatin1String("Gui")) && !link.contains(QLatin1String("Widgets")),
                qPrintable(library + QStringLiteral(" links ") + link));
            // Qt's generated resource objects (the price table, the samples) are no layer.
            if (link.startsWith(QLatin1String("psm_"))
                && !link.contains(QLatin1String("_resources_")))
                QVERIFY2(allowedOwn.contains(link),
                    qPrintable(library + QStringLiteral(" links ") + link));
        }
    }
};

QTEST_GUILESS_MAIN(TstLayers)
#include "tst_layers.moc"
