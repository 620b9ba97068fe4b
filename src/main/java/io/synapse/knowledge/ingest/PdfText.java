package io.synapse.knowledge.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** A PDF's text layer, page by page (PDFBox). Scanned pages have none: Synapse does no OCR. */
final class PdfText {

    private PdfText() {
    }

    /** Opens the file and counts its pages: cheap enough for the upload request, and it refuses what the job could not read. */
    static int pages(byte[] bytes, int maxPages) throws ExtractionFailure {
        try (PDDocument pdf = open(bytes)) {
            return checkedPages(pdf, maxPages);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // A malformed file may break the parser in any way: it is the file's fault, not the server's.
            throw new ExtractionFailure("The file is not a readable PDF");
        }
    }

    static ExtractedText extract(byte[] bytes, int maxPages) throws ExtractionFailure {
        try (PDDocument pdf = open(bytes)) {
            int pages = checkedPages(pdf, maxPages);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            stripper.setLineSeparator("\n");
            StringBuilder text = new StringBuilder();
            List<Integer> pageStarts = new ArrayList<>(pages);
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pageStarts.add(text.length());
                String pageText = stripper.getText(pdf).strip();
                if (!pageText.isEmpty()) {
                    text.append(pageText).append("\n\n");
                }
            }
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            return new ExtractedText(text.toString(), pageStarts, title == null || title.isBlank() ? null : title.strip());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new ExtractionFailure("The PDF could not be read: " + e.getClass().getSimpleName());
        }
    }

    private static PDDocument open(byte[] bytes) throws IOException, ExtractionFailure {
        if (bytes.length < 5 || bytes[0] != '%' || bytes[1] != 'P' || bytes[2] != 'D' || bytes[3] != 'F' || bytes[4] != '-') {
            throw new ExtractionFailure("The file is not a PDF: it does not start with %PDF-");
        }
        try {
            return Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw new ExtractionFailure("The PDF is password-protected; upload it without the password");
        }
    }

    private static int checkedPages(PDDocument pdf, int maxPages) throws ExtractionFailure {
        int pages = pdf.getNumberOfPages();
        if (pages < 1) {
            throw new ExtractionFailure("The PDF has no pages");
        }
        if (pages > maxPages) {
            throw new ExtractionFailure("The PDF has " + pages + " pages; the limit is " + maxPages + " (synapse.knowledge.upload.max-pages)");
        }
        return pages;
    }
}
