package io.synapse.knowledge.embedding;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.UnlessBuildProperty;

import org.jboss.logging.Logger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * all-MiniLM-L6-v2 in-process (ONNX Runtime; model and tokenizer inside the jar): no service,
 * no key, no network. Loaded on first use (about 1.5 s and 90 MB), never at start-up.
 * <p>
 * Not in the native image: ONNX Runtime and the tokenizer are JNI libraries unpacked from their
 * jars at run time, with JNI callbacks native-image would need registered one by one, and the
 * model would add 90 MB to the executable. Native builds leave this bean (and so ONNX Runtime)
 * out; Embeddings then uses the configured endpoint, or indexes for full-text search only.
 */
@ApplicationScoped
@UnlessBuildProperty(name = "quarkus.native.enabled", stringValue = "true", enableIfMissing = true)
public class LocalEmbedder implements Embedder {

    public static final String MODEL = "all-minilm-l6-v2";
    private static final Logger LOG = Logger.getLogger(LocalEmbedder.class);

    private volatile AllMiniLmL6V2EmbeddingModel model;

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<float[]> embed(List<String> texts) throws EmbeddingFailure {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(text.isBlank() ? "-" : text));
        }
        try {
            List<Embedding> embeddings = loaded().embedAll(segments).content();
            List<float[]> vectors = new ArrayList<>(embeddings.size());
            for (Embedding e : embeddings) {
                vectors.add(Embedder.normalised(e.vector()));
            }
            return vectors;
        } catch (RuntimeException | LinkageError e) {
            // ONNX Runtime's native library missing (a native image, an unsupported CPU) is a failure to report, not a crash.
            LOG.errorf(e, "The in-process embedding model failed");
            throw new EmbeddingFailure("The in-process embedding model failed: " + e.getClass().getSimpleName()
                    + "; configure SYNAPSE_KNOWLEDGE_EMBEDDINGS_PROVIDER=openai and _BASE_URL instead");
        }
    }

    private AllMiniLmL6V2EmbeddingModel loaded() {
        AllMiniLmL6V2EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    long start = System.nanoTime();
                    model = new AllMiniLmL6V2EmbeddingModel();
                    LOG.infof("Loaded the in-process embedding model %s in %d ms", MODEL, (System.nanoTime() - start) / 1_000_000);
                }
                m = model;
            }
        }
        return m;
    }
}
