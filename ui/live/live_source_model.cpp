#include "ui/live/live_source_model.h"

#include "ui/live/metrics_source.h"
#include "ui/models/model_roles.h"

namespace ociproxy::ui {

void LiveSourceModel::setSources(std::vector<MetricsSource*> sources) {
    beginResetModel();
    for (auto* s : m_sources)
        disconnect(s, nullptr, this, nullptr);
    m_sources = std::move(sources);
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const auto changed = [this, i] {
            emit dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
        };
        connect(m_sources[i], &MetricsSource::stateChanged, this, changed);
        connect(m_sources[i], &MetricsSource::updated, this, changed);
    }
    endResetModel();
}

int LiveSourceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_sources.size());
}

int LiveSourceModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveSourceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_sources.size()) return {};
    const MetricsSource* s = m_sources[std::size_t(index.row())];
    const bool bad = s->state() == SourceState::Error || s->state() == SourceState::Stale;
    const auto& replicas = s->replicas();
    const bool replicaDown = replicas && (replicas->known == 0 || !replicas->down.empty());
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case Source:
            return s->config().url.toString();
        case Kind:
            return s->config().kind == SourceConfig::Kind::Direct ? tr("/metrics")
                                                                  : tr("Prometheus");
        case State:
            return source_state_name(s->state());
        case Replicas:
            if (!replicas)
                return s->config().kind == SourceConfig::Kind::Direct ? tr("one (this endpoint)")
                                                                      : tr("not read yet");
            return QString::fromStdString(replica_summary_text(*replicas));
        case LastOk:
            return s->lastSuccess().isValid() ? s->lastSuccess().toString("HH:mm:ss") : tr("never");
        case Ticks:
            return qulonglong(s->store().size());
        case Reason:
            return s->reason();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Reason || index.column() == State) return s->reason();
        if (index.column() == Replicas && replicas)
            return tr("Prometheus's up series under the selector: a replica it cannot scrape "
                      "is down, and the charts' sums no longer include it.");
        if (index.column() == Source || index.column() == Kind)
            return s->config().queries(5).join('\n');
        break;
    case Qt::BackgroundRole:
        if (bad && index.column() == State) return attention_color();
        if (replicaDown && index.column() == Replicas) return attention_color();
        break;
    case AttentionRole:
        return bad || replicaDown;
    }
    return {};
}

QVariant LiveSourceModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Source:
        return tr("Source");
    case Kind:
        return tr("Kind");
    case State:
        return tr("State");
    case Replicas:
        return tr("Replicas");
    case LastOk:
        return tr("Last success");
    case Ticks:
        return tr("Points");
    case Reason:
        return tr("Reason");
    }
    return {};
}

} // namespace ociproxy::ui
