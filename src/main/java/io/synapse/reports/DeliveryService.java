package io.synapse.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.vertx.VertxContext;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Role;
import io.synapse.identity.User;
import io.synapse.identity.UserStatus;
import io.synapse.telemetry.AuditRecorder;

/**
 * Deliveries (seed 000 delivered_to): every active recipient gets the report in the app; those
 * with receive_email get it by e-mail too, the others' e-mail row says skipped. Rows are written
 * first, in one transaction (a unique (report, user, channel) makes a repeat a no-op); mail goes
 * out after the commit, off the request thread, each result recorded in its own short transaction. Failed sends are
 * retried with exponential backoff by the scheduler, claimed with SKIP LOCKED so that with
 * several replicas each retry happens once.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    @Inject
    EntityManager em;

    @Inject
    ReportMailer mailer;

    @Inject
    io.vertx.core.Vertx vertx;

    @Inject
    ReportsConfig config;

    @Inject
    AuditRecorder audit;

    /**
     * Writes the rows and answers; the e-mails go out right after, off the request (a role may
     * mean hundreds of recipients). GET /api/reports/{id}/deliveries shows how each one went.
     */
    public DeliveryResult deliver(Actor actor, UUID reportId, DeliveryRequest request) {
        if ((request.userIds() == null) == (request.role() == null)) {
            throw ProblemException.unprocessable("user_ids", "send either user_ids or role");
        }
        DeliveryResult result = QuarkusTransaction.requiringNew().call(() -> {
            ReportService.find(reportId);
            return createRows(actor == null ? null : actor.userId(), reportId, recipients(request));
        });
        List<UUID> pending = result.deliveries().stream().filter(d -> d.status().equals("pending")).map(DeliveryView::id).toList();
        if (!pending.isEmpty()) {
            // On a worker with a Vert.x context of its own, as a request's or a scheduled job's would be:
            // the mail client runs its connection on that context. Started from a thread without one
            // (a test calling tick() from a plain pool), a send could hang until the mailer's timeout.
            VertxContext.getOrCreateDuplicatedContext(vertx).executeBlocking(() -> {
                send(pending);
                return null;
            }, false);
        }
        return result;
    }

    private List<User> recipients(DeliveryRequest request) {
        if (request.userIds() != null) {
            Set<UUID> ids = new LinkedHashSet<>(request.userIds());
            List<User> users = User.list("id in ?1", ids);
            if (users.size() != ids.size()) {
                Set<UUID> missing = new LinkedHashSet<>(ids);
                users.forEach(u -> missing.remove(u.id));
                throw ProblemException.unprocessable("user_ids", "unknown user " + missing.iterator().next());
            }
            return users;
        }
        List<Role> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role.implies(request.role())) {
                roles.add(role);
            }
        }
        return User.list("role in ?1", roles);
    }

    /** In the caller's transaction: the rows, e-mail ones pending (or skipped). Repeats change nothing. */
    DeliveryResult createRows(UUID deliveredBy, UUID reportId, List<User> users) {
        int created = 0;
        int already = 0;
        int suspended = 0;
        List<DeliveryView> rows = new ArrayList<>();
        Instant now = Report.now();
        for (User user : users) {
            if (user.status != UserStatus.ACTIVE) {
                suspended++;
                continue;
            }
            boolean any = false;
            for (String channel : List.of(ReportDelivery.IN_APP, ReportDelivery.EMAIL)) {
                String status = channel.equals(ReportDelivery.IN_APP) ? "sent" : user.receiveEmail ? "pending" : "skipped";
                List<?> inserted = em.createNativeQuery("""
                        INSERT INTO report_deliveries (id, report_id, user_id, channel, status, sent_at, delivered_by, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (report_id, user_id, channel) DO NOTHING RETURNING id""")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, reportId).setParameter(3, user.id).setParameter(4, channel)
                        .setParameter(5, status).setParameter(6, status.equals("sent") ? now : null).setParameter(7, deliveredBy)
                        .setParameter(8, now).getResultList();
                if (!inserted.isEmpty()) {
                    any = true;
                    rows.add(DeliveryView.of(ReportDelivery.findById(inserted.get(0))));
                }
            }
            if (any) {
                created++;
            } else {
                already++;
            }
        }
        audit.event("report.deliver").resource("report", reportId).meta("recipients", users.size()).meta("created", created)
                .meta("already_delivered", already).meta("excluded_suspended", suspended).record();
        return new DeliveryResult(reportId, users.size(), created, already, suspended, rows);
    }

    /** Sends the e-mail deliveries, each outside any transaction, recording each outcome at once. */
    void send(List<UUID> deliveryIds) {
        for (UUID id : deliveryIds) {
            record Target(String email, Report report, int attempts) {
            }
            Target target = QuarkusTransaction.requiringNew().call(() -> {
                ReportDelivery d = ReportDelivery.findById(id);
                User user = d == null ? null : User.findById(d.userId);
                Report report = d == null ? null : Report.findById(d.reportId);
                return d == null || user == null || report == null ? null : new Target(user.email, report, d.attempts);
            });
            if (target == null) {
                continue;
            }
            String error = null;
            try {
                mailer.send(target.email(), target.report());
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf("Report e-mail %s to %s failed (attempt %d): %s", id, target.email(), target.attempts() + 1, error);
            }
            String failure = error;
            QuarkusTransaction.requiringNew().run(() -> outcome(id, failure));
        }
    }

    private void outcome(UUID id, String error) {
        ReportDelivery d = ReportDelivery.findById(id);
        d.attempts++;
        if (error == null) {
            d.status = "sent";
            d.sentAt = Report.now();
            d.nextAttemptAt = null;
            d.lastError = null;
            return;
        }
        d.status = "failed";
        d.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
        d.nextAttemptAt = d.attempts >= config.maxAttempts() ? null
                : Report.now().plus(config.retryBackoff().multipliedBy(1L << Math.min(20, d.attempts - 1)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DeliveryView> list(UUID reportId, PageRequest page) {
        ReportService.find(reportId);
        KeysetQuery query = KeysetQuery.create().eq("reportId", reportId).after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(ReportDelivery.<ReportDelivery>find(query.hql(), query.params()), page), page.limit(),
                d -> Cursor.of(d.createdAt, d.id), DeliveryView::of);
    }

    /** Failed e-mails whose retry is due, each claimed by one replica (the claim pushes next_attempt_at out). */
    @Scheduled(identity = "report-mail-retries", every = "${synapse.reports.retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void retryDue() {
        @SuppressWarnings("unchecked")
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE report_deliveries SET next_attempt_at = now() + ?1 * interval '1 second'
                WHERE id IN (SELECT id FROM report_deliveries WHERE status = 'failed' AND next_attempt_at <= now()
                             ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED)
                RETURNING id""").setParameter(1, Duration.ofMinutes(10).toSeconds()).getResultList());
        if (!due.isEmpty()) {
            send(due);
        }
    }
}
