package io.synapse.business;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A billing line (seed 000 faturamento). Written only by imports. */
@Entity
@Table(name = "faturamento")
public class Faturamento extends PanacheEntityBase {

    @Id
    public Long id;

    public LocalDateTime data;

    public Integer codCliente;

    public String lote;

    public String origem;

    public String zsGrMercad;

    public String produto;

    public String codProduto;

    public String zsCentro;

    public String zsCidade;

    public String zsUf;

    public BigDecimal zsPesoLiquido;

    public BigDecimal giroSkuCliente;

    @Column(name = "\"SKU\"")
    public String sku;

    public Long importId;
}
