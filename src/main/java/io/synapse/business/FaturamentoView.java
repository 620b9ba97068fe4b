package io.synapse.business;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A faturamento row with the seed's column names ("SKU" included). */
public record FaturamentoView(long id, LocalDateTime data, int codCliente, String lote, String origem, String zsGrMercad, String produto,
        String codProduto, String zsCentro, String zsCidade, String zsUf, BigDecimal zsPesoLiquido, BigDecimal giroSkuCliente,
        @JsonProperty("SKU") String sku, Long importId) {

    public static FaturamentoView of(Faturamento f) {
        return new FaturamentoView(f.id, f.data, f.codCliente, f.lote, f.origem, f.zsGrMercad, f.produto, f.codProduto, f.zsCentro, f.zsCidade,
                f.zsUf, f.zsPesoLiquido, f.giroSkuCliente, f.sku, f.importId);
    }
}
