package io.synapse.datasources;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One read-only statement; :name placeholders are bound from params by JSON type (never spliced into the text). */
public record QueryRequest(@NotBlank @Size(max = 20_000) @Schema(example = "SELECT uf, count(*) FROM clientes WHERE uf = :uf GROUP BY uf") String sql,
        @Size(max = 100) @Schema(example = "{\"uf\": \"PR\"}") Map<String, Object> params, @Min(1) @Max(1_000_000) Integer limit) {
}
