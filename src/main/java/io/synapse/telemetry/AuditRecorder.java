package io.synapse.telemetry;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Actor;
import io.synapse.common.web.CurrentRequest;

/** The one way code writes audit_logs. */
@ApplicationScoped
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    CurrentRequest currentRequest;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper mapper;

    @Inject
    ManagedExecutor executor;

    /** An event attributed to the current caller (if any) and request. */
    public AuditEvent event(String action) {
        return new AuditEvent(this, action, currentActor(), currentRequest.info());
    }

    /** An event whose actor is given explicitly: the identity may not be resolvable (e.g. a rejected token). */
    public AuditEvent event(String action, Actor actor) {
        return new AuditEvent(this, action, actor, currentRequest.info());
    }

    private Actor currentActor() {
        try {
            return Actor.of(identity);
        } catch (RuntimeException e) {
            // identity resolution itself failed (the denial we may be recording): no actor
            return null;
        }
    }

    void persist(AuditEvent event) {
        QuarkusTransaction.joiningExisting().run(event.row::persist);
    }

    void persistLater(AuditEvent event) {
        executor.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().run(event.row::persist);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not write audit row %s (request %s)", event.row.action, event.row.requestId);
            }
        });
    }

    Map<String, Object> toMap(Object values) {
        if (values == null) {
            return null;
        }
        return mapper.convertValue(values, MAP);
    }
}
