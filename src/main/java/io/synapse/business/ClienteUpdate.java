package io.synapse.business;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ClienteUpdate(@NotBlank @Size(max = 100) String nome) {
}
