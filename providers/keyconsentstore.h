// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QString>

namespace psm::providers {

// The user's "yes, send this key there" answers, per (workspace, host, key source), kept in
// the app's config directory — never in the workspace, whose author is the one we ask about.
// A small JSON file read on each question; written atomically. Any thread, one at a time.
class KeyConsentStore final {
public:
    // Empty: "key-consent.json" in the app config location.
    explicit KeyConsentStore(QString path = {});

    bool isAllowed(const QString &workspace, const QString &host, const QString &origin) const;
    core::Status allow(const QString &workspace, const QString &host, const QString &origin);
    QString path() const { return m_path; }

private:
    QString m_path;
};

} // namespace psm::providers
