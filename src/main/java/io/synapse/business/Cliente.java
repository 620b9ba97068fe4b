package io.synapse.business;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A client of the seed's business data; codes come from the CSV files, names default to "Cliente N". */
@Entity
@Table(name = "clientes")
public class Cliente extends PanacheEntityBase {

    @Id
    public Integer codCliente;

    public String nome;
}
