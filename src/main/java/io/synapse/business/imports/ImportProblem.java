package io.synapse.business.imports;

/** Why a line of a file was refused: its line number (1 = the header), the column and the reason. */
public record ImportProblem(int line, String column, String reason) {
}
