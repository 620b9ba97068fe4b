package io.synapse.business;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.synapse.business.analytics.AnalyticsCache;
import io.synapse.business.analytics.BusinessAnalysis;
import io.synapse.business.analytics.BusinessFilter;
import io.synapse.business.analytics.BusinessWhere;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.web.QueryParams;
import io.synapse.telemetry.AuditRecorder;

/** Reads of the business tables (keyset paged, filtered like the analytics) and the one edit there is: a client's name. */
@ApplicationScoped
public class BusinessDataService {

    @Inject
    AnalyticsCache cache;

    @Inject
    EntityManager em;

    @Inject
    AuditRecorder audit;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EstoqueView> estoque(BusinessFilter filter, PageRequest page) {
        List<Estoque> rows = rows(BusinessAnalysis.Source.ESTOQUE, "estoque", Estoque.class, filter, page);
        return Page.of(rows, page.limit(), e -> Cursor.of(e.id), EstoqueView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<FaturamentoView> faturamento(BusinessFilter filter, PageRequest page) {
        List<Faturamento> rows = rows(BusinessAnalysis.Source.FATURAMENTO, "faturamento", Faturamento.class, filter, page);
        return Page.of(rows, page.limit(), f -> Cursor.of(f.id), FaturamentoView::of);
    }

    /** Newest rows first (id desc), continuing after the cursor. */
    private <T> List<T> rows(BusinessAnalysis.Source source, String table, Class<T> type, BusinessFilter filter, PageRequest page) {
        BusinessWhere where = BusinessWhere.of(source, filter);
        if (page.cursor() != null) {
            where.and("t.id < ?", Cursor.longId(page.cursor()));
        }
        @SuppressWarnings("unchecked")
        List<T> rows = where.bind(em.createNativeQuery("SELECT t.* FROM " + table + " t WHERE " + where.sql() + " ORDER BY t.id DESC LIMIT "
                + page.fetchSize(), type)).getResultList();
        return rows;
    }

    /** Clients by code; q matches the name (case-insensitive) or, when it is a number, the code. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ClienteView> clientes(String q, PageRequest page) {
        StringBuilder hql = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            String term = q.trim();
            hql.append(" and (lower(nome) like :q escape '\\'");
            params.put("q", QueryParams.containsPattern(term));
            if (term.matches("\\d{1,9}")) {
                hql.append(" or codCliente = :code");
                params.put("code", Integer.parseInt(term));
            }
            hql.append(')');
        }
        if (page.cursor() != null) {
            hql.append(" and codCliente > :after");
            params.put("after", (int) Math.min(Integer.MAX_VALUE, Cursor.longId(page.cursor())));
        }
        List<Cliente> rows = Cliente.<Cliente>find(hql + " order by codCliente", params).range(0, page.limit()).list();
        return Page.of(rows, page.limit(), c -> Cursor.of(c.codCliente), ClienteView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ClienteView cliente(int code) {
        return ClienteView.of(find(code));
    }

    @Transactional
    public ClienteView rename(Actor actor, int code, ClienteUpdate update) {
        Cliente cliente = find(code);
        ClienteView before = ClienteView.of(cliente);
        cliente.nome = update.nome().trim();
        ClienteView after = ClienteView.of(cliente);
        audit.event("cliente.update").resource("cliente", code).oldValues(before).newValues(after).record();
        // Client names appear in analyses and new reports: cached figures must not keep the old one.
        cache.bump();
        return after;
    }

    private static Cliente find(int code) {
        Cliente cliente = Cliente.findById(code);
        if (cliente == null) {
            throw ProblemException.notFound("cliente", code);
        }
        return cliente;
    }
}
