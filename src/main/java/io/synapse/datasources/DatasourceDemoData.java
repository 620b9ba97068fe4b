package io.synapse.datasources;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.URI;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.synapse.common.config.SynapseConfig;
import io.synapse.common.security.SecretGenerator;
import io.synapse.datasources.templates.ParameterType;
import io.synapse.datasources.templates.QueryTemplate;
import io.synapse.datasources.templates.TemplateParameter;
import io.synapse.identity.User;

/**
 * The local run's demo connection: Synapse's own business tables (clientes, estoque, faturamento)
 * through a login that may only SELECT them, owned by the bootstrap admin and shared with every
 * user, tested and introspected, with two templates. A newcomer can run a template at once, or ask
 * a question once a model provider is configured. Created once; needs a database login that may
 * create roles (the local PostgreSQL's postgres does), else it is skipped with a log line.
 */
@ApplicationScoped
public class DatasourceDemoData {

    private static final Logger LOG = Logger.getLogger(DatasourceDemoData.class);
    static final String NAME = "Demo: business data";
    static final String ROLE = "synapse_demo_reader";

    @Inject
    SynapseConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SecretCipher cipher;

    @Inject
    SecretGenerator secrets;

    @Inject
    ConnectionService connections;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 800) StartupEvent event) {
        if (!config.demoData() || !cipher.configured()) {
            return;
        }
        String adminEmail = config.admin().email().orElse("admin@synapse.local");
        User admin = QuarkusTransaction.requiringNew().call(() -> User.<User>find("email", adminEmail).firstResult());
        if (admin == null || QuarkusTransaction.requiringNew().call(() -> DatabaseConnection.count("name", NAME) > 0)) {
            return;
        }
        String password = secrets.token(24);
        URI target = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = target.getPath().replaceFirst("^/", "");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "') THEN CREATE ROLE " + ROLE + " LOGIN; END IF; END $$");
            s.execute("ALTER ROLE " + ROLE + " LOGIN PASSWORD '" + password + "'");
            s.execute("GRANT CONNECT ON DATABASE \"" + database.replace("\"", "\"\"") + "\" TO " + ROLE);
            s.execute("GRANT USAGE ON SCHEMA public TO " + ROLE);
            s.execute("GRANT SELECT ON clientes, estoque, faturamento TO " + ROLE);
        } catch (SQLException e) {
            LOG.infof("Demo connection not created (the database login may not create roles: %s)", e.getMessage());
            return;
        }
        DatabaseConnection demo = QuarkusTransaction.requiringNew().call(() -> {
            DatabaseConnection c = new DatabaseConnection();
            c.userId = admin.id;
            c.name = NAME;
            c.description = "Synapse's own clientes, estoque and faturamento tables, read through a SELECT-only role";
            c.engine = Engine.POSTGRESQL;
            c.host = target.getHost();
            c.port = target.getPort() < 0 ? 5432 : target.getPort();
            c.databaseName = database;
            c.username = ROLE;
            SecretCipher.Sealed sealed = cipher.seal(password);
            c.passwordCiphertext = sealed.bytes();
            c.passwordKeyId = sealed.keyId();
            c.sslMode = "disable";
            c.schemaFilter = new java.util.ArrayList<>(List.of("public"));
            c.sharedWithRole = "viewer";
            c.status = "untested";
            c.persist();
            return c;
        });
        ConnectionCheck check = connections.check(demo);
        if (!check.queryable()) {
            LOG.infof("Demo connection created but not queryable: %s", check.error() != null ? check.error() : check.writePrivileges());
            return;
        }
        connections.refreshCatalogue(demo);
        QuarkusTransaction.requiringNew().run(() -> {
            template(admin, demo, "Tonnage by state", "How many tons did each state buy?",
                    "SELECT zs_uf AS state, round(sum(zs_peso_liquido), 2) AS tons FROM faturamento WHERE data >= :since GROUP BY zs_uf ORDER BY tons DESC",
                    List.of(new TemplateParameter("since", ParameterType.DATE, false, "2000-01-01", "First day counted")));
            template(admin, demo, "Top customers", "Who are our biggest customers?",
                    "SELECT c.nome AS customer, round(sum(f.zs_peso_liquido), 2) AS tons FROM faturamento f JOIN clientes c ON c.cod_cliente = f.cod_cliente "
                            + "GROUP BY c.nome ORDER BY tons DESC LIMIT :top",
                    List.of(new TemplateParameter("top", ParameterType.INTEGER, false, 10, "How many customers")));
        });
        LOG.infof("Demo connection '%s' (%s): POST /api/datasources/%s/query, or run a template from GET /api/query-templates", NAME, demo.id, demo.id);
    }

    private static void template(User admin, DatabaseConnection c, String name, String question, String sql, List<TemplateParameter> parameters) {
        QueryTemplate t = new QueryTemplate();
        t.userId = admin.id;
        t.connectionId = c.id;
        t.name = name;
        t.questionTemplate = question;
        t.sqlTemplate = sql;
        t.parameters = new java.util.ArrayList<>(parameters);
        t.category = "demo";
        t.sharedWithRole = "viewer";
        t.isVerified = true;
        t.persist();
    }
}
