// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/prompthighlighter.h"

#include "ui/themecolors.h"

#include <QFileInfo>
#include <QPalette>
#include <QRegularExpression>
#include <QTextDocument>

#ifdef PSM_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace psm::ui {
namespace {

// Block states: what the previous line left open.
enum State { kNone = -1, kBody = 0, kFrontMatter = 1, kHbsComment = 2 };

bool isFence(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed == QLatin1String("---");
}

// YAML quotes only open a string where a scalar starts ("customer's" is plain text).
bool startsScalar(const QString &text, int i)
{
    if (i == 0)
        return true;
    const QChar before = text.at(i - 1);
    return before.isSpace() || before == QLatin1Char('[') || before == QLatin1Char('{')
        || before == QLatin1Char(',') || before == QLatin1Char(':');
}

// Start of a YAML comment: '#' at line start or after whitespace, outside quotes. -1 if none.
int yamlCommentStart(const QString &text, int from)
{
    QChar quote;
    for (int i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            continue;
        }
        if ((c == QLatin1Char('"') || c == QLatin1Char('\'')) && startsScalar(text, i)) {
            quote = c;
        } else if (c == QLatin1Char('#') && (i == 0 || text.at(i - 1).isSpace())) {
            return i;
        }
    }
    return -1;
}

#ifdef PSM_HAVE_KSYNTAXHIGHLIGHTING
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}
#endif

} // namespace

PromptHighlighter::PromptHighlighter(QTextDocument *document, Mode mode, const QPalette &palette)
    : QSyntaxHighlighter(document)
    , m_mode(mode)
{
    setPalette(palette);
    // QSyntaxHighlighter re-runs only the edited lines and stops where the state is unchanged;
    // adding or deleting a line (a closing `---`, say) can change what follows without changing
    // any edited line's state. Prompt files are small, so a line-count change rehighlights all.
    connect(document, &QTextDocument::blockCountChanged, this, [this] {
        if (!m_rehighlightQueued) {
            m_rehighlightQueued = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_rehighlightQueued = false;
                    rehighlight();
                },
                Qt::QueuedConnection);
        }
    });
}

PromptHighlighter::Mode PromptHighlighter::modeFor(const QString &path, bool *known)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool prompt = suffix == QLatin1String("prompt");
    const bool yaml = suffix == QLatin1String("yaml") || suffix == QLatin1String("yml");
    if (known)
        *known = prompt || yaml;
    return prompt ? Mode::Prompt : Mode::Yaml;
}

QSyntaxHighlighter *PromptHighlighter::create(
    QTextDocument *document, const QString &path, const QPalette &palette)
{
    bool known = false;
    const Mode mode = modeFor(path, &known);
    if (!known)
        return nullptr;
#ifdef PSM_HAVE_KSYNTAXHIGHLIGHTING
    // KSyntaxHighlighting has a YAML definition; .prompt files need ours from resources/, so
    // they keep the built-in highlighter when that definition is not installed.
    const auto definition = repository().definitionForFileName(path);
    if (definition.isValid()) {
        auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
        highlighter->setTheme(repository().themeForPalette(palette));
        highlighter->setDefinition(definition);
        return highlighter;
    }
#endif
    return new PromptHighlighter(document, mode, palette);
}

void PromptHighlighter::setPalette(const QPalette &palette)
{
    using H = ThemeColors::Hue;
    auto coloured = [&](H hue) {
        QTextCharFormat f;
        f.setForeground(ThemeColors::foreground(palette, hue));
        return f;
    };
    m_formats.clear();
    QTextCharFormat fence;
    fence.setForeground(ThemeColors::muted(palette));
    fence.setFontWeight(QFont::Bold);
    m_formats.insert(Category::Fence, fence);
    m_formats.insert(Category::Key, coloured(H::Blue));
    m_formats.insert(Category::String, coloured(H::Green));
    m_formats.insert(Category::Literal, coloured(H::Orange));
    QTextCharFormat comment;
    comment.setForeground(ThemeColors::muted(palette));
    comment.setFontItalic(true);
    m_formats.insert(Category::Comment, comment);
    m_formats.insert(Category::Tag, coloured(H::Teal));
    QTextCharFormat block = coloured(H::Purple);
    block.setFontWeight(QFont::Bold);
    m_formats.insert(Category::BlockTag, block);
    QTextCharFormat partial = coloured(H::Orange);
    partial.setFontItalic(true);
    m_formats.insert(Category::Partial, partial);
    QTextCharFormat role = coloured(H::Red);
    role.setFontWeight(QFont::Bold);
    role.setBackground(ThemeColors::background(palette, H::Red, 0.12));
    m_formats.insert(Category::RoleMarker, role);
    rehighlight();
}

void PromptHighlighter::apply(int start, int length, Category category)
{
    if (length > 0)
        setFormat(start, length, m_formats.value(category));
}

void PromptHighlighter::highlightBlock(const QString &text)
{
    const int previous = previousBlockState();
    if (m_mode == Mode::Yaml) {
        if (isFence(text) || text.trimmed() == QLatin1String("..."))
            apply(0, text.size(), Category::Fence);
        else
            highlightYaml(text, 0);
        setCurrentBlockState(kBody);
        return;
    }
    if (previous == kNone && currentBlock().blockNumber() == 0 && isFence(text)) {
        apply(0, text.size(), Category::Fence);
        setCurrentBlockState(kFrontMatter);
        return;
    }
    if (previous == kFrontMatter) {
        if (isFence(text)) {
            apply(0, text.size(), Category::Fence);
            setCurrentBlockState(kBody);
        } else {
            highlightYaml(text, 0);
            setCurrentBlockState(kFrontMatter);
        }
        return;
    }
    highlightTemplate(text);
}

void PromptHighlighter::highlightYaml(const QString &text, int from)
{
    static const QRegularExpression keyRe(QStringLiteral(
        R"(^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s#:'"\-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?=\s|$))"));
    static const QRegularExpression stringRe(
        QStringLiteral(R"((?<=^|[\s\[{,:])(?:"(?:[^"\\]|\\.)*"?|'[^']*'?))"));
    static const QRegularExpression literalRe(QStringLiteral(
        R"((?:^|[\s:\[,{-])(true|false|null|~|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?=\s*(?:$|[,\]}#])))"));

    const int commentAt = yamlCommentStart(text, from);
    const int end = commentAt < 0 ? int(text.size()) : commentAt;
    const QString code = text.left(end);

    int valueFrom = from;
    const auto key = keyRe.match(code, from);
    if (key.hasMatch()) {
        apply(key.capturedStart(2), key.capturedLength(2), Category::Key);
        valueFrom = key.capturedEnd(0);
    }
    for (auto it = literalRe.globalMatch(code, valueFrom); it.hasNext();) {
        const auto m = it.next();
        apply(m.capturedStart(1), m.capturedLength(1), Category::Literal);
    }
    for (auto it = stringRe.globalMatch(code, valueFrom); it.hasNext();) {
        const auto m = it.next();
        apply(m.capturedStart(), m.capturedLength(), Category::String);
    }
    if (commentAt >= 0)
        apply(commentAt, text.size() - commentAt, Category::Comment);
}

void PromptHighlighter::highlightTemplate(const QString &text)
{
    int i = 0;
    if (previousBlockState() == kHbsComment) {
        const int close = text.indexOf(QLatin1String("--}}"));
        if (close < 0) {
            apply(0, text.size(), Category::Comment);
            setCurrentBlockState(kHbsComment);
            return;
        }
        apply(0, close + 4, Category::Comment);
        i = close + 4;
    }
    setCurrentBlockState(kBody);
    while (i < text.size()) {
        const int open = text.indexOf(QLatin1String("{{"), i);
        if (open < 0)
            break;
        i = highlightTag(text, open);
    }
}

int PromptHighlighter::highlightTag(const QString &text, int open)
{
    // A comment may span lines: {{!-- ... --}}; a short one {{! ... }} ends at the first }}.
    if (text.mid(open, 5) == QLatin1String("{{!--")) {
        const int close = text.indexOf(QLatin1String("--}}"), open + 5);
        if (close < 0) {
            apply(open, text.size() - open, Category::Comment);
            setCurrentBlockState(kHbsComment);
            return int(text.size());
        }
        apply(open, close + 4 - open, Category::Comment);
        return close + 4;
    }
    int close = text.indexOf(QLatin1String("}}"), open + 2);
    const int end = close < 0 ? int(text.size())
                              : close + 2 + (text.mid(close, 3) == QLatin1String("}}}") ? 1 : 0);
    if (text.mid(open, 3) == QLatin1String("{{!")) {
        apply(open, end - open, Category::Comment);
        return end;
    }
    int inner = open + 2;
    while (inner < end
        && (text.at(inner) == QLatin1Char('{') || text.at(inner) == QLatin1Char('~')
            || text.at(inner).isSpace()))
        ++inner;
    const QString body = text.mid(inner, end - inner);
    static const QRegularExpression wordRe(QStringLiteral(R"(^[A-Za-z_][\w.-]*)"));
    const QString word = wordRe.match(body).captured();

    Category category = Category::Tag;
    if (body.startsWith(QLatin1Char('>')))
        category = Category::Partial;
    else if (body.startsWith(QLatin1Char('#')) || body.startsWith(QLatin1Char('/'))
        || body.startsWith(QLatin1Char('^')) || word == QLatin1String("else"))
        category = Category::BlockTag;
    else if (word == QLatin1String("role") || word == QLatin1String("history"))
        category = Category::RoleMarker;
    apply(open, end - open, category);

    if (category == Category::Tag || category == Category::BlockTag) {
        static const QRegularExpression stringRe(QStringLiteral(R"("(?:[^"\\]|\\.)*"|'[^']*')"));
        for (auto it = stringRe.globalMatch(text.left(end), inner); it.hasNext();) {
            const auto m = it.next();
            apply(m.capturedStart(), m.capturedLength(), Category::String);
        }
    }
    return end;
}

} // namespace psm::ui
