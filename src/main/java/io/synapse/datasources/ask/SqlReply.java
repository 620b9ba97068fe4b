package io.synapse.datasources.ask;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The statement in a model's reply: the first ```sql block, else any fenced block, else the whole text. */
final class SqlReply {

    private static final Pattern SQL_BLOCK = Pattern.compile("```\\s*sql\\s*\\n(.*?)```", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_BLOCK = Pattern.compile("```[a-zA-Z]*\\s*\\n(.*?)```", Pattern.DOTALL);

    private SqlReply() {
    }

    static String extract(String reply) {
        if (reply == null) {
            return "";
        }
        Matcher m = SQL_BLOCK.matcher(reply);
        if (m.find()) {
            return m.group(1).trim();
        }
        m = ANY_BLOCK.matcher(reply);
        if (m.find()) {
            return m.group(1).trim();
        }
        return reply.trim();
    }
}
