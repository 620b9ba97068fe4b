package io.synapse.common.paging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * Builds the HQL of a filtered, keyset-paged list: optional equality filters, extra clauses,
 * and the "after this cursor" condition, newest first. Every list endpoint goes through it.
 *
 * <pre>
 * KeysetQuery q = KeysetQuery.create().eq("role", role).after(page, "createdAt", "id");
 * Page.of(q.list(User.find(q.hql(), q.params()), page), page.limit(), ...);
 * </pre>
 */
public final class KeysetQuery {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Map<String, Object> params = new HashMap<>();
    private String order = "id desc";

    private KeysetQuery() {
    }

    public static KeysetQuery create() {
        return new KeysetQuery();
    }

    /** {@code field = value}, skipped when value is null. */
    public KeysetQuery eq(String field, Object value) {
        if (value != null) {
            String name = "p" + params.size();
            where.append(" and ").append(field).append(" = :").append(name);
            params.put(name, value);
        }
        return this;
    }

    /** A clause using {@code :name}, skipped when value is null. */
    public KeysetQuery where(String clause, String name, Object value) {
        if (value != null) {
            where.append(" and (").append(clause).append(')');
            params.put(name, value);
        }
        return this;
    }

    /** A clause without parameters. */
    public KeysetQuery where(String clause) {
        where.append(" and (").append(clause).append(')');
        return this;
    }

    /** Newest first on (time desc, id desc), continuing after the page's cursor if any. */
    public KeysetQuery after(PageRequest page, String timeField, String idField) {
        order = timeField + " desc, " + idField + " desc";
        if (page.cursor() != null) {
            Cursor.TimeAndId after = Cursor.timeAndId(page.cursor());
            where.append(" and (").append(timeField).append(" < :kt or (").append(timeField).append(" = :kt and ")
                    .append(idField).append(" < :kid))");
            params.put("kt", after.time());
            params.put("kid", after.id());
        }
        return this;
    }

    /** Newest first on a numeric id (append-only logs), continuing after the page's cursor if any. */
    public KeysetQuery afterId(PageRequest page, String idField) {
        order = idField + " desc";
        if (page.cursor() != null) {
            where.append(" and ").append(idField).append(" < :kid");
            params.put("kid", Cursor.longId(page.cursor()));
        }
        return this;
    }

    /**
     * Oldest first on a numeric column (a conversation's sequence numbers), continuing after the
     * page's cursor if any. {@code asParameter} converts the cursor to the column's Java type.
     */
    public KeysetQuery ascendingAfter(PageRequest page, String field, Function<Long, ?> asParameter) {
        order = field + " asc";
        if (page.cursor() != null) {
            where.append(" and ").append(field).append(" > :kid");
            params.put("kid", asParameter.apply(Cursor.longId(page.cursor())));
        }
        return this;
    }

    /** The filter conditions alone, for an aggregate over the same rows (counts beside a page). */
    public String condition() {
        return where.toString();
    }

    public String hql() {
        return where + " order by " + order;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** The page's rows plus one, which only tells {@link Page#of} whether a next page exists. */
    public static <E> List<E> fetch(PanacheQuery<E> query, PageRequest page) {
        return query.range(0, page.limit()).list();
    }
}
