package io.synapse.business.imports;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;

@ApplicationScoped
public class ImportQueries {

    private static final Set<String> STATUSES = Set.of("running", "succeeded", "rejected", "duplicate", "failed", "replaced");

    static String status(String value) {
        if (!STATUSES.contains(value)) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DataImportView> list(ImportKind kind, String status, UUID userId, PageRequest page) {
        KeysetQuery query = KeysetQuery.create().eq("kind", kind == null ? null : kind.table()).eq("status", status).eq("userId", userId)
                .afterId(page, "id");
        return Page.of(KeysetQuery.fetch(DataImport.<DataImport>find(query.hql(), query.params()), page), page.limit(), i -> Cursor.of(i.id),
                DataImportView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DataImportView get(long id) {
        DataImport found = DataImport.findById(id);
        if (found == null) {
            throw ProblemException.notFound("import", id);
        }
        return DataImportView.of(found);
    }
}
