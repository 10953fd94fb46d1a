#include "ui/views/drill_down_dialog.h"

#include "core/file_io.h"
#include "core/simulate/scenario_builder.h"
#include "ui/models/top_table_model.h"
#include "ui/views/filtered_table.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ociproxy::ui {

DrillDownDialog::DrillDownDialog(std::shared_ptr<const Router> router, Workspace ws,
                                 QString traffic, DrillFilter filter, QWidget* parent)
    : QDialog(parent)
    , m_router(std::move(router))
    , m_ws(std::move(ws))
    , m_traffic(std::move(traffic))
    , m_filter(std::move(filter))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_byRequests(new TopTableModel(tr("Client"), this))
    , m_byBytes(new TopTableModel(tr("Client"), this))
    , m_prefixes(new TopTableModel(tr("Matched prefix"), this))
    , m_clientsTable(new FilteredTable(m_byRequests, tr("Top clients by requests"), this))
    , m_bytesTable(new FilteredTable(m_byBytes, tr("Top clients by bytes"), this)) {
    setWindowTitle(tr("Drill Down: %1").arg(QString::fromStdString(m_filter.describe())));
    resize(820, 560);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1000);
    auto* prefixTable = new FilteredTable(m_prefixes, tr("Matched prefixes"), this);
    for (auto* t : {m_clientsTable, m_bytesTable})
        t->setAttentionLegend(tr("approximate: more distinct clients than counters"));
    auto* tabs = new QTabWidget(this);
    tabs->addTab(m_clientsTable, tr("Clients by requests"));
    tabs->addTab(m_bytesTable, tr("Clients by bytes"));
    tabs->addTab(prefixTable, tr("Prefixes"));
    auto* explain = new QPushButton(tr("Explain in Lookup"), this);
    explain->setToolTip(tr("Open the selected client in the Lookup view's explain pane"));
    connect(explain, &QPushButton::clicked, this, [this] {
        if (const QString ip = currentClient(); !ip.isEmpty()) emit explainClient(ip);
    });
    for (auto* t : {m_clientsTable, m_bytesTable})
        connect(t->view(), &QTableView::doubleClicked, this, [this] {
            if (const QString ip = currentClient(); !ip.isEmpty()) emit explainClient(ip);
        });
    auto* exportButton = new QPushButton(tr("Export Clients…"), this);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Clients"), "clients.csv",
                                                          tr("CSV (*.csv)"));
        if (path.isEmpty()) return;
        if (const Status st = exportClients(path); !st)
            QMessageBox::warning(this, tr("Export failed"),
                                 QString::fromStdString(st.error().what()));
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_cancelFlag = true; });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(explain);
    buttons->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(tabs, 1);
    layout->addLayout(buttons);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &DrillDownDialog::done);
    auto* tick = new QTimer(this);
    tick->setInterval(50);
    connect(tick, &QTimer::timeout, this, [this] {
        if (m_watcher.isRunning()) m_progress->setValue(m_permille.load());
    });
    tick->start();
}

DrillDownDialog::~DrillDownDialog() {
    m_cancelFlag = true;
    m_watcher.waitForFinished();
}

void DrillDownDialog::start() {
    if (m_watcher.isRunning()) return;
    m_cancelFlag = false;
    m_permille = 0;
    m_progress->setVisible(true);
    m_cancel->setEnabled(true);
    m_summary->setText(
        tr("Reading %1 again for %2…")
            .arg(QFileInfo(m_traffic).fileName(), QString::fromStdString(m_filter.describe())));
    auto router = m_router;
    const Workspace ws = m_ws;
    const std::string path = m_traffic.toStdString();
    const DrillFilter filter = m_filter;
    std::atomic<bool>* cancel = &m_cancelFlag;
    std::atomic<int>* permille = &m_permille;
    m_watcher.setFuture(QtConcurrent::run([=]() -> Outcome {
        auto presence = make_blob_presence(ws.blobs, router->buckets());
        if (!presence) return {std::nullopt, QString::fromStdString(presence.error().what())};
        const Scenario s = make_scenario(ws, *router, **presence);
        SimulationOptions o;
        o.cancel = cancel;
        o.progress = [permille](std::uint64_t done, std::uint64_t total) {
            if (total) permille->store(int(1000 * done / total));
        };
        auto r = drill_down_file(path, s, filter, kTopN, kCounters, o);
        if (!r) return {std::nullopt, QString::fromStdString(r.error().what())};
        return {std::move(r).value(), {}};
    }));
}

void DrillDownDialog::done() {
    Outcome o = m_watcher.result();
    m_progress->setVisible(false);
    m_cancel->setEnabled(false);
    if (!o.result) {
        m_error = o.error;
        m_summary->setText(tr("<b>Not read:</b> %1").arg(o.error.toHtmlEscaped()));
        emit finished(false);
        return;
    }
    m_error.clear();
    m_result = std::move(o.result);
    const DrillDown& d = *m_result;
    m_byRequests->setRows(d.clients_by_requests);
    m_byBytes->setRows(d.clients_by_bytes);
    m_prefixes->setRows(d.prefixes);
    const QLocale loc;
    QString text =
        tr("<b>%1</b> in %2: %3 requests, %4, from %5 lines.")
            .arg(QString::fromStdString(d.group).toHtmlEscaped(),
                 QFileInfo(m_traffic).fileName().toHtmlEscaped(),
                 loc.toString(qulonglong(d.requests)), loc.formattedDataSize(qint64(d.bytes)),
                 loc.toString(qulonglong(d.lines)));
    text += d.clients_exact
                ? tr(" Client counts are exact.")
                : tr(" More distinct clients than the %1 counters: counts marked approximate may "
                     "be over by the amount shown; every client above 1/%1 of the traffic is "
                     "listed.")
                      .arg(d.capacity);
    text += tr(" Bytes assume %1 per blob GET without a size; match mode %2.")
                .arg(loc.formattedDataSize(qint64(m_ws.default_blob_bytes)),
                     QString::fromLatin1(match_mode_name(m_ws.settings.match).data()));
    if (d.requests == 0) text += tr("<br>No request of this group in the file.");
    m_summary->setText(text);
    emit finished(true);
}

Status DrillDownDialog::exportClients(const QString& path) const {
    if (!m_result) return Error{"nothing to export yet", path.toStdString()};
    return write_file_atomic(path.toStdString(), drill_clients_csv(*m_result));
}

QString DrillDownDialog::currentClient() const {
    for (auto* t : {m_clientsTable, m_bytesTable}) {
        if (!t->isVisible()) continue;
        QModelIndex i = t->view()->currentIndex();
        if (!i.isValid()) i = t->proxy()->index(0, 0);
        if (!i.isValid()) continue;
        const QString key = t->proxy()->index(i.row(), TopTableModel::Key).data().toString();
        return key.startsWith('(') ? QString() : key;
    }
    const auto& rows = m_byRequests->rows();
    return rows.empty() || rows.front().key.starts_with('(')
               ? QString()
               : QString::fromStdString(rows.front().key);
}

} // namespace ociproxy::ui
