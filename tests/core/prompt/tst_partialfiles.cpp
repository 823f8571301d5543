// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Partials are read from files inside the workspace only: absolute names, '..' names and
// symbolic links out of the work tree are refused with a reason; in-tree links work.
#include "core/prompt/partialfiles.h"
#include "core/prompt/promptengine.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;

namespace {

bool write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestPartialFiles final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_root; // the workspace
    QTemporaryDir m_outside;
    QString m_prompt;

    Result<RenderedPrompt> render(const std::string &templateText)
    {
        auto prompt = parsePrompt(templateText, m_prompt);
        if (!prompt)
            return tl::unexpected(prompt.error());
        PromptEngine engine;
        engine.setPartialResolver(partialFileResolver(m_prompt, m_root.path()));
        return engine.render(*prompt, {});
    }

    static QString textOf(const RenderedPrompt &rendered)
    {
        return QString::fromStdString(
            rendered.messages().at(0).at("content").at(0).at("text").get<std::string>());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid() && m_outside.isValid());
        QVERIFY(QDir(m_root.path()).mkpath(QStringLiteral(".git")));
        m_prompt = m_root.filePath(QStringLiteral("prompts/team/main.prompt"));
        QVERIFY(write(m_prompt, "unused\n"));
        QVERIFY(write(m_outside.filePath(QStringLiteral("_secret.prompt")), "SECRET\n"));
        QVERIFY(write(m_root.filePath(QStringLiteral("prompts/_style.prompt")), "be brief"));
        QVERIFY(QFile::link(m_outside.filePath(QStringLiteral("_secret.prompt")),
            m_root.filePath(QStringLiteral("prompts/_env.prompt"))));
        QVERIFY(QFile::link(QStringLiteral("_style.prompt"),
            m_root.filePath(QStringLiteral("prompts/_alias.prompt"))));
        QVERIFY(QFile::link(m_outside.path(), m_root.filePath(QStringLiteral("prompts/ext"))));
    }

    void inTreePartialAndInTreeLinkRender()
    {
        auto rendered = render("{{> style}} / {{> alias}}");
        QVERIFY2(rendered, qPrintable(rendered ? QString() : rendered.error().toString()));
        QCOMPARE(textOf(*rendered), QStringLiteral("be brief / be brief"));
    }

    void partialLinkedOutsideIsRefused()
    {
        auto rendered = render("{{> env}}");
        QVERIFY(!rendered);
        QCOMPARE(rendered.error().code, ErrorCode::InvalidInput);
        const QString message = rendered.error().message;
        QVERIFY2(message.contains(QLatin1String("Partial 'env'")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("prompts/_env.prompt")), qPrintable(message));
        QVERIFY2(message.contains(QFileInfo(m_outside.filePath(QStringLiteral("_secret.prompt")))
                                      .canonicalFilePath()),
            qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("outside the workspace")), qPrintable(message));
        QCOMPARE(rendered.error().file, m_prompt);
    }

    void partialInLinkedFolderIsRefused()
    {
        auto rendered = render("{{> ext/secret}}");
        QVERIFY(!rendered);
        QVERIFY2(rendered.error().message.contains(QLatin1String("outside the workspace")),
            qPrintable(rendered.error().message));
    }

    void absolutePartialNameIsRefused()
    {
        const QString name = m_outside.filePath(QStringLiteral("secret"));
        auto rendered = render("{{> \"" + name.toStdString() + "\"}}");
        QVERIFY(!rendered);
        QVERIFY2(rendered.error().message.contains(QLatin1String("absolute path")),
            qPrintable(rendered.error().message));
        QVERIFY(!rendered.error().message.contains(QLatin1String("SECRET")));
    }

    void dotDotPartialNameIsRefused()
    {
        // prompts/team/../../x would be the workspace root; deeper climbs leave it.
        auto resolver = partialFileResolver(m_prompt, m_root.path());
        const auto source
            = resolver("../../../" + QDir(m_outside.path()).dirName().toStdString() + "/secret");
        QVERIFY(source);
        QVERIFY(source->source.empty());
        QVERIFY2(source->refusal.contains(QLatin1String("'..'")), qPrintable(source->refusal));
        auto rendered = render("{{> ../style}}");
        QVERIFY(!rendered);
        QVERIFY2(rendered.error().message.contains(QLatin1String("'..'")),
            qPrintable(rendered.error().message));
    }

    void unknownPartialIsStillNotFound()
    {
        auto resolver = partialFileResolver(m_prompt, m_root.path());
        QVERIFY(!resolver("nothing_here"));
    }
};

QTEST_GUILESS_MAIN(TestPartialFiles)
#include "tst_partialfiles.moc"
