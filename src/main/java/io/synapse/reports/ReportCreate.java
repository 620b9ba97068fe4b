package io.synapse.reports;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Either content (HTML or Markdown, sanitised when stored) or a template with its parameters
 * (the business filters: from, to, centro, uf, ...), never both.
 */
public record ReportCreate(@NotBlank @Size(max = 200) @Schema(example = "Monthly sales") String name, @Size(max = 1_000_000) String content,
        @Pattern(regexp = "html|markdown", message = "must be html or markdown") String format, @Size(max = 50) @Schema(example = "sales-overview") String template,
        @Size(max = 20) Map<String, String> parameters) {
}
