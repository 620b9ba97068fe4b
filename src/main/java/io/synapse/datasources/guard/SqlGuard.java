package io.synapse.datasources.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import io.synapse.datasources.Engine;

/**
 * Layer 1 of the datasource guard: a statement reaches a user's database only if a real SQL
 * parser (JSqlParser) reads it as exactly one query: SELECT, WITH ... SELECT, VALUES, or EXPLAIN
 * (without ANALYZE) of those. Nothing in it may write (data-modifying CTE, SELECT INTO), lock
 * (FOR UPDATE/SHARE), use session variables, call a denied function or read a system catalogue
 * or a schema outside the connection's filter. What runs is the SQL re-written from the parsed
 * tree, with the row cap pushed into its LIMIT: comments, and whatever the parser skipped, never
 * reach the server; and that SQL is read once more by the server's own lexical rules
 * ({@link ServerTokens}), so no word escapes the deny lists wherever it stands. Layer 2 (a read-only transaction, always rolled back, with a statement
 * timeout) stands behind it in {@link io.synapse.datasources.exec.QueryRunner}.
 */
@ApplicationScoped
public class SqlGuard {

    private static final int PARSE_TIMEOUT_MS = 2000;
    private static final int MAX_NESTING = 64;

    // The parser's own timeout runs parsing on an executor; a virtual thread per parse is cheap. A
    // parse past its timeout keeps running (the parser ignores interrupts): at most one per core at once.
    private final ExecutorService parsing = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore parsers = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    @PreDestroy
    void close() {
        parsing.shutdownNow();
    }

    /**
     * @param rowCap         rows the caller will read; the statement's LIMIT is lowered to rowCap + 1 (the
     *                       extra row tells that there was more)
     * @param allowedSchemas schemas a qualified name may use; empty: any that is not a system schema
     */
    public GuardedStatement check(String sql, Engine engine, int rowCap, List<String> allowedSchemas) {
        if (sql == null || sql.isBlank()) {
            throw new SqlRefused("empty", "The statement is empty");
        }
        if (SqlText.hasExecutableComment(sql)) {
            throw new SqlRefused("executable_comment", "Executable comments (/*! ... */) are not allowed");
        }
        if (CCJSqlParserUtil.getNestingDepth(sql) > MAX_NESTING) {
            throw new SqlRefused("too_deep", "The statement nests parentheses more than " + MAX_NESTING + " levels deep");
        }
        try {
            return checkParsed(sql, engine, rowCap, allowedSchemas);
        } catch (StackOverflowError e) {
            // Deeply chained expressions (1+1+1..., a||a||a...) overflow the parser's or the writer's recursion.
            throw new SqlRefused("too_complex", "The statement is too deeply chained to be checked");
        }
    }

    private GuardedStatement checkParsed(String sql, Engine engine, int rowCap, List<String> allowedSchemas) {
        Statements statements;
        boolean permitted = false;
        try {
            permitted = parsers.tryAcquire(PARSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (!permitted) {
                throw new SqlRefused("busy", "Too many statements are being checked at once; try again");
            }
            statements = CCJSqlParserUtil.parseStatements(sql, parsing, parser -> parser.withTimeOut(PARSE_TIMEOUT_MS).withAllowComplexParsing(true));
        } catch (JSQLParserException e) {
            throw new SqlRefused("unparsable", "The statement could not be parsed as SQL" + position(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlRefused("busy", "Interrupted while waiting to check the statement");
        } finally {
            if (permitted) {
                parsers.release();
            }
        }
        if (statements == null || statements.isEmpty() || statements.get(0) == null) {
            throw new SqlRefused("unparsable", "The statement could not be parsed as SQL");
        }
        if (statements.size() > 1) {
            throw new SqlRefused("multiple_statements", "Send exactly one statement; found " + statements.size());
        }
        Statement statement = statements.get(0);
        boolean explain = false;
        Select query;
        if (statement instanceof ExplainStatement ex) {
            if (ex.getStatement() == null) {
                throw new SqlRefused("not_a_query", "EXPLAIN must be followed by a query");
            }
            if (ex.getOption(ExplainStatement.OptionType.ANALYZE) != null) {
                throw new SqlRefused("explain_analyze", "EXPLAIN ANALYZE runs the statement; use EXPLAIN without ANALYZE");
            }
            explain = true;
            query = ex.getStatement();
        } else if (statement instanceof Select select) {
            query = select;
        } else {
            throw new SqlRefused("not_a_query", "Only queries may run (SELECT, WITH ... SELECT, VALUES, EXPLAIN); found "
                    + statement.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT));
        }
        if (!(query instanceof PlainSelect || query instanceof SetOperationList || query instanceof Values || query instanceof ParenthesedSelect)) {
            throw new SqlRefused("not_a_query", "Only SELECT, WITH ... SELECT, VALUES and EXPLAIN of those may run");
        }
        Inspector inspector = new Inspector(allowedSchemas);
        try {
            Inspector.lockingClause(query);
            inspector.getTables(statement);
        } catch (SqlRefused refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw new SqlRefused("unsupported", "The statement uses a construct the guard cannot inspect");
        }
        if (!explain) {
            capRows(query, rowCap);
        }
        String rewritten = statement.toString();
        // The server's reading of what will run: comments, separators, escape strings and every name, wherever it stands.
        ServerTokens.check(rewritten, engine, allowedSchemas);
        List<String> names = new ArrayList<>();
        String positional = SqlText.positional(rewritten, names);
        return new GuardedStatement(positional, List.copyOf(names), explain, rewritten);
    }

    /** LIMIT rowCap + 1 unless the statement asks for fewer; a LIMIT given as an expression is kept and the driver caps instead. */
    private static void capRows(Select query, int rowCap) {
        if (query instanceof Values || query.getFetch() != null) {
            return; // VALUES is finite; FETCH FIRST is the standard's LIMIT and the driver's max rows still apply
        }
        if (query instanceof SetOperationList union && union.getLimit() == null && !union.getSelects().isEmpty()
                && union.getSelects().get(union.getSelects().size() - 1).getLimit() != null) {
            // "a UNION b LIMIT n": the parser hangs the union's LIMIT on its last select.
            query = union.getSelects().get(union.getSelects().size() - 1);
        }
        Limit limit = query.getLimit();
        long cap = (long) rowCap + 1;
        if (limit == null) {
            query.setLimit(new Limit().withRowCount(new LongValue(cap)));
        } else if (limit.getRowCount() instanceof LongValue value && value.getValue() > cap) {
            limit.setRowCount(new LongValue(cap));
        } else if (limit.getRowCount() == null && !limit.isLimitAll() && !limit.isLimitNull()) {
            limit.setRowCount(new LongValue(cap));
        }
    }

    private static String position(JSQLParserException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        int at = message.indexOf(" at line ");
        if (at < 0) {
            return "";
        }
        int end = message.indexOf('.', at);
        return message.substring(at, end < 0 ? Math.min(message.length(), at + 40) : end).replace(" at line ", " (line ") + ")";
    }

    /** Walks every select, expression, table and function of the tree (JSqlParser's own complete walker) and refuses what may not run. */
    private static final class Inspector extends TablesNamesFinder<Void> {

        private final List<String> allowedSchemas;

        Inspector(List<String> allowedSchemas) {
            this.allowedSchemas = allowedSchemas.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            if (select.getIntoTables() != null && !select.getIntoTables().isEmpty() || select.getIntoTempTable() != null) {
                throw new SqlRefused("select_into", "SELECT ... INTO creates or writes a table");
            }
            lockingClause(select);
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(SetOperationList list, S context) {
            lockingClause(list);
            return super.visit(list, context);
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            lockingClause(select);
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(WithItem<?> with, S context) {
            onlyQueries(with);
            return super.visit(with, context);
        }

        @Override
        public <S> Void visit(Function function, S context) {
            List<String> parts = function.getMultipartName();
            String name = parts == null || parts.isEmpty() ? function.getName() : parts.get(parts.size() - 1);
            String denied = name == null ? null : DenyList.function(unquote(name));
            if (denied != null) {
                throw new SqlRefused("denied_function", "The function " + denied + " may not be called");
            }
            if (parts != null && parts.size() > 1) {
                schema(unquote(parts.get(parts.size() - 2)), "function " + function.getName());
            }
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(Table table, S context) {
            if (table.getSchemaName() != null) {
                schema(unquote(table.getSchemaName()), "table " + table.getFullyQualifiedName());
            }
            if (table.getDatabaseName() != null && table.getSchemaName() != null) {
                throw new SqlRefused("cross_database", "Names qualified with a database (" + table.getFullyQualifiedName() + ") are not allowed");
            }
            if (table.getName() != null && DenyList.systemRelation(unquote(table.getName()))) {
                throw new SqlRefused("system_catalogue", "The system relation " + table.getName() + " may not be read");
            }
            return super.visit(table, context);
        }

        @Override
        public <S> Void visit(UserVariable variable, S context) {
            throw new SqlRefused("session_variable", "Session and system variables (@name, @@name) are not allowed");
        }

        @Override
        public <S> Void visit(JdbcParameter parameter, S context) {
            throw new SqlRefused("positional_parameter", "Use named parameters (:name) with params; '?' is not allowed");
        }

        private void schema(String schema, String what) {
            if (DenyList.systemSchema(schema)) {
                throw new SqlRefused("system_catalogue", "The " + what + " is in the system schema " + schema);
            }
            if (!allowedSchemas.isEmpty() && !allowedSchemas.contains(schema.toLowerCase(Locale.ROOT))) {
                throw new SqlRefused("schema_not_allowed", "The " + what + " is outside this connection's schemas " + allowedSchemas);
            }
        }

        private static void onlyQueries(WithItem<?> with) {
            if (!(with.getParenthesedStatement() instanceof ParenthesedSelect)) {
                throw new SqlRefused("data_modifying_cte", "WITH " + with.getAliasName() + " changes data; only queries may run");
            }
        }

        private static void lockingClause(Select select) {
            if (select.getWithItemsList() != null) {
                select.getWithItemsList().forEach(Inspector::onlyQueries);
            }
            if (select.getForMode() != null || select.getForUpdateTable() != null || select.isSkipLocked() || select.isNoWait()
                    || select.getWait() != null) {
                throw new SqlRefused("locking_clause", "Locking reads (FOR UPDATE / FOR SHARE) are not allowed");
            }
        }

        private static String unquote(String name) {
            if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("`") && name.endsWith("`")
                    || name.startsWith("[") && name.endsWith("]"))) {
                return name.substring(1, name.length() - 1);
            }
            return name;
        }
    }
}
