package io.synapse.datasources.templates;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Values for the template's parameters, each bound as its declared type. */
public record TemplateRun(@Size(max = 50) @Schema(example = "{\"uf\": \"PR\"}") Map<String, Object> params, @Min(1) @Max(1_000_000) Integer limit) {
}
