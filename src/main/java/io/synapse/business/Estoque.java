package io.synapse.business;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An inventory lot on a snapshot date (seed 000 estoque). Written only by imports. */
@Entity
@Table(name = "estoque")
public class Estoque extends PanacheEntityBase {

    @Id
    public Long id;

    public LocalDateTime data;

    public Integer codCliente;

    public String esCentro;

    public String tipoMaterial;

    public String origem;

    public String codProduto;

    public String lote;

    public Integer diasEmEstoque;

    public String produto;

    public String grupoMercadoria;

    public BigDecimal esTotalestoque;

    @Column(name = "\"SKU\"")
    public String sku;

    public Long importId;
}
