// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/commitdialog.h"

#include "core/eval/evaltrailers.h"
#include "ui/evalgatepanel.h"
#include "ui/gitjob.h"
#include "ui/logpanel.h"
#include "ui/plaintext.h"
#include "ui/themecolors.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <optional>

namespace psm::ui {
namespace {

constexpr int kPathRole = Qt::UserRole + 1;

struct CommitState {
    QList<core::FileStatus> status;
    std::optional<core::Identity> identity;
    QString identityError;
    QString refusal; // why no commit can be made now (a merge in progress, unmerged files)
};

QString changeWord(core::ChangeKind kind)
{
    switch (kind) {
    case core::ChangeKind::Untracked:
        return CommitDialog::tr("new");
    case core::ChangeKind::Added:
        return CommitDialog::tr("added");
    case core::ChangeKind::Modified:
        return CommitDialog::tr("modified");
    case core::ChangeKind::Deleted:
        return CommitDialog::tr("deleted");
    case core::ChangeKind::Renamed:
        return CommitDialog::tr("renamed");
    case core::ChangeKind::Conflicted:
        return CommitDialog::tr("conflicted");
    case core::ChangeKind::Unmodified:
        break;
    }
    return {};
}

} // namespace

CommitDialog::CommitDialog(
    const QString &root, const QStringList &unsavedPaths, LogPanel *log, QWidget *parent)
    : CommitDialog(root, unsavedPaths, log, run::RunEngineOptions {}, parent)
{
}

CommitDialog::CommitDialog(const QString &root, const QStringList &unsavedPaths, LogPanel *log,
    run::RunEngineOptions evalEngine, QWidget *parent)
    : QDialog(parent)
    , m_root(root)
    , m_log(log)
{
    setObjectName(QStringLiteral("commitDialog"));
    setWindowTitle(tr("Commit changes"));
    resize(640, 680);
    auto *layout = new QVBoxLayout(this);

    layout->addWidget(new QLabel(tr("Files to commit:"), this));
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("commitFileList"));
    layout->addWidget(m_files, 2);

    if (!unsavedPaths.isEmpty()) {
        auto *unsaved = new QLabel(
            tr("Unsaved edits in %1 are not part of this commit; save them first (Ctrl+S) to "
               "include them.")
                .arg(unsavedPaths.join(QStringLiteral(", "))),
            this);
        unsaved->setObjectName(QStringLiteral("commitUnsavedLabel"));
        unsaved->setTextFormat(Qt::PlainText); // file names
        unsaved->setWordWrap(true);
        QPalette pal = unsaved->palette();
        pal.setColor(QPalette::WindowText, ThemeColors::foreground(pal, ThemeColors::Hue::Orange));
        unsaved->setPalette(pal);
        layout->addWidget(unsaved);
    }

    layout->addWidget(new QLabel(tr("Message (first line is the summary):"), this));
    m_message = new QPlainTextEdit(this);
    m_message->setObjectName(QStringLiteral("commitMessage"));
    m_message->setPlaceholderText(tr("Say why the prompt changed, e.g. \"Ask for JSON output to "
                                     "cut parsing failures\""));
    m_message->setTabChangesFocus(true);
    layout->addWidget(m_message, 1);

    auto *gateBox
        = new QGroupBox(tr("Eval sets of the changed prompts (working copy vs HEAD)"), this);
    auto *gateLayout = new QVBoxLayout(gateBox);
    m_gate = new EvalGatePanel(std::move(evalEngine), gateBox);
    gateLayout->addWidget(m_gate);
    m_override = new QCheckBox(tr("Commit anyway (override): I accept these regressions; the "
                                  "commit records my name"),
        gateBox);
    m_override->setObjectName(QStringLiteral("commitOverride"));
    m_override->hide();
    gateLayout->addWidget(m_override);
    layout->addWidget(gateBox, 2);

    m_identityBox = new QGroupBox(tr("Git identity"), this);
    m_identityBox->setObjectName(QStringLiteral("identityBox"));
    auto *form = new QFormLayout(m_identityBox);
    m_identityError = new QLabel(m_identityBox);
    m_identityError->setObjectName(QStringLiteral("identityError"));
    m_identityError->setTextFormat(Qt::PlainText); // git's error text
    m_identityError->setWordWrap(true);
    m_name = new QLineEdit(m_identityBox);
    m_name->setObjectName(QStringLiteral("identityName"));
    m_name->setPlaceholderText(tr("Your Name"));
    m_email = new QLineEdit(m_identityBox);
    m_email->setObjectName(QStringLiteral("identityEmail"));
    m_email->setPlaceholderText(tr("you@example.com"));
    form->addRow(m_identityError);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Email:"), m_email);
    form->addRow(new QLabel(tr("Saved in this workspace's .git/config."), m_identityBox));
    m_identityBox->hide();
    layout->addWidget(m_identityBox);

    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText); // git's error text
    m_status->setObjectName(QStringLiteral("commitStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_commit = buttons->addButton(tr("Commit"), QDialogButtonBox::AcceptRole);
    m_commit->setObjectName(QStringLiteral("commitButton"));
    m_commit->setDefault(true);
    m_commit->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_commit, &QPushButton::clicked, this, [this] { commit(); });
    connect(m_message, &QPlainTextEdit::textChanged, this, [this] { updateCommitEnabled(); });
    connect(m_files, &QListWidget::itemChanged, this, [this] { onCheckedFilesChanged(); });
    connect(m_gate, &EvalGatePanel::stateChanged, this, [this](EvalGatePanel::State state) {
        // A new result needs a new decision: an override given for another run does not carry.
        m_override->setChecked(false);
        m_override->setVisible(state == EvalGatePanel::State::Regressed);
        updateCommitEnabled();
    });
    connect(m_override, &QCheckBox::toggled, this, [this] { updateCommitEnabled(); });
    connect(m_name, &QLineEdit::textChanged, this, [this] { updateCommitEnabled(); });
    connect(m_email, &QLineEdit::textChanged, this, [this] { updateCommitEnabled(); });

    m_status->setText(tr("Reading the workspace status…"));
    load();
}

void CommitDialog::load()
{
    GitJob::onWorkspace(
        this, m_root,
        [](core::Workspace &ws) -> core::Result<CommitState> {
            auto status = ws.status();
            if (!status)
                return tl::unexpected<core::Error>(status.error());
            CommitState state;
            state.status = *status;
            if (auto identity = ws.identity())
                state.identity = *identity;
            else
                state.identityError = identity.error().toString();
            if (auto committable = ws.checkCommittable(); !committable)
                state.refusal = committable.error().toString();
            return state;
        },
        [this](core::Result<CommitState> result) {
            m_loaded = true;
            if (!result) {
                m_status->setText(result.error().toString());
                m_log->error(tr("Could not read the workspace status"), result.error());
                return;
            }
            const QSignalBlocker blocker(m_files);
            for (const auto &s : result->status) {
                QString label
                    = s.path + QStringLiteral("  (") + changeWord(s.change) + QLatin1Char(')');
                if (s.change == core::ChangeKind::Renamed && !s.oldPath.isEmpty())
                    label = s.oldPath + QStringLiteral(" → ") + label;
                auto *item = new QListWidgetItem(label, m_files);
                item->setData(kPathRole, s.path);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
                item->setCheckState(Qt::Checked);
            }
            m_status->setText(result->status.isEmpty() ? tr("Nothing to commit: no file differs "
                                                            "from the last commit.")
                                                       : QString());
            // Said up front rather than after the user has written a message.
            m_refused = !result->refusal.isEmpty();
            if (m_refused)
                m_status->setText(result->refusal);
            m_identity = result->identity;
            m_needIdentity = !result->identity.has_value();
            if (m_needIdentity) {
                m_identityError->setText(
                    tr("Git does not know who you are, so it cannot record an author:\n%1\n"
                       "Enter your name and email; they are used for this workspace.")
                        .arg(result->identityError));
                m_identityBox->show();
            }
            if (!m_refused)
                onCheckedFilesChanged();
            updateCommitEnabled();
            m_message->setFocus();
        });
}

QStringList CommitDialog::checkedPaths() const
{
    QStringList paths;
    for (int i = 0; i < m_files->count(); ++i)
        if (m_files->item(i)->checkState() == Qt::Checked)
            paths.append(m_files->item(i)->data(kPathRole).toString());
    return paths;
}

void CommitDialog::onCheckedFilesChanged()
{
    const QStringList paths = checkedPaths();
    if (!paths.isEmpty())
        m_gate->setChangedPaths(m_root, paths);
    updateCommitEnabled();
}

bool CommitDialog::gateAllowsCommit() const
{
    switch (m_gate->state()) {
    case EvalGatePanel::State::Running:
        return false; // wait for the verdict, or Skip
    case EvalGatePanel::State::Regressed:
        return m_override->isChecked();
    case EvalGatePanel::State::Idle:
    case EvalGatePanel::State::NothingCovered:
    case EvalGatePanel::State::Passed:
    case EvalGatePanel::State::Failed:
        break;
    }
    return true;
}

void CommitDialog::updateCommitEnabled()
{
    bool ok = m_loaded && !m_busy && !m_refused && !m_message->toPlainText().trimmed().isEmpty()
        && !checkedPaths().isEmpty() && gateAllowsCommit();
    if (m_needIdentity)
        ok = ok && !m_name->text().trimmed().isEmpty()
            && m_email->text().contains(QLatin1Char('@'));
    m_commit->setEnabled(ok);
}

void CommitDialog::commit()
{
    const QStringList paths = checkedPaths();
    QString message = m_message->toPlainText().trimmed();
    if (!message.endsWith(QLatin1Char('\n')))
        message += QLatin1Char('\n');
    std::optional<core::Identity> identity;
    if (m_needIdentity)
        identity = core::Identity { m_name->text().trimmed(), m_email->text().trimmed() };
    if (auto evidence = m_gate->evidence()) {
        if (m_gate->state() == EvalGatePanel::State::Regressed) {
            const core::Identity who
                = identity ? *identity : m_identity.value_or(core::Identity {});
            evidence->overriddenBy = QStringLiteral("%1 <%2>").arg(who.name, who.email);
        }
        message = core::eval::withEvalEvidence(message, *evidence);
    }
    m_busy = true;
    updateCommitEnabled();
    m_status->setText(tr("Committing…"));
    GitJob::onWorkspace(
        this, m_root,
        [paths, message, identity](core::Workspace &ws) -> core::Result<QString> {
            if (identity) {
                if (auto set = ws.setIdentity(*identity); !set)
                    return tl::unexpected<core::Error>(set.error());
            }
            return ws.commit(paths, message);
        },
        [this, message](core::Result<QString> result) {
            m_busy = false;
            if (!result) {
                m_status->setText(result.error().toString());
                m_log->error(tr("Commit failed"), result.error());
                updateCommitEnabled();
                return;
            }
            if (m_needIdentity) {
                m_needIdentity = false;
                m_identityBox->hide();
            }
            Q_EMIT committed(*result, message.section(QLatin1Char('\n'), 0, 0));
            accept();
        });
}

} // namespace psm::ui
