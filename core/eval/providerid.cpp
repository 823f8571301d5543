// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/providerid.h"

#include <QStringList>

namespace psm::core::eval {

std::optional<QString> normaliseProviderId(const QString &id, QString *error)
{
    const QString trimmed = id.trimmed();
    // promptfoo's echo provider answers with the prompt; so does ours.
    if (trimmed == u"echo")
        return QStringLiteral("echo/echo");
    if (!trimmed.contains(u':')) {
        const qsizetype slash = trimmed.indexOf(u'/');
        if (slash > 0 && slash + 1 < trimmed.size())
            return trimmed;
        *error = QStringLiteral("provider \"%1\" is neither provider/model nor a promptfoo id "
                                "such as openai:chat:gpt-4o-mini")
                     .arg(id);
        return std::nullopt;
    }
    QStringList parts = trimmed.split(u':');
    const QString vendor = parts.takeFirst();
    // promptfoo's optional API kind between vendor and model.
    static const QStringList kKinds = { QStringLiteral("chat"), QStringLiteral("completion"),
        QStringLiteral("messages"), QStringLiteral("responses") };
    if (parts.size() > 1 && kKinds.contains(parts.first()))
        parts.removeFirst();
    const QString model = parts.join(u':'); // ollama tags keep their colon: llama3.2:3b
    struct Mapping {
        const char16_t *promptfoo;
        const char16_t *ours;
    };
    static const Mapping kVendors[] = {
        { u"openai", u"openai" },
        { u"anthropic", u"anthropic" },
        { u"ollama", u"ollama" },
        { u"google", u"gemini" },
        { u"vertex", u"gemini" },
        { u"gemini", u"gemini" },
    };
    for (const Mapping &mapping : kVendors) {
        if (vendor == QStringView(mapping.promptfoo) && !model.isEmpty())
            return QStringView(mapping.ours).toString() + u'/' + model;
    }
    *error
        = QStringLiteral("provider \"%1\": promptfoo provider \"%2\" has no Promptsmith "
                         "equivalent (supported: openai, anthropic, google/vertex, ollama, echo)")
              .arg(id, vendor);
    return std::nullopt;
}

} // namespace psm::core::eval
