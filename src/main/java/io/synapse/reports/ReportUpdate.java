package io.synapse.reports;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Absent fields stay; content (with its format) only for reports made from content. */
public record ReportUpdate(@Size(min = 1, max = 200) String name, @Size(max = 1_000_000) String content,
        @Pattern(regexp = "html|markdown", message = "must be html or markdown") String format) {
}
