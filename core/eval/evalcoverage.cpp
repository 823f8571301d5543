// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/evalcoverage.h"

#include <QDir>
#include <QRegularExpression>

namespace psm::core::eval {
namespace {

// `path` relative to `root` ('/'-separated, cleaned); empty when it lies outside.
QString relativeTo(const QString &root, const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    const QString base = QDir::cleanPath(root);
    if (clean == base)
        return {};
    if (!clean.startsWith(base + u'/'))
        return {};
    return clean.mid(base.size() + 1);
}

bool isGlob(const QString &pattern)
{
    return pattern.contains(u'*') || pattern.contains(u'?') || pattern.contains(u'[');
}

// A glob as promptfoo's (fast-glob) reads it: '*' and '?' stay inside one folder, '**' crosses.
bool globMatches(const QString &pattern, const QString &path)
{
    QString regex;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == u'*' && i + 1 < pattern.size() && pattern[i + 1] == u'*') {
            const bool slashAfter = i + 2 < pattern.size() && pattern[i + 2] == u'/';
            regex += slashAfter ? QStringLiteral("(?:.*/)?") : QStringLiteral(".*");
            i += slashAfter ? 2 : 1;
        } else if (c == u'*') {
            regex += QStringLiteral("[^/]*");
        } else if (c == u'?') {
            regex += QStringLiteral("[^/]");
        } else if (c == u'[') {
            const qsizetype close = pattern.indexOf(u']', i + 1);
            if (close < 0) {
                regex += QStringLiteral("\\[");
                continue;
            }
            QString set = pattern.mid(i + 1, close - i - 1);
            if (set.startsWith(u'!'))
                set[0] = u'^';
            regex += u'[' + set.replace(QStringLiteral("\\"), QStringLiteral("\\\\")) + u']';
            i = close;
        } else {
            regex += QRegularExpression::escape(QString(c));
        }
    }
    const QRegularExpression re(QRegularExpression::anchoredPattern(regex));
    return re.isValid() && re.match(path).hasMatch();
}

bool names(
    const QString &entry, const QString &setFolder, const QString &root, const QString &promptPath)
{
    QString written = entry.trimmed();
    if (written.startsWith(u"file://"))
        written = written.mid(7);
    if (written.isEmpty() || written.contains(u'\n') || written.contains(u"{{"))
        return false; // inline prompt text
    QStringList candidates; // the entry as a workspace-relative path, both ways it is read
    if (QDir::isAbsolutePath(written)) {
        candidates << relativeTo(root, written);
    } else {
        candidates << QDir::cleanPath(written);
        candidates << relativeTo(root, setFolder + u'/' + written);
    }
    for (const QString &candidate : std::as_const(candidates)) {
        if (candidate.isEmpty() || candidate.startsWith(u"../"))
            continue;
        if (candidate == promptPath || (isGlob(candidate) && globMatches(candidate, promptPath)))
            return true;
    }
    return false;
}

// The folder of `path` below `tree` ("prompts", "evals") when it is inside it, else below the
// workspace root; "" for the top.
QString mirroredFolder(const QString &path, const QString &tree)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    const QString folder = slash < 0 ? QString() : path.left(slash);
    if (folder == tree)
        return {};
    if (folder.startsWith(tree + u'/'))
        return folder.mid(tree.size() + 1);
    return folder;
}

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

QString fileName(const QString &path)
{
    return path.mid(path.lastIndexOf(u'/') + 1);
}

bool isBeside(const QString &setPath, const QString &promptPath)
{
    QString setName = fileName(setPath);
    if (setName.endsWith(u".yaml"))
        setName.chop(5);
    else if (setName.endsWith(u".yml"))
        setName.chop(4);
    else
        return false;
    const QString promptName = fileName(promptPath).section(u'.', 0, 0); // NAME.VARIANT.prompt
    if (promptName.isEmpty() || setName != promptName)
        return false;
    return folderOf(setPath) == folderOf(promptPath)
        || mirroredFolder(setPath, QStringLiteral("evals"))
        == mirroredFolder(promptPath, QStringLiteral("prompts"));
}

} // namespace

QList<Coverage> coveringEvalSets(
    const QList<EvalSet> &sets, const QString &promptPath, const QString &workspaceRoot)
{
    QList<Coverage> covering;
    const QString prompt = QDir::cleanPath(promptPath);
    if (!prompt.endsWith(u".prompt") || fileName(prompt).startsWith(u'_'))
        return covering;
    for (qsizetype i = 0; i < sets.size(); ++i) {
        const EvalSet &set = sets[i];
        const QString setPath = relativeTo(workspaceRoot, set.file);
        const QString setFolder = folderOf(QDir::cleanPath(set.file));
        bool named = false;
        for (const QString &entry : set.prompts) {
            if (names(entry, setFolder, workspaceRoot, prompt)) {
                named = true;
                break;
            }
        }
        if (named)
            covering.append({ i, Coverage::Reason::Named });
        else if (!setPath.isEmpty() && isBeside(setPath, prompt))
            covering.append({ i, Coverage::Reason::Beside });
    }
    return covering;
}

} // namespace psm::core::eval
