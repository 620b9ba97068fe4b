package io.synapse.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.synapse.business.analytics.BusinessFilter;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Role;
import io.synapse.identity.User;
import io.synapse.telemetry.AuditRecorder;

/**
 * Report schedules. The tick claims due schedules with SELECT ... FOR UPDATE SKIP LOCKED and
 * moves their next_run_at forward in the same transaction, so with any number of replicas each
 * run is claimed once; generating and delivering happen after the claim has committed.
 */
@ApplicationScoped
public class ScheduleService {

    private static final Logger LOG = Logger.getLogger(ScheduleService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    EntityManager em;

    @Inject
    ReportService reports;

    @Inject
    DeliveryService deliveries;

    @Inject
    AuditRecorder audit;

    @Transactional
    public ScheduleView create(Actor actor, ScheduleCreate request) {
        ReportSchedule schedule = new ReportSchedule();
        schedule.createdBy = actor.userId();
        apply(schedule, request.name(), request.template(), request.parameters(), request.userIds(), request.role(), request.cron(),
                request.enabled(), true);
        schedule.persist();
        ScheduleView view = ScheduleView.of(schedule);
        audit.event("report_schedule.create").resource("report_schedule", schedule.id).newValues(view).record();
        return view;
    }

    @Transactional
    public ScheduleView update(Actor actor, UUID id, ScheduleUpdate request) {
        ReportSchedule schedule = find(id);
        ScheduleView before = ScheduleView.of(schedule);
        apply(schedule, request.name(), request.template(), request.parameters(), request.userIds(), request.role(), request.cron(),
                request.enabled(), false);
        ScheduleView after = ScheduleView.of(schedule);
        audit.event("report_schedule.update").resource("report_schedule", id).oldValues(before).newValues(after).record();
        return after;
    }

    private void apply(ReportSchedule s, String name, String template, Map<String, String> parameters, List<UUID> userIds, Role role,
            String cron, Boolean enabled, boolean creating) {
        if (name != null) {
            String trimmed = name.trim();
            if (ReportSchedule.count("lower(name) = ?1 and id <> ?2", trimmed.toLowerCase(Locale.ROOT), s.id == null ? new UUID(0, 0) : s.id) > 0) {
                throw ProblemException.conflict("a schedule named '" + trimmed + "' already exists");
            }
            s.name = trimmed;
        }
        if (template != null) {
            try {
                ReportTemplates.of(template.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.unprocessable("template", e.getMessage());
            }
            s.template = template.trim();
        }
        if (parameters != null) {
            BusinessFilter.of(parameters);
            s.parameters = new HashMap<>(parameters);
        }
        if (userIds != null || role != null || creating) {
            if ((userIds == null) == (role == null)) {
                throw ProblemException.unprocessable("user_ids", "send either user_ids or role");
            }
            if (userIds != null) {
                Set<UUID> distinct = new HashSet<>(userIds);
                if (User.count("id in ?1", distinct) != distinct.size()) {
                    throw ProblemException.unprocessable("user_ids", "names an unknown user");
                }
                s.recipientUserIds = userIds.toArray(UUID[]::new);
                s.recipientRole = null;
            } else {
                s.recipientRole = role.value();
                s.recipientUserIds = new UUID[0];
            }
        }
        if (cron != null) {
            CronSchedule.parse(cron);
            s.cron = cron.trim();
        }
        if (enabled != null) {
            s.enabled = enabled;
        }
        s.nextRunAt = s.enabled ? CronSchedule.next(s.cron, Report.now()) : null;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ScheduleView> list(PageRequest page) {
        KeysetQuery query = KeysetQuery.create().after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(ReportSchedule.<ReportSchedule>find(query.hql(), query.params()), page), page.limit(),
                s -> Cursor.of(s.createdAt, s.id), ScheduleView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ScheduleView get(UUID id) {
        return ScheduleView.of(find(id));
    }

    @Transactional
    public void delete(UUID id) {
        ReportSchedule schedule = find(id);
        ScheduleView before = ScheduleView.of(schedule);
        schedule.delete();
        audit.event("report_schedule.delete").resource("report_schedule", id).oldValues(before).record();
    }

    @Scheduled(identity = "report-schedules", every = "${synapse.reports.schedule-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        tick();
    }

    /** Runs due schedules; returns how many this call ran (another replica's claims are skipped). */
    public int tick() {
        List<ReportSchedule> claimed = QuarkusTransaction.requiringNew().call(this::claimDue);
        for (ReportSchedule schedule : claimed) {
            run(schedule);
        }
        return claimed.size();
    }

    private List<ReportSchedule> claimDue() {
        @SuppressWarnings("unchecked")
        List<ReportSchedule> due = em.createNativeQuery("""
                SELECT * FROM report_schedules WHERE enabled AND next_run_at <= now()
                ORDER BY next_run_at LIMIT 20 FOR UPDATE SKIP LOCKED""", ReportSchedule.class).getResultList();
        Instant now = Report.now();
        for (ReportSchedule schedule : due) {
            schedule.lastRunAt = now;
            schedule.nextRunAt = CronSchedule.next(schedule.cron, now);
        }
        em.flush();
        due.forEach(em::detach);
        return due;
    }

    private void run(ReportSchedule schedule) {
        String error = null;
        UUID reportId = null;
        try {
            Report report = QuarkusTransaction.requiringNew().call(() -> {
                Report r = reports.build(schedule.name + " — " + STAMP.format(schedule.lastRunAt), null, null, schedule.template,
                        schedule.parameters);
                r.scheduleId = schedule.id;
                r.createdBy = schedule.createdBy;
                reports.persist(r);
                return r;
            });
            reportId = report.id;
            DeliveryRequest recipients = schedule.recipientRole != null ? new DeliveryRequest(null, Role.parse(schedule.recipientRole))
                    : new DeliveryRequest(List.of(schedule.recipientUserIds), null);
            deliveries.deliver(null, report.id, recipients);
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.errorf(e, "Report schedule %s (%s) failed", schedule.id, schedule.name);
        }
        UUID made = reportId;
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> {
            ReportSchedule row = ReportSchedule.findById(schedule.id);
            if (row != null) {
                row.lastReportId = made != null ? made : row.lastReportId;
                row.lastError = failure;
            }
        });
    }

    private static ReportSchedule find(UUID id) {
        ReportSchedule schedule = ReportSchedule.findById(id);
        if (schedule == null) {
            throw ProblemException.notFound("report schedule", id);
        }
        return schedule;
    }
}
