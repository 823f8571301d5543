#include <QTest>
class TestEvalStats : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestEvalStats)
#include "tst_evalstats.moc"
