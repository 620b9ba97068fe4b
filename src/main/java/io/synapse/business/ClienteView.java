package io.synapse.business;

public record ClienteView(int codCliente, String nome) {

    public static ClienteView of(Cliente c) {
        return new ClienteView(c.codCliente, c.nome);
    }
}
