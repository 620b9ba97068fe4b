package io.synapse.business;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import io.restassured.response.Response;
import io.synapse.business.sample.SampleData;
import io.synapse.support.Api;

/** Test files and uploads. */
public final class Csv {

    static final String ESTOQUE_HEADER = "data|cod_cliente|es_centro|tipo_material|origem|cod_produto|lote|dias_em_estoque|produto|grupo_mercadoria|es_totalestoque|SKU";
    public static final String FATURAMENTO_HEADER = "data|cod_cliente|lote|origem|zs_gr_mercad|produto|cod_produto|zs_centro|zs_cidade|zs_uf|zs_peso_liquido|giro_sku_cliente|SKU";

    private Csv() {
    }

    static String estoque(int rows, long seed) {
        StringWriter out = new StringWriter();
        try {
            SampleData.writeEstoque(out, rows, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String faturamento(int rows, long seed) {
        StringWriter out = new StringWriter();
        try {
            SampleData.writeFaturamento(out, rows, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A valid faturamento line for a client code. */
    public static String sale(String date, String client, String uf, String tons) {
        return date + "|" + client + "|4000000001|PRG|ZINCADO|Chapa|CZN|22D1|CURITIBA|" + uf + "|" + tons + "|1.5|CZN-0.50X1200";
    }

    public static Response upload(Api.Login user, String kind, String body, String mode) {
        return user.as().contentType("text/csv; charset=UTF-8").body(body).queryParam("mode", mode == null ? "append" : mode)
                .post("/api/imports/" + kind);
    }

    static Response upload(Api.Login user, String kind, byte[] body) {
        return user.as().contentType("text/csv").body(body).post("/api/imports/" + kind);
    }
}
