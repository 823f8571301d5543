// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QHash>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;

namespace psm::ui {

// The built-in highlighter for Dotprompt files (YAML front matter between `---` fences, then a
// Handlebars template with {{role "..."}} markers) and for plain YAML (eval sets, settings).
// Used where KSyntaxHighlighting (KF6) is missing, e.g. Debian 12. Colours come from the palette
// of the editor it highlights; GUI thread.
class PromptHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptHighlighter)
public:
    enum class Mode { Prompt, Yaml };
    enum class Category {
        Fence, // the `---` lines around front matter
        Key, // YAML mapping keys
        String, // quoted YAML scalars and strings inside tags
        Literal, // numbers, booleans, null
        Comment, // YAML `#` comments and Handlebars {{! }} / {{!-- --}}
        Tag, // {{ expression }}
        BlockTag, // {{#if}}, {{else}}, {{/if}}, {{#each}} ...
        Partial, // {{> name}}
        RoleMarker, // {{role "system"}}, {{history}}
    };

    PromptHighlighter(QTextDocument *document, Mode mode, const QPalette &palette);

    // The highlighter that suits `path` (.prompt, .yaml/.yml), or nullptr for other files. Uses
    // KSyntaxHighlighting when the build has it.
    static QSyntaxHighlighter *create(
        QTextDocument *document, const QString &path, const QPalette &palette);
    static Mode modeFor(const QString &path, bool *known = nullptr);

    QTextCharFormat format(Category category) const { return m_formats.value(category); }
    void setPalette(const QPalette &palette); // re-derives the colours and rehighlights

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightYaml(const QString &text, int from);
    void highlightTemplate(const QString &text);
    int highlightTag(const QString &text, int open); // returns the index after the tag
    void apply(int start, int length, Category category);

    Mode m_mode;
    bool m_rehighlightQueued = false;
    QHash<Category, QTextCharFormat> m_formats;
};

} // namespace psm::ui
