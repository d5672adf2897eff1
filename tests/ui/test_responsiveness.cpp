// The two pieces that keep the window's GUI thread answering while sampling at full speed:
// PacedQueue runs heavy jobs one per turn of the event loop, and StatusField keeps a changing
// status text from re-laying out the whole window.
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

#include "ui/app/status_field.h"
#include "ui/support/paced_queue.h"

using namespace couplinglab::ui;

namespace {

// Counts the layout requests a widget receives.
class LayoutRequestCounter : public QObject {
  public:
    int count = 0;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::LayoutRequest) ++count;
        return QObject::eventFilter(watched, event);
    }
};

}  // namespace

class TestResponsiveness : public QObject {
    Q_OBJECT
  private slots:
    void queuedJobsRunInOrderOnePerTurnOfTheEventLoop() {
        PacedQueue queue(1);
        QObject owner;
        QStringList log;
        for (int tag = 0; tag < 3; ++tag) {
            queue.post(&owner, tag, [&, tag] {
                log << QStringLiteral("job %1").arg(tag);
                // Something the event loop must deliver before the next job runs.
                QMetaObject::invokeMethod(
                    &owner, [&, tag] { log << QStringLiteral("event after %1").arg(tag); },
                    Qt::QueuedConnection);
            });
        }
        QCOMPARE(queue.size(), std::size_t{3});
        QTRY_COMPARE(log.size(), 6);
        QCOMPARE(log, QStringList({"job 0", "event after 0", "job 1", "event after 1", "job 2",
                                   "event after 2"}));
        QCOMPARE(queue.size(), std::size_t{0});
    }

    void postingAgainReplacesTheWaitingJobInPlace() {
        PacedQueue queue(1);
        QObject first;
        QObject second;
        QStringList log;
        queue.post(&first, 0, [&] { log << "first, old"; });
        queue.post(&second, 0, [&] { log << "second"; });
        queue.post(&first, 0, [&] { log << "first, new"; });
        queue.post(&first, 1, [&] { log << "first, tag 1"; });
        QCOMPARE(queue.size(), std::size_t{3});
        QVERIFY(queue.isQueued(&first, 1));
        QTRY_COMPARE(log.size(), 3);
        QCOMPARE(log, QStringList({"first, new", "second", "first, tag 1"}));
        QVERIFY(!queue.isQueued(&first, 0));
    }

    void jobsOfADestroyedOrCancellingOwnerNeverRun() {
        PacedQueue queue(1);
        auto gone = std::make_unique<QObject>();
        QObject cancelling;
        QObject staying;
        QStringList log;
        queue.post(gone.get(), 0, [&] { log << "gone"; });
        queue.post(&cancelling, 0, [&] { log << "cancelled"; });
        queue.post(&staying, 0, [&] { log << "staying"; });
        gone.reset();
        queue.cancel(&cancelling, 0);
        QTRY_COMPARE(log, QStringList({"staying"}));
        QTest::qWait(20);
        QCOMPARE(log, QStringList({"staying"}));
    }

    // A label in a status bar that re-lays out its parent on every new number costs the whole
    // window's layout a few times a second; the field does so only when it must widen.
    void changingTheTextRelaysOutTheParentOnlyWhenTheFieldWidens_data() {
        QTest::addColumn<bool>("statusField");
        QTest::newRow("QLabel") << false;  // the control: the count shows what a label costs
        QTest::newRow("StatusField") << true;
    }

    void changingTheTextRelaysOutTheParentOnlyWhenTheFieldWidens() {
        QFETCH(bool, statusField);
        QWidget parent;
        auto* layout = new QHBoxLayout(&parent);
        StatusField* field =
            statusField ? new StatusField(QStringLiteral("Iteration 99,999")) : nullptr;
        QLabel* label = statusField ? field : new QLabel;
        layout->addWidget(label);
        const auto setText = [&](const QString& text) {
            statusField ? field->setText(text) : label->setText(text);
        };
        setText(QStringLiteral("Iteration 1"));
        parent.show();
        QVERIFY(QTest::qWaitForWindowExposed(&parent));
        QCoreApplication::processEvents();
        const int width = label->width();
        LayoutRequestCounter counter;
        parent.installEventFilter(&counter);
        for (const char* text : {"Iteration 12", "Iteration 3", "Iteration 12,345"}) {
            setText(QString::fromLatin1(text));
            QCoreApplication::processEvents();
        }
        if (!statusField) {
            QVERIFY(counter.count >= 3);
            return;
        }
        QCOMPARE(counter.count, 0);
        QCOMPARE(label->width(), width);
        QCOMPARE(label->text(), QStringLiteral("Iteration 12,345"));
        // Wider than it was made for: it widens once, and the text is not clipped.
        setText(QStringLiteral("Iteration 123,456,789,012"));
        QCoreApplication::processEvents();
        QCOMPARE(counter.count, 1);
        QVERIFY(label->width() > width);
        QVERIFY(label->width() >= label->fontMetrics().horizontalAdvance(
                                      QStringLiteral("Iteration 123,456,789,012")));
    }
};

QTEST_MAIN(TestResponsiveness)
#include "test_responsiveness.moc"
