package io.synapse.common.paging;

import java.util.List;
import java.util.function.Function;

/** The one list envelope: {@code {"items": [...], "next_cursor": "..."}}; next_cursor is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only proves there is
     * a next page, and the cursor points after the last row returned.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, String> cursorOf, Function<E, T> view) {
        boolean more = rows.size() > limit;
        List<E> pageRows = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(pageRows.get(pageRows.size() - 1)) : null;
        return new Page<>(pageRows.stream().map(view).toList(), next);
    }
}
