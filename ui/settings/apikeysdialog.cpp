// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/settings/apikeysdialog.h"

#include "providers/keystore.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace psm::ui {
namespace {

enum Column { ProviderColumn, SourceColumn, KeyColumn, ColumnCount };

} // namespace

ApiKeysDialog::ApiKeysDialog(providers::ProvidersConfig config, QWidget *parent)
    : QDialog(parent)
    , m_config(std::move(config))
    , m_keys(new providers::KeyStore(this))
    , m_note(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_keyEdit(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save to Keychain"), this))
    , m_remove(new QPushButton(tr("Remove from Keychain"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("apiKeysDialog"));
    setWindowTitle(tr("API Keys"));
    resize(640, 420);
    m_note->setObjectName(QStringLiteral("apiKeysKeychainNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("apiKeysTable"));
    m_table->setHorizontalHeaderLabels({ tr("Provider"), tr("Key from"), tr("Key") });
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_keyEdit->setObjectName(QStringLiteral("apiKeysKeyEdit"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("Paste a new key for the selected provider"));
    m_save->setObjectName(QStringLiteral("apiKeysSaveButton"));
    m_remove->setObjectName(QStringLiteral("apiKeysRemoveButton"));
    m_status->setObjectName(QStringLiteral("apiKeysStatus"));
    m_status->setWordWrap(true);

    QString why;
    m_keychain = providers::KeyStore::keychainAvailable(&why);
    QStringList variables;
    for (const QString &name : m_config.names()) {
        const providers::ProviderSettings *settings = m_config.find(name);
        if (!settings || settings->type == QLatin1String("echo"))
            continue;
        const QStringList env = providers::KeyStore::environmentVariables(*settings);
        if (!env.isEmpty())
            variables.append(QStringLiteral("<li><b>%1</b>: <code>%2</code></li>")
                                 .arg(name.toHtmlEscaped(), env.join(QStringLiteral(" or ")).toHtmlEscaped()));
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, ProviderColumn, new QTableWidgetItem(name));
        m_table->setItem(row, SourceColumn, new QTableWidgetItem(tr("checking…")));
        m_table->setItem(row, KeyColumn, new QTableWidgetItem());
    }
    if (m_keychain) {
        m_note->setText(tr("Keys are stored in the system keychain (service “promptsmith”), never "
                           "in the workspace, the ledger or a log. Environment variables are "
                           "used when the keychain has no key:<ul>%1</ul>")
                            .arg(variables.join(QString())));
    } else {
        m_note->setText(
            tr("<b>No keychain service is available</b> (%1), so keys cannot be stored here — "
               "Promptsmith never writes keys to a file. Set the environment variables before "
               "starting Promptsmith instead, e.g. in your shell profile:<ul>%2</ul>")
                .arg(why.toHtmlEscaped(), variables.join(QString())));
    }
    m_note->setTextFormat(Qt::RichText);

    auto *row = new QHBoxLayout;
    row->addWidget(m_keyEdit, 1);
    row->addWidget(m_save);
    row->addWidget(m_remove);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ApiKeysDialog::updateButtons);
    connect(m_keyEdit, &QLineEdit::textChanged, this, &ApiKeysDialog::updateButtons);
    connect(m_save, &QPushButton::clicked, this, &ApiKeysDialog::saveKey);
    connect(m_remove, &QPushButton::clicked, this, &ApiKeysDialog::removeKey);
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
    updateButtons();
    refresh();
}

QString ApiKeysDialog::masked(const QString &key)
{
    if (key.isEmpty())
        return {};
    if (key.size() < 12)
        return QStringLiteral("••••••••");
    return QStringLiteral("••••••••") + key.right(4);
}

void ApiKeysDialog::refresh()
{
    m_pendingLookups = m_table->rowCount();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, ProviderColumn)->text();
        const providers::ProviderSettings *settings = m_config.find(name);
        m_keys->lookup(*settings, [this, row](const providers::KeyStore::Lookup &found) {
            QString source;
            switch (found.source) {
            case providers::KeyStore::Source::Keychain:
                source = tr("keychain");
                break;
            case providers::KeyStore::Source::Environment:
                source = tr("environment");
                break;
            case providers::KeyStore::Source::None:
                source = tr("not set");
                break;
            }
            m_table->item(row, SourceColumn)->setText(source);
            m_table->item(row, KeyColumn)->setText(masked(found.key));
            if (--m_pendingLookups == 0) {
                updateButtons();
                Q_EMIT refreshed();
            }
        });
    }
    if (m_pendingLookups == 0)
        Q_EMIT refreshed();
}

QString ApiKeysDialog::selectedProvider() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), ProviderColumn)->text();
}

void ApiKeysDialog::updateButtons()
{
    const bool selected = !selectedProvider().isEmpty();
    m_keyEdit->setEnabled(m_keychain && selected);
    m_save->setEnabled(m_keychain && selected && !m_keyEdit->text().trimmed().isEmpty());
    m_remove->setEnabled(m_keychain && selected);
    if (!m_keychain) {
        const QString tip = tr("No keychain service: set the environment variable instead");
        m_save->setToolTip(tip);
        m_remove->setToolTip(tip);
    }
}

void ApiKeysDialog::saveKey()
{
    const QString provider = selectedProvider();
    const QString key = m_keyEdit->text().trimmed();
    if (provider.isEmpty() || key.isEmpty())
        return;
    m_save->setEnabled(false);
    m_keys->store(provider, key, [this, provider](const core::Status &status) {
        if (status) {
            m_keyEdit->clear();
            m_status->setText(tr("Saved the key for %1 in the keychain.").arg(provider));
        } else {
            m_status->setText(status.error().toString());
        }
        refresh();
    });
}

void ApiKeysDialog::removeKey()
{
    const QString provider = selectedProvider();
    if (provider.isEmpty())
        return;
    m_keys->remove(provider, [this, provider](const core::Status &status) {
        m_status->setText(status ? tr("Removed the key for %1 from the keychain.").arg(provider)
                                 : status.error().toString());
        refresh();
    });
}

} // namespace psm::ui
