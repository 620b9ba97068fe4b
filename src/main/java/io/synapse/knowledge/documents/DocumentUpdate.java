package io.synapse.knowledge.documents;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Absent (null) fields stay as they are. Changing the language re-indexes the document; the
 * other fields take effect at once (visibility included: retrieval reads it on every query).
 */
public record DocumentUpdate(@Size(min = 1, max = 255) String title,
        @Pattern(regexp = "document|dataset|configuration|model|other") String type,
        @Size(max = 2000) String sourceUri,
        @Pattern(regexp = "private|role|everyone") @Schema(example = "role") String visibility,
        @Pattern(regexp = "viewer|rep|manager|admin") @Schema(example = "rep") String sharedWithRole,
        @Size(max = DocumentRules.MAX_TAGS) List<@NotNull @Size(min = 1, max = DocumentRules.MAX_TAG_LENGTH) String> tags,
        @Size(max = 50) Map<String, Object> metadata,
        @Pattern(regexp = "auto|english|portuguese|simple") String language) {
}
