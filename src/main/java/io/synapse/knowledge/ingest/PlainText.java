package io.synapse.knowledge.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 text as uploaded: decoded strictly, refused when it is binary, line ends made \n. */
final class PlainText {

    private PlainText() {
    }

    static String decode(byte[] bytes) throws ExtractionFailure {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ExtractionFailure("The file is not UTF-8 text; convert it to UTF-8, or upload it as PDF");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new ExtractionFailure("The file contains NUL bytes: it is binary, not text");
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7F) {
                control++;
            }
        }
        if (control > Math.max(8, text.length() / 100)) {
            throw new ExtractionFailure("The file is mostly control characters: it is binary, not text");
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
