package io.synapse.business;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An estoque row with the seed's column names ("SKU" included). */
public record EstoqueView(long id, LocalDateTime data, int codCliente, String esCentro, String tipoMaterial, String origem, String codProduto,
        String lote, int diasEmEstoque, String produto, String grupoMercadoria, BigDecimal esTotalestoque, @JsonProperty("SKU") String sku,
        Long importId) {

    public static EstoqueView of(Estoque e) {
        return new EstoqueView(e.id, e.data, e.codCliente, e.esCentro, e.tipoMaterial, e.origem, e.codProduto, e.lote, e.diasEmEstoque, e.produto,
                e.grupoMercadoria, e.esTotalestoque, e.sku, e.importId);
    }
}
