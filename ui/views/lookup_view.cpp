#include "ui/views/lookup_view.h"

#include "ui/lookup/explain_html.h"
#include "ui/lookup/lookup_input.h"
#include "ui/models/lookup_table_model.h"
#include "ui/models/model_roles.h"
#include "ui/views/filtered_table.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ociproxy::ui {
namespace {

// A policy that cannot be applied (its URL list is gone) counts every blob
// missing, and says so.
std::unique_ptr<BlobPresence> presence_for(const BlobPolicy& p, const BucketMap& buckets,
                                           QString* note) {
    auto presence = make_blob_presence(p, buckets);
    if (presence) return std::move(presence).value();
    *note = QString::fromStdString(presence.error().what());
    return std::make_unique<NoBlobsPresent>();
}

} // namespace

LookupView::LookupView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_input(new LookupInput(this))
    , m_path(new QLineEdit(
          QString::fromLatin1(kDefaultLookupPath.data(), qsizetype(kDefaultLookupPath.size())),
          this))
    , m_model(new LookupTableModel(this))
    , m_results(new FilteredTable(m_model, tr("Results"), this))
    , m_explain(new QTextBrowser(this))
    , m_status(new QLabel(this)) {
    m_results->setAttentionLegend(tr("longest and first match disagree for this client"));
    m_input->setPlaceholderText(tr("One per line: an IP (35.180.1.1), a peer "
                                   "(35.180.1.1:51234, [2600:1f00::1]:443) or an "
                                   "X-Forwarded-For value (35.180.1.1, 130.211.0.1)"));
    m_input->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_path->setClearButtonEnabled(true);
    m_path->setToolTip(tr("The request path; a blob path by default"));
    m_explain->setOpenLinks(false);
    m_explain->setPlaceholderText(tr("Select a result to see why it routes where it does."));

    auto* form = new QFormLayout;
    form->addRow(tr("Request path:"), m_path);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>Clients</b>"), this));
    leftLayout->addWidget(m_input);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_results);
    right->addWidget(m_explain);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(120);
    connect(&m_debounce, &QTimer::timeout, this, &LookupView::start);
    // A large paste arrives in pieces: one lookup once all of it is in.
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_input->isPasting()) schedule();
    });
    connect(m_input, &LookupInput::pasteFinished, this, &LookupView::schedule);
    connect(m_input, &LookupInput::pasteProgress, this,
            [this](int percent) { m_status->setText(tr("Pasting… %1%").arg(percent)); });
    connect(m_path, &QLineEdit::textChanged, this, &LookupView::schedule);
    connect(doc, &WorkspaceDocument::changed, this, &LookupView::schedule);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &LookupView::finished);
    connect(m_results, &FilteredTable::currentSourceRowChanged, this, &LookupView::showExplain);
}

bool LookupView::isComputing() const {
    return m_input->isPasting() || m_debounce.isActive() || m_watcher.isRunning();
}

void LookupView::schedule() {
    m_debounce.start();
}

void LookupView::start() {
    if (m_watcher.isRunning()) {
        m_again = true; // one more run with the newest input when this one ends
        return;
    }
    m_running = m_doc->router();
    if (!m_running) return;
    const QStringList lines = m_input->toPlainText().split('\n');
    const QString path = m_path->text();
    const BlobPolicy policy = m_doc->workspace().blobs;
    auto router = m_running;
    m_status->setText(tr("Looking up %n line(s)…", nullptr, int(lines.size())));
    m_clock.start();
    m_watcher.setFuture(QtConcurrent::run([router, lines, path, policy] {
        Outcome out;
        auto presence = presence_for(policy, router->buckets(), &out.note);
        out.rows = lookup_rows(*router, *presence, lines, path);
        return out;
    }));
}

void LookupView::finished() {
    const double ms = double(m_clock.nsecsElapsed()) / 1e6;
    const int selected =
        m_results->view()->currentIndex().isValid()
            ? m_results->proxy()->mapToSource(m_results->view()->currentIndex()).row()
            : -1;
    m_router = m_running;
    auto outcome = m_watcher.result();
    auto& rows = outcome.rows;
    const int n = int(rows.size());
    int differ = 0;
    for (const auto& r : rows)
        differ += r.modes_differ;
    m_model->setRows(std::move(rows));
    if (selected >= 0 && selected < n)
        m_results->view()->setCurrentIndex(
            m_results->proxy()->mapFromSource(m_model->index(selected, 0)));
    const QLocale loc;
    m_status->setText(
        tr("%1 lookups in %2 ms · %3 where longest and first match disagree")
            .arg(loc.toString(n), QString::number(ms, 'f', 1), loc.toString(differ)) +
        (outcome.note.isEmpty()
             ? QString()
             : tr(" · blob list not read, every blob counted missing: %1").arg(outcome.note)));
    if (!m_explainPending.isEmpty()) selectInput(m_explainPending);
    emit computed(n, ms);
    if (m_again) {
        m_again = false;
        start();
    }
}

void LookupView::selectFirstAttention() {
    const auto* p = m_results->proxy();
    if (p->rowCount() == 0) return;
    QModelIndex pick = p->index(0, 0);
    for (int r = 0; r < p->rowCount(); ++r) {
        if (p->index(r, 0).data(AttentionRole).toBool()) {
            pick = p->index(r, 0);
            break;
        }
    }
    m_results->view()->setCurrentIndex(pick);
}

void LookupView::explainAddress(const QString& ip) {
    // Added to the list, not replacing it: the operator's own list stays.
    const QStringList lines = m_input->toPlainText().split('\n');
    if (!lines.contains(ip)) {
        QString text = m_input->toPlainText();
        if (!text.isEmpty() && !text.endsWith('\n')) text += '\n';
        m_input->setPlainText(text + ip + '\n');
    }
    m_explainPending = ip;
    if (!isComputing()) selectInput(ip);
}

void LookupView::selectInput(const QString& ip) {
    const auto* p = m_results->proxy();
    for (int r = 0; r < p->rowCount(); ++r)
        if (p->index(r, LookupTableModel::Input).data().toString().trimmed() == ip) {
            m_results->view()->setCurrentIndex(p->index(r, 0));
            m_results->view()->scrollTo(p->index(r, 0));
            m_explainPending.clear();
            return;
        }
}

void LookupView::showExplain(int sourceRow) {
    if (sourceRow < 0 || sourceRow >= m_model->rowCount() || !m_router) {
        m_explain->clear();
        return;
    }
    m_explain->setHtml(explain_html(*m_router, m_model->row(sourceRow), palette()));
}

} // namespace ociproxy::ui
