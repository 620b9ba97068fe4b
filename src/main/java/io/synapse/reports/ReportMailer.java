package io.synapse.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/** The report e-mail: the stored (sanitised or generated) HTML, with a plain-text pointer for text-only clients. */
@ApplicationScoped
public class ReportMailer {

    @Inject
    Mailer mailer;

    void send(String to, Report report) {
        String subject = "Synapse report: " + report.name;
        Mail mail = Mail.withHtml(to, subject, "<!DOCTYPE html><html><body>" + report.content + "</body></html>")
                .setText("Your Synapse report \"" + report.name + "\" is attached as HTML and in the app under /api/me/reports (id " + report.id + ").");
        mailer.send(mail);
    }
}
