// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/historypanel.h"

#include "ui/diffview.h"
#include "ui/gitjob.h"
#include "ui/logpanel.h"
#include "ui/plaintext.h"
#include "ui/themecolors.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace psm::ui {
namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kMaxHistory = 500;

// A root commit has no parent to diff against: its version of the file is all additions.
core::FileDiff wholeFileAdded(const QString &path, const QByteArray &bytes)
{
    core::FileDiff diff;
    diff.newPath = path;
    diff.change = core::ChangeKind::Added;
    core::DiffHunk hunk;
    QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    hunk.newStart = lines.isEmpty() ? 0 : 1;
    hunk.newLines = int(lines.size());
    hunk.header = QStringLiteral("@@ -0,0 +%1,%2 @@").arg(hunk.newStart).arg(hunk.newLines);
    for (int i = 0; i < lines.size(); ++i)
        hunk.lines.append(core::DiffLine { '+', -1, i + 1, lines[i] });
    diff.hunks.append(hunk);
    return diff;
}

} // namespace

HistoryPanel::HistoryPanel(LogPanel *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
{
    setObjectName(QStringLiteral("historyPanel"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);

    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(left);
    m_title->setObjectName(QStringLiteral("historyTitle"));
    m_title->setWordWrap(true);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setUniformItemSizes(false);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setWordWrap(false);
    left->setMinimumWidth(240);
    m_list->setToolTip(tr("Pick one commit to see what it changed; Ctrl+click a second one to "
                          "compare the two."));
    m_restore = new QPushButton(tr("Restore this version"), left);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_restore->setToolTip(tr("Write the selected version into the working copy (undoable from "
                             "the log)."));
    m_restore->setEnabled(false);
    leftLayout->addWidget(m_title);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_restore);

    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_diffTitle = new QLabel(right);
    m_diffTitle->setObjectName(QStringLiteral("diffTitle"));
    // Long commit summaries must not widen the dock: the label is clipped, the tooltip is whole.
    m_diffTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_againstWorkingCopy = new QCheckBox(tr("Compare with working copy"), right);
    m_againstWorkingCopy->setObjectName(QStringLiteral("compareWorkingCopy"));
    m_againstWorkingCopy->setToolTip(tr("Diff the picked commit against the file as it is on "
                                        "disk instead of against its parent commit."));
    m_sideBySide = new QToolButton(right);
    m_sideBySide->setObjectName(QStringLiteral("sideBySideButton"));
    m_sideBySide->setText(tr("Side by side"));
    m_inline = new QToolButton(right);
    m_inline->setObjectName(QStringLiteral("inlineButton"));
    m_inline->setText(tr("Inline"));
    auto *modes = new QButtonGroup(this);
    for (QToolButton *b : { m_sideBySide, m_inline }) {
        b->setCheckable(true);
        b->setAutoRaise(true);
        modes->addButton(b);
    }
    m_sideBySide->setChecked(true);
    bar->addWidget(m_diffTitle, 1);
    bar->addWidget(m_againstWorkingCopy);
    bar->addWidget(m_sideBySide);
    bar->addWidget(m_inline);
    m_diff = new DiffView(right);
    rightLayout->addLayout(bar);
    rightLayout->addWidget(m_diff, 1);

    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({ 320, 900 });

    connect(m_list, &QListWidget::itemSelectionChanged, this, [this] { updateDiff(); });
    connect(m_againstWorkingCopy, &QCheckBox::toggled, this, [this] { updateDiff(); });
    connect(m_sideBySide, &QToolButton::toggled, this, [this](bool on) {
        m_diff->setMode(on ? DiffView::Mode::SideBySide : DiffView::Mode::Inline);
    });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const auto selected = m_list->selectedItems();
        if (selected.size() == 1)
            Q_EMIT restoreRequested(selected.first()->data(kIdRole).toString(), m_path);
    });
    setFile({});
}

void HistoryPanel::setWorkspace(const QString &root)
{
    m_root = root;
    setFile({});
}

void HistoryPanel::setFile(const QString &path)
{
    m_path = path;
    m_commits.clear();
    m_list->clear();
    ++m_historyGeneration;
    ++m_diffGeneration;
    if (path.isEmpty()) {
        m_title->setText(tr("History"));
        setDiffTitle({});
        m_diff->showMessage(tr("Open a file to see its history."));
        m_restore->setEnabled(false);
        return;
    }
    m_title->setText(tr("History of <b>%1</b>").arg(path.toHtmlEscaped()));
    m_diff->showMessage(tr("Loading history…"));
    requestHistory();
}

void HistoryPanel::refresh()
{
    if (!m_path.isEmpty())
        requestHistory();
}

void HistoryPanel::requestHistory()
{
    const quint64 generation = ++m_historyGeneration;
    const QString path = m_path;
    GitJob::onWorkspace(
        this, m_root,
        [path](core::Workspace &ws) -> core::Result<QList<Entry>> {
            auto commits = ws.history(path, kMaxHistory);
            if (!commits)
                return tl::unexpected(commits.error());
            QList<Entry> entries;
            entries.reserve(commits->size());
            for (core::CommitInfo &c : *commits) {
                Entry entry { std::move(c), {}, {} };
                entry.evidence = core::eval::evalEvidenceOf(entry.commit.message);
                if (entry.evidence)
                    entry.evalTrailers = core::eval::evalTrailersOf(entry.commit.message);
                entries.append(std::move(entry));
            }
            return entries;
        },
        [this, generation](core::Result<QList<Entry>> result) {
            if (generation != m_historyGeneration)
                return;
            if (!result) {
                m_diff->showMessage(tr("No history: %1").arg(result.error().message));
                m_log->error(tr("Could not read the history of %1").arg(m_path), result.error());
                return;
            }
            showCommits(*result);
            Q_EMIT historyLoaded();
        });
}

void HistoryPanel::setDiffTitle(const QString &title)
{
    // Titles quote commit summaries: git text, not ours.
    setPlainLabelText(m_diffTitle, title);
    m_diffTitle->setToolTip(plainToolTip(title));
}

void HistoryPanel::selectRows(const QList<int> &rows)
{
    m_list->clearSelection();
    for (int row : rows)
        if (QListWidgetItem *item = m_list->item(row))
            item->setSelected(true);
}

QString HistoryPanel::relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 secs = when.secsTo(now);
    if (secs < 60)
        return tr("just now");
    if (secs < 3600)
        return secs < 120 ? tr("1 minute ago") : tr("%1 minutes ago").arg(secs / 60);
    if (secs < 86400)
        return secs < 7200 ? tr("1 hour ago") : tr("%1 hours ago").arg(secs / 3600);
    const qint64 days = when.date().daysTo(now.date());
    if (days <= 1)
        return tr("yesterday");
    if (days < 30)
        return tr("%1 days ago").arg(days);
    return QLocale().toString(when.date(), QLocale::ShortFormat);
}

std::optional<core::eval::EvalEvidence> HistoryPanel::evidence(int row) const
{
    return m_evidence.value(row);
}

QString HistoryPanel::evidenceBadge(const core::eval::EvalEvidence &evidence)
{
    QStringList parts;
    QStringList scores;
    for (const core::eval::CandidateScore &score : evidence.pass)
        scores.append(QStringLiteral("%1/%2").arg(score.passed).arg(score.total));
    if (!scores.isEmpty())
        parts.append(scores.join(QStringLiteral(", ")));
    parts.append(evidence.regressions == 0 ? tr("no regressions")
            : evidence.regressions == 1    ? tr("1 regression")
                                           : tr("%1 regressions").arg(evidence.regressions));
    if (evidence.flips > 0)
        parts.append(evidence.flips == 1 ? tr("1 flip") : tr("%1 flips").arg(evidence.flips));
    if (!evidence.overriddenBy.isEmpty())
        parts.append(tr("overridden"));
    return parts.join(QStringLiteral(" · "));
}

void HistoryPanel::showCommits(const QList<Entry> &entries)
{
    QList<core::CommitInfo> commits;
    for (const Entry &entry : entries)
        commits.append(entry.commit);
    // A refresh after every save must not reset the list or the diff the user is reading; only
    // the working-copy comparison can have changed then.
    const auto sameIds = [&] {
        if (commits.size() != m_commits.size())
            return false;
        for (int i = 0; i < commits.size(); ++i)
            if (commits[i].id != m_commits[i].id)
                return false;
        return true;
    };
    if (m_list->count() > 0 && sameIds()) {
        if (m_againstWorkingCopy->isChecked() && m_againstWorkingCopy->isEnabled())
            updateDiff();
        return;
    }
    QStringList selectedIds;
    for (const QListWidgetItem *item : m_list->selectedItems())
        selectedIds.append(item->data(kIdRole).toString());
    const QSignalBlocker blocker(m_list);
    m_commits = commits;
    m_evidence.clear();
    m_list->clear();
    const QDateTime now = QDateTime::currentDateTime();
    for (const Entry &entry : entries) {
        const core::CommitInfo &c = entry.commit;
        m_evidence.append(entry.evidence);
        QString second = QStringLiteral("%1 · %2").arg(c.authorName, relativeTime(c.when, now));
        QString evidenceText;
        if (entry.evidence) {
            const QString badge = evidenceBadge(*entry.evidence);
            second += QStringLiteral("  [%1]").arg(badge);
            QStringList lines;
            for (const core::Trailer &t : entry.evalTrailers)
                lines.append(t.key + QStringLiteral(": ") + t.value);
            evidenceText = tr("Evals: %1\n%2\n\n").arg(badge, lines.join(u'\n'));
        }
        auto *item = new QListWidgetItem(
            QStringLiteral("%1  %2\n%3").arg(c.shortId, c.summary, second), m_list);
        item->setData(kIdRole, c.id);
        // Regressions committed over the gate stand out from a clean pass.
        if (entry.evidence && (entry.evidence->regressions > 0 || entry.evidence->flips > 0))
            item->setForeground(
                ThemeColors::foreground(m_list->palette(), ThemeColors::Hue::Orange));
        item->setToolTip(plainToolTip(
            QStringLiteral("%1\n%2 <%3>\n%4\n\n%5%6")
                .arg(c.id, c.authorName, c.authorEmail,
                    QLocale().toString(c.when, QLocale::LongFormat), evidenceText, c.message)));
        if (selectedIds.contains(c.id))
            item->setSelected(true);
    }
    if (commits.isEmpty()) {
        auto *none = new QListWidgetItem(tr("Not committed yet."), m_list);
        none->setFlags(Qt::NoItemFlags);
    }
    updateDiff();
}

void HistoryPanel::updateDiff()
{
    const quint64 generation = ++m_diffGeneration;
    QList<int> rows;
    for (const QListWidgetItem *item : m_list->selectedItems())
        if (!item->data(kIdRole).toString().isEmpty())
            rows.append(m_list->row(item));
    std::sort(rows.begin(), rows.end());
    m_restore->setEnabled(rows.size() == 1);
    m_againstWorkingCopy->setEnabled(rows.size() == 1);
    if (rows.isEmpty()) {
        setDiffTitle({});
        m_diff->showMessage(m_commits.isEmpty()
                ? tr("This file has no commits yet. Commit it (Ctrl+K) to start "
                     "its history.")
                : tr("Select a commit to see what it changed; Ctrl+click a second "
                     "one to compare two versions."));
        return;
    }
    if (rows.size() > 2) {
        setDiffTitle({});
        m_diff->showMessage(tr("Select one commit, or two to compare them."));
        return;
    }
    QStringList paths { m_path };
    for (int row : rows)
        if (!paths.contains(m_commits[row].path) && !m_commits[row].path.isEmpty())
            paths.append(m_commits[row].path);

    const core::CommitInfo newer = m_commits[rows.first()];
    const bool workingCopy = rows.size() == 1 && m_againstWorkingCopy->isChecked();
    QString from;
    QString to;
    if (rows.size() == 2) {
        from = m_commits[rows.last()].id;
        to = newer.id;
        setDiffTitle(tr("%1 → %2").arg(m_commits[rows.last()].shortId, newer.shortId));
    } else if (workingCopy) {
        from = newer.id;
        setDiffTitle(tr("%1 → working copy").arg(newer.shortId));
    } else {
        to = newer.id;
        setDiffTitle(tr("Changes in %1: %2").arg(newer.shortId, newer.summary));
    }
    const QString pathAtCommit = newer.path.isEmpty() ? m_path : newer.path;
    GitJob::onWorkspace(
        this, m_root,
        [from, to, paths, pathAtCommit](
            core::Workspace &ws) -> core::Result<QList<core::FileDiff>> {
            if (!from.isEmpty())
                return ws.diff(from, to, paths);
            if (!ws.resolve(to + QStringLiteral("^"))) {
                auto bytes = ws.readFile(to, pathAtCommit);
                if (!bytes)
                    return tl::unexpected<core::Error>(bytes.error());
                return QList<core::FileDiff> { wholeFileAdded(pathAtCommit, *bytes) };
            }
            return ws.diff(to + QStringLiteral("^"), to, paths);
        },
        [this, generation](core::Result<QList<core::FileDiff>> result) {
            if (generation != m_diffGeneration)
                return;
            if (!result) {
                m_diff->showMessage(result.error().toString());
                m_log->error(tr("Could not compute the diff"), result.error());
                return;
            }
            m_diff->setDiffs(*result);
        });
}

} // namespace psm::ui
