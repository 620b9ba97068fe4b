package io.synapse.business.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two files of seed 000 and their columns, in the seed's order. The header is the contract. */
public enum ImportKind {
    ESTOQUE("estoque", List.of(
            new Column("data", ColumnType.DATE, 0), new Column("cod_cliente", ColumnType.CODE, 0),
            new Column("es_centro", ColumnType.TEXT, 50), new Column("tipo_material", ColumnType.TEXT, 100),
            new Column("origem", ColumnType.TEXT, 50), new Column("cod_produto", ColumnType.TEXT, 50),
            new Column("lote", ColumnType.TEXT, 50), new Column("dias_em_estoque", ColumnType.INTEGER, 0),
            new Column("produto", ColumnType.TEXT, 100), new Column("grupo_mercadoria", ColumnType.TEXT, 100),
            new Column("es_totalestoque", ColumnType.DECIMAL, 0), new Column("SKU", ColumnType.TEXT, 50))),
    FATURAMENTO("faturamento", List.of(
            new Column("data", ColumnType.DATE, 0), new Column("cod_cliente", ColumnType.CODE, 0),
            new Column("lote", ColumnType.TEXT, 50), new Column("origem", ColumnType.TEXT, 50),
            new Column("zs_gr_mercad", ColumnType.TEXT, 100), new Column("produto", ColumnType.TEXT, 100),
            new Column("cod_produto", ColumnType.TEXT, 50), new Column("zs_centro", ColumnType.TEXT, 50),
            new Column("zs_cidade", ColumnType.TEXT, 100), new Column("zs_uf", ColumnType.TEXT, 10),
            new Column("zs_peso_liquido", ColumnType.DECIMAL, 0), new Column("giro_sku_cliente", ColumnType.DECIMAL, 0),
            new Column("SKU", ColumnType.TEXT, 50)));

    /** A CSV column: its name (= the table's column), how it is read, and its length limit for text. */
    public record Column(String name, ColumnType type, int maxLength) {

        /** The column as SQL names it: "SKU" is upper case in the seed's tables, so it is quoted. */
        public String sql() {
            return name.equals(name.toLowerCase(Locale.ROOT)) ? name : '"' + name + '"';
        }
    }

    private final String table;
    private final List<Column> columns;

    ImportKind(String table, List<Column> columns) {
        this.table = table;
        this.columns = columns;
    }

    @JsonValue
    public String table() {
        return table;
    }

    public List<Column> columns() {
        return columns;
    }

    public String columnList() {
        return String.join(", ", columns.stream().map(Column::sql).toList());
    }

    public static ImportKind parse(String value) {
        for (ImportKind kind : values()) {
            if (kind.table.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(ImportKind::table).toList());
    }
}
