package io.synapse.knowledge.documents;

public record ChunkView(long id, int ordinal, String heading, String text, int startOffset, int endOffset, Integer pageNumber, int tokenCount,
        String embeddingModel, Integer embeddingDimension) {

    public static ChunkView of(DocumentChunk c) {
        return new ChunkView(c.id, c.ordinal, c.heading, c.content, c.startOffset, c.endOffset, c.pageNumber, c.tokenCount, c.embeddingModel,
                c.embeddingDimension);
    }
}
