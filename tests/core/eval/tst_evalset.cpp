#include <QTest>
class TestEvalSet : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestEvalSet)
#include "tst_evalset.moc"
