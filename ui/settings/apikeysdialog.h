// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/providersconfig.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace psm::providers {
class KeyStore;
}

namespace psm::ui {

// Settings → API keys: per provider, where its key comes from (keychain, environment, none)
// shown masked, and add/replace/remove through providers::KeyStore (the OS keychain only).
// Without a keychain service it says so and lists the environment variables to set instead;
// it never writes a key to a file and never logs one. GUI thread; opened by the main window.
class ApiKeysDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeysDialog)
public:
    ApiKeysDialog(providers::ProvidersConfig config, QWidget *parent = nullptr);

    // "sk-…1234" style: never more than the last four characters.
    static QString masked(const QString &key);
    void refresh();

Q_SIGNALS:
    void refreshed(); // every provider's lookup has answered

private:
    QString selectedProvider() const;
    void saveKey();
    void removeKey();
    void updateButtons();

    providers::ProvidersConfig m_config;
    providers::KeyStore *m_keys;
    bool m_keychain = false;
    int m_pendingLookups = 0;
    QLabel *m_note;
    QTableWidget *m_table;
    QLineEdit *m_keyEdit;
    QPushButton *m_save;
    QPushButton *m_remove;
    QLabel *m_status;
};

} // namespace psm::ui
