package io.synapse.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.synapse.common.error.ProblemException;

/** Quartz cron expressions, parsed with the library Quarkus' own scheduler uses; times in UTC. */
final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private CronSchedule() {
    }

    static Cron parse(String expression) {
        try {
            return PARSER.parse(expression.trim()).validate();
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("cron", "is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week): "
                    + e.getMessage());
        }
    }

    /** The first run strictly after the instant, or null if the expression never fires again. */
    static Instant next(String expression, Instant after) {
        return ExecutionTime.forCron(parse(expression)).nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant).orElse(null);
    }
}
