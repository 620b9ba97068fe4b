package io.synapse.knowledge.documents;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.synapse.common.error.ProblemException;
import io.synapse.common.input.StorableText;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;

/**
 * The rules for a document's settings, wherever they come from (multipart fields, query
 * parameters, a PATCH body): a document is private unless shared; only managers share, because
 * a shared document feeds everyone's answers; a role share names its role.
 */
public final class DocumentRules {

    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_LENGTH = 50;
    public static final Set<String> TYPES = Set.of("document", "dataset", "configuration", "model", "other");
    public static final Set<String> VISIBILITIES = Set.of("private", "role", "everyone");
    static final Set<String> ROLES = Set.of("viewer", "rep", "manager", "admin");

    private DocumentRules() {
    }

    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        String refusal = StorableText.refusal(trimmed);
        if (refusal != null) {
            throw ProblemException.invalidField(field, refusal);
        }
        if (trimmed.length() > max) {
            throw ProblemException.invalidField(field, "must be at most " + max + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    public static String oneOf(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ProblemException.invalidField(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return value;
    }

    /** Trimmed, without duplicates, each storable, 1 to 50 characters, at most 20. */
    static String[] tags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        Set<String> clean = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = tag == null ? null : text("tags", tag, MAX_TAG_LENGTH);
            if (t == null) {
                throw ProblemException.invalidField("tags", "must not be blank");
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw ProblemException.invalidField("tags", "must be at most " + MAX_TAGS);
        }
        return new ArrayList<>(clean).toArray(String[]::new);
    }

    /** The visibility a document ends up with, after checking who may set it. */
    static void share(Actor actor, Document d, String visibility, String sharedWithRole) {
        String v = oneOf("visibility", visibility, VISIBILITIES);
        String role = oneOf("shared_with_role", sharedWithRole, ROLES);
        if (v == null && role == null) {
            return;
        }
        String target = v != null ? v : role != null ? "role" : d.visibility;
        if (target.equals("role") && role == null && !"role".equals(d.visibility)) {
            throw ProblemException.invalidField("shared_with_role", "is required when visibility is role");
        }
        if (!target.equals("role") && role != null) {
            throw ProblemException.invalidField("shared_with_role", "is only for visibility role");
        }
        if (!target.equals("private") && !actor.has(Roles.MANAGER)) {
            throw ProblemException.forbidden("Only managers and admins may share documents: a shared document feeds other users' answers");
        }
        d.visibility = target;
        d.sharedWithRole = target.equals("role") ? (role != null ? role : d.sharedWithRole) : null;
    }
}
