package io.synapse.identity;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.synapse.common.config.SynapseConfig;
import io.synapse.common.security.PasswordHasher;
import io.synapse.common.security.Role;
import io.synapse.common.security.SecretGenerator;
import io.synapse.telemetry.AuditRecorder;
import io.vertx.core.Vertx;

/**
 * On an empty database, creates the first admin (from SYNAPSE_ADMIN_EMAIL / SYNAPSE_ADMIN_PASSWORD,
 * or with a generated password printed once) and, when demo data is on, a user per role.
 * A transaction-scoped advisory lock makes replicas starting together create it once.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    static final String DEFAULT_EMAIL = "admin@synapse.local";
    static final String DEMO_PASSWORD = "synapse-demo";
    private static final long LOCK_KEY = 0x5359_4E41_5053_45L;

    @Inject
    SynapseConfig config;

    @Inject
    PasswordHasher hasher;

    @Inject
    SecretGenerator secrets;

    @Inject
    AuditRecorder audit;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    private volatile String generated;

    void onStart(@Observes StartupEvent event) {
        generated = QuarkusTransaction.requiringNew().call(this::bootstrap);
    }

    /**
     * After every other startup observer (demo data loads take a second), and after Quarkus' own
     * "Listening on" line, so that the login is the last thing a newcomer reads.
     */
    void printAfterStartup(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 900) StartupEvent event) {
        vertx.setTimer(300, id -> printLogin(generated));
    }

    private String bootstrap() {
        User.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult();
        if (User.count() > 0) {
            return null;
        }
        String email = config.admin().email().orElse(DEFAULT_EMAIL);
        String password = config.admin().password().orElse(null);
        String generated = null;
        if (password == null) {
            generated = secrets.token(18);
            password = generated;
        }
        User admin = newUser(email, "Bootstrap admin", Role.ADMIN, password);
        audit.event("user.bootstrap_admin").resource("user", admin.id).newValues(UserView.of(admin)).record();
        if (config.demoData()) {
            for (Role role : List.of(Role.MANAGER, Role.REP, Role.VIEWER)) {
                User demo = newUser(role.value() + "@synapse.local", "Demo " + role.value(), role, DEMO_PASSWORD);
                audit.event("user.demo_data").resource("user", demo.id).newValues(UserView.of(demo)).record();
            }
        }
        return generated == null ? "" : generated;
    }

    private User newUser(String email, String name, Role role, String password) {
        User user = new User();
        user.email = email;
        user.fullName = name;
        user.role = role;
        user.passwordHash = hasher.hash(password);
        user.persist();
        return user;
    }

    private void printLogin(String generated) {
        String base = "http://localhost:" + port;
        StringBuilder banner = new StringBuilder("\n\n  Synapse is up: ").append(base)
                .append("\n  Swagger UI:    ").append(base).append("/q/swagger-ui")
                .append("\n  Health:        ").append(base).append("/q/health/ready\n");
        if (generated != null && !generated.isEmpty()) {
            String email = config.admin().email().orElse(DEFAULT_EMAIL);
            banner.append("\n  Bootstrap admin created. This password is shown only once:")
                    .append("\n    e-mail:   ").append(email)
                    .append("\n    password: ").append(generated)
                    .append("\n  Log in:  curl -s -X POST ").append(base).append("/api/auth/login -H 'Content-Type: application/json' -d '{\"email\":\"")
                    .append(email).append("\",\"password\":\"").append(generated).append("\"}'\n");
        } else if (generated != null) {
            banner.append("\n  Bootstrap admin created from SYNAPSE_ADMIN_EMAIL / SYNAPSE_ADMIN_PASSWORD.\n");
        } else {
            banner.append("\n  Log in with POST ").append(base).append("/api/auth/login {\"email\", \"password\"} (existing users).\n");
        }
        if (config.demoData()) {
            banner.append("  Demo users (password '").append(DEMO_PASSWORD).append("'): manager@synapse.local, rep@synapse.local, viewer@synapse.local\n");
        }
        LOG.info(banner);
    }
}
