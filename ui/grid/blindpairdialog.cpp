// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/blindpairdialog.h"

#include "ui/grid/gridgrades.h"
#include "ui/plaintext.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QKeyEvent>
#include <QLabel>
#include <QPair>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

#include <algorithm>

namespace psm::ui {
namespace {

QString percent(double rate)
{
    return QString::number(rate * 100.0, 'f', 1) + QLatin1Char('%');
}

QPlainTextEdit *outputView(const QString &name, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setFocusPolicy(Qt::NoFocus); // arrows judge, they do not move a cursor
    return view;
}

QPushButton *choiceButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setFocusPolicy(Qt::NoFocus);
    button->setAutoDefault(false);
    return button;
}

} // namespace

QString pairwiseStatsText(const core::eval::PairwiseStats &stats)
{
    if (stats.judgements == 0)
        return QObject::tr("No judgements yet.");
    const QString over = stats.judgements == 1 ? QObject::tr("1 judgement")
                                               : QObject::tr("%1 judgements").arg(stats.judgements);
    QString text = QObject::tr("A wins %1 (95% CI %2–%3) over %4")
                       .arg(percent(stats.winRate), percent(stats.interval.low),
                           percent(stats.interval.high), over);
    if (!stats.moreNeeded)
        text += QObject::tr(" · cannot separate A from B at an even rate");
    else if (*stats.moreNeeded == 0)
        text += QObject::tr(" · A and B are separated");
    else
        text += QObject::tr(" · ≈%1 more judgements needed").arg(*stats.moreNeeded);
    return text;
}

BlindPairDialog::BlindPairDialog(
    run::Grid grid, QString runId, GridGrades *store, quint32 seed, QWidget *parent)
    : QDialog(parent)
    , m_grid(std::move(grid))
    , m_runId(std::move(runId))
    , m_store(store)
    , m_seed(seed)
    , m_pickA(new QComboBox(this))
    , m_pickB(new QComboBox(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_input(new QLabel(this))
    , m_left(outputView(QStringLiteral("blindLeft"), this))
    , m_right(outputView(QStringLiteral("blindRight"), this))
    , m_leftButton(choiceButton(tr("← Left (1)"), QStringLiteral("blindChooseLeft"), this))
    , m_tieButton(choiceButton(tr("↓ Tie (3)"), QStringLiteral("blindChooseTie"), this))
    , m_rightButton(choiceButton(tr("Right (2) →"), QStringLiteral("blindChooseRight"), this))
    , m_endButton(choiceButton(tr("End and reveal"), QStringLiteral("blindEnd"), this))
    , m_progress(new QLabel(this))
    , m_stats(new QLabel(this))
    , m_reveal(new QLabel(this))
{
    setWindowTitle(tr("Blind A/B"));
    m_pickA->setObjectName(QStringLiteral("blindColumnA"));
    m_pickB->setObjectName(QStringLiteral("blindColumnB"));
    m_progress->setObjectName(QStringLiteral("blindProgress"));
    m_stats->setObjectName(QStringLiteral("blindStats"));
    m_reveal->setObjectName(QStringLiteral("blindReveal"));
    m_reveal->setWordWrap(true);
    for (int c = 0; c < m_grid.columns(); ++c) {
        const QString label = tr("%1: %2").arg(c + 1).arg(m_grid.column(c).label());
        m_pickA->addItem(label, c);
        m_pickB->addItem(label, c);
    }
    if (m_grid.columns() > 1)
        m_pickB->setCurrentIndex(1);

    auto *pick = new QHBoxLayout;
    m_pickALabel = new QLabel(tr("Column A:"), this);
    m_pickBLabel = new QLabel(tr("Column B:"), this);
    pick->addWidget(m_pickALabel);
    pick->addWidget(m_pickA, 1);
    pick->addWidget(m_pickBLabel);
    pick->addWidget(m_pickB, 1);
    pick->addWidget(m_start);
    auto *outputs = new QGridLayout;
    outputs->addWidget(new QLabel(tr("Left"), this), 0, 0);
    outputs->addWidget(new QLabel(tr("Right"), this), 0, 1);
    outputs->addWidget(m_left, 1, 0);
    outputs->addWidget(m_right, 1, 1);
    auto *choices = new QHBoxLayout;
    choices->addWidget(m_leftButton);
    choices->addWidget(m_tieButton);
    choices->addWidget(m_rightButton);
    choices->addStretch(1);
    choices->addWidget(m_progress);
    choices->addWidget(m_endButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pick);
    layout->addWidget(m_input);
    layout->addLayout(outputs, 1);
    layout->addLayout(choices);
    layout->addWidget(m_stats);
    layout->addWidget(m_reveal);

    connect(m_start, &QPushButton::clicked, this,
        [this] { start(m_pickA->currentData().toInt(), m_pickB->currentData().toInt()); });
    connect(m_leftButton, &QPushButton::clicked, this, [this] { judge(core::PairChoice::Left); });
    connect(m_rightButton, &QPushButton::clicked, this, [this] { judge(core::PairChoice::Right); });
    connect(m_tieButton, &QPushButton::clicked, this, [this] { judge(core::PairChoice::Tie); });
    connect(m_endButton, &QPushButton::clicked, this, &BlindPairDialog::finish);
    for (QPushButton *b : { m_leftButton, m_tieButton, m_rightButton, m_endButton })
        b->setEnabled(false);
    resize(900, 560);
}

bool BlindPairDialog::start(int columnA, int columnB)
{
    if (columnA < 0 || columnB < 0 || columnA >= m_grid.columns() || columnB >= m_grid.columns()
        || columnA == columnB) {
        setPlainLabelText(m_reveal, tr("Choose two different columns."));
        return false;
    }
    // Pairs judged in an earlier session of this run count again and are not asked twice,
    // also when the columns were chosen the other way round.
    int wins = 0, losses = 0, ties = 0, earlier = 0;
    QHash<QPair<qint64, qint64>, core::PairJudgement::Winner> judged;
    if (m_store) {
        for (const core::PairJudgement &j : m_store->judgements())
            judged.insert({ j.callA, j.callB }, j.winner());
    }
    const auto countEarlier = [&](qint64 callA, qint64 callB) {
        using Winner = core::PairJudgement::Winner;
        auto found = judged.constFind({ callA, callB });
        bool swapped = false;
        if (found == judged.cend()) {
            found = judged.constFind({ callB, callA });
            swapped = true;
        }
        if (found == judged.cend())
            return false;
        const Winner w = *found;
        if (w == Winner::Tie)
            ++ties;
        else if ((w == Winner::A) != swapped)
            ++wins;
        else
            ++losses;
        ++earlier;
        return true;
    };
    std::vector<Pair> pairs;
    for (int row = 0; row < m_grid.rows(); ++row) {
        const std::vector<run::GridSample> &a = m_grid.cell(row, columnA);
        const std::vector<run::GridSample> &b = m_grid.cell(row, columnB);
        for (size_t k = 0; k < std::min(a.size(), b.size()); ++k) {
            // Only outputs the ledger holds can be judged: a judgement names both calls.
            if (a[k].state != run::SampleState::Ok || b[k].state != run::SampleState::Ok
                || a[k].ledgerId <= 0 || b[k].ledgerId <= 0)
                continue;
            if (!countEarlier(a[k].ledgerId, b[k].ledgerId))
                pairs.push_back({ row, int(k), a[k].ledgerId, b[k].ledgerId, true });
        }
    }
    if (pairs.empty() && earlier == 0) {
        setPlainLabelText(m_reveal,
            tr("These columns have no input where both gave a recorded answer to compare."));
        return false;
    }
    QRandomGenerator random(m_seed);
    std::shuffle(pairs.begin(), pairs.end(), random);
    for (Pair &p : pairs)
        p.aShownLeft = random.bounded(2) == 0;
    m_columnA = columnA;
    m_columnB = columnB;
    m_pairs = std::move(pairs);
    m_current = 0;
    m_wins = wins;
    m_losses = losses;
    m_ties = ties;
    m_earlier = earlier;
    m_finished = false;
    // The names stay hidden until the end: the choosers go away.
    for (QWidget *chooser : std::initializer_list<QWidget *> {
             m_pickALabel, m_pickA, m_pickBLabel, m_pickB, m_start })
        chooser->hide();
    m_reveal->clear();
    for (QPushButton *b : { m_leftButton, m_tieButton, m_rightButton, m_endButton })
        b->setEnabled(true);
    showStats();
    if (m_pairs.empty())
        finish(); // every pair was judged before: the result, with the names
    else
        showPair();
    return true;
}

void BlindPairDialog::judge(core::PairChoice choice)
{
    if (m_finished || m_columnA < 0 || m_current >= int(m_pairs.size()))
        return;
    const Pair &p = m_pairs[size_t(m_current)];
    core::PairJudgement judgement;
    judgement.runId = m_runId;
    judgement.callA = p.callA;
    judgement.callB = p.callB;
    judgement.aShownLeft = p.aShownLeft;
    judgement.choice = choice;
    judgement.judgedAt = QDateTime::currentDateTimeUtc();
    switch (judgement.winner()) {
    case core::PairJudgement::Winner::A:
        ++m_wins;
        break;
    case core::PairJudgement::Winner::B:
        ++m_losses;
        break;
    case core::PairJudgement::Winner::Tie:
        ++m_ties;
        break;
    }
    if (m_store)
        m_store->addJudgement(judgement);
    ++m_current;
    showStats();
    if (m_current >= int(m_pairs.size()))
        finish();
    else
        showPair();
}

void BlindPairDialog::finish()
{
    if (m_columnA < 0 || m_finished)
        return;
    m_finished = true;
    for (QPushButton *b : { m_leftButton, m_tieButton, m_rightButton, m_endButton })
        b->setEnabled(false);
    m_left->clear();
    m_right->clear();
    m_input->clear();
    showStats();
    setPlainLabelText(m_reveal, revealText());
}

core::eval::PairwiseStats BlindPairDialog::stats() const
{
    return core::eval::pairwiseStats(m_wins, m_losses, m_ties);
}

QString BlindPairDialog::leftText() const
{
    return m_left->toPlainText();
}

QString BlindPairDialog::rightText() const
{
    return m_right->toPlainText();
}

QString BlindPairDialog::progressText() const
{
    return m_progress->text();
}

QString BlindPairDialog::statsText() const
{
    const core::eval::PairwiseStats s = stats();
    QString text = pairwiseStatsText(s);
    // The estimate can ask for more than this grid holds; say so rather than let the user
    // judge to the end and wonder.
    const qint64 left = qint64(m_pairs.size()) - m_current;
    if (s.judgements > 0 && s.moreNeeded && *s.moreNeeded > left)
        text += left == 1 ? tr(", more than the 1 pair left: add inputs or repeats to the grid")
                          : tr(", more than the %1 pairs left: add inputs or repeats to the grid")
                                .arg(left);
    return text;
}

QString BlindPairDialog::revealText() const
{
    if (!m_finished)
        return QString();
    return tr("A was column %1 (%2); B was column %3 (%4). Judged %5 of %6 pairs.")
        .arg(m_columnA + 1)
        .arg(m_grid.column(m_columnA).label())
        .arg(m_columnB + 1)
        .arg(m_grid.column(m_columnB).label())
        .arg(m_current + m_earlier)
        .arg(m_pairs.size() + size_t(m_earlier));
}

void BlindPairDialog::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_1:
        judge(core::PairChoice::Left);
        return;
    case Qt::Key_Right:
    case Qt::Key_2:
        judge(core::PairChoice::Right);
        return;
    case Qt::Key_Down:
    case Qt::Key_3:
        judge(core::PairChoice::Tie);
        return;
    default:
        QDialog::keyPressEvent(event);
    }
}

void BlindPairDialog::showPair()
{
    const Pair &p = m_pairs[size_t(m_current)];
    const QString a = m_grid.cell(p.row, m_columnA)[size_t(p.repeat)].text;
    const QString b = m_grid.cell(p.row, m_columnB)[size_t(p.repeat)].text;
    m_left->setPlainText(p.aShownLeft ? a : b);
    m_right->setPlainText(p.aShownLeft ? b : a);
    const nlohmann::ordered_json &input = m_grid.rowInput(p.row);
    const QString inputText = input.is_null() || input.empty()
        ? tr("Input %1").arg(p.row + 1)
        : tr("Input %1: %2").arg(p.row + 1).arg(QString::fromStdString(input.dump()).left(300));
    setPlainLabelText(m_input,
        m_grid.shape().repeats > 1 ? tr("%1 · sample %2").arg(inputText).arg(p.repeat + 1)
                                   : inputText);
}

void BlindPairDialog::showStats()
{
    QString progress = tr("%1 of %2 judged").arg(m_current).arg(m_pairs.size());
    if (m_earlier > 0)
        progress += tr(" (and %1 in an earlier session)").arg(m_earlier);
    setPlainLabelText(m_progress, progress);
    setPlainLabelText(m_stats, statsText());
}

} // namespace psm::ui
