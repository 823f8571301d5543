// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/gridrowsource.h"

#include "run/evalrunner.h"
#include "run/gridchecks.h"
#include "ui/gitjob.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include <utility>

namespace psm::ui {
namespace {

enum class Kind { VariablesForm, EvalSet, OpenFile };
constexpr int kKindRole = Qt::UserRole;
constexpr int kPathRole = Qt::UserRole + 1;

} // namespace

GridRowSource::GridRowSource(QWidget *parent)
    : QObject(parent)
    , m_selector(new QComboBox(parent))
{
    m_selector->setObjectName(QStringLiteral("gridRows"));
    m_selector->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_selector->setToolTip(tr("The grid's rows: the variables form's values, or the tests of an "
                              "eval set (each output is checked by their assertions)"));
    connect(m_selector, &QComboBox::activated, this, &GridRowSource::activated);
    rebuild({});
}

void GridRowSource::setPrompt(const QString &workspaceRoot, const QString &relativePath)
{
    if (workspaceRoot != m_root || relativePath != m_prompt) {
        // Another prompt's tests are not this one's rows; each prompt gets back the rows it
        // had when the user comes back to it.
        if (!m_prompt.isEmpty())
            m_chosen.insert(m_root + QLatin1Char('\n') + m_prompt, m_path);
        m_root = workspaceRoot;
        m_prompt = relativePath;
        m_covering.clear();
        useVariablesForm();
        const QString chosen = m_chosen.value(m_root + QLatin1Char('\n') + m_prompt);
        if (!chosen.isEmpty())
            openEvalSet(chosen);
    }
    listSets();
}

void GridRowSource::listSets()
{
    if (m_root.isEmpty() || m_prompt.isEmpty())
        return rebuild({});
    if (m_listing) {
        m_listAgain = true;
        return;
    }
    m_listing = true;
    GitJob::run(
        this,
        [root = m_root, prompt = m_prompt] {
            return run::EvalRunner::setsCovering(
                root, run::EvalRunner::workspaceEvalFiles(root), prompt);
        },
        [this](const QStringList &covering) {
            m_listing = false;
            if (std::exchange(m_listAgain, false))
                return listSets();
            m_covering = covering;
            rebuild(m_covering);
            Q_EMIT listed(int(covering.size()));
        });
}

void GridRowSource::rebuild(const QStringList &covering)
{
    m_selector->clear();
    m_selector->addItem(tr("Variables form"), int(Kind::VariablesForm));
    QStringList sets = covering;
    if (!m_path.isEmpty() && !sets.contains(m_path))
        sets << m_path; // opened from a file: still the rows
    for (const QString &path : std::as_const(sets)) {
        m_selector->addItem(path, int(Kind::EvalSet));
        m_selector->setItemData(m_selector->count() - 1, path, kPathRole);
    }
    m_selector->addItem(tr("Open eval set…"), int(Kind::OpenFile));
    selectCurrent();
}

void GridRowSource::selectCurrent()
{
    for (int i = 0; i < m_selector->count(); ++i) {
        const auto kind = Kind(m_selector->itemData(i, kKindRole).toInt());
        if ((m_path.isEmpty() && kind == Kind::VariablesForm)
            || (kind == Kind::EvalSet && m_selector->itemData(i, kPathRole).toString() == m_path))
            return m_selector->setCurrentIndex(i);
    }
}

void GridRowSource::activated(int index)
{
    switch (Kind(m_selector->itemData(index, kKindRole).toInt())) {
    case Kind::VariablesForm:
        return useVariablesForm();
    case Kind::EvalSet:
        return openEvalSet(m_selector->itemData(index, kPathRole).toString());
    case Kind::OpenFile:
        return chooseFile();
    }
}

void GridRowSource::chooseFile()
{
    if (m_root.isEmpty()) {
        selectCurrent();
        return Q_EMIT message(tr("Open a workspace first."), true);
    }
    const QString evals = QDir(m_root).filePath(QStringLiteral("evals"));
    const QString file = QFileDialog::getOpenFileName(m_selector, tr("Open Eval Set"),
        QDir(evals).exists() ? evals : m_root, tr("Eval sets (*.yaml *.yml *.json)"));
    if (file.isEmpty())
        return selectCurrent();
    openEvalSet(file);
}

void GridRowSource::useVariablesForm()
{
    m_pending = 0; // a set still loading no longer becomes the rows
    m_path.clear();
    m_set.reset();
    selectCurrent();
}

void GridRowSource::openEvalSet(const QString &path)
{
    const QDir root(m_root);
    const QString absolute = QDir::cleanPath(root.absoluteFilePath(path));
    const QString relative = root.relativeFilePath(absolute);
    m_pending = ++m_loadSerial;
    Q_EMIT message(tr("Reading %1…").arg(relative), false);
    GitJob::run(
        this, [absolute, rootPath = m_root] { return core::eval::loadEvalSet(absolute, rootPath); },
        [this, serial = m_pending, relative](const core::Result<core::eval::EvalSet> &set) {
            if (serial != m_pending)
                return; // another choice came after this one
            m_pending = 0;
            if (!set) {
                // The rows stay what they were; the message says where the file is wrong.
                selectCurrent();
                return Q_EMIT message(set.error().toString(), true);
            }
            if (set->tests.isEmpty()) {
                selectCurrent();
                return Q_EMIT message(
                    tr("%1: the eval set has no tests to use as rows").arg(relative), true);
            }
            m_path = relative;
            m_set = *set;
            rebuild(m_covering);
            Q_EMIT evalSetLoaded();
        });
}

QString GridRowSource::modelGradedNote() const
{
    const core::eval::AssertionSpec *graded = m_set ? run::firstModelGraded(*m_set) : nullptr;
    if (!graded)
        return {};
    return tr(" %1:%2:%3: %4: model-graded checks are not run in the grid (run the eval for "
              "them); those tests have no verdict here.")
        .arg(QFileInfo(graded->file).isAbsolute() ? QDir(m_root).relativeFilePath(graded->file)
                                                  : graded->file)
        .arg(graded->line)
        .arg(graded->column)
        .arg(graded->displayType());
}

} // namespace psm::ui
