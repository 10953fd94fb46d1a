#include "ui/models/source_table_model.h"

#include "core/workspace/range_source.h"
#include "ui/models/model_roles.h"

#include <QFileInfo>
#include <QLocale>
#include <set>

namespace ociproxy::ui {

SourceTableModel::SourceTableModel(WorkspaceDocument* doc, QObject* parent)
    : QAbstractTableModel(parent)
    , m_doc(doc) {
    connect(doc, &WorkspaceDocument::changed, this, &SourceTableModel::refresh);
    refresh();
}

void SourceTableModel::refresh() {
    beginResetModel();
    m_rows.clear();
    for (const auto& name : m_doc->workspace().range_sources) {
        Row r;
        r.path = QString::fromStdString(name);
        r.name = is_builtin_source(name) ? r.path : QFileInfo(r.path).fileName();
        if (const auto src = m_doc->source(name)) {
            const auto& set = src->set;
            r.format = range_format_name(set.format);
            r.published = QString::fromStdString(set.published);
            r.sync = QString::fromStdString(set.sync_token);
            r.sha256 = QString::fromStdString(src->sha256);
            r.ipv4 = set.count(Family::V4);
            r.ipv6 = set.count(Family::V6);
            std::set<std::pair<std::string_view, std::string_view>> regions;
            for (const auto& e : set.entries)
                regions.emplace(e.cloud, e.region);
            r.regions = regions.size();
            r.bytes = src->bytes;
            r.ms = src->load_ms;
        }
        m_rows.push_back(std::move(r));
    }
    endResetModel();
}

int SourceTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SourceTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourceTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const Row& r = m_rows[std::size_t(index.row())];
    const QLocale loc;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case File:
            return r.name;
        case Format:
            return r.format;
        case Ipv4:
            return loc.toString(r.ipv4);
        case Ipv6:
            return loc.toString(r.ipv6);
        case Regions:
            return loc.toString(r.regions);
        case Published:
            return r.published;
        case SyncToken:
            return r.sync;
        case Sha256:
            return r.sha256.left(16);
        case Size:
            return loc.formattedDataSize(qint64(r.bytes));
        case LoadMs:
            return QString::number(r.ms, 'f', 1);
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case Ipv4:
            return r.ipv4;
        case Ipv6:
            return r.ipv6;
        case Regions:
            return r.regions;
        case Size:
            return r.bytes;
        case LoadMs:
            return r.ms;
        default:
            return data(index, Qt::DisplayRole);
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == File) return r.path;
        if (index.column() == Sha256) return r.sha256;
    } else if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Ipv4:
        case Ipv6:
        case Regions:
        case Size:
        case LoadMs:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
    } else if (role == Qt::EditRole && index.column() == Sha256) {
        return r.sha256;
    }
    return {};
}

QVariant SourceTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {QT_TR_NOOP("File"),       QT_TR_NOOP("Format"),
                                  QT_TR_NOOP("IPv4"),       QT_TR_NOOP("IPv6"),
                                  QT_TR_NOOP("Regions"),    QT_TR_NOOP("Published"),
                                  QT_TR_NOOP("Sync token"), QT_TR_NOOP("SHA-256"),
                                  QT_TR_NOOP("Size"),       QT_TR_NOOP("Load ms")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace ociproxy::ui
