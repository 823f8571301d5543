// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/ledger/callrecord.h"
#include "run/runengine.h"

#include <QSet>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace psm::ui {

class LogPanel;

// Runs the current prompt: model and parameters (temperature, max output tokens, top-p, seed,
// repeat), Run (Ctrl+Enter) streaming into the output view with tokens, cost (or "unknown"),
// latency and time to first token, Stop, and the prompt's run history read from the ledger on
// a pool thread through GitJob (each read opens its own Ledger). Errors are shown in place, never
// as model text. GUI thread; owns its RunEngine (on the transport in the options, when given: the
// process's one, see MainWindow); the main window docks it and feeds the prompt.
class RunPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunPanel)
public:
    explicit RunPanel(run::RunEngineOptions options = {}, QWidget *parent = nullptr);
    ~RunPanel() override;

    void setPrompt(const QString &workspaceRoot, const QString &relativePath);
    // Unsaved editor text to run instead of the file; a null QString runs the file itself.
    void setTextProvider(std::function<QString()> provider)
    {
        m_textProvider = std::move(provider);
    }
    // Where notes go: promptsmith.yaml problems, where a key came from, ledger trouble.
    void setLogPanel(LogPanel *log) { m_log = log; }
    // Asks whether a key may go to a host that is not its vendor's; the default is a
    // confirmation dialog (the one modal question here: it is a security decision).
    void setKeyConsentAsker(std::function<bool(const run::KeyConsentRequest &)> asker)
    {
        m_askConsent = std::move(asker);
    }
    // The variables to render with (e.g. the preview's form).
    void setVariablesProvider(std::function<nlohmann::ordered_json()> provider)
    {
        m_variablesProvider = std::move(provider);
    }

    void run();
    void stop();
    bool isRunning() const;
    void refreshHistory();
    QAction *runAction() const { return m_runAction; }
    QString outputText() const;
    QString statsText() const;

Q_SIGNALS:
    void runFinished();
    void historyLoaded(int rows);

private:
    void populateModels();
    void showHistory(const QList<core::CallRecord> &records, const QString &error);
    void showError(const QString &message);
    void finishSample(int sample, const run::RunSampleResult &result);
    void logNote(const QString &message);
    bool askKeyConsent(const run::KeyConsentRequest &request);

    run::RunEngineOptions m_options;
    run::RunEngine *m_engine;
    QString m_root;
    QString m_path;
    QString m_runId;
    std::function<QString()> m_textProvider;
    std::function<nlohmann::ordered_json()> m_variablesProvider;
    std::function<bool(const run::KeyConsentRequest &)> m_askConsent;
    LogPanel *m_log = nullptr;
    QSet<QString> m_loggedNotes; // said once per workspace, not on every run
    int m_samples = 0;
    int m_lastSample = -1;

    QComboBox *m_model;
    QPushButton *m_refreshModels;
    QDoubleSpinBox *m_temperature;
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_topP;
    QSpinBox *m_seed;
    QSpinBox *m_repeat;
    QPushButton *m_runButton;
    QPushButton *m_stopButton;
    QAction *m_runAction;
    QPlainTextEdit *m_output;
    QLabel *m_stats;
    QLabel *m_error;
    QTableWidget *m_history;
    bool m_historyReading = false;
    bool m_historyAgain = false;
};

} // namespace psm::ui
