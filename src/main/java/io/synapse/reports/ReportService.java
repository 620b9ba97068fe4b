package io.synapse.reports;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.synapse.business.analytics.FigureTable;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.QueryParams;
import io.synapse.telemetry.AuditRecorder;

/**
 * Reports: managers and admins make, change and read all of them; everyone else reads only the
 * reports delivered to them (others answer 404), and reading one marks it read.
 */
@ApplicationScoped
public class ReportService {

    @Inject
    ReportRenderer renderer;

    @Inject
    AuditRecorder audit;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public ReportView create(Actor actor, ReportCreate request) {
        Report report = build(request.name(), request.content(), request.format(), request.template(), request.parameters());
        report.createdBy = actor == null ? null : actor.userId();
        return persist(report);
    }

    /** Also used by schedules, in the caller's transaction. */
    Report build(String name, String content, String format, String template, Map<String, String> parameters) {
        if ((content == null) == (template == null)) {
            throw ProblemException.unprocessable("content", "send either content or a template, not both and not neither");
        }
        String trimmed = name.trim();
        if (Report.count("name", trimmed) > 0) {
            throw ProblemException.conflict("a report named '" + trimmed + "' already exists");
        }
        Report report = new Report();
        report.name = trimmed;
        if (content != null) {
            if (parameters != null && !parameters.isEmpty()) {
                throw ProblemException.unprocessable("parameters", "parameters go with a template");
            }
            boolean markdown = "markdown".equals(format);
            report.source = markdown ? "markdown" : "html";
            report.markdown = markdown ? content : null;
            report.content = markdown ? renderer.markdown(content) : renderer.sanitise(content);
        } else {
            String key = template.trim().toLowerCase(Locale.ROOT);
            try {
                ReportTemplates.of(key);
            } catch (IllegalArgumentException e) {
                throw ProblemException.unprocessable("template", e.getMessage());
            }
            Map<String, String> params = parameters == null ? Map.of() : new HashMap<>(parameters);
            ReportRenderer.Generated generated = renderer.generate(trimmed, key, params);
            report.source = "template";
            report.template = key;
            report.parameters = params;
            report.content = generated.html();
            report.figures = json(generated.figures());
        }
        return report;
    }

    ReportView persist(Report report) {
        report.persist();
        ReportView view = ReportView.summary(report);
        audit.event("report.create").resource("report", report.id).newValues(view).record();
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ReportView> list(String q, PageRequest page) {
        KeysetQuery query = KeysetQuery.create();
        if (q != null && !q.isBlank()) {
            query.where("lower(name) like :q escape '\\'", "q", QueryParams.containsPattern(q));
        }
        query.after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(Report.<Report>find(query.hql(), query.params()), page), page.limit(), r -> Cursor.of(r.createdAt, r.id),
                ReportView::summary);
    }

    /** The report for reading; a recipient's deliveries of it are marked read. */
    @Transactional
    public Report read(Actor actor, UUID id) {
        Report report = Report.findById(id);
        if (report == null) {
            throw ProblemException.notFound("report", id);
        }
        boolean recipient = actor.userId() != null && ReportDelivery.count("reportId = ?1 and userId = ?2", id, actor.userId()) > 0;
        if (!recipient && !actor.has(Roles.MANAGER)) {
            throw ProblemException.notFound("report", id);
        }
        if (recipient) {
            ReportDelivery.update("readAt = ?1 where reportId = ?2 and userId = ?3 and readAt is null", Report.now(), id, actor.userId());
        }
        return report;
    }

    @Transactional
    public ReportView update(Actor actor, UUID id, ReportUpdate update) {
        Report report = find(id);
        ReportView before = ReportView.summary(report);
        if (update.name() != null && !update.name().trim().equals(report.name)) {
            String name = update.name().trim();
            if (name.isEmpty()) {
                throw ProblemException.invalidField("name", "must not be blank");
            }
            if (Report.count("name = ?1 and id <> ?2", name, id) > 0) {
                throw ProblemException.conflict("a report named '" + name + "' already exists");
            }
            report.name = name;
        }
        if (update.content() != null) {
            if ("template".equals(report.source)) {
                throw ProblemException.unprocessable("content", "a generated report's content comes from its template; create a new report instead");
            }
            boolean markdown = "markdown".equals(update.format() != null ? update.format() : report.source);
            report.source = markdown ? "markdown" : "html";
            report.markdown = markdown ? update.content() : null;
            report.content = markdown ? renderer.markdown(update.content()) : renderer.sanitise(update.content());
        } else if (update.format() != null) {
            throw ProblemException.unprocessable("format", "format goes with content");
        }
        ReportView after = ReportView.summary(report);
        audit.event("report.update").resource("report", id).oldValues(before).newValues(after).record();
        return after;
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        Report report = find(id);
        ReportView before = ReportView.summary(report);
        long deliveries = ReportDelivery.count("reportId", id);
        report.delete();
        audit.event("report.delete").resource("report", id).oldValues(before).meta("deliveries", deliveries).record();
    }

    String csv(Report report) {
        if (report.figures == null) {
            throw ProblemException.conflict("report " + report.id + " was written, not generated: it has no figures to export as CSV");
        }
        try {
            List<FigureTable> figures = mapper.readerFor(new TypeReference<List<FigureTable>>() {
            }).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(report.figures);
            return ReportRenderer.csv(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored figures of report " + report.id + " are not readable", e);
        }
    }

    private String json(List<FigureTable> figures) {
        try {
            return mapper.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Report find(UUID id) {
        Report report = Report.findById(id);
        if (report == null) {
            throw ProblemException.notFound("report", id);
        }
        return report;
    }

}
