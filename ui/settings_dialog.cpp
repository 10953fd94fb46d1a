#include "ui/settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ociproxy::ui {
namespace {

struct PriceField {
    const char* label;
    double PriceTable::*member;
};

constexpr PriceField kPrices[] = {
    {QT_TRANSLATE_NOOP("SettingsDialog", "S3 to a client in the bucket's region"),
     &PriceTable::s3_same_region},
    {QT_TRANSLATE_NOOP("SettingsDialog", "S3 to another AWS region"), &PriceTable::s3_cross_region},
    {QT_TRANSLATE_NOOP("SettingsDialog", "S3 to the internet"), &PriceTable::s3_internet},
    {QT_TRANSLATE_NOOP("SettingsDialog", "Default base URL (CloudFront) to the internet"),
     &PriceTable::cloudfront_internet},
    {QT_TRANSLATE_NOOP("SettingsDialog", "Upstream to a Google Cloud client"),
     &PriceTable::upstream_gcp},
    {QT_TRANSLATE_NOOP("SettingsDialog", "Upstream to anyone else"),
     &PriceTable::upstream_internet},
};

QLineEdit* line(const std::string& value, QWidget* parent) {
    auto* e = new QLineEdit(QString::fromStdString(value), parent);
    e->setClearButtonEnabled(true);
    e->setMinimumWidth(420);
    return e;
}

} // namespace

SettingsDialog::SettingsDialog(WorkspaceDocument* doc, QWidget* parent)
    : QDialog(parent)
    , m_doc(doc)
    , m_error(new QLabel(this)) {
    setWindowTitle(tr("Routing Settings"));
    const Workspace& ws = doc->workspace();
    const RoutingSettings& s = ws.settings;

    auto* routing = new QGroupBox(tr("Routing"), this);
    auto* rf = new QFormLayout(routing);
    rf->addRow(tr("Upstream registry:"), m_upstream = line(s.upstream, this));
    rf->addRow(tr("Upstream path:"), m_upstreamPath = line(s.upstream_path, this));
    m_upstreamPath->setPlaceholderText(tr("empty: no path (as UPSTREAM_REGISTRY_PATH=)"));
    rf->addRow(tr("Signature upstream:"), m_signature = line(s.signature_upstream, this));
    m_signature->setPlaceholderText(tr("none: signatures go to the upstream"));
    rf->addRow(tr("Info URL (/):"), m_info = line(s.info_url, this));
    rf->addRow(tr("Privacy URL:"), m_privacy = line(s.privacy_url, this));
    rf->addRow(tr("Default AWS base URL:"), m_defaultBase = line(s.default_aws_base, this));
    m_defaultBase->setPlaceholderText(tr("the bucket map's default"));
    m_match = new QComboBox(this);
    m_match->addItem(tr("longest prefix (most specific wins)"), int(MatchMode::Longest));
    m_match->addItem(tr("first prefix (archeio's trie)"), int(MatchMode::First));
    m_match->setCurrentIndex(s.match == MatchMode::Longest ? 0 : 1);
    rf->addRow(tr("Match mode:"), m_match);

    auto* blobs = new QGroupBox(tr("Blob presence (offline answers)"), this);
    auto* bf = new QFormLayout(blobs);
    m_blobs = new QComboBox(this);
    m_blobs->addItem(tr("every blob is in every bucket"), int(BlobPolicy::Kind::All));
    m_blobs->addItem(tr("no bucket has any blob"), int(BlobPolicy::Kind::None));
    m_blobs->addItem(tr("the blob URLs listed in a file"), int(BlobPolicy::Kind::UrlList));
    m_blobs->addItem(tr("an inventory: digest,size,buckets"), int(BlobPolicy::Kind::Inventory));
    m_blobs->setCurrentIndex(m_blobs->findData(int(ws.blobs.kind)));
    m_blobFile = line(ws.blobs.url_list_file, this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Blob URL List"));
        if (!f.isEmpty()) m_blobFile->setText(f);
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_blobFile, 1);
    fileRow->addWidget(browse);
    bf->addRow(tr("Policy:"), m_blobs);
    bf->addRow(tr("URL list file:"), fileRow);
    const auto syncFile = [this, browse] {
        const bool list = m_blobs->currentData().toInt() != int(BlobPolicy::Kind::All) &&
                          m_blobs->currentData().toInt() != int(BlobPolicy::Kind::None);
        m_blobFile->setEnabled(list);
        browse->setEnabled(list);
    };
    connect(m_blobs, &QComboBox::currentIndexChanged, this, syncFile);
    syncFile();

    auto* prices =
        new QGroupBox(tr("Egress prices (USD per GiB; assumptions, edit to yours)"), this);
    auto* pf = new QFormLayout(prices);
    for (const auto& p : kPrices) {
        auto* spin = new QDoubleSpinBox(this);
        spin->setDecimals(4);
        spin->setRange(0, 10);
        spin->setSingleStep(0.005);
        spin->setValue(ws.prices.*(p.member));
        pf->addRow(tr(p.label), spin);
        m_prices.push_back(spin);
    }

    m_error->setWordWrap(true);
    m_error->setVisible(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(routing);
    layout->addWidget(blobs);
    layout->addWidget(prices);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void SettingsDialog::accept() {
    RoutingSettings s;
    s.upstream = m_upstream->text().trimmed().toStdString();
    s.upstream_path = m_upstreamPath->text().trimmed().toStdString();
    s.signature_upstream = m_signature->text().trimmed().toStdString();
    s.info_url = m_info->text().trimmed().toStdString();
    s.privacy_url = m_privacy->text().trimmed().toStdString();
    s.default_aws_base = m_defaultBase->text().trimmed().toStdString();
    s.match = MatchMode(m_match->currentData().toInt());
    BlobPolicy b;
    b.kind = BlobPolicy::Kind(m_blobs->currentData().toInt());
    if (b.kind == BlobPolicy::Kind::UrlList || b.kind == BlobPolicy::Kind::Inventory)
        b.url_list_file = m_blobFile->text().trimmed().toStdString();
    PriceTable p;
    for (std::size_t i = 0; i < m_prices.size(); ++i)
        p.*(kPrices[i].member) = m_prices[i]->value();
    if (auto st = m_doc->setRouting(s, b, p); !st) {
        m_error->setText(tr("<b>Not applied:</b> %1")
                             .arg(QString::fromStdString(st.error().what()).toHtmlEscaped()));
        m_error->setVisible(true);
        return;
    }
    QDialog::accept();
}

} // namespace ociproxy::ui
