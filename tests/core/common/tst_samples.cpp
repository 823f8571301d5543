// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The sample workspace ships inside the binary; this checks it is all there and well-formed
// enough for a first start.
#include <QDirIterator>
#include <QFile>
#include <QTest>

class TestSamples final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bundledFilesMatchTheSourceTree()
    {
        QStringList bundled;
        QDirIterator it(QStringLiteral(":/samples"), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            bundled << it.next().mid(QStringLiteral(":/samples/").size());
        bundled.sort();

        QStringList onDisk;
        const QString root = QStringLiteral(PSM_SOURCE_DIR "/samples/");
        QDirIterator disk(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (disk.hasNext()) {
            const QString path = disk.next().mid(root.size());
            if (path != QLatin1String("CMakeLists.txt"))
                onDisk << path;
        }
        onDisk.sort();
        QCOMPARE(bundled, onDisk);
    }

    void hasTheWorkspaceShape()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/samples/promptsmith.yaml")));
        QVERIFY(QFile::exists(QStringLiteral(":/samples/.gitignore")));
        int prompts = 0, partials = 0, evals = 0;
        QDirIterator it(QStringLiteral(":/samples"), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString name = it.next();
            if (name.endsWith(QLatin1String(".prompt")))
                (it.fileName().startsWith(QLatin1Char('_')) ? partials : prompts)++;
            else if (name.contains(QLatin1String("/evals/")))
                evals++;
        }
        QVERIFY2(prompts >= 5, qPrintable(QString::number(prompts)));
        QVERIFY(partials >= 1);
        QVERIFY(evals >= 5);
    }
};

QTEST_GUILESS_MAIN(TestSamples)
#include "tst_samples.moc"
