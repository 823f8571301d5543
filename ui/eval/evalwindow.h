// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evalset.h"
#include "run/evalresult.h"
#include "run/runengine.h"

#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace psm::run {
class EvalRunner;
struct EvalRunOptions;
}

namespace psm::ui {

class EvalResultModel;
class PreflightCheck;
struct EvalSetsRead;

// The eval result window (Run → Run Eval Sets…): runs eval sets with the working copy (or a
// revision) as candidate against a baseline revision, and shows a table of tests x model
// columns, per-column pass rates, tokens and cost, the regressions, improvements and flips
// against the baseline, and the detail of a selected cell. Activating a cell opens its output
// diff against the baseline. Non-modal; the run goes through a RunEngine on this thread's event
// loop, so the GUI thread never waits on the network.
class EvalWindow final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvalWindow)
public:
    explicit EvalWindow(run::RunEngineOptions engineOptions, QWidget *parent = nullptr);
    ~EvalWindow() override;

    // The window of `parent` (made on first use), raised.
    static EvalWindow *showFor(QWidget *parent, const run::RunEngineOptions &engineOptions);

    // The eval sets covering `promptPath` (workspace-relative); when none does, says so.
    void setPrompt(const QString &root, const QString &promptPath);
    // These eval files (absolute or workspace-relative), e.g. from Open Eval Set….
    void setEvalFiles(const QString &root, const QStringList &files);
    void chooseEvalFile(); // a file dialog under the workspace's evals/
    // Unsaved editor texts (workspace-relative prompt path -> text), asked for when a run with
    // the working copy as candidate starts: they run instead of the files on disk.
    using UnsavedTextProvider = std::function<QMap<QString, QString>()>;
    void setUnsavedTextProvider(UnsavedTextProvider provider);

    // Runs with the fields' values: the sets are read again and the cost estimated off the GUI
    // thread (PreflightCheck), then the run starts, or notStarted() says it did not (declined,
    // cancelled, or it could not start; the status line says why). False, with the error
    // shown, when nothing was begun.
    bool start();
    // Stops the run, or abandons the cost estimate before it (nothing is started).
    void cancel();
    bool isRunning() const;
    bool isEstimating() const; // start() was called and the run has not started yet

    const std::optional<run::EvalRunResult> &result() const { return m_result; }
    int currentSet() const;
    void setCurrentSet(int index);
    // Selects test `test` of result column `column` in the current set.
    void selectCell(int test, int column);
    // The output diff of the current cell against the other side of its comparison.
    void openDiffForCurrentCell();

    EvalResultModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void finished();
    void notStarted();
    // Emitted with the texts an output diff is opened on (left = baseline).
    void outputDiffOpened(const QString &leftTitle, const QString &leftText,
        const QString &rightTitle, const QString &rightText);

private:
    void buildUi();
    run::EvalRunOptions runOptions(); // from the window's fields, but for options.models
    void loadSets(); // m_loaded and the models field
    void applySets(const EvalSetsRead &read, bool keepEditedModels);
    // After the pre-flight check: starts the run it was made for, or says why not.
    void launch(const run::EvalRunOptions &options, bool go);
    void onFinished();
    void showSet(int index);
    void showDetail();
    void fillSummary();
    void fillComparisons();
    void setRunning(bool running);
    void showError(const QString &text);
    void refreshUnsavedNote();

    run::RunEngineOptions m_engineOptions;
    std::unique_ptr<run::RunEngine> m_engine; // made on the first run
    PreflightCheck *m_preflight = nullptr; // made on the first run
    QPointer<run::EvalRunner> m_runner;
    QString m_root;
    QStringList m_files; // workspace-relative eval files
    QMap<QString, core::eval::EvalSet> m_loaded; // by workspace-relative file: assertion types
    QString m_defaultModels; // the sets' own providers, as shown in the models field
    int m_repeat = 1;
    UnsavedTextProvider m_unsavedTexts;
    std::optional<run::EvalRunResult> m_result;

    QLabel *m_setsLabel = nullptr;
    QPushButton *m_openSet = nullptr;
    QLineEdit *m_candidate = nullptr;
    QLineEdit *m_baseline = nullptr;
    QSpinBox *m_repeatBox = nullptr;
    QLineEdit *m_models = nullptr;
    QPushButton *m_run = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_unsaved = nullptr;
    QComboBox *m_setBox = nullptr;
    QCheckBox *m_showBaseline = nullptr;
    QTableView *m_table = nullptr;
    EvalResultModel *m_model = nullptr;
    QTableWidget *m_summary = nullptr;
    QListWidget *m_comparisons = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};

} // namespace psm::ui
