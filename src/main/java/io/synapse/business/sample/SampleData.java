package io.synapse.business.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic estoque and faturamento files in the seed's pipe-delimited format and value domains
 * (steel coils, rolls and sheets; the seed's centres, origins, product codes and groups; cities
 * weighted towards PR and SP), at any size, deterministic for a given seed, written as a stream.
 * The seed's own files have 1,473 estoque rows dated 2025-08-04 and 17,345 faturamento rows from
 * 2024-01-10 on, over about 500 clients: {@link #ESTOQUE_ROWS}, {@link #FATURAMENTO_ROWS}.
 *
 * <pre>java -cp target/classes io.synapse.business.sample.SampleData faturamento 10000000 /tmp/faturamento.csv [seed]</pre>
 */
public final class SampleData {

    public static final int ESTOQUE_ROWS = 1_473;
    public static final int FATURAMENTO_ROWS = 17_345;
    public static final int CLIENTS = 500;
    static final LocalDate ESTOQUE_DATE = LocalDate.of(2025, 8, 4);
    static final LocalDate SALES_START = LocalDate.of(2024, 1, 10);
    static final int SALES_DAYS = 570;

    static final String ESTOQUE_HEADER = "data|cod_cliente|es_centro|tipo_material|origem|cod_produto|lote|dias_em_estoque|produto|grupo_mercadoria|es_totalestoque|SKU";
    static final String FATURAMENTO_HEADER = "data|cod_cliente|lote|origem|zs_gr_mercad|produto|cod_produto|zs_centro|zs_cidade|zs_uf|zs_peso_liquido|giro_sku_cliente|SKU";

    private static final List<String> CENTRES = List.of("32D1", "1101", "22D1", "1102", "31D1");
    private static final List<String> MATERIAL_TYPES = List.of("Materia Prima", "Produto Acabado");
    private static final List<String> STOCK_ORIGINS = List.of("E_PRG_REF", "S_PRG_REF");
    private static final List<String> PRODUCT_CODES = List.of("BFF", "RFF", "RFQD", "CZN", "CG");
    private static final List<String> PRODUCTS = List.of("Bobina", "Rolo", "Chapa");
    private static final List<String> STOCK_GROUPS = List.of("Laminado a Frio", "Laminado a Quente", "Zincado");
    private static final List<String> SALES_GROUPS = List.of("ZINCADO", "LAMINADO A QUENTE", "LAMINADO A FRIO");
    /** City, state and weight: Paraná and São Paulo dominate, as in the seed. */
    private static final List<Object[]> CITIES = List.of(
            new Object[] { "CURITIBA", "PR", 18 }, new Object[] { "POMPEIA", "SP", 9 }, new Object[] { "SAO PAULO", "SP", 16 },
            new Object[] { "LONDRINA", "PR", 7 }, new Object[] { "MARINGA", "PR", 6 }, new Object[] { "PONTA GROSSA", "PR", 5 },
            new Object[] { "CAMPINAS", "SP", 7 }, new Object[] { "SOROCABA", "SP", 5 }, new Object[] { "JOINVILLE", "SC", 5 },
            new Object[] { "BLUMENAU", "SC", 3 }, new Object[] { "PORTO ALEGRE", "RS", 4 }, new Object[] { "CAXIAS DO SUL", "RS", 3 },
            new Object[] { "BELO HORIZONTE", "MG", 5 }, new Object[] { "CONTAGEM", "MG", 2 }, new Object[] { "GOIANIA", "GO", 2 },
            new Object[] { "RIO DE JANEIRO", "RJ", 3 });
    private static final int CITY_WEIGHT = CITIES.stream().mapToInt(c -> (int) c[2]).sum();

    private SampleData() {
    }

    /** The client codes every file draws from: the same ~500 for any seed, so both files share clients. */
    static int[] clients() {
        Random random = new Random(500);
        int[] codes = new int[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            codes[i] = 100_000 + i * 1_700 + random.nextInt(1_700);
        }
        return codes;
    }

    public static void writeEstoque(Writer out, long rows, long seed) throws IOException {
        Random random = new Random(seed);
        int[] clients = clients();
        out.write(ESTOQUE_HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(200);
        for (long i = 0; i < rows; i++) {
            int product = random.nextInt(PRODUCT_CODES.size());
            line.setLength(0);
            line.append(ESTOQUE_DATE).append('|')
                    .append(client(random, clients)).append('|')
                    .append(pick(random, CENTRES)).append('|')
                    .append(pick(random, MATERIAL_TYPES)).append('|')
                    .append(pick(random, STOCK_ORIGINS)).append('|')
                    .append(PRODUCT_CODES.get(product)).append('|')
                    .append(lot(random)).append('|')
                    .append(age(random)).append('|')
                    .append(PRODUCTS.get(product % PRODUCTS.size())).append('|')
                    .append(STOCK_GROUPS.get(product % STOCK_GROUPS.size())).append('|')
                    .append(decimal(random, 0.5, 60, 3)).append('|')
                    .append(sku(random, PRODUCT_CODES.get(product))).append('\n');
            out.append(line);
        }
        out.flush();
    }

    public static void writeFaturamento(Writer out, long rows, long seed) throws IOException {
        Random random = new Random(seed);
        int[] clients = clients();
        out.write(FATURAMENTO_HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(200);
        for (long i = 0; i < rows; i++) {
            int product = random.nextInt(PRODUCT_CODES.size());
            Object[] city = city(random);
            LocalDate day = SALES_START.plusDays(Math.min(SALES_DAYS - 1, i * SALES_DAYS / Math.max(1, rows)));
            line.setLength(0);
            line.append(day).append('|')
                    .append(client(random, clients)).append('|')
                    .append(lot(random)).append('|')
                    .append("PRG").append('|')
                    .append(SALES_GROUPS.get(product % SALES_GROUPS.size())).append('|')
                    .append(PRODUCTS.get(product % PRODUCTS.size())).append('|')
                    .append(PRODUCT_CODES.get(product)).append('|')
                    .append(pick(random, CENTRES)).append('|')
                    .append(city[0]).append('|')
                    .append(city[1]).append('|')
                    .append(decimal(random, 0.2, 30, 3)).append('|')
                    .append(decimal(random, 0.1, 12, 4)).append('|')
                    .append(sku(random, PRODUCT_CODES.get(product))).append('\n');
            out.append(line);
        }
        out.flush();
    }

    /** Client codes follow a skewed (Pareto-like) popularity, as real sales do. */
    private static int client(Random random, int[] clients) {
        double u = random.nextDouble();
        return clients[(int) Math.min(clients.length - 1, Math.floor(clients.length * Math.pow(u, 4)))];
    }

    private static Object[] city(Random random) {
        int ticket = random.nextInt(CITY_WEIGHT);
        for (Object[] city : CITIES) {
            ticket -= (int) city[2];
            if (ticket < 0) {
                return city;
            }
        }
        return CITIES.get(0);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String lot(Random random) {
        return Long.toString(1_000_000_000L + (long) (random.nextDouble() * 8_999_999_999L));
    }

    /** Most stock is young; a tail is older than half a year. */
    private static int age(Random random) {
        return (int) Math.min(720, Math.floor(-Math.log(1 - random.nextDouble()) * 75));
    }

    private static String sku(Random random, String code) {
        String[] thickness = { "0.40", "0.50", "0.65", "0.80", "1.20", "2.00", "3.00", "4.75", "6.35" };
        int[] widths = { 1000, 1100, 1200, 1250, 1500 };
        return code + "-" + thickness[random.nextInt(thickness.length)] + "X" + widths[random.nextInt(widths.length)];
    }

    private static String decimal(Random random, double min, double max, int scale) {
        return String.format(Locale.ROOT, "%." + scale + "f", min + random.nextDouble() * (max - min));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !(args[0].equals("estoque") || args[0].equals("faturamento"))) {
            System.err.println("usage: SampleData estoque|faturamento ROWS FILE [SEED]");
            System.exit(2);
        }
        long rows = Long.parseLong(args[1]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            if (args[0].equals("estoque")) {
                writeEstoque(out, rows, seed);
            } else {
                writeFaturamento(out, rows, seed);
            }
        }
    }
}
