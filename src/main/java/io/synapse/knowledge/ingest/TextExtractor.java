package io.synapse.knowledge.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.synapse.common.input.StorableText;
import io.synapse.knowledge.KnowledgeConfig;

/** Any supported upload to text with one structure (ExtractedText). */
@ApplicationScoped
public class TextExtractor {

    @Inject
    KnowledgeConfig config;

    /** The checks an upload answers at once (422), before any job: empty, not text, not a PDF, too many pages. */
    public void precheck(String mediaType, byte[] bytes) throws ExtractionFailure {
        if (bytes.length == 0) {
            throw new ExtractionFailure("The file is empty");
        }
        if (MediaTypes.PDF.equals(mediaType)) {
            PdfText.pages(bytes, config.upload().maxPages());
        } else {
            String text = PlainText.decode(bytes);
            if (text.isBlank()) {
                throw new ExtractionFailure("The file has no text");
            }
        }
    }

    public ExtractedText extract(String mediaType, byte[] bytes) throws ExtractionFailure {
        ExtractedText extracted = switch (mediaType) {
            case MediaTypes.PDF -> PdfText.extract(bytes, config.upload().maxPages());
            case MediaTypes.HTML -> HtmlText.extract(PlainText.decode(bytes));
            default -> new ExtractedText(PlainText.decode(bytes), null, null);
        };
        // What PostgreSQL cannot store (NUL, lone surrogates) is dropped here, once, so offsets hold.
        String text = StorableText.clean(extracted.text());
        if (text.isBlank()) {
            throw new ExtractionFailure(MediaTypes.PDF.equals(mediaType)
                    ? "The PDF has no text layer (scanned pages need OCR, which Synapse does not do)"
                    : "The file has no text");
        }
        if (text.length() > config.upload().maxCharacters()) {
            throw new ExtractionFailure("The text is " + text.length() + " characters long; the limit is " + config.upload().maxCharacters()
                    + " (synapse.knowledge.upload.max-characters)");
        }
        return text.length() == extracted.text().length() ? extracted : new ExtractedText(text, extracted.pageStarts(), extracted.title());
    }
}
