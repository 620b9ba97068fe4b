package io.synapse.knowledge.supply;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.telemetry.AuditRecorder;

/**
 * The supply catalog: everyone reads it, managers keep it, every change is audited. The text
 * filter is PostgreSQL full-text search over the generated search column (web-search syntax:
 * words, "phrases", -exclusions), so the list is native SQL; its order stays newest first, so
 * keyset paging holds with or without it.
 */
@ApplicationScoped
public class SupplyCatalogService {

    @Inject
    AuditRecorder audit;

    /** Blank filters count as absent; the others are compared trimmed. */
    public record Filter(String q, String category, String provider, Boolean active) {
        public Filter {
            category = blankToNull(category);
            provider = blankToNull(provider);
        }
    }

    @Transactional
    public SupplyView create(Actor actor, SupplyCreate request) {
        SupplyItem item = new SupplyItem();
        item.userId = actor.userId();
        item.name = request.name().trim();
        item.category = request.category().trim();
        item.provider = blankToNull(request.provider());
        item.specifications = new HashMap<>(request.specifications());
        item.pricing = copy(request.pricing());
        item.availability = copy(request.availability());
        item.performanceMetrics = copy(request.performanceMetrics());
        item.isActive = request.isActive() == null || request.isActive();
        item.metadata = request.metadata() == null ? new HashMap<>() : new HashMap<>(request.metadata());
        item.persist();
        SupplyView view = SupplyView.of(item);
        audit.event("supply.create").resource("supply_item", item.id).newValues(view).record();
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SupplyView> list(Filter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM supply_catalog WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (filter.q() != null && !filter.q().isBlank()) {
            sql.append(" AND search @@ websearch_to_tsquery('simple', :q)");
            params.put("q", filter.q().trim());
        }
        if (filter.category() != null) {
            sql.append(" AND category = :category");
            params.put("category", filter.category());
        }
        if (filter.provider() != null) {
            sql.append(" AND provider = :provider");
            params.put("provider", filter.provider());
        }
        if (filter.active() != null) {
            sql.append(" AND is_active = :active");
            params.put("active", filter.active());
        }
        if (page.cursor() != null) {
            Cursor.TimeAndId after = Cursor.timeAndId(page.cursor());
            sql.append(" AND (created_at, id) < (:kt, :kid)");
            params.put("kt", Timestamp.from(after.time()));
            params.put("kid", after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(page.fetchSize());
        Query query = SupplyItem.getEntityManager().createNativeQuery(sql.toString(), SupplyItem.class).setHint("org.hibernate.readOnly", true);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<SupplyItem> rows = new ArrayList<>(query.getResultList());
        return Page.of(rows, page.limit(), s -> Cursor.of(s.createdAt, s.id), SupplyView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SupplyView get(UUID id) {
        return SupplyView.of(find(id));
    }

    @Transactional
    public SupplyView update(UUID id, SupplyUpdate update) {
        SupplyItem item = find(id);
        SupplyView before = SupplyView.of(item);
        if (update.name() != null) {
            item.name = required("name", update.name());
        }
        if (update.category() != null) {
            item.category = required("category", update.category());
        }
        if (update.provider() != null) {
            item.provider = blankToNull(update.provider());
        }
        if (update.specifications() != null) {
            item.specifications = new HashMap<>(update.specifications());
        }
        if (update.pricing() != null) {
            item.pricing = emptyToNull(update.pricing());
        }
        if (update.availability() != null) {
            item.availability = emptyToNull(update.availability());
        }
        if (update.performanceMetrics() != null) {
            item.performanceMetrics = emptyToNull(update.performanceMetrics());
        }
        if (update.isActive() != null) {
            item.isActive = update.isActive();
        }
        if (update.metadata() != null) {
            item.metadata = new HashMap<>(update.metadata());
        }
        item.updatedAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        SupplyView after = SupplyView.of(item);
        audit.event("supply.update").resource("supply_item", id).oldValues(before).newValues(after).record();
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        SupplyItem item = find(id);
        SupplyView before = SupplyView.of(item);
        item.delete();
        audit.event("supply.delete").resource("supply_item", id).oldValues(before).record();
    }

    private static SupplyItem find(UUID id) {
        SupplyItem item = SupplyItem.findById(id);
        if (item == null) {
            throw ProblemException.notFound("supply_item", id);
        }
        return item;
    }

    private static String required(String field, String value) {
        if (value.isBlank()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        return value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, Object> copy(Map<String, Object> value) {
        return value == null ? null : new HashMap<>(value);
    }

    private static Map<String, Object> emptyToNull(Map<String, Object> value) {
        return value.isEmpty() ? null : new HashMap<>(value);
    }
}
