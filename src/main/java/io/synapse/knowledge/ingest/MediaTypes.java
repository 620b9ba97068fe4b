package io.synapse.knowledge.ingest;

import java.util.Locale;
import java.util.Set;

/** The formats documents may be uploaded in, by media type or, for a generic one, by file name. */
public final class MediaTypes {

    public static final String TEXT = "text/plain";
    public static final String MARKDOWN = "text/markdown";
    public static final String HTML = "text/html";
    public static final String PDF = "application/pdf";
    public static final Set<String> SUPPORTED = Set.of(TEXT, MARKDOWN, HTML, PDF);

    private MediaTypes() {
    }

    /**
     * PDFBox's text extraction builds java.awt.geom paths for every page, and a native image has
     * AWT only with the quarkus-awt extension, which our registry does not serve for this Quarkus
     * version: the native image refuses PDFs at upload instead of failing them later.
     */
    public static boolean pdfSupported() {
        return !io.quarkus.runtime.ImageMode.current().isNativeImage();
    }

    /** The supported type a declared one names (parameters such as charset dropped), or null. */
    public static String of(String declared, String fileName) {
        String type = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("text/x-markdown")) {
            type = MARKDOWN;
        }
        if (SUPPORTED.contains(type)) {
            return type;
        }
        if (type.isEmpty() || type.equals("application/octet-stream")) {
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".pdf")) {
                return PDF;
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return MARKDOWN;
            }
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return HTML;
            }
            if (name.endsWith(".txt")) {
                return TEXT;
            }
        }
        return null;
    }
}
