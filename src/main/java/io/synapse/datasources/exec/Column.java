package io.synapse.datasources.exec;

/** A result column: its label and the database's type name. */
public record Column(String name, String type) {
}
